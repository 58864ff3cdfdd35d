"""Reading cells for rules: values with blanks as zero, and operands that carry their source."""

from __future__ import annotations

from collections.abc import Sequence

from .._findings import Location, Number, Operand
from .._keys import TABLE_SECTIONS, all_keys
from .._model import Report, as_columns


def operand(report: Report, key: str) -> Operand:
    """The cell ``key`` as an operand: value and source position."""
    columns = as_columns(report.cells)
    return Operand(key, columns.value_of(key), *columns.place_of(key))


def operands(report: Report, keys: Sequence[str]) -> tuple[Operand, ...]:
    """The cells ``keys`` (all known) as operands."""
    return tuple(operand(report, k) for k in keys)


def values(report: Report, keys: Sequence[str]) -> list[Number | None] | None:
    """The values of cells ``keys`` (``None`` for a blank), or ``None`` when one is unknown."""
    try:
        return as_columns(report.cells).values_of(keys)
    except KeyError:
        return None


def total(values: Sequence[Number | None]) -> Number:
    """The sum of ``values``, blank cells counted as zero."""
    # An int plus a Decimal is a Decimal: money sums stay exact.
    return sum([value for value in values if value is not None])


def blanks_note(values: Sequence[Number | None]) -> tuple[str, str]:
    """A note for a message when blank cells were counted as zero."""
    if any(value is None for value in values):
        return "（空白单元格按0计）", " (blank cells counted as 0)"
    return "", ""


def column_label(key: str) -> str:
    """The Chinese label of the column of cell ``key`` (自然人, 总计…)."""
    return all_keys()[key].column_label


def row_label(key: str) -> str:
    """The Chinese label of the row of cell ``key`` (（一）予以公开…)."""
    return all_keys()[key].row_label


def at(report: Report, key: str) -> Location:
    """The location of cell ``key``: part, row, column and source position."""
    spec = all_keys()[key]
    columns = as_columns(report.cells)
    line, start, end = columns.place_of(key) if key in columns else (None, None, None)
    return Location(
        section=TABLE_SECTIONS[spec.section],
        row=spec.row,
        column=spec.column,
        key=key,
        line=line,
        start=start,
        end=end,
    )
