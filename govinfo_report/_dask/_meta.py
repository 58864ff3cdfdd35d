"""The columns and types of the three tables a Dask run makes, each derived from where the
local run defines it: the wide table from :func:`govinfo_report._wide.arrow_schema` (with the
columns of the corpus database's ``reports`` table it lacks), ``cells`` and ``findings`` from
the corpus database's tables, as :mod:`govinfo_report._codec` writes their rows.

A number column of the database (declared without a type: a count is an integer, money a
real) is a float64 here, its exact decimal text beside it, as in SQLite; a count too large to
be a float exactly (only a hand-made report states one) keeps its digits in that text as well.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pandas as pd
import pyarrow as pa

from .._codec import open_schema
from .._frames import pandas_type
from .._wide import HEAD, MOST_DECIMALS, arrow_schema

#: The hive partitions of the stored tables: a year can be read alone.
PARTITIONS = ("year", "template")
#: The column of ``reports`` no Dask table holds: the whole report, compressed (the three
#: tables hold what it says).
_BLOB = "report"
# Integers a float64 holds exactly.
_EXACT_FLOAT = 2**53


def _declared(table: str) -> list[tuple[str, str]]:
    """``(column, declared type)`` of a corpus database table, in its order."""
    db = sqlite3.connect(":memory:")
    try:
        open_schema(db)
        return [(name, kind) for _, name, kind, *_ in db.execute(f"PRAGMA table_info({table})")]
    finally:
        db.close()


def _arrow_type(kind: str) -> Any:
    """The Arrow type of a database column by its declared type; none declared: a number."""
    return {"TEXT": pa.string(), "INTEGER": pa.int64()}.get(kind.upper(), pa.float64())


def _schema(table: str) -> Any:
    return pa.schema([pa.field(name, _arrow_type(kind)) for name, kind in _declared(table)])


#: The columns of a ``reports`` row (:func:`govinfo_report._codec.report_rows`).
REPORT_COLUMNS = tuple(name for name, _ in _declared("reports"))
#: The columns of ``reports`` the wide table lacks: the agency as matched across years, the
#: format and encoding read, the extractor of each table, and the error's type and message.
EXTRA_COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in HEAD and c != _BLOB)
CELLS = _schema("cells")
FINDINGS = _schema("findings")


def _wide_schema() -> Any:
    """The wide table with money at the widest scale (19 decimals hold any amount exactly,
    and every partition must have one type) and :data:`EXTRA_COLUMNS` after ``unknown``."""
    schema = arrow_schema(MOST_DECIMALS)
    at = schema.get_field_index("unknown") + 1
    for offset, name in enumerate(EXTRA_COLUMNS):
        schema = schema.insert(at + offset, pa.field(name, pa.string()))
    return schema


WIDE = _wide_schema()
#: The cells the corpus rules compare, with their report's agency, year and template: one
#: row per cell, or one row without a key for a report holding none of them.
COMPARED = pa.schema(
    [
        WIDE.field("file"),
        WIDE.field("agency_key"),
        WIDE.field("year"),
        WIDE.field("template"),
        *(CELLS.field(name) for name in ("key", "value", "exact", "line")),
    ]
)


def _numbers(table: str) -> dict[str, str]:
    """``{number column: its exact text column}`` of a corpus database table: the columns
    declared without a type."""
    names = {name for name, _ in _declared(table)}
    return {
        name: f"{name}_exact" if f"{name}_exact" in names else "exact"
        for name, kind in _declared(table)
        if not kind
    }


#: The number columns of ``cells`` and ``findings``, each with its exact text column.
NUMBERS = {"cells": _numbers("cells"), "findings": _numbers("findings")}


def table_of(rows: Sequence[Sequence[Any]], schema: Any, numbers: dict[str, str]) -> Any:
    """``rows`` (tuples in ``schema``'s order, as the codec writes them) as an Arrow table;
    an integer of a number column that no float holds exactly keeps its digits in its exact
    text column."""
    names = schema.names
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else []
    columns = columns or [[] for _ in names]
    for column, exact in numbers.items():
        values, texts = columns[names.index(column)], columns[names.index(exact)]
        for i, value in enumerate(values):
            if isinstance(value, int):
                if abs(value) > _EXACT_FLOAT and texts[i] is None:
                    texts[i] = str(value)
                values[i] = float(value)
    arrays = [pa.array(column, type=f.type) for column, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def frame_of(table: Any) -> pd.DataFrame:
    """An Arrow table as a typed pandas DataFrame (the dtypes of ``to_dataframe``)."""
    frame: pd.DataFrame = table.to_pandas(types_mapper=pandas_type)
    return frame


def meta(schema: Any) -> pd.DataFrame:
    """The empty DataFrame of ``schema``: the ``meta`` of a Dask DataFrame."""
    return frame_of(schema.empty_table())


def number(value: Any, exact: Any) -> int | Decimal | None:
    """A number read back from its two columns: money its exact ``Decimal``, a count an int."""
    if isinstance(exact, str):
        return Decimal(exact)
    if value is None or pd.isna(value):
        return None
    return int(value)
