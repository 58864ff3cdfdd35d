"""What the commands share: the exit codes, the parser the options ask for, the files they
name, and each file's outcome counted the way the exit code counts it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

import attrs

from .._config import chosen, load_config
from .._discovery import STDIN, discover
from .._findings import Finding, Severity
from .._input._decode import read_bounded
from .._outcomes import Outcome, failure_of
from .._parser import Parser
from ..errors import GovInfoReportError, InputError
from ..rules import RuleConfig

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# Files a "skipped" note names before it says how many more there are.
_NAMED_SKIPPED = 5


def fail(message: object) -> None:
    """Say what went wrong on standard error, as ``govinfo-report: message``."""
    print(f"govinfo-report: {message}", file=sys.stderr)


def config_of(args: argparse.Namespace) -> RuleConfig:
    """The nearest ``[tool.govinfo-report]``, then ``--select`` (replaces), ``--ignore`` (adds)."""
    return chosen(load_config(args.config), args.select, args.ignore)


def parser_of(args: argparse.Namespace) -> Parser:
    """A parser with the rule configuration of ``args``; an unknown code is a usage error."""
    parser = Parser(config=config_of(args))
    parser.check_config()
    return parser


def files_of(names: Sequence[str], parser: Parser) -> tuple[str, ...]:
    """The files ``names`` stand for (:func:`govinfo_report._discovery.discover`), saying on
    standard error which files found were skipped, and when none was found."""
    found = discover(names, parser.file_types)
    say_skipped(found.skipped)
    if not found.files:
        fail(f"found no report files in {', '.join(names)}")
    return found.files


def say_skipped(skipped: Sequence[str]) -> None:
    """Say on standard error which files found were skipped as not reports, if any."""
    if not skipped:
        return
    shown = ", ".join(skipped[:_NAMED_SKIPPED])
    more = len(skipped) - _NAMED_SKIPPED
    shown += f" and {more} more" if more > 0 else ""
    count = len(skipped)
    what = "1 file that is not a report" if count == 1 else f"{count} files that are not reports"
    fail(f"skipped {what}: {shown} (use a file's name to read it anyway)")


class RunCounts(Protocol):
    """What a corpus run, local or on a cluster, counted."""

    @property
    def files(self) -> int: ...
    @property
    def parsed(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def skipped(self) -> int: ...
    @property
    def corpus_findings(self) -> int: ...
    @property
    def errors(self) -> int: ...
    @property
    def corpus_output(self) -> object: ...


def run_ended(summary: RunCounts, output: object, exit_zero: bool) -> int:
    """Say what a finished corpus run did into ``output``; its exit status: 2 when a file
    failed, 1 when a finding is an error (0 with ``--exit-zero``), else 0."""
    print(
        f"{summary.files} files: {summary.parsed} parsed, {summary.failed} failed, "
        f"{summary.skipped} already done -> {output}; "
        f"{summary.corpus_findings} corpus findings -> {summary.corpus_output}",
        file=sys.stderr,
    )
    if summary.failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if summary.errors and not exit_zero else EXIT_OK


def run_interrupted(kept: str) -> int:
    """Say that Ctrl-C ended a corpus run and what it ``kept``; the exit status 130."""
    print(f"interrupted: {kept}; run the same command again to resume", file=sys.stderr)
    return EXIT_INTERRUPTED


def read_stdin() -> bytes:
    """Standard input's bytes, within the byte budget of :mod:`govinfo_report.limits`."""
    if sys.stdin is None:
        raise InputError("cannot read standard input: there is none")
    return read_bounded(sys.stdin.buffer, "standard input")


def read_all(parser: Parser, files: Iterable[str]) -> Iterator[Outcome]:
    """Each file parsed, ``-`` as standard input; a typed error is the file's problem."""
    for name in files:
        try:
            yield Outcome(name, parser.parse(read_stdin() if name == STDIN else Path(name)))
        except GovInfoReportError as exc:
            yield Outcome(name, problem=failure_of(exc), unread=True)


def about(outcome: Outcome) -> str:
    """The problem's message led by the file's name, once (most errors already name it)."""
    assert outcome.problem is not None
    text = outcome.problem.message
    named = outcome.file != STDIN and outcome.file in text
    return text if named else f"{outcome.file}: {text}"


def in_language(zh: str, en: str, lang: str) -> str:
    """The text in ``lang``: ``zh``, ``en`` or ``both`` (``中文 | English``)."""
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return f"{zh} | {en}"


def message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``: ``zh``, ``en`` or ``both``."""
    return in_language(finding.message_zh, finding.message_en, lang)


@attrs.define
class Tally:
    """What the files of a run came to, for the summary and the exit code."""

    files: int = 0
    unread: int = 0
    #: Rows of a corpus database recording files an earlier run could not read.
    recorded: int = 0
    severities: dict[Severity, int] = attrs.field(factory=lambda: dict.fromkeys(Severity, 0))

    def count(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        """``outcomes``, counted as they pass."""
        for outcome in outcomes:
            self.files += 1
            self.unread += outcome.unread
            self.recorded += outcome.report is None and not outcome.unread
            for f in outcome.report.findings if outcome.report else ():
                self.severities[f.severity] += 1
            yield outcome

    def summary(self) -> str:
        """``N files checked: E errors, W warnings, I info`` and the files not read."""
        s = self.severities
        return (
            f"{self.files} files checked: {s[Severity.ERROR]} errors, "
            f"{s[Severity.WARNING]} warnings, {s[Severity.INFO]} info"
            + (f", {self.unread} unreadable" if self.unread else "")
            + (f", {self.recorded} recorded as unreadable" if self.recorded else "")
        )

    def exit_code(self, exit_zero: bool) -> int:
        """2 when a file could not be read, else 1 for a finding of severity error (0 with
        ``--exit-zero``), else 0."""
        if self.unread:
            return EXIT_USAGE
        return EXIT_FINDINGS if self.severities[Severity.ERROR] and not exit_zero else EXIT_OK
