"""Corpus throughput: documents per second and peak memory, with 1 and with all workers.

Run: ``python benchmarks/bench_corpus.py [--documents N]``. Generates N reports in the five
layouts into a temporary directory, then times ``govinfo-report parse DIR --out x.sqlite -j W``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import reports

LAYOUTS = ("html", "pipe", "tab", "markdown", "lines")


def generate(root: Path, count: int) -> None:
    """Write ``count`` generated reports, cycling through the layouts."""
    written = [0]

    @settings(
        max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(reports())
    def write(report: Report) -> None:
        i = written[0]
        written[0] += 1
        layout = LAYOUTS[i % len(LAYOUTS)]
        (root / f"{i:06d}.{'html' if layout == 'html' else 'txt'}").write_text(
            govinfo_report.render(report, layout), encoding="utf-8"
        )

    write()


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--documents", type=int, default=1000)
    args = cli.parse_args()
    cores = os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        generate(root, args.documents)
        count = len(list(root.iterdir()))
        size = sum(p.stat().st_size for p in root.iterdir()) / 1e6
        print(f"{count} generated documents ({size:.1f} MB)")
        for workers in sorted({1, cores}):
            out = Path(tmp) / f"run{workers}.sqlite"
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "govinfo_report",
                    "parse",
                    str(root),
                    "--out",
                    str(out),
                    "-j",
                    str(workers),
                ],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"-j {workers}: {count / seconds:.0f} documents/s ({seconds:.1f} s); "
                f"peak memory of the largest process so far {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
