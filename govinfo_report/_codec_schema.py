"""The corpus database's schema: tables, full-text index, indexes, views and version, and how
a column holds a number and the whole report.

``docs/database.md`` describes it for people; this module is what SQLite is told, and
``_codec_open`` makes a database of it.
"""

from __future__ import annotations

import json
import zlib
from decimal import Decimal, InvalidOperation
from typing import Any

from ._keys import TEMPLATES, keys
from .limits import MAX_INPUT_BYTES

#: ``PRAGMA user_version`` of the schema below; a database of a higher one is refused.
SCHEMA_VERSION = 1
#: ``PRAGMA application_id`` ("GIRP"): marks a database as a corpus database of this library.
APPLICATION_ID = 0x47495250

TABLES = (
    """CREATE TABLE reports (
    file TEXT PRIMARY KEY, sha256 TEXT, agency TEXT, agency_key TEXT, year INTEGER,
    template TEXT, published TEXT, format TEXT, encoding TEXT,
    extractor_active TEXT, extractor_applications TEXT, extractor_review_litigation TEXT,
    error_type TEXT, error_message TEXT, report BLOB
)""",
    # Rows are small and always looked up by file and key: kept in their primary key's order
    # without a rowid, a cell is stored once instead of in a table and again in its index.
    """CREATE TABLE cells (
    file TEXT NOT NULL REFERENCES reports (file) ON DELETE CASCADE,
    key TEXT NOT NULL, value, exact TEXT, extractor TEXT, origin TEXT, line INTEGER,
    start INTEGER, "end" INTEGER, source_text TEXT, confidence REAL, box TEXT,
    PRIMARY KEY (file, key)
) WITHOUT ROWID""",
    """CREATE TABLE findings (
    file TEXT NOT NULL REFERENCES reports (file) ON DELETE CASCADE,
    scope TEXT NOT NULL, seq INTEGER NOT NULL, code TEXT, severity TEXT, section TEXT,
    row TEXT, "column" TEXT, key TEXT, line INTEGER, expected, expected_exact TEXT,
    actual, actual_exact TEXT, message_zh TEXT, message_en TEXT,
    PRIMARY KEY (file, scope, seq)
)""",
    # The rowid (``id``) is what the full-text index points at.
    """CREATE TABLE prose (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL REFERENCES reports (file) ON DELETE CASCADE,
    part TEXT NOT NULL, text TEXT NOT NULL,
    UNIQUE (file, part)
)""",
    # As sqlite-utils' enable_fts writes it (``content=[prose]``, triggers prose_ai/ad/au), so
    # that sqlite-utils' search() and datasette's search box find it. Chinese runs words
    # together: trigrams make any substring of three characters or more searchable.
    """CREATE VIRTUAL TABLE prose_fts USING FTS5 (text, tokenize='trigram', content=[prose])""",
    """CREATE TRIGGER prose_ai AFTER INSERT ON prose BEGIN
  INSERT INTO prose_fts (rowid, text) VALUES (new.rowid, new.text);
END""",
    """CREATE TRIGGER prose_ad AFTER DELETE ON prose BEGIN
  INSERT INTO prose_fts (prose_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END""",
    """CREATE TRIGGER prose_au AFTER UPDATE ON prose BEGIN
  INSERT INTO prose_fts (prose_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO prose_fts (rowid, text) VALUES (new.rowid, new.text);
END""",
)

INDEXES = (
    # Covering: the corpus rules pair an agency's years from this index alone, never reading
    # a row of reports (each holds its whole report).
    "CREATE INDEX idx_reports_agency_key_year "
    "ON reports (agency_key, year, file, template, error_type)",
    "CREATE INDEX idx_reports_year ON reports (year)",
    "CREATE INDEX idx_reports_template ON reports (template)",
    # With the value: one key's values filtered or ranked from the index.
    "CREATE INDEX idx_cells_key_value ON cells (key, value)",
    "CREATE INDEX idx_findings_code ON findings (code)",
    "CREATE INDEX idx_findings_severity ON findings (severity)",
    "CREATE INDEX idx_findings_key ON findings (key)",
    "CREATE INDEX idx_findings_scope ON findings (scope)",
)


def quoted(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return text.replace("'", "''")


#: Every canonical key of either template, 2021 first: the columns of ``report_values``.
ALL_KEYS = tuple(dict.fromkeys(k.key for t in TEMPLATES for k in keys(t)))

_VALUE_COLUMNS = ",\n".join(
    f"  (SELECT value FROM cells WHERE cells.file = r.file AND cells.key = '{_literal(key)}') "
    f"AS {quoted(key)}"
    for key in ALL_KEYS
)
_FINDING_COLUMNS = (
    "f.file, r.agency, r.year, r.template, f.scope, f.seq, f.code, f.severity, f.section, f.row, "
    'f."column", f.key, f.line, f.expected, f.expected_exact, f.actual, f.actual_exact, '
    "f.message_zh, f.message_en"
)
VIEWS = {
    # One subquery per key rather than one pass over every cell: a page of rows (datasette's
    # 100) or a filter on one key looks up only the cells it shows.
    "report_values": "SELECT r.file, r.agency, r.year, r.template,\n"
    f"{_VALUE_COLUMNS}\nFROM reports r WHERE r.error_type IS NULL",
    "findings_with_report": f"SELECT {_FINDING_COLUMNS} "
    "FROM findings f JOIN reports r ON r.file = f.file",
    "corpus_findings": "SELECT * FROM findings_with_report WHERE scope = 'corpus'",
}

#: What is made once the tables hold their rows: indexes and views.
DERIVED = (*INDEXES, *(f"CREATE VIEW {name} AS {select}" for name, select in VIEWS.items()))


def number_columns(value: Any) -> tuple[Any, str | None]:
    """A number as two columns: an int as is; money (a ``Decimal``, or the decimal string an
    earlier schema kept) as a float to compute with and its exact decimal text."""
    if isinstance(value, Decimal):
        return float(value), str(value)
    if isinstance(value, str):
        try:
            return float(Decimal(value)), value
        except InvalidOperation:  # not a number (edited by hand): kept as it was
            return value, None
    return value, None


def encode_report(data: dict[str, Any]) -> bytes:
    """A report's ``to_dict()`` as the ``report`` column holds it: compressed JSON."""
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def decode_report(blob: bytes) -> dict[str, Any]:
    """The data :func:`encode_report` stored; ``ValueError`` for bytes it did not write."""
    inflate = zlib.decompressobj()
    try:
        # Bounded: a database may come from elsewhere, and a few kilobytes can inflate to
        # gigabytes. A report's JSON is tens of kilobytes.
        raw = inflate.decompress(blob, MAX_INPUT_BYTES)
    except zlib.error as exc:
        raise ValueError(f"the stored report is not compressed JSON: {exc}") from exc
    if inflate.unconsumed_tail:
        raise ValueError(f"the stored report inflates past {MAX_INPUT_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError as exc:
        raise ValueError("the stored report nests too deep to read") from exc
    if not isinstance(data, dict):
        raise ValueError("the stored report is not a JSON object")
    return data
