"""What became of each file a command or the web app read: its report, or why it gave none;
and the JSON record of either, one shape for ``parse``, ``check`` and ``POST /api/check``."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import attrs

from ._model import Report
from .errors import GovInfoReportError

_SUMMARY_KEYS = ("agency", "year", "template", "published", "script", "extractors", "values")


@attrs.frozen
class Failure:
    """Why a file produced no report: the typed error's name and message."""

    type: str
    message: str


class Outcome(NamedTuple):
    """One file checked: its report, or the failure that stopped it."""

    file: str
    report: Report | None = None
    problem: Failure | None = None
    #: True for a file this run could not read (exit 2); false for a corpus database's row
    #: that records a file an earlier run could not read.
    unread: bool = False
    #: True for a report of a corpus database, whose corpus rules have run over it already.
    corpus_checked: bool = False


def failure_of(exc: Exception) -> Failure:
    """The failure a file's parse raised: a typed error by its name; anything else is a bug,
    which must cost one file and not the run, named ``Crash:`` and its type."""
    if isinstance(exc, GovInfoReportError):
        return Failure(type(exc).__name__, str(exc))
    return Failure(f"Crash:{type(exc).__name__}", str(exc))


def report_record(file: str, report: Report, full: bool) -> dict[str, Any]:
    """The JSON line of a report: its summary (metadata, values, findings) or all of it."""
    data = report.to_dict()
    if full:
        return {"file": file, **data}
    return {"file": file, **{k: data[k] for k in _SUMMARY_KEYS}, "findings": data["findings"]}


def json_line(record: dict[str, Any]) -> str:
    """``record`` as one compact JSON line (characters as they are, no spaces), newline ended."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def error_record(outcome: Outcome) -> dict[str, Any]:
    """The JSON line of a file without a report."""
    assert outcome.problem is not None
    problem = outcome.problem
    return {"file": outcome.file, "error": {"type": problem.type, "message": problem.message}}


def parse_record(outcome: Outcome, full: bool) -> dict[str, Any]:
    """The JSON line ``parse`` prints for ``outcome`` (``--full``: all of the report)."""
    if outcome.report is None:
        return error_record(outcome)
    return report_record(outcome.file, outcome.report, full)


def check_record(outcome: Outcome) -> dict[str, Any]:
    """The JSON line ``check --format json`` prints for ``outcome``: its findings."""
    if outcome.report is None:
        return error_record(outcome)
    return {"file": outcome.file, "findings": [f.to_dict() for f in outcome.report.findings]}
