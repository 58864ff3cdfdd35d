"""Reading one cell's text as the value its column holds: a count, a signed count or money."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import attrs

from .._keys import Kind
from .._lexicon import BLANK_MARKS, NUMBER
from ..limits import MOST_DIGITS

_TEN_THOUSAND = Decimal(10000)
# Letters a recogniser (or a typist) gives for a digit: O/o/D for 0, l/I/| for 1, Z for 2,
# S/s for 5, b/G for 6, B for 8, g/q for 9.
_DIGIT_LOOKALIKES = str.maketrans("OoDlI|ZSsbGBgq", "00011125566899")


@attrs.frozen
class Reading:
    """The value read from a cell, or the finding code, the case of its message and the text
    (as the message quotes it) why none could be read."""

    value: int | Decimal | None = None
    problem: str | None = None
    case: str = ""
    text: str = ""
    digits: int = 0
    #: The number a text of look-alike letters resembles (``1O`` → ``10``).
    candidate: str = ""


@lru_cache(maxsize=8192)  # tables repeat a few small numbers: 0, 1, 2…
def read_value(text: str, kind: Kind) -> Reading:
    """Read ``text`` as a value of ``kind``; a blank cell reads as ``None``, never as 0."""
    text = text.strip()
    if not text or text in BLANK_MARKS:
        return Reading(None)
    m = NUMBER.fullmatch(text)
    if m is None:
        candidate = text.translate(_DIGIT_LOOKALIKES)
        if candidate != text and NUMBER.fullmatch(candidate):
            # A recogniser's slip (or a typist's): never read as the number it resembles.
            return Reading(problem="GIR201", case="confusable", text=text, candidate=candidate)
        return Reading(problem="GIR201", text=text)
    digits = len(m.group("digits")) - m.group("digits").count(",")
    if digits > MOST_DIGITS or len(m.group("fraction") or "") > MOST_DIGITS:
        # No table counts past a trillion: a longer run is no count (and would overflow
        # the integer columns of a database).
        return Reading(problem="GIR201", case="too_long", text=text[:24], digits=digits)
    negative = m.group("sign") in ("-", "−")
    number = Decimal(m.group("digits").replace(",", "") + (m.group("fraction") or ""))
    unit = m.group("unit")
    if kind == "money":
        if unit not in (None, "万元", "元"):
            return Reading(problem="GIR201", case="not_money", text=text)
        if unit == "元":
            number = number / _TEN_THOUSAND  # exact: the canonical unit is 万元
        return Reading(-number if negative else number)
    if unit in ("万元", "元"):
        return Reading(problem="GIR201", case="money_in_count", text=text)
    if number != number.to_integral_value():
        return Reading(problem="GIR202", text=text)
    count = int(number)
    return Reading(-count if negative else count)
