"""Parse many files in worker processes: results as they finish, failures recorded, none lost.

The parent hands each worker one file at a time, so it always knows which file a worker is on
and since when: a worker that runs past the per-file timeout is killed and one that dies is
replaced, and either way its file is recorded as an error and the run goes on.

Ctrl-C reaches every process of the terminal's group; the workers ignore it (they are born
ignoring it) and the parent, whose ``KeyboardInterrupt`` ends the run, stops them.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import types
from collections.abc import Generator, Iterable, Iterator
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

import attrs

from .._codec import encode_report
from .._model import Report
from .._outcomes import Failure, failure_of
from ..errors import CorpusError
from ..rules import RuleConfig

_POLL_SECONDS = 0.05
# Signal masks (POSIX): Windows has none.
_MASKS = hasattr(signal, "pthread_sigmask")


@attrs.frozen
class Result:
    """One file's outcome: its report, or the failure that stopped it."""

    path: str
    sha256: str | None
    report: Report | None = None
    failure: Failure | None = None
    #: The report compressed as a corpus database stores it, when the worker was asked to.
    encoded: bytes | None = None


def file_hash(path: str) -> str | None:
    """The SHA-256 of the file's bytes, or ``None`` when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _work(tasks: Any, results: Any, ready: Any, config: RuleConfig, encode: bool) -> None:
    """A worker: parse the files it is given until it is given ``None``; with ``encode``,
    compress each report as the database stores it too (work the run's parent, which writes
    every file, would otherwise do alone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run, and its workers
    from .._parser import Parser  # noqa: PLC0415 - imported in the child process

    _die_with(os.getppid())
    parser = Parser(config=config)
    ready.set()  # the per-file clock starts only now: starting up is not parsing
    while (task := tasks.get()) is not None:
        path = task
        try:
            # Pickled as it is: a report keeps its cells in columns, which pickle in a
            # fraction of the time its to_dict() and from_dict() would take.
            report = parser.parse(Path(path))
            results.put((path, report, encode_report(report) if encode else None, None))
        except Exception as exc:  # a typed error, or a bug: it costs one file, not the run
            results.put((path, None, None, failure_of(exc)))


# How often a worker looks whether the run that started it is still there.
_PARENT_CHECK = 0.5


def _die_with(parent: int) -> None:
    """End this worker soon after the run that started it ends, even by kill -9: a worker
    whose parent is gone is adopted by another process, and its parent id changes."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK)
        os._exit(0)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


@contextlib.contextmanager
def sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C in this block: a second one must not cut short the stopping of a run.
    Only the main thread handles signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)


@contextlib.contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C back during this block: one pressed meanwhile is raised as it ends. (A mask
    would not do: the kernel hands a process's SIGINT to any thread that does not mask it, and
    Python then raises it in the main thread wherever that is.) Only the main thread handles
    signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


@contextlib.contextmanager
def _main_left_out() -> Iterator[None]:
    """Start workers without the caller's script: a spawned process runs the parent's
    ``__main__`` again, which a plain script (no ``if __name__ == "__main__":`` guard) answers
    by starting a run in every worker. A worker needs nothing from it: its target and
    arguments are this library's."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _start(process: SpawnProcess) -> None:
    """Start ``process`` with Ctrl-C blocked, so that the worker is born ignoring it (a
    ``KeyboardInterrupt`` while it starts would print a traceback); one pressed meanwhile
    reaches this process when the block is lifted."""
    if not _MASKS:  # pragma: no cover - Windows
        with _main_left_out():
            process.start()
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        with _main_left_out():
            process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


class Worker:
    def __init__(
        self, context: Any, results: Any, config: RuleConfig, *, encode: bool = False
    ) -> None:
        self.tasks = context.Queue()
        self.ready = context.Event()
        self.encode = encode
        self.process: SpawnProcess = context.Process(
            target=_work, args=(self.tasks, results, self.ready, config, encode), daemon=True
        )
        _start(self.process)
        self.path: str | None = None
        self.since = 0.0

    def give(self, path: str) -> None:
        self.path, self.since = path, time.monotonic()
        self.tasks.put(path)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self.tasks.put(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def parse_files(
    paths: Iterable[str],
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    config: RuleConfig | None = None,
    skip: Iterable[tuple[str, str]] = (),
    encode: bool = False,
) -> Generator[Result, None, None]:
    """Parse ``paths`` in ``workers`` processes; yield each result as it finishes.

    Files whose ``(path, sha256)`` is in ``skip`` are not parsed again. With ``encode`` and
    two workers or more, each result also carries its report compressed as a corpus database
    stores it (one worker leaves the parent a core of its own: it compresses the reports
    itself rather than lengthen the worker's turn).
    """
    config = config or RuleConfig()
    done = set(skip)
    count = max(1, workers or os.cpu_count() or 1)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    hashes: dict[str, str | None] = {}
    pending = iter(paths)
    pool = [Worker(context, results, config, encode=encode and count > 1) for _ in range(count)]
    exhausted = False

    try:
        while True:
            if not exhausted:
                exhausted = yield from _hand_out(pool, pending, done, hashes)
            busy = [w for w in pool if w.path is not None]
            if exhausted and not busy:
                return
            if not busy and not any(w.ready.is_set() for w in pool):
                if all(not w.process.is_alive() for w in pool):
                    codes = sorted({w.process.exitcode for w in pool}, key=str)
                    raise CorpusError(
                        f"the worker processes died while starting (exit codes {codes})"
                    )
                time.sleep(_POLL_SECONDS)  # every worker still starting up
                continue
            try:
                path, report, encoded, error = results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                yield from _reap(
                    pool,
                    context=context,
                    results=results,
                    config=config,
                    hashes=hashes,
                    timeout=timeout,
                )
                continue
            owner = next((w for w in pool if w.path == path), None)
            if owner is None:
                continue  # a late answer from a worker already given up on and replaced
            owner.path = None
            digest = hashes.pop(path)
            # The worker starts its next file before this one is written: parsing and
            # writing overlap instead of taking turns.
            if not exhausted:
                exhausted = yield from _hand_out(pool, pending, done, hashes)
            yield Result(path, digest, report=report, failure=error, encoded=encoded)
    finally:
        _stop(pool)


def _hand_out(
    pool: list[Worker],
    pending: Iterator[str],
    done: set[tuple[str, str]],
    hashes: dict[str, str | None],
) -> Generator[Result, None, bool]:
    """Give each idle, started worker its next file (those already ``done`` skipped); a file
    that cannot be read is a result. Returns whether ``pending`` ran out."""
    for worker in pool:
        while worker.path is None and worker.ready.is_set():
            path = next(pending, None)
            if path is None:
                return True
            digest = file_hash(path)
            if digest is not None and (path, digest) in done:
                continue
            if digest is None:
                yield Result(path, None, failure=Failure("InputError", f"cannot read {path}"))
                continue
            hashes[path] = digest
            worker.give(path)
    return False


def _stop(pool: list[Worker]) -> None:
    """Stop every worker: an idle one when it is told to, a busy one at once."""
    with sigint_ignored():
        for worker in pool:
            worker.stop(kill=worker.path is not None)


def _reap(
    pool: list[Worker],
    *,
    context: Any,
    results: Any,
    config: RuleConfig,
    hashes: dict[str, str | None],
    timeout: float,
) -> Iterator[Result]:
    """Replace workers that died or overran the timeout; their files become failures."""
    for i, worker in enumerate(pool):
        if worker.path is None:
            continue
        overran = time.monotonic() - worker.since > timeout
        died = not worker.process.is_alive()
        if not (overran or died):
            continue
        path = worker.path
        worker.stop(kill=True)
        pool[i] = Worker(context, results, config, encode=worker.encode)
        if overran:
            failure = Failure("Timeout", f"parsing took longer than {timeout:g} s")
        else:
            failure = Failure("Crash", f"the worker died (exit code {worker.process.exitcode})")
        yield Result(path, hashes.pop(path, None), failure=failure)
