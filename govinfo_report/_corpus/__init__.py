"""Corpus runs: whole directories of reports, in parallel, resumable, into an embedded database."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import attrs

from .._discovery import discover as discover_files
from .._findings import Finding, Severity
from .._outcomes import Failure
from ..errors import OutputError
from ..rules import RuleConfig
from ._continuity import redecide
from ._cross import cross_findings
from ._pool import Result, parse_files, sigint_deferred, sigint_ignored
from ._sinks import Sink, SqliteSink, open_sink

# Advisory locks keep two runs out of one output; Windows has none of them.
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["Failure", "Result", "RunSummary", "discover", "parse_many", "run_corpus"]


def discover(patterns: Iterable[str], file_types: Collection[str] | None = None) -> list[str]:
    """The files ``patterns`` name, as every command finds them
    (:func:`govinfo_report._discovery.discover`): names as given, and of directories and globs
    the files of ``file_types`` (default: what the installed readers read) that look like
    reports."""
    types = _file_types(None) if file_types is None else file_types
    return list(discover_files(patterns, types).files)


def _file_types(config: RuleConfig | None) -> frozenset[str]:
    # Imported only when needed: listing files needs the plugins, a corpus run only its workers.
    from .._parser import Parser  # noqa: PLC0415

    return Parser(config=config).file_types


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    config: RuleConfig | None = None,
) -> Iterator[Result]:
    """Parse ``paths`` in worker processes, yielding each :class:`Result` as it finishes.

    A result holds the report, or the failure (typed error, timeout, crash) of its file. The
    workers never run the caller's script, so a plain script needs no ``__main__`` guard.
    """
    return parse_files((str(p) for p in paths), workers=workers, timeout=timeout, config=config)


@attrs.frozen
class RunSummary:
    """What a corpus run did."""

    files: int
    parsed: int
    failed: int
    skipped: int
    corpus_findings: int
    #: Where the corpus findings are: the output itself (a database), or a file beside it.
    corpus_output: Path
    #: Findings of severity error, in the reports written and among the corpus findings.
    errors: int = 0
    #: Whether Ctrl-C stopped the run: what it wrote is kept, and a run again resumes it.
    interrupted: bool = False

    @property
    def written(self) -> int:
        """Files this run wrote: reports and failures."""
        return self.parsed + self.failed


class _Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total, self.stream = total, stream
        self.live = stream.isatty()
        self.start = self.shown = time.monotonic()
        self.done = self.errors = 0

    def update(self, result: Result) -> None:
        self.done += 1
        self.errors += result.failure is not None
        now = time.monotonic()
        if self.live and (now - self.shown > 0.2 or self.done == self.total):
            self.shown = now
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            self.stream.write(
                f"\r{self.done}/{self.total} files  {rate:.0f}/s  ETA {eta:.0f}s  "
                f"{self.errors} errors "
            )
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")


def run_corpus(
    patterns: Sequence[str],
    out: Path,
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    config: RuleConfig | None = None,
    progress: IO[str] | None = None,
    file_types: Collection[str] | None = None,
) -> RunSummary:
    """Parse every file ``patterns`` name (see :func:`discover`) into ``out``, resuming what
    ``out`` already holds.

    The corpus rules (consecutive years of one agency) run at the end, for every kind of
    output; with SQLite, last year's report first decides what only it can (part 二). Ctrl-C
    stops the workers and closes the output as it stands: the summary says it was interrupted.
    """
    paths = discover(patterns, _file_types(config) if file_types is None else file_types)
    with writing(out):
        return _run(paths, open_sink(out), workers, timeout, config=config, progress=progress)


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Hold the output for this run alone; errors of the output location (missing folder, no
    permission, disk full, a database that is no database) as one typed error naming it."""
    try:
        with _locked(out):
            yield
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"cannot write {out}: {type(exc).__name__}: {exc}") from exc


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """An exclusive lock on ``OUT.lock`` beside the output: a second run into the same output
    is refused while this one writes (the system drops the lock if this process dies)."""
    if fcntl is None:  # no advisory locks on this platform
        yield
        return
    lock = out.with_name(out.name + ".lock")
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another run is writing {out} (it holds {lock}); wait for it to end"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(
    paths: Sequence[str],
    sink: Sink,
    workers: int | None,
    timeout: float,
    *,
    config: RuleConfig | None,
    progress: IO[str] | None,
) -> RunSummary:
    """Parse ``paths`` into ``sink``, then decide what last year's reports decide and run
    the corpus rules; Ctrl-C ends it early with the output closed as it stands."""
    counts = _Counts()
    cross: list[tuple[str, Finding]] = []
    try:
        done = sink.done()
        done_paths = {path for path, _ in done}
        bar = _Progress(sum(1 for p in paths if p not in done_paths), progress or sys.stderr)
        try:
            with contextlib.closing(
                parse_files(
                    paths,
                    workers=workers,
                    timeout=timeout,
                    config=config,
                    skip=done,
                    encode=sink.stores_reports,
                )
            ) as results:  # closing it stops the workers, however the loop ends
                for result in results:
                    with sigint_deferred():  # a file is written and counted, or neither
                        sink.write(result)
                        counts.add(result)
                    bar.update(result)
            cross = _corpus_rules(sink, config, counts)
        except KeyboardInterrupt:
            counts.interrupted = True
        finally:
            bar.close()
    finally:
        with sigint_ignored():  # a second Ctrl-C must not leave the output half closed
            sink.close()
    skipped = len(paths) - counts.parsed - counts.failed
    return RunSummary(
        len(paths),
        counts.parsed,
        counts.failed,
        0 if counts.interrupted else skipped,
        len(cross),
        sink.corpus_output,
        sum(counts.errors.values()) + sum(f.severity is Severity.ERROR for _, f in cross),
        counts.interrupted,
    )


@attrs.define
class _Counts:
    """What a run has written so far: files, and the error findings of each report."""

    parsed: int = 0
    failed: int = 0
    errors: dict[str, int] = attrs.field(factory=dict)
    interrupted: bool = False

    def add(self, result: Result) -> None:
        self.parsed += result.report is not None
        self.failed += result.failure is not None
        self.errors[result.path] = _errors(result)

    def again(self, result: Result) -> None:
        """A report parsed again beside last year's: its errors replace the first reading's
        (a report an earlier run wrote is not this run's to count)."""
        if result.path in self.errors:
            self.errors[result.path] = _errors(result)


def _errors(result: Result) -> int:
    report = result.report
    return sum(f.severity is Severity.ERROR for f in report.findings) if report else 0


def _corpus_rules(
    sink: Sink, config: RuleConfig | None, counts: _Counts
) -> list[tuple[str, Finding]]:
    """Decide what last year's reports decide (SQLite only), run the corpus rules and keep
    their findings; return them as ``config`` selects them."""
    # Parsing in this process is the exception, for the few reports whose part 二 only last
    # year's report can decide; the parser is imported only when needed.
    from .._parser import Parser  # noqa: PLC0415

    parser = Parser(config=config)
    if isinstance(sink, SqliteSink):

        def write_again(result: Result) -> None:
            sink.write(result)
            counts.again(result)

        redecide(sink.db, parser.parse, write_again)
    cross = cross_findings(sink.corpus())
    sink.keep_corpus_findings(cross)
    return [(file, kept) for file, f in cross for kept in parser.config.apply([f])]
