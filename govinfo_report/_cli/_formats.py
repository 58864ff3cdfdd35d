"""The outputs of ``check``: a line per finding, GitHub annotations, JSON Lines, statistics;
and the JSON line of a report that ``parse`` prints."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

import attrs

from .._findings import Finding, Severity
from .._outcomes import Outcome, check_record, json_line
from ..rules import Rule, RuleConfig
from ._common import Tally, about, fail, message


@attrs.frozen
class Options:
    """What an output needs besides the outcomes: the language, the rules and their
    configuration, the tally of the outcomes, and where to write."""

    lang: str
    rules: Sequence[Rule]
    config: RuleConfig
    tally: Tally
    out: TextIO = attrs.field(factory=lambda: sys.stdout)


Format = Callable[[Iterable[Outcome], Options], None]


def write_json_line(record: dict[str, Any], out: TextIO) -> None:
    """Write ``record`` as one compact line."""
    out.write(json_line(record))


def _unread(outcome: Outcome) -> None:
    fail(about(outcome))


def text_line(path: str, finding: Finding, lang: str) -> str:
    """A finding the way linters print one: ``path:line: CODE severity message``."""
    where = f"{path}:{finding.location.line}:" if finding.location.line else f"{path}:"
    return f"{where} {finding.code} {finding.severity.value} {message(finding, lang)}"


def write_text(outcomes: Iterable[Outcome], options: Options) -> None:
    """A line per finding, then the summary."""
    for outcome in outcomes:
        if outcome.report is None:
            _unread(outcome)
            continue
        for f in outcome.report.findings:
            print(text_line(outcome.file, f, options.lang), file=options.out)
    print(options.tally.summary(), file=options.out)


_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escaped(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _escaped(text).replace(":", "%3A").replace(",", "%2C")


def write_github(outcomes: Iterable[Outcome], options: Options) -> None:
    """GitHub Actions workflow commands: an annotation per finding and per unreadable file."""
    for outcome in outcomes:
        path = _property(outcome.file)
        if outcome.report is None:
            _unread(outcome)
            assert outcome.problem is not None
            title = _property(outcome.problem.type)
            text = _escaped(about(outcome))
            print(f"::error file={path},title={title}::{text}", file=options.out)
            continue
        for f in outcome.report.findings:
            line = f",line={f.location.line}" if f.location.line else ""
            text = _escaped(message(f, options.lang))
            print(
                f"::{_GITHUB[f.severity]} file={path}{line},title={f.code}::{text}",
                file=options.out,
            )


def write_json(outcomes: Iterable[Outcome], options: Options) -> None:
    """JSON Lines: ``{"file", "findings"}`` per file, ``{"file", "error"}`` when unread."""
    for outcome in outcomes:
        if outcome.report is None:
            _unread(outcome)
        write_json_line(check_record(outcome), options.out)


def statistics(outcomes: Iterable[Outcome], options: Options) -> list[dict[str, Any]]:
    """``{code, name, severity, count}`` of every code found, the most frequent first."""
    names = {rule.code: rule.name for rule in options.rules}
    counts: dict[str, int] = {}
    severity: dict[str, Severity] = {}
    for outcome in outcomes:
        if outcome.report is None:
            _unread(outcome)
            continue
        for f in outcome.report.findings:
            counts[f.code] = counts.get(f.code, 0) + 1
            severity.setdefault(f.code, f.severity)
    ranked = sorted(counts, key=lambda code: (-counts[code], code))
    return [
        {"code": c, "name": names.get(c, ""), "severity": severity[c].value, "count": counts[c]}
        for c in ranked
    ]


def write_text_statistics(outcomes: Iterable[Outcome], options: Options) -> None:
    """A line per code found, ``count code name severity``, then the summary."""
    rows = statistics(outcomes, options)
    width = max((len(r["name"]) for r in rows), default=0)
    for r in rows:
        line = f"{r['count']:>6}  {r['code']:<8} {r['name']:<{width}}  {r['severity']}"
        print(line, file=options.out)
    print(options.tally.summary(), file=options.out)


def write_json_statistics(outcomes: Iterable[Outcome], options: Options) -> None:
    """JSON Lines: ``{code, name, severity, count}`` per code found."""
    for row in statistics(outcomes, options):
        write_json_line(row, options.out)
