"""Review entries from a corpus database (``parse --out results.sqlite``)."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator
from typing import Any

from .._findings import Finding, Location, Severity, _number_from_json
from .._keys import TABLE_SECTIONS
from .._model import Cell, Metadata, Provenance, Report, Source, _value_from_json
from ..rules import RuleConfig
from ._page import Entry


def _finding(row: tuple[Any, ...]) -> Finding:
    code, severity, section, row_, column, key, line, expected, actual, zh, en = row
    return Finding(
        code,
        Severity(severity),
        zh,
        en,
        Location(section, row_, column, key, line),
        _number_from_json(expected),
        _number_from_json(actual),
    )


def database_entries(db: sqlite3.Connection, config: RuleConfig) -> Iterator[Entry]:
    """Each report the database holds, rebuilt with its cells and findings (report and corpus).

    The database keeps no operands, so a finding marks the cell at its location only. A row
    that cannot be rebuilt (a value edited by hand: a date not in ISO form) is an entry that
    says so; the reports after it still have their pages.
    """
    reports = db.execute(
        "SELECT file, sha256, agency, year, template, published, format, encoding, "
        "extractor_active, extractor_applications, extractor_review_litigation, "
        "error_type, error_message FROM reports ORDER BY file"
    )
    for row in reports:
        file, *_, error_type, error_message = row
        if error_type is not None:
            yield Entry(file, error=f"{error_type}: {error_message}")
            continue
        try:
            report = _report(db, config, row)
        except (ValueError, TypeError, KeyError) as exc:
            yield Entry(file, error=f"the database row cannot be read: {type(exc).__name__}: {exc}")
            continue
        yield Entry(file, report)


def _report(db: sqlite3.Connection, config: RuleConfig, row: tuple[Any, ...]) -> Report:
    """The report of one ``reports`` row, with its cells and findings."""
    file, sha, agency, year, template, published, format_, encoding, *rest = row
    extractors = rest[:-2]
    cells = {
        key: Cell(
            key,
            _value_from_json(key, value),
            Provenance(extractor or "unknown", origin or "table", line, start, end, text or ""),
        )
        for key, value, extractor, origin, line, start, end, text in db.execute(
            'SELECT key, value, extractor, origin, line, start, "end", source_text '
            "FROM cells WHERE file = ?",
            (file,),
        )
    }
    findings = config.apply(
        _finding(stored)
        for stored in db.execute(
            'SELECT code, severity, section, row, "column", key, line, expected, actual, '
            "message_zh, message_en FROM findings WHERE file = ? "
            "ORDER BY scope DESC, seq",
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
        findings=findings,
        extractors={s: e for s, e in zip(TABLE_SECTIONS, extractors, strict=True) if e is not None},
        source=Source(file, sha, encoding, format_ or "text"),
    )
