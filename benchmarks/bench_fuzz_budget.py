"""The byte-level fuzz suite's long run, and the worst time and memory per example.

Run: ``python benchmarks/bench_fuzz_budget.py [--profile long] [--stats FILE]``. It runs
``tests/test_fuzz_bytes.py`` under the chosen hypothesis profile with ``GOVINFO_FUZZ_STATS``
set, so each example (parsed in a forked child, see ``tests/_budget.py``) records its outcome,
seconds and added resident memory; then it prints, per reader family, the examples run, how
they ended, and the worst time and memory with the base document that cost them.
Inputs that failed are kept in ``benchmarks/fuzz-failures/`` to reproduce.
``--summarise FILE`` prints the table of an earlier run's stats without running.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def summarise(stats: Path) -> str:
    """A table of the stats file: one row per reader family, and one for all."""
    rows = [json.loads(line) for line in stats.read_text("utf-8").splitlines() if line]
    families: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        families[str(row["label"]).split(":", 1)[0]].append(row)
    families["all"] = rows
    lines = [
        "family  examples  reports  refused  failed  worst s (base)            worst MB (base)"
    ]
    for family, found in families.items():
        kinds = Counter(str(r["kind"]) for r in found)
        slow = max(found, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
        big = max(found, key=lambda r: int(r["added_bytes"]))  # type: ignore[call-overload]
        failed = len(found) - kinds["report"] - kinds["refused"]
        lines.append(
            f"{family:7} {len(found):9,} {kinds['report']:8,} {kinds['refused']:8,} {failed:7,}"
            f"  {float(slow['seconds']):7.2f} ({slow['label']})".ljust(68)  # type: ignore[arg-type]
            + f" {int(big['added_bytes']) / 2**20:6.0f} ({big['label']})"  # type: ignore[call-overload]
        )
    return "\n".join(lines)


def main() -> int:
    """Run the suite (or read an earlier run) and print the table."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--profile", default="long", help="hypothesis profile (default long)")
    options.add_argument("--stats", type=Path, default=ROOT / "benchmarks" / "fuzz-stats.jsonl")
    options.add_argument("--summarise", type=Path, help="only summarise this stats file")
    args = options.parse_args()
    if args.summarise:
        print(summarise(args.summarise))
        return 0
    args.stats.unlink(missing_ok=True)
    run = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            str(ROOT / "tests" / "test_fuzz_bytes.py"), f"--hypothesis-profile={args.profile}",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "GOVINFO_FUZZ_STATS": str(args.stats),
            "GOVINFO_FUZZ_FAILURES": str(args.stats.with_name("fuzz-failures")),
        },
        check=False,
    )  # fmt: skip
    print(summarise(args.stats))
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
