"""The normalise stage: one canonical spelling of the text, with a map back to original offsets.

Each step rewrites spans of the text; a :class:`_Step` remembers the rewrites so that an offset
in the final text can be followed back, step by step, to the character of the original document.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from itertools import accumulate
from typing import Any

import attrs
import regex

from .._model import Script

# Pinyin glosses that a converter glued after characters: 根據(jù), 規(guī), 現(xiàn).
# A gloss is lower-case Latin with at least one tone mark; real parentheses hold Chinese.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = regex.compile(rf"[(（][a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_INVISIBLE = regex.compile(f"[{_INVISIBLE_CHARS}]")
_LINE_BREAKS = "\r\u2028\u2029\x0b\x0c\x85"  # every line break but \n
_NEWLINES = regex.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Characters NFKC changes. The regex module's Unicode may be newer than unicodedata's, so this
# can name a few characters unicodedata leaves alone: each is checked.
_NFKC_CANDIDATE = regex.compile(r"\p{NFKC_Quick_Check=No}")
# Spaces a PDF or a careless editor put inside words: 三、本年 度办理 结果.
_SPACE_IN_WORD = regex.compile(r"(?<=\p{Han})[ ]+(?=\p{Han})")
_NOT_HAN = regex.compile(r"\P{Han}+")
# Page furniture a PDF leaves inside tables and sentences: "- 4 -", "第 4 页", "第4页/共9页".
# A marker may also run into the heading that opens the next page (- 4 -五、存在的主要问题…).
_PAGE_MARKER = regex.compile(
    r"^[ \t]*(?:[-—–][ \t]*\d{1,4}[ \t]*[-—–]"
    r"|第[ \t]*\d{1,4}[ \t]*[页頁](?:[ \t]*[,/共][^\n]{0,12}?)?)[ \t]*"
    r"(?:$|(?=(?:第)?[一二三四五六七八九十]{1,2}(?:部分)?[、.]))",
    regex.MULTILINE,
)
_PAGE_MARKER_CHARS = "-—–页頁"  # a page marker holds a dash or 页 (頁 before conversion)

# A document counts as Traditional when converting changes this share of its Han characters.
_TRADITIONAL_SHARE = 0.02
_TRADITIONAL_MIN = 5


@attrs.frozen
class _Step:
    """The rewrites of one step: where each starts and ends in the new and in the old text."""

    new_starts: tuple[int, ...]
    new_ends: tuple[int, ...]
    old_starts: tuple[int, ...]
    old_ends: tuple[int, ...]

    def back(self, offset: int) -> int:
        """Map an offset of the new text to the offset of the old text it came from."""
        i = bisect.bisect_right(self.new_starts, offset) - 1
        if i < 0:
            return offset
        if offset < self.new_ends[i]:
            return self.old_starts[i]  # inside a replacement: the start of what it replaced
        # Between rewrites the two texts run in step, shifted by a constant.
        return self.old_ends[i] + (offset - self.new_ends[i])

    def forward(self, offset: int) -> int:
        """Map an offset of the old text to the offset of the new text it went to."""
        i = bisect.bisect_right(self.old_starts, offset) - 1
        if i < 0:
            return offset
        if offset < self.old_ends[i]:
            return self.new_starts[i]  # inside what was replaced: the start of the replacement
        return self.new_ends[i] + (offset - self.old_ends[i])


@attrs.frozen
class _OffsetMap:
    """Several steps' maps made one: segments of one text, each mapped to one offset of the
    other (``const``) or shifted by a constant, so that an offset costs one bisect."""

    starts: tuple[int, ...]
    const: tuple[bool, ...]
    values: tuple[int, ...]

    @classmethod
    def of_step(cls, step: _Step, *, forward: bool = False) -> _OffsetMap:
        """The back map of one step (old → new with ``forward``)."""
        spans = (step.new_starts, step.new_ends, step.old_starts, step.old_ends)
        if forward:
            spans = (step.old_starts, step.old_ends, step.new_starts, step.new_ends)
        starts, const, values = [0], [False], [0]
        for start, end, to_start, to_end in zip(*spans, strict=True):
            if end > start:
                starts.append(start)
                const.append(True)
                values.append(to_start)
            starts.append(end)
            const.append(False)
            values.append(to_end - end)
        return cls(*_merged(starts, const, values))

    def at(self, offset: int) -> int:
        """Map ``offset`` through every step this map was made of."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.values[i] if self.const[i] else offset + self.values[i]

    def after(self, later: _OffsetMap) -> _OffsetMap:
        """This map applied to the result of ``later`` (``self ∘ later``)."""
        starts: list[int] = []
        const: list[bool] = []
        values: list[int] = []
        bounds = (*later.starts[1:], None)
        for start, end, is_const, value in zip(
            later.starts, bounds, later.const, later.values, strict=True
        ):
            if is_const:
                starts.append(start)
                const.append(True)
                values.append(self.at(value))
                continue
            # A shifted segment covers [start+value, end+value) of the middle text: split it
            # where this map's own segments begin.
            j = max(bisect.bisect_right(self.starts, start + value) - 1, 0)
            while j < len(self.starts) and (end is None or self.starts[j] < end + value):
                starts.append(max(start, self.starts[j] - value))
                const.append(self.const[j])
                values.append(self.values[j] if self.const[j] else self.values[j] + value)
                j += 1
        return _OffsetMap(*_merged(starts, const, values))


def _composed(steps: Iterable[_Step], *, forward: bool) -> _OffsetMap:
    """The maps of ``steps``, in the order they are followed, made one."""
    maps = iter(_OffsetMap.of_step(step, forward=forward) for step in steps)
    composed = next(maps)
    for later in maps:
        composed = later.after(composed)
    return composed


def _merged(
    starts: list[int], const: list[bool], values: list[int]
) -> tuple[tuple[int, ...], tuple[bool, ...], tuple[int, ...]]:
    """Drop empty segments and join neighbours that map alike."""
    segments: list[tuple[int, bool, int]] = []
    for segment in zip(starts, const, values, strict=True):
        if segments and segments[-1][0] == segment[0]:  # the earlier segment is empty
            segments.pop()
        previous = segments[-1] if segments else None
        if previous and not segment[1] and not previous[1] and previous[2] == segment[2]:
            continue  # one shift running on
        segments.append(segment)
    return (
        tuple(s[0] for s in segments),
        tuple(s[1] for s in segments),
        tuple(s[2] for s in segments),
    )


def _rewrite(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, _Step | None]:
    """Apply non-overlapping ``(start, end, replacement)`` edits in order; return text and step.

    A one-character replacement of one character moves no offset, so the step does not record
    it: most documents' full-width punctuation then costs nothing when provenance is mapped.
    """
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    old_starts: list[int] = []
    old_ends: list[int] = []
    pos = 0
    out_len = 0
    for start, end, replacement in edits:
        parts.append(text[pos:start])
        out_len += start - pos
        parts.append(replacement)
        if not (end - start == 1 == len(replacement)):
            new_starts.append(out_len)
            old_starts.append(start)
            old_ends.append(end)
            new_ends.append(out_len + len(replacement))
        out_len += len(replacement)
        pos = end
    if not parts:
        return text, None
    parts.append(text[pos:])
    if not new_starts:
        return "".join(parts), None
    step = _Step(tuple(new_starts), tuple(new_ends), tuple(old_starts), tuple(old_ends))
    return "".join(parts), step


def _sub(
    pattern: regex.Pattern[str], replacement: str, text: str, needles: str = ""
) -> tuple[str, _Step | None]:
    """Replace every match of ``pattern``; return the text and the step.

    ``needles``: characters one of which every match holds. Most documents hold none of them,
    and a substring test for each costs a fraction of the regex's scan of the text.
    """
    if needles and not any(needle in text for needle in needles):
        return text, None
    return _rewrite(text, ((m.start(), m.end(), replacement) for m in pattern.finditer(text)))


@cache
def _converter() -> Any:
    # Imported on first use: most callers parse Simplified text, and import time counts.
    import opencc  # noqa: PLC0415

    return opencc.OpenCC("t2s")


@cache
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _nfkc_fold(text: str) -> tuple[str, _Step | None]:
    """Fold each character to its NFKC form.

    Most folds are one character for one (full-width punctuation, digits and letters): those
    are made by ``str.replace``, a scan in C per distinct character, and move no offset. The
    few that change the length (㎡ → m2) are edits the step records.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text, None
    longer: dict[str, str] = {}
    for ch in set(_NFKC_CANDIDATE.findall(text)):
        folded = _nfkc(ch)
        if len(folded) == 1:
            text = text.replace(ch, folded)
        elif folded != ch:
            longer[ch] = folded
    if not longer:
        return text, None
    found = regex.finditer("|".join(map(regex.escape, longer)), text)
    return _rewrite(text, ((m.start(), m.end(), longer[m.group()]) for m in found))


def _changed(text: str, converted: str) -> int:
    """How many characters differ between two texts of one length: lines compared whole
    first (in C), characters only on the few lines a Simplified text has converted."""
    lines, converted_lines = text.split("\n"), converted.split("\n")
    if len(lines) != len(converted_lines) or any(
        len(a) != len(b) for a, b in zip(lines, converted_lines, strict=True)
    ):
        lines, converted_lines = [text], [converted]
    return sum(
        sum(a != b for a, b in zip(line, other, strict=True))
        for line, other in zip(lines, converted_lines, strict=True)
        if line != other
    )


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds (counted by removing the runs of others: one
    short string, not a list of one-character strings)."""
    return len(_NOT_HAN.sub("", text))


def _t2s(text: str) -> tuple[str, _Step | None, Script]:
    """Convert Traditional text to Simplified; leave Simplified text exactly as it is."""
    converted = _converter().convert(text)
    if converted == text:
        return text, None, "simplified"
    if len(converted) == len(text):
        changed = _changed(text, converted)
        if changed < _TRADITIONAL_MIN or changed / (han_count(text) or 1) < _TRADITIONAL_SHARE:
            return text, None, "simplified"
        return converted, None, "traditional"
    # A phrase conversion changed a length somewhere: convert line by line so that only
    # the lines whose length changed lose character-exact offsets.
    edits = []
    pos = 0
    for line in text.split("\n"):
        out = _converter().convert(line)
        if out != line and len(out) != len(line):
            edits.append((pos, pos + len(line), out))
        elif out != line:
            edits.extend(
                (pos + i, pos + i + 1, b)
                for i, (a, b) in enumerate(zip(line, out, strict=True))
                if a != b
            )
        pos += len(line) + 1
    new_text, step = _rewrite(text, edits)
    return new_text, step, "traditional"


@attrs.frozen
class NormalisedText:
    """The normalised text of a document, its original, and the way back between them."""

    text: str
    original: str
    script: Script
    steps: tuple[_Step, ...] = ()
    _line_starts: tuple[int, ...] = attrs.field(default=(), repr=False)

    @functools.cached_property
    def _back(self) -> _OffsetMap | None:
        """Every step's back map made one (made on first use); ``None`` when nothing moved."""
        return _composed(reversed(self.steps), forward=False) if self.steps else None

    @functools.cached_property
    def _forward(self) -> _OffsetMap:
        """Every step's forward map made one (made on first use)."""
        return _composed(self.steps, forward=True)

    def _back_map(self) -> _OffsetMap | None:
        return self._back

    def original_offset(self, offset: int) -> int:
        """Map an offset of :attr:`text` to the offset in :attr:`original` it came from."""
        back = self._back_map()
        if back is not None:
            offset = back.at(offset)
        return min(max(offset, 0), len(self.original))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`text` to the span of :attr:`original` it came from."""
        return self.span_mapper()(start, end)

    def span_mapper(self) -> Callable[[int, int], tuple[int, int]]:
        """A function mapping a span of :attr:`text` to the span of :attr:`original` it came
        from: made once, then called for each of a table's cells."""
        back = self._back_map()
        size = len(self.original)
        if back is None:

            def unmoved(start: int, end: int) -> tuple[int, int]:
                # Clamped by conditionals: min/max calls cost more than the rest.
                start = 0 if start < 0 else size if start > size else start
                return start, start if end < start else size if end > size else end

            return unmoved
        # The back map's lookup (``_OffsetMap.at``) inlined: this runs for every cell.
        starts, const, values = back.starts, back.const, back.values
        find = bisect.bisect_right

        def moved(start: int, end: int) -> tuple[int, int]:
            if end > start:  # one past the start of the span's last character
                i = find(starts, end - 1) - 1
                end = (values[i] if const[i] else end - 1 + values[i]) + 1
            else:
                end = -1  # an empty span: clamped onto its start below
            i = find(starts, start) - 1
            start = values[i] if const[i] else start + values[i]
            start = 0 if start < 0 else size if start > size else start
            return start, start if end < start else size if end > size else end

        return moved

    def span_placer(self) -> Callable[[int, int], tuple[int, int, int, str]]:
        """A function giving ``(line, start, end, text)`` in :attr:`original` of a span of
        :attr:`text`: made once, then called for each of a table's cells."""
        to_original = self.span_mapper()
        line_starts, original = self._line_starts, self.original
        find = bisect.bisect_right

        def place(start: int, end: int) -> tuple[int, int, int, str]:
            start, end = to_original(start, end)
            return find(line_starts, start), start, end, original[start:end]

        return place

    def normalised_offset(self, original: int) -> int:
        """Map an offset of :attr:`original` to the offset of :attr:`text` it went to."""
        return self.offset_mover()(original)

    def offset_mover(self) -> Callable[[int], int]:
        """:meth:`normalised_offset` as a function made once, then called for each offset of
        a page's tables (the forward map's lookup inlined)."""
        size = len(self.text)
        if not self.steps:
            return lambda offset: 0 if offset < 0 else size if offset > size else offset
        forward = self._forward
        starts, const, values = forward.starts, forward.const, forward.values
        find = bisect.bisect_right

        def move(offset: int) -> int:
            i = find(starts, offset) - 1
            offset = values[i] if const[i] else offset + values[i]
            # clamped by conditionals: min/max calls cost more than the rest
            return 0 if offset < 0 else size if offset > size else offset

        return move

    def original_line(self, offset: int) -> int:
        """The 1-based line of :attr:`original` holding original ``offset``."""
        return bisect.bisect_right(self._line_starts, offset)


_LONE_SURROGATE = regex.compile("[\ud800-\udfff]")


def normalise(original: str) -> NormalisedText:
    """Normalise ``original``: line ends, glosses, invisible characters, width, script, spacing.

    A lone surrogate (a reader's or a caller's broken character, which no encoding can write)
    reads as U+FFFD, in place, so that every offset holds.
    """
    if _LONE_SURROGATE.search(original):
        original = _LONE_SURROGATE.sub("\ufffd", original)
    steps: list[_Step] = []
    text = original

    def record(result: tuple[str, _Step | None]) -> None:
        nonlocal text
        text, step = result
        if step is not None:
            steps.append(step)

    record(_sub(_NEWLINES, "\n", text, _LINE_BREAKS))
    record(_sub(_GLOSS, "", text, _TONED))
    record(_sub(_INVISIBLE, "", text, _INVISIBLE_CHARS))
    record(_nfkc_fold(text))
    record(_sub(_PAGE_MARKER, "", text, _PAGE_MARKER_CHARS))
    text, step, script = _t2s(text)
    if step is not None:
        steps.append(step)
    record(_sub(_SPACE_IN_WORD, "", text))
    line_starts = tuple(
        accumulate((len(line) + 1 for line in original.split("\n")[:-1]), initial=0)
    )
    return NormalisedText(text, original, script, tuple(steps), line_starts)
