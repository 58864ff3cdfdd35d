"""What became of each file a command or the web app read: its report, or why it gave none;
and the JSON record of either, one shape for ``parse``, ``check`` and ``POST /api/check``."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import attrs

from ._model import Report

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


def codes(text: str) -> tuple[str, ...]:
    """The comma-separated codes of an option or a form field (``GIR3,GIR406``)."""
    return tuple(code.strip() for code in text.split(",") if code.strip())


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
