"""Corpus runs: whole directories of reports, in parallel, resumable, into an embedded database."""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import attrs

from ..errors import OutputError
from ..rules import RuleConfig
from ._continuity import redecide
from ._cross import cross_findings
from ._pool import Failure, Result, parse_files
from ._sinks import Sink, SqliteSink, open_sink

# Advisory locks keep two runs out of one output; Windows has none of them.
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["Failure", "Result", "RunSummary", "discover", "parse_many", "run_corpus"]


def discover(patterns: Iterable[str]) -> list[str]:
    """The files named by ``patterns``: files, directories (every file below, hidden ones
    skipped) and globs (``**`` recurses); sorted, each once. A name that matches nothing is kept,
    so that the run records it as unreadable rather than dropping it."""
    found: dict[str, None] = {}
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            matches = [
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
        elif path.exists():
            matches = [pattern]
        else:
            matches = [m for m in glob.glob(pattern, recursive=True) if Path(m).is_file()] or [
                pattern
            ]
        found.update(dict.fromkeys(sorted(matches)))
    return list(found)


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    config: RuleConfig | None = None,
) -> Iterator[Result]:
    """Parse ``paths`` in worker processes, yielding each :class:`Result` as it finishes.

    A result holds the report, or the failure (typed error, timeout, crash) of its file.
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
) -> RunSummary:
    """Parse every file ``patterns`` name into ``out``, resuming what ``out`` already holds.

    The corpus rules (consecutive years of one agency) run at the end, for every kind of
    output; with SQLite, last year's report first decides what only it can (part 二).
    """
    paths = discover(patterns)
    with _writing(out):
        return _run(paths, open_sink(out), workers, timeout, config=config, progress=progress)


@contextlib.contextmanager
def _writing(out: Path) -> Iterator[None]:
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
    the corpus rules."""
    try:
        done = sink.done()
        done_paths = {path for path, _ in done}
        bar = _Progress(sum(1 for p in paths if p not in done_paths), progress or sys.stderr)
        parsed = failed = 0
        for result in parse_files(
            paths, workers=workers, timeout=timeout, config=config, skip=done
        ):
            sink.write(result)
            bar.update(result)
            parsed += result.report is not None
            failed += result.failure is not None
        bar.close()
        if isinstance(sink, SqliteSink):
            # Parsing in this process is the exception, for the few reports whose part 二 only
            # last year's report can decide; the parser is imported only when needed.
            from .._parser import Parser  # noqa: PLC0415

            redecide(sink.db, Parser(config=config).parse, sink.write)
        cross = cross_findings(sink.corpus())
        sink.keep_corpus_findings(cross)
    finally:
        sink.close()
    skipped = len(paths) - parsed - failed
    return RunSummary(len(paths), parsed, failed, skipped, len(cross), sink.corpus_output)
