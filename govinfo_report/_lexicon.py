"""The cell lexicon: how a table writes a number, an empty cell and a rule line."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

#: Marks agencies write for an empty cell; "——" (a Chinese dash) and "--" are how OCR and LLM
#: output often write one.
BLANK_MARKS = frozenset({"-", "−", "—", "–", "/", "／", "\\", "——", "--"})
#: A number as a cell writes it: sign, thousands separators, decimals, a unit.
NUMBER = regex.compile(
    r"(?P<sign>[+\-−]?)\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?\s*"
    r"(?P<unit>万元|元|件|个|项|条|宗|次)?"
)
# A cell that holds a value: a number, or a mark for an empty cell.
VALUE = regex.compile(
    "|".join((NUMBER.pattern, *(regex.escape(m) for m in sorted(BLANK_MARKS, key=len)[::-1])))
)
# A horizontal rule (markdown or drawn with dashes) is decoration, never a cell.
RULE = regex.compile(r"(?=.*[-=_—–]{3})[-=_—–:|\s]+")


def is_rule(text: str) -> bool:
    """True when ``text`` is a horizontal rule (``------``, ``|---|---|``), not a row."""
    return may_hold_rule(text) and RULE.fullmatch(text) is not None


def may_hold_rule(text: str) -> bool:
    """False when ``text`` holds none of a rule's characters (most lines: cheaper than the
    pattern)."""
    # Most lines hold none of a rule's characters: substring tests are cheaper than the regex.
    return "-" in text or "=" in text or "_" in text or "—" in text or "–" in text


def is_value(text: str) -> bool:
    """True when ``text`` (stripped) is a number or an empty-cell mark, not a label."""
    if text.isascii() and text.isdigit():  # most cells: a plain count
        return True
    return _is_value(text)


@lru_cache(maxsize=8192)  # the labels of the template come back in every report
def _is_value(text: str) -> bool:
    return VALUE.fullmatch(text.strip()) is not None


_DELIMITED_SHARE = 0.3


def mostly_delimited(lines: Sequence[str]) -> bool:
    """True when enough of ``lines`` are tab or pipe rows to belong to a delimited layout."""
    return (
        bool(lines)
        and sum("\t" in line or "|" in line for line in lines) / len(lines) >= _DELIMITED_SHARE
    )
