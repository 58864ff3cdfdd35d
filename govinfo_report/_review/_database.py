"""Review entries from a corpus database (``parse --out results.sqlite``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import attrs

from .._codec import read_report, report_files
from ..rules import RuleConfig
from ._entry import Entry


def database_entries(db: sqlite3.Connection, config: RuleConfig) -> Iterator[Entry]:
    """Each report the database holds as it was written, with the corpus rules' findings, the
    findings as ``config`` selects them.

    A row that cannot be read (a value edited by hand) is an entry that says so; the reports
    after it still have their pages.
    """
    for file, error_type, error_message in report_files(db):
        if error_type is not None:
            yield Entry(file, error=f"{error_type}: {error_message}")
            continue
        try:
            report = read_report(db, file)
        except (ValueError, TypeError, KeyError) as exc:
            yield Entry(file, error=f"the database row cannot be read: {type(exc).__name__}: {exc}")
            continue
        findings = config.apply(report.findings)
        yield Entry(file, attrs.evolve(report, findings=findings), corpus_checked=True)
