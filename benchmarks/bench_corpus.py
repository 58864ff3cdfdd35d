"""Corpus throughput: documents per second and peak memory, with 1 and with all workers.

Run: ``python benchmarks/bench_corpus.py [--documents N]``. Generates N reports in the five
layouts into a temporary directory, then times ``govinfo-report parse DIR --out x.sqlite -j W``,
and the CPU the run's own process spends a document (which bounds a run on many cores).
"""

from __future__ import annotations

import argparse
import io
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
from govinfo_report._corpus import run_corpus
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
        # The run's own process hands out files and writes every result: its CPU a document
        # bounds the throughput however many workers parse.
        before = resource.getrusage(resource.RUSAGE_SELF)
        run_corpus([str(root)], Path(tmp) / "parent.sqlite", workers=cores, progress=io.StringIO())
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        print(
            f"the run's own process: {cpu * 1000 / count:.1f} ms CPU a document, "
            f"a ceiling of {count / cpu:.0f} documents/s whatever the workers"
        )


if __name__ == "__main__":
    main()
