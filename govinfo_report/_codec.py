"""Reports as database rows and back: the one place that reads and writes the corpus database.

The ``reports`` table holds one row a file: its columns for queries (agency, year, template…)
and the whole report as compressed JSON (``Report.to_dict``), so that the report read back
equals the one written; ``cells``, ``findings`` and ``prose`` hold it again as rows for SQL.
The corpus run writes through :func:`report_rows`; the corpus rules read ``cells``; review
pages read a report back with :func:`read_report`. The schema is ``_codec_schema``; opening a
database, and upgrading one an earlier version wrote, is ``_codec_open``. A report of a
database written before the ``report`` column existed is rebuilt from its ``cells`` and
``findings`` (without title, notice, lines, prose or operands, which those rows never held).
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import attrs

from ._codec_open import open_schema
from ._codec_schema import decode_report as _decode_data
from ._codec_schema import encode_report as _encode_data
from ._codec_schema import number_columns
from ._findings import Finding, Location, Number, Severity
from ._keys import TABLE_SECTIONS
from ._model import CellColumns, CellRow, Metadata, Report, Source, as_columns, value_from_json

__all__ = [
    "ReportRows",
    "agency_key",
    "cell_value",
    "corpus_finding_rows",
    "decode_report",
    "encode_report",
    "memory_database",
    "open_schema",
    "read_report",
    "report_files",
    "report_rows",
    "store_corpus_findings",
    "write_report",
]

_REPORT_COLUMNS = (
    "file", "sha256", "agency", "agency_key", "year", "template", "published", "format",
    "encoding", "extractor_active", "extractor_applications", "extractor_review_litigation",
    "error_type", "error_message", "report",
)  # fmt: skip
_CELL_COLUMNS = (
    'file, key, value, exact, extractor, origin, line, start, "end", source_text, confidence, box'
)
_FINDING_COLUMNS = (
    'file, scope, seq, code, severity, section, row, "column", key, line, '
    "expected, expected_exact, actual, actual_exact, message_zh, message_en"
)
# A file written again keeps its row (and so the corpus findings that point at it, which
# deleting the row would cascade away), updated in place.
_UPSERT_REPORT = (
    f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_REPORT_COLUMNS))}) ON CONFLICT (file) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _REPORT_COLUMNS[1:])
)
_INSERT_CELL = f"INSERT INTO cells ({_CELL_COLUMNS}) VALUES ({', '.join('?' * 12)})"
_INSERT_FINDING = f"INSERT INTO findings ({_FINDING_COLUMNS}) VALUES ({', '.join('?' * 16)})"
_INSERT_PROSE = "INSERT INTO prose (file, part, text) VALUES (?, ?, ?)"


class ReportRows(NamedTuple):
    """One file's rows: of ``reports``, ``cells``, ``findings`` and ``prose``."""

    report: tuple[Any, ...]
    cells: list[tuple[Any, ...]]
    findings: list[tuple[Any, ...]]
    prose: list[tuple[str, str, str]]


def _box_text(box: tuple[float, ...] | None) -> str | None:
    """A box as a column holds it: JSON ``[x0, top, x1, bottom]``."""
    return None if box is None else json.dumps([round(v, 2) for v in box])


def agency_key(agency: str | None) -> str | None:
    """The agency's name as it is matched across years: no spaces, brackets or punctuation."""
    if not agency:
        return None
    return "".join(ch for ch in agency if ch.isalnum())


def cell_value(value: Any) -> Any:
    """A value as a line output holds it: an int as is, money as its decimal string."""
    return value if value is None or isinstance(value, int) else str(value)


def encode_report(report: Report) -> bytes:
    """The whole report, as compressed JSON."""
    return _encode_data(report.to_dict())


def decode_report(blob: bytes) -> Report:
    """The report :func:`encode_report` wrote; ``ValueError`` for bytes it did not write."""
    return Report.from_dict(_decode_data(blob))


def report_rows(
    file: str,
    sha256: str | None,
    report: Report | None,
    failure: tuple[str, str] | None,
    encoded: bytes | None = None,
) -> ReportRows:
    """The rows of one file's outcome: a report (``encoded`` already, or here), or a failure
    ``(type, message)``."""
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
        (encoded or encode_report(report)) if report else None,
    )
    if report is None:
        return ReportRows(head, [], [], [])
    cells = [
        (file, row.key, *number_columns(row.value), *row[2:-1], _box_text(row.box))
        for row in as_columns(report.cells).rows()
    ]
    findings = [_finding_columns(file, "report", i, f) for i, f in enumerate(report.findings)]
    prose = [(file, part, text) for part, text in report.prose.items()]
    return ReportRows(head, cells, findings, prose)


def write_report(db: sqlite3.Connection, rows: ReportRows) -> None:
    """Replace one file's rows (as :func:`report_rows` gives them) in ``db``; its corpus
    findings stay until the corpus rules run again."""
    file = rows.report[0]
    db.execute(_UPSERT_REPORT, rows.report)
    db.execute("DELETE FROM cells WHERE file = ?", (file,))
    db.execute("DELETE FROM findings WHERE file = ? AND scope = 'report'", (file,))
    db.execute("DELETE FROM prose WHERE file = ?", (file,))
    db.executemany(_INSERT_CELL, rows.cells)
    db.executemany(_INSERT_FINDING, rows.findings)
    db.executemany(_INSERT_PROSE, rows.prose)


def _finding_columns(file: str, scope: str, seq: int, f: Finding) -> tuple[Any, ...]:
    """A row of the ``findings`` table: expected and actual each as a number and its exact
    decimal text (money)."""
    where = f.location
    return (
        file, scope, seq, f.code, f.severity.value, where.section, where.row, where.column,
        where.key, where.line, *number_columns(f.expected), *number_columns(f.actual),
        f.message_zh, f.message_en,
    )  # fmt: skip


def corpus_finding_rows(found: Sequence[tuple[str, Finding]]) -> list[tuple[Any, ...]]:
    """Rows of the ``findings`` table (scope ``corpus``) for ``found``, numbered per file."""
    seq: dict[str, int] = {}
    rows = []
    for file, f in found:
        seq[file] = seq.get(file, -1) + 1
        rows.append(_finding_columns(file, "corpus", seq[file], f))
    return rows


def store_corpus_findings(db: sqlite3.Connection, found: Sequence[tuple[str, Finding]]) -> None:
    """Replace the corpus findings (scope ``corpus``) in ``db`` by ``found``, in one transaction."""
    rows = corpus_finding_rows(found)
    with db:
        db.execute("DELETE FROM findings WHERE scope = 'corpus'")
        db.executemany(_INSERT_FINDING, rows)


def memory_database(
    filed: Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]],
) -> sqlite3.Connection:
    """An in-memory database of the corpus schema holding ``(file, head, cells)`` per report:
    ``head`` its agency, year and template, ``cells`` each key's ``(value, line)``; a file
    given twice holds what it was given last."""
    db = sqlite3.connect(":memory:")
    open_schema(db)
    with db:
        for file, head, cells in filed:
            db.execute("DELETE FROM reports WHERE file = ?", (file,))
            db.execute(
                "INSERT INTO reports (file, agency, agency_key, year, template) VALUES (?,?,?,?,?)",
                (file, head["agency"], agency_key(head["agency"]), head["year"], head["template"]),
            )
            db.executemany(
                "INSERT INTO cells (file, key, value, exact, line) VALUES (?,?,?,?,?)",
                [(file, key, *number_columns(v), line) for key, (v, line) in cells.items()],
            )
    return db


def _number(value: Any, exact: str | None) -> Number | None:
    """A number read back from its two columns; ``ValueError`` for one edited into nonsense."""
    if exact is not None:
        try:
            return Decimal(exact)
        except InvalidOperation:
            raise ValueError(f"not a decimal: {exact!r}") from None
    if value is None or isinstance(value, int):
        return value
    raise ValueError(f"not an integer: {value!r}")


def _finding(row: Sequence[Any]) -> Finding:
    code, severity, section, row_, column, key, line, *numbers, zh, en = row
    expected, expected_exact, actual, actual_exact = numbers
    return Finding(
        code,
        Severity(severity),
        zh,
        en,
        Location(section, row_, column, key, line),
        _number(expected, expected_exact),
        _number(actual, actual_exact),
    )


def _stored_findings(db: sqlite3.Connection, file: str, scopes: Iterable[str]) -> list[Finding]:
    chosen = tuple(scopes)
    marks = ",".join("?" * len(chosen))
    rows = db.execute(
        'SELECT code, severity, section, row, "column", key, line, expected, expected_exact, '
        "actual, actual_exact, message_zh, message_en FROM findings "
        f"WHERE file = ? AND scope IN ({marks}) ORDER BY scope DESC, seq",
        (file, *chosen),
    )
    return [_finding(row) for row in rows]


def report_files(db: sqlite3.Connection) -> list[tuple[str, str | None, str | None]]:
    """``(file, error type, error message)`` of every row of ``reports``, by file."""
    rows = db.execute("SELECT file, error_type, error_message FROM reports ORDER BY file")
    return [(file, kind, message) for file, kind, message in rows]


def read_report(db: sqlite3.Connection, file: str) -> Report:
    """The report of ``file`` as it was written, its findings followed by the corpus rules';
    ``KeyError`` for a file the database does not hold, ``ValueError`` (or ``TypeError``)
    when a row was edited into nonsense."""
    row = db.execute("SELECT report FROM reports WHERE file = ?", (file,)).fetchone()
    if row is None:
        raise KeyError(file)
    if row[0] is None:
        return _rebuilt(db, file)
    report = decode_report(row[0])
    corpus = _stored_findings(db, file, ("corpus",))
    return attrs.evolve(report, findings=(*report.findings, *corpus))


def _rebuilt(db: sqlite3.Connection, file: str) -> Report:
    """A report a database written before the ``report`` column existed holds, from its
    ``reports``, ``cells`` and ``findings`` rows."""
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
            value_from_json(key, exact if exact is not None else value),
            extractor or "unknown",
            origin or "table",
            line,
            start,
            end,
            text or "",
        )
        for key, value, exact, extractor, origin, line, start, end, text in db.execute(
            'SELECT key, value, exact, extractor, origin, line, start, "end", source_text '
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
