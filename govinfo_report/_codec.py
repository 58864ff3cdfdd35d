"""Reports as database rows and back: the one place that knows the corpus database's schema.

The ``reports`` table holds one row a file: its columns for queries (agency, year, template…)
and the whole report as compressed JSON (``Report.to_dict``), so that the report read back
equals the one written; ``cells`` and ``findings`` hold it again as rows for SQL. The corpus
run writes through :func:`report_rows`; the corpus rules read ``cells``; review pages read a
report back with :func:`read_report`. A database written before the ``report`` column existed
gains it on opening (:func:`open_schema`) and its rows are rebuilt from ``cells`` and
``findings`` (without title, notice, lines, prose or operands, which those rows never held).
"""

from __future__ import annotations

import datetime
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ._findings import Finding, Location, Severity, number_from_json
from ._keys import TABLE_SECTIONS
from ._model import CellColumns, CellRow, Metadata, Report, Source, as_columns, value_from_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    file TEXT PRIMARY KEY, sha256 TEXT, agency TEXT, agency_key TEXT, year INTEGER,
    template TEXT, published TEXT, format TEXT, encoding TEXT,
    extractor_active TEXT, extractor_applications TEXT, extractor_review_litigation TEXT,
    error_type TEXT, error_message TEXT, report BLOB
);
CREATE TABLE IF NOT EXISTS cells (
    file TEXT, key TEXT, value, extractor TEXT, origin TEXT, line INTEGER,
    start INTEGER, "end" INTEGER, source_text TEXT, confidence REAL, box TEXT,
    PRIMARY KEY (file, key)
);
CREATE TABLE IF NOT EXISTS findings (
    file TEXT, scope TEXT, seq INTEGER, code TEXT, severity TEXT, section TEXT, row TEXT,
    "column" TEXT, key TEXT, line INTEGER, expected, actual, message_zh TEXT, message_en TEXT,
    PRIMARY KEY (file, scope, seq)
);
"""
_REPORT_COLUMNS = (
    "file, sha256, agency, agency_key, year, template, published, format, encoding, "
    "extractor_active, extractor_applications, extractor_review_litigation, "
    "error_type, error_message, report"
)


_CELL_COLUMNS = (
    'file, key, value, extractor, origin, line, start, "end", source_text, confidence, box'
)


def _box_text(box: tuple[float, ...] | None) -> str | None:
    """A box as a column holds it: JSON ``[x0, top, x1, bottom]``."""
    return None if box is None else json.dumps([round(v, 2) for v in box])


def open_schema(db: sqlite3.Connection) -> None:
    """Create the tables, or bring a database of an earlier schema up to this one."""
    db.executescript(SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(reports)")}
    if "report" not in columns:  # written before reports kept the whole report
        db.execute("ALTER TABLE reports ADD COLUMN report BLOB")
    columns = {row[1] for row in db.execute("PRAGMA table_info(cells)")}
    for column, kind in (("confidence", "REAL"), ("box", "TEXT")):
        if column not in columns:  # written before cells kept how a scan was recognised
            db.execute(f"ALTER TABLE cells ADD COLUMN {column} {kind}")


def agency_key(agency: str | None) -> str | None:
    """The agency's name as it is matched across years: no spaces, brackets or punctuation."""
    if not agency:
        return None
    return "".join(ch for ch in agency if ch.isalnum())


def cell_value(value: Any) -> Any:
    """A value as a column holds it: an int as is, money as its decimal string."""
    return value if value is None or isinstance(value, int) else str(value)


def encode_report(report: Report) -> bytes:
    """The whole report, as compressed JSON."""
    return zlib.compress(json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8"))


def decode_report(blob: bytes) -> Report:
    """The report :func:`encode_report` wrote; ``ValueError`` for bytes it did not write."""
    try:
        text = zlib.decompress(blob).decode("utf-8")
    except zlib.error as exc:
        raise ValueError(f"the stored report is not compressed JSON: {exc}") from exc
    return Report.from_dict(json.loads(text))


def report_rows(
    file: str,
    sha256: str | None,
    report: Report | None,
    failure: tuple[str, str] | None,
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The ``reports`` row, the ``cells`` rows and the ``findings`` rows of one file's outcome:
    a report, or a failure ``(type, message)``."""
    extractors = report.extractors if report else {}
    head = (
        file,
        sha256,
        report.agency if report else None,
        agency_key(report.agency) if report else None,
        report.year if report else None,
        report.template if report else None,
        report.published.isoformat() if report and report.published else None,
        report.source.format if report else None,
        report.source.encoding if report else None,
        *(extractors.get(section) for section in TABLE_SECTIONS),
        failure[0] if failure else None,
        failure[1] if failure else None,
        encode_report(report) if report else None,
    )
    if report is None:
        return head, [], []
    cells = [
        (file, row.key, cell_value(row.value), *row[2:-1], _box_text(row.box))
        for row in as_columns(report.cells).rows()
    ]
    findings = [finding_row(file, "report", i, f) for i, f in enumerate(report.findings)]
    return head, cells, findings


def write_report(db: sqlite3.Connection, rows: tuple[Any, ...]) -> None:
    """Replace one file's rows (as :func:`report_rows` gives them) in ``db``."""
    head, cells, findings = rows
    file = head[0]
    for table in ("reports", "cells"):
        db.execute(f"DELETE FROM {table} WHERE file = ?", (file,))
    db.execute("DELETE FROM findings WHERE file = ? AND scope = 'report'", (file,))
    db.execute(f"INSERT INTO reports ({_REPORT_COLUMNS}) VALUES ({','.join('?' * 15)})", head)
    db.executemany(f"INSERT INTO cells ({_CELL_COLUMNS}) VALUES ({','.join('?' * 11)})", cells)
    db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", findings)


def finding_row(file: str, scope: str, seq: int, f: Finding) -> tuple[Any, ...]:
    """A row of the ``findings`` table."""
    where = f.location
    return (
        file, scope, seq, f.code, f.severity.value, where.section, where.row, where.column,
        where.key, where.line, cell_value(f.expected), cell_value(f.actual),
        f.message_zh, f.message_en,
    )  # fmt: skip


def store_corpus_findings(db: sqlite3.Connection, found: Sequence[tuple[str, Finding]]) -> None:
    """Replace the corpus findings (scope ``corpus``) in ``db`` by ``found``, in one transaction."""
    with db:
        db.execute("DELETE FROM findings WHERE scope = 'corpus'")
        seq: dict[str, int] = {}
        for file, f in found:
            seq[file] = seq.get(file, -1) + 1
            db.execute(
                "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                finding_row(file, "corpus", seq[file], f),
            )


def memory_database(
    filed: Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
) -> sqlite3.Connection:
    """An in-memory database of the corpus schema holding ``(file, head, cells)`` per report:
    ``head`` its agency, year and template, ``cells`` each key's ``(value, line)``."""
    db = sqlite3.connect(":memory:")
    open_schema(db)
    with db:
        for file, head, cells in filed:
            db.execute(
                "INSERT OR REPLACE INTO reports (file, agency, agency_key, year, template) "
                "VALUES (?,?,?,?,?)",
                (file, head["agency"], agency_key(head["agency"]), head["year"], head["template"]),
            )
            db.executemany(
                "INSERT OR REPLACE INTO cells (file, key, value, line) VALUES (?,?,?,?)",
                [(file, key, cell_value(value), line) for key, (value, line) in cells.items()],
            )
    return db


def _finding(row: Sequence[Any]) -> Finding:
    code, severity, section, row_, column, key, line, expected, actual, zh, en = row
    return Finding(
        code,
        Severity(severity),
        zh,
        en,
        Location(section, row_, column, key, line),
        number_from_json(expected),
        number_from_json(actual),
    )


def _stored_findings(db: sqlite3.Connection, file: str, scopes: Iterable[str]) -> list[Finding]:
    chosen = tuple(scopes)
    marks = ",".join("?" * len(chosen))
    rows = db.execute(
        'SELECT code, severity, section, row, "column", key, line, expected, actual, '
        f"message_zh, message_en FROM findings WHERE file = ? AND scope IN ({marks}) "
        "ORDER BY scope DESC, seq",
        (file, *chosen),
    )
    return [_finding(row) for row in rows]


def report_files(db: sqlite3.Connection) -> list[tuple[str, str | None, str | None]]:
    """``(file, error type, error message)`` of every row of ``reports``, by file."""
    rows = db.execute("SELECT file, error_type, error_message FROM reports ORDER BY file")
    return [(file, kind, message) for file, kind, message in rows]


def read_report(db: sqlite3.Connection, file: str) -> Report:
    """The report of ``file`` as it was written, its findings followed by the corpus rules';
    ``ValueError`` (or ``TypeError``, ``KeyError``) when a row was edited into nonsense."""
    (blob,) = db.execute("SELECT report FROM reports WHERE file = ?", (file,)).fetchone()
    if blob is None:
        return _rebuilt(db, file)
    report = decode_report(blob)
    corpus = _stored_findings(db, file, ("corpus",))
    return attrs.evolve(report, findings=(*report.findings, *corpus))


def _rebuilt(db: sqlite3.Connection, file: str) -> Report:
    """A report of a database of the earlier schema, from its ``reports``, ``cells`` and
    ``findings`` rows."""
    row = db.execute(
        "SELECT sha256, agency, year, template, published, format, encoding, "
        "extractor_active, extractor_applications, extractor_review_litigation "
        "FROM reports WHERE file = ?",
        (file,),
    ).fetchone()
    sha, agency, year, template, published, format_, encoding, *extractors = row
    cells = CellColumns.of_rows(
        CellRow(
            key,
            value_from_json(key, value),
            extractor or "unknown",
            origin or "table",
            line,
            start,
            end,
            text or "",
        )
        for key, value, extractor, origin, line, start, end, text in db.execute(
            'SELECT key, value, extractor, origin, line, start, "end", source_text '
            "FROM cells WHERE file = ?",
            (file,),
        )
    )
    metadata = Metadata(
        agency=agency,
        year=year,
        template=template,
        published=datetime.date.fromisoformat(published) if published else None,
    )
    return Report(
        metadata,
        cells,
        findings=tuple(_stored_findings(db, file, ("report", "corpus"))),
        extractors={s: e for s, e in zip(TABLE_SECTIONS, extractors, strict=True) if e is not None},
        source=Source(file, sha, encoding, format_ or "text"),
    )
