"""Worker processes kept warm for the server's checks, with the budget of a corpus run.

A corpus run's pool (:func:`govinfo_report._corpus._pool.parse_files`) starts its workers
for the run and stops them at its end: for one upload, starting a worker (a new Python, the
readers and plugins imported) would cost most of the wait. The server keeps ``count`` of
the same workers, started ahead for its own rules; a check borrows one for its files, one file
at a time, so at most ``count`` checks run at once. A worker that runs past the timeout is
killed, one that dies is let go; either way its file is that check's failure and a new worker
takes its place. A worker is also replaced after :data:`RECYCLED` files, so that what one
parse leaves behind in memory does not add up.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Sequence
from typing import Any

import attrs

from .._corpus._pool import Result, Worker
from .._outcomes import Failure
from ..rules import RuleConfig

#: Files a worker parses before it is replaced.
RECYCLED = 100
_POLL_SECONDS = 0.05


@attrs.define
class _Warm:
    """A worker, the queue its answers come back on, and how many files it has parsed."""

    worker: Worker
    answers: Any
    files: int = 0


class Workers:
    """``count`` worker processes for the rules ``config``, each file killed past ``timeout``
    seconds; :meth:`parse` borrows one (waiting while all are busy)."""

    def __init__(self, count: int, config: RuleConfig, timeout: float) -> None:
        self.config, self.timeout = config, timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Warm] = queue.Queue()
        for _ in range(count):
            self._idle.put(self._start())

    def _start(self) -> _Warm:
        answers = self._context.Queue()
        return _Warm(Worker(self._context, answers, self.config), answers)

    def parse(self, paths: Sequence[str]) -> list[Result]:
        """Each file's result, in the order of ``paths``, parsed by one worker in turn."""
        warm = self._idle.get()
        try:
            results = []
            for path in paths:
                result, warm = self._one(warm, path)
                results.append(result)
            return results
        finally:
            if warm.files >= RECYCLED:
                warm.worker.stop()
                warm = self._start()
            self._idle.put(warm)

    def _one(self, warm: _Warm, path: str) -> tuple[Result, _Warm]:
        """``path`` parsed by ``warm``; the worker to go on with (another when it failed)."""
        worker = warm.worker
        while not worker.ready.wait(_POLL_SECONDS):  # its clock starts once it has started
            if not worker.process.is_alive():
                code = worker.process.exitcode
                failure = Failure("Crash", f"the worker died while starting (exit code {code})")
                return Result(path, None, failure=failure), self._start()
        worker.give(path)
        while True:
            try:
                _, report, _, error = warm.answers.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                overran = time.monotonic() - worker.since > self.timeout
                if not (overran or not worker.process.is_alive()):
                    continue
                worker.stop(kill=True)
                if overran:
                    failure = Failure("Timeout", f"parsing took longer than {self.timeout:g} s")
                else:
                    code = worker.process.exitcode
                    failure = Failure("Crash", f"the worker died (exit code {code})")
                return Result(path, None, failure=failure), self._start()
            worker.path = None
            warm.files += 1
            if report is None:
                return Result(path, None, failure=error), warm
            return Result(path, None, report=report), warm

    def close(self) -> None:
        """Stop the workers not lent out (those lent out end with this process)."""
        while True:
            try:
                warm = self._idle.get_nowait()
            except queue.Empty:
                return
            warm.worker.stop(kill=not warm.worker.ready.is_set())
