"""Parse one input in a forked child under a hard stop, and measure what it cost.

The child has an address-space limit and an alarm well above the budget of
:mod:`govinfo_report.limits`: they stop a runaway example instead of the machine, and the
example fails as ``over_memory`` or ``over_time``. Each outcome carries the seconds the parse
took and the resident memory it added, for the fuzz suite's worst-case numbers.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import time
import traceback
from pathlib import Path

import attrs

from govinfo_report import Parser
from govinfo_report.errors import GovInfoReportError

#: The hard stop per example (a runaway, not the budget: that is what the numbers measure).
HARD_SECONDS = 60
HARD_BYTES = 2 << 30
#: Findings that are a reader's or a rule's crash turned into a finding: bugs, in our readers.
CRASH_CODES = frozenset({"GIR000", "GIR002"})
_STATS = os.environ.get("GOVINFO_FUZZ_STATS")
#: A folder that keeps each input that failed, named by its hash, to reproduce it.
_FAILURES = os.environ.get("GOVINFO_FUZZ_FAILURES")


@attrs.frozen
class Outcome:
    """What one parse ended in, what it took, and why when it failed."""

    kind: str  # report, refused (a typed error), crash, over_time, over_memory
    seconds: float = 0.0
    added_bytes: int = 0
    detail: str = ""

    @property
    def ok(self) -> bool:
        """True for a report without crash findings, or a typed refusal."""
        return self.kind in ("report", "refused")


def _status(field: str) -> int:
    """A ``kB`` field of ``/proc/self/status`` in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _child(parser: Parser, data: bytes) -> dict[str, object]:
    resource.setrlimit(resource.RLIMIT_AS, (_status("VmSize") + HARD_BYTES, resource.RLIM_INFINITY))
    signal.alarm(HARD_SECONDS)  # the default action ends the child: over_time
    base = _status("VmRSS")
    start = time.perf_counter()
    try:
        report = parser.parse(data)
        crashes = [f"{f.code}: {f.message_en}" for f in report.findings if f.code in CRASH_CODES]
        kind, detail = ("crash", "; ".join(crashes)) if crashes else ("report", "")
    except GovInfoReportError as exc:
        kind, detail = "refused", f"{type(exc).__name__}: {exc}"[:300]
    except MemoryError:
        kind, detail = "over_memory", "MemoryError"
    except Exception:  # what the suite exists to find
        kind, detail = "crash", traceback.format_exc()[-3000:]
    seconds = time.perf_counter() - start
    return {"kind": kind, "seconds": seconds, "added": _status("VmHWM") - base, "detail": detail}


def parse_within_budget(parser: Parser, data: bytes, label: str = "") -> Outcome:
    """Parse ``data`` with ``parser`` in a forked child; the outcome, recorded when the
    ``GOVINFO_FUZZ_STATS`` file is set."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            with os.fdopen(write_end, "w") as out:
                out.write(json.dumps(_child(parser, data)))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if payload:
        found = json.loads(payload)
        outcome = Outcome(found["kind"], found["seconds"], found["added"], found["detail"])
    elif os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM:
        outcome = Outcome("over_time", HARD_SECONDS, 0, f"no result in {HARD_SECONDS} s")
    else:
        outcome = Outcome("crash", 0.0, 0, f"the child ended with status {status}")
    if _FAILURES and not outcome.ok:
        folder = Path(_FAILURES)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{hashlib.sha256(data).hexdigest()[:16]}.{outcome.kind}").write_bytes(data)
    if _STATS:
        with open(_STATS, "a", encoding="utf-8") as stats:
            stats.write(json.dumps({"label": label, **attrs.asdict(outcome)}) + "\n")
    return outcome
