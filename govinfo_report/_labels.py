"""Row labels: which row of a table a printed label names, and how surely.

A label is compared by its core (numbering, spaces and punctuation removed) with the official
labels of its section: the same core is :attr:`LabelMatch.EXACT`; the start of exactly one label,
or a label with words after it, :attr:`LabelMatch.PREFIX`; a spelling nearly alike,
:attr:`LabelMatch.CLOSE`. The extractors and the mapping ask the same index.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Mapping
from functools import cache

import attrs
import regex

from ._keys import SectionName, Template, section_keys


class LabelMatch(enum.IntEnum):
    """How surely a printed label names a row: ordered, so a better match compares greater."""

    NONE = 0
    CLOSE = 1
    PREFIX = 2
    EXACT = 3


_NUMBERING = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.,:]|[(][一二三四五六七八九十\d]+[)]|\d+[.、,]|第[一二三四五六七八九十]+[、.]?)\s*"
)
_NOT_WORD = regex.compile(r"[^\p{Han}\p{L}\d]+")
_FUZZY_CUTOFF = 0.8
_MIN_PARTIAL = 3
_GRADED_MAX = 4096  # distinct label spellings remembered per section index


def label_core(label: str) -> str:
    """The comparable core of a row label: numbering, spaces and punctuation removed.

    Document text arrives NFKC-folded; the official labels are folded here the same way.
    """
    label = unicodedata.normalize("NFKC", label).strip()
    while True:
        stripped = _NUMBERING.sub("", label, count=1)
        if stripped == label:
            break
        label = stripped
    return _NOT_WORD.sub("", label)


@attrs.frozen
class LabelIndex:
    """Row labels of one section of one template: core → row (``None`` for group headings)."""

    by_core: Mapping[str, str | None]
    # Reports repeat the template's labels, so each spelling is graded once per process.
    _graded: dict[str, tuple[LabelMatch, str | None]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    def grade(self, text: str) -> tuple[LabelMatch, str | None]:
        """``(quality, row)`` of ``text`` as a label of the section (``row`` ``None`` when
        ``quality`` is :attr:`LabelMatch.NONE`, or for a group heading)."""
        graded = self._graded.get(text)
        if graded is None:
            if len(self._graded) >= _GRADED_MAX:
                self._graded.clear()
            graded = self._graded[text] = self._grade(text)
        return graded

    def _grade(self, text: str) -> tuple[LabelMatch, str | None]:
        core = label_core(text)
        if len(core) < 2:
            return LabelMatch.NONE, None
        if core in self.by_core:
            return LabelMatch.EXACT, self.by_core[core]
        if len(core) < _MIN_PARTIAL:
            return (
                LabelMatch.NONE,
                None,
            )  # 申请, 其他: a fragment this short names no row for certain
        # The start of a label (wrapped, or cut short), or a label with words after it; a
        # label as short as 其他 or 规章 starts too many other texts to be told by its start.
        prefixed = {
            row
            for known, row in self.by_core.items()
            if known.startswith(core) or (len(known) > _MIN_PARTIAL and core.startswith(known))
        }
        if len(prefixed) == 1:
            return LabelMatch.PREFIX, prefixed.pop()
        close = difflib.get_close_matches(core, self.by_core, n=2, cutoff=_FUZZY_CUTOFF)
        if len(close) == 1 or (
            len(close) == 2 and self.by_core[close[0]] == self.by_core[close[1]]
        ):
            return LabelMatch.CLOSE, self.by_core[close[0]]
        if len(close) == 2 and _clearly_closer(core, *close):
            # 年新收政府信息公开申请数量 lost 本: 上年结转…申请数量 is near, 本年新收… nearer.
            return LabelMatch.CLOSE, self.by_core[close[0]]
        return LabelMatch.NONE, None

    def match(self, text: str) -> tuple[bool, str | None]:
        """``(matched, row)``: whether ``text`` is a known label, and the row it names."""
        quality, row = self.grade(text)
        return quality > 0, row


# How much nearer the nearest label must be than the next for a near spelling to name it.
_CLEARLY_CLOSER = 0.1


def _clearly_closer(core: str, nearest: str, next_nearest: str) -> bool:
    ratio = difflib.SequenceMatcher(None, core, nearest).ratio()
    return ratio - difflib.SequenceMatcher(None, core, next_nearest).ratio() >= _CLEARLY_CLOSER


@cache
def label_index(template: Template, section: SectionName) -> LabelIndex:
    by_core: dict[str, str | None] = {}
    for key in section_keys(template, section):
        if key.group_label and section == "applications":
            by_core.setdefault(label_core(key.group_label), None)
    for key in section_keys(template, section):
        by_core[label_core(key.row_label)] = key.row
    return LabelIndex(by_core)


def label_row(
    template: Template, section: SectionName, text: str, *, exact: bool = False
) -> tuple[LabelMatch, str | None]:
    """``(quality, row)`` of ``text`` as a row label of the section; ``row`` is ``None`` when
    it names no row.

    With ``exact`` only an exact label counts (and the costlier near matches are not tried).
    """
    index = label_index(template, section)
    if exact:
        core = label_core(text)
        if core in index.by_core:
            return LabelMatch.EXACT, index.by_core[core]
        return LabelMatch.NONE, None
    return index.grade(text)
