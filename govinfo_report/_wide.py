"""The wide row: one report, or one file that could not be read, as one row of a table.

Every wide output is written from it: the DataFrame, Parquet, CSV and the Excel workbook of a
corpus run. A blank cell is ``None`` in ``values``; an unknown cell is absent from ``values``
and named in ``unknown``, so the two never look alike.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from types import ModuleType
from typing import Any, NamedTuple

from ._findings import Finding
from ._hints import extra_hint
from ._keys import TEMPLATES, all_keys, keys
from ._model import Report, Value

#: Every canonical key of either template, 2021 first: the key columns of the wide table.
KEY_COLUMNS = tuple(dict.fromkeys(k.key for t in TEMPLATES for k in keys(t)))
#: Money as Arrow holds it, in 万元: ``decimal128(38, scale)``. The scale is 6 (a sum in 元 to
#: the 分), or as many decimals as the finest value of the table has: a report states at most 15
#: integer digits and 15 decimals (``limits.MOST_DIGITS``), and a sum in 元 gains four more
#: decimals on the way to 万元, so 19 integer digits and 19 decimals hold any of them.
MONEY_PRECISION, MONEY_SCALE, MOST_DECIMALS = 38, 6, 19
_MONEY_BOUND = Decimal(10) ** (MONEY_PRECISION - MOST_DECIMALS)
_INT64 = 2**63
_BATCH = 1024
#: The flat columns of a finding, in the corpus findings files and the Excel findings sheets.
FINDING_COLUMNS = (
    "file", "code", "severity", "section", "row", "column", "key", "line", "expected", "actual",
    "message_zh", "message_en",
)  # fmt: skip


class WideRow(NamedTuple):
    """One row of the wide table: metadata, then the value of each canonical key."""

    file: str | None
    sha256: str | None
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    published: datetime.date | None = None
    #: ``"Type: message"`` for a file that could not be read.
    error: str | None = None
    #: The template's keys the report has no cell for; ``None`` for a file that failed.
    unknown: tuple[str, ...] | None = None
    #: ``{key: value}`` of the cells the report holds; a blank cell is ``None``.
    values: Mapping[str, Value] = {}

    def cells(self) -> tuple[Any, ...]:
        """The row in :data:`COLUMNS` order (``None`` for blank, unknown and absent keys)."""
        return (*self[:-1], *(self.values.get(key) for key in KEY_COLUMNS))


#: The wide table's columns: the metadata of :class:`WideRow`, then every canonical key.
HEAD = WideRow._fields[:-1]
COLUMNS = (*HEAD, *KEY_COLUMNS)


def error_text(kind: str, message: str) -> str:
    """A failure as the ``error`` column holds it."""
    return f"{kind}: {message}"


def unknown_keys(report: Report) -> tuple[str, ...]:
    """The keys of the report's template (of either, when it is not known) with no cell."""
    wanted = (k.key for k in keys(report.template)) if report.template else KEY_COLUMNS
    return tuple(key for key in wanted if key not in report.cells)


def wide_row(
    file: str | None, sha256: str | None, report: Report | None, error: str | None = None
) -> WideRow:
    """The row of one file's outcome; ``ValueError`` for a value no column holds exactly."""
    if report is None:
        return WideRow(file, sha256, error=error)
    spec = all_keys()
    values = {
        key: _held(file, key, value, spec[key].kind == "money")
        for key, value in report.to_flat().items()
        if key in spec
    }
    return WideRow(
        file,
        sha256,
        report.agency,
        report.year,
        report.template,
        report.published,
        error,
        unknown_keys(report),
        values,
    )


def _held(file: str | None, key: str, value: Value, money: bool) -> Value:
    """``value`` as its column holds it (a count an int, an amount a ``Decimal``), checked to
    fit; ``ValueError`` otherwise, as no column rounds."""
    if value is None:
        return None
    if money and isinstance(value, int):
        value = Decimal(value)  # exact
    if money == isinstance(value, Decimal) and fits(value):
        return value
    raise ValueError(
        f"{file}: {key} is {value!r}, which the wide table cannot hold exactly (counts: "
        f"64-bit integers; money: decimals of {MOST_DECIMALS} digits either side of the point)"
    )


def fits(value: int | Decimal) -> bool:
    """True when ``value`` is a 64-bit integer (a count), or an amount of at most 19 digits on
    either side of the point."""
    if isinstance(value, int):
        return -_INT64 <= value < _INT64
    return value.is_finite() and abs(value) < _MONEY_BOUND and decimals(value) <= MOST_DECIMALS


def decimals(value: Decimal) -> int:
    """The decimals a finite ``value`` needs: ``6.830`` needs 2, ``0E-19`` none."""
    digits, exponent = _trimmed(value)
    return max(0, -exponent) if digits else 0


def significant_digits(value: Decimal) -> int:
    """The significant digits of a finite ``value``: ``6.830`` has 3, ``0E-19`` one."""
    return max(1, len(_trimmed(value)[0]))


def _trimmed(value: Decimal) -> tuple[str, int]:
    """The digits of ``value`` without trailing zeros, and the exponent they then have."""
    _, digits, exponent = value.as_tuple()
    text = "".join(map(str, digits))
    kept = text.rstrip("0")
    assert isinstance(exponent, int), value  # finite
    return kept, exponent + len(text) - len(kept)


def text_cells(row: WideRow) -> list[str]:
    """The row as text, as CSV writes it: blank and unknown cells empty, ``unknown`` the
    unknown keys separated by spaces, money in plain digits (never an exponent)."""
    return [_text(value) for value in row.cells()]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def finding_cells(file: str | None, f: Finding) -> tuple[Any, ...]:
    """A finding as a flat row of :data:`FINDING_COLUMNS` (numbers stay numbers)."""
    where = f.location
    return (
        file, f.code, f.severity.value, where.section, where.row, where.column, where.key,
        where.line, f.expected, f.actual, f.message_zh, f.message_en,
    )  # fmt: skip


def optional(module: str, extra: str, what: str) -> ModuleType:
    """Import an optional dependency; ``ImportError`` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{what} needs {module}: {extra_hint(extra)}") from exc


def arrow_schema(scale: int = MONEY_SCALE) -> Any:
    """The wide table's Arrow schema: int64 counts, ``decimal128(38, scale)`` money, string
    metadata, a date32 publication date and the unknown keys as a list of strings; each key's
    field carries its Chinese label and kind as metadata."""
    pa = optional("pyarrow", "data", "the wide table")
    money = pa.decimal128(MONEY_PRECISION, scale)
    head = [
        pa.field("file", pa.string()),
        pa.field("sha256", pa.string()),
        pa.field("agency", pa.string()),
        pa.field("year", pa.int64()),
        pa.field("template", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("error", pa.string()),
        # named as Parquet names a list's items, so that the schema read back is this one
        pa.field("unknown", pa.list_(pa.field("element", pa.string()))),
    ]
    spec = all_keys()
    columns = [
        pa.field(
            key,
            money if spec[key].kind == "money" else pa.int64(),
            metadata={"label": spec[key].label, "kind": spec[key].kind},
        )
        for key in KEY_COLUMNS
    ]
    return pa.schema([*head, *columns])


def arrow_table(rows: Iterable[WideRow]) -> Any:
    """``rows`` as a ``pyarrow.Table`` of :func:`arrow_schema`, its money scale the smallest
    (from 6) that holds every amount exactly."""
    pa = optional("pyarrow", "data", "the wide table")
    widest = arrow_schema(MOST_DECIMALS)  # holds any amount; narrowed once all are seen
    money = [k for k in KEY_COLUMNS if all_keys()[k].kind == "money"]
    scale = MONEY_SCALE
    batches = []
    for chunk in _chunks(rows):
        amounts = (row.values.get(k) for row in chunk for k in money)
        needed = (decimals(v) for v in amounts if isinstance(v, Decimal))
        scale = max([scale, *needed])
        cells = [row.cells() for row in chunk]
        arrays = [pa.array([row[i] for row in cells], type=f.type) for i, f in enumerate(widest)]
        batches.append(pa.RecordBatch.from_arrays(arrays, schema=widest))
    # Narrowing the scale is exact: no amount has more decimals than ``scale``.
    return pa.Table.from_batches(batches, schema=widest).cast(arrow_schema(scale))


def _chunks(rows: Iterable[WideRow]) -> Iterator[list[WideRow]]:
    chunk: list[WideRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
