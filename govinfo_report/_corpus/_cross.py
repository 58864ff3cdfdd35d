"""Rules across the reports of one agency in consecutive years, run over a corpus database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from .._codec import open_schema, store_corpus_findings
from .._findings import Finding, Location, Operand
from .._keys import APPLICANTS
from ..rules import CORPUS_RULES, Violation

_COLUMNS = (*APPLICANTS, "total")
_DOCUMENT_ROWS = ("regulations", "normative_documents")
#: The cells the corpus rules compare across years.
COMPARED = (
    *(f"applications.carried_{way}.{column}" for way in ("forward", "over") for column in _COLUMNS),
    *(
        f"active.{row}.{column}"
        for row in _DOCUMENT_ROWS
        for column in ("in_force", "issued", "repealed")
    ),
)

#: ``{key: (value, line)}`` of one report.
Values = dict[str, tuple[object, int | None]]


def _compared(db: sqlite3.Connection) -> dict[str, Values]:
    """The cells the rules compare, of every file: read by key, from the index of keys."""
    marks = ",".join("?" * len(COMPARED))
    found: dict[str, Values] = {}
    rows = db.execute(f"SELECT file, key, value, line FROM cells WHERE key IN ({marks})", COMPARED)
    for file, key, value, line in rows:
        found.setdefault(file, {})[key] = (value, line)
    return found


def _pairs(db: sqlite3.Connection) -> Iterator[tuple[str, str, int, str]]:
    """``(last year's file, this year's file, year, template)`` for each agency's next year.

    An agency with two reports for one year is skipped for that year: which is right is unknown.
    """
    rows = db.execute(
        "SELECT agency_key, year, file, template FROM reports "
        "WHERE error_type IS NULL AND agency_key IS NOT NULL AND year IS NOT NULL "
        "ORDER BY agency_key, year, file"
    ).fetchall()
    by_year: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for agency, year, file, template in rows:
        by_year.setdefault((agency, year), []).append((file, template))
    for (agency, year), files in sorted(by_year.items()):
        last = by_year.get((agency, year - 1))
        if len(files) == 1 and last is not None and len(last) == 1:
            yield last[0][0], files[0][0], year, files[0][1]


def cross_findings(db: sqlite3.Connection) -> list[tuple[str, Finding]]:
    """Findings of the corpus rules: ``(file of this year's report, finding)``."""
    out: list[tuple[str, Finding]] = []
    compared = _compared(db)
    for last_file, this_file, year, template in _pairs(db):
        last, this = compared.get(last_file, {}), compared.get(this_file, {})
        for column in _COLUMNS:
            forward = last.get(f"applications.carried_forward.{column}")
            over = this.get(f"applications.carried_over.{column}")
            if forward is None or over is None or forward[0] is None or over[0] is None:
                continue
            if forward[0] != over[0]:
                key = f"applications.carried_over.{column}"
                violation = Violation(
                    f"{year}年上年结转（{column}）为{over[0]}，"
                    f"{year - 1}年报告结转下年度为{forward[0]}",
                    f"{year} carried over ({column}) is {over[0]}, the {year - 1} report carried "
                    f"forward {forward[0]}",
                    Location("三", "carried_over", column, key, over[1]),
                    expected=int(str(forward[0])),
                    actual=int(str(over[0])),
                    operands=(
                        Operand(
                            f"applications.carried_forward.{column}",
                            int(str(forward[0])),
                            forward[1],
                        ),
                        Operand(key, int(str(over[0])), over[1]),
                    ),
                )
                out.append((this_file, CORPUS_RULES["GIR601"].finding(violation)))
        if template != "2021":
            continue
        for row in _DOCUMENT_ROWS:
            names = (f"active.{row}.in_force", f"active.{row}.issued", f"active.{row}.repealed")
            before, (now, issued, repealed) = last.get(names[0]), (this.get(n) for n in names)
            values = (before, now, issued, repealed)
            if any(v is None or v[0] is None for v in values):
                continue
            assert before and now and issued and repealed
            expected = int(str(before[0])) + int(str(issued[0])) - int(str(repealed[0]))
            if expected != int(str(now[0])):
                violation = Violation(
                    f"{row}：上年现行有效{before[0]} + 本年制发{issued[0]} − 废止{repealed[0]} "
                    f"= {expected}，本年现行有效为{now[0]}",
                    f"{row}: last year in force {before[0]} + issued {issued[0]} − repealed "
                    f"{repealed[0]} = {expected}, this year {now[0]} in force",
                    Location("二", row, "in_force", names[0], now[1]),
                    expected=expected,
                    actual=int(str(now[0])),
                )
                out.append((this_file, CORPUS_RULES["GIR602"].finding(violation)))
    return out


def store_cross_findings(db: sqlite3.Connection) -> list[tuple[str, Finding]]:
    """Recompute the corpus findings and store them (scope ``corpus``) in one transaction;
    a database of an earlier schema is upgraded first."""
    open_schema(db)
    found = cross_findings(db)
    store_corpus_findings(db, found)
    return found
