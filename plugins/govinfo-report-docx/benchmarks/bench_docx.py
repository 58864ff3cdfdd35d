"""Time reading Word files: the seed reports written as .docx, read and parsed.

Run: ``python plugins/govinfo-report-docx/benchmarks/bench_docx.py [--repeat N]``. Prints the
median and 95th percentile in milliseconds of writing (``render_docx``), reading
(``read_docx``) and a whole parse with the installed plugins.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from govinfo_report_docx import read_docx, render_docx

import govinfo_report

SEEDS = sorted((Path(__file__).parents[3] / "tests" / "corpus" / "seeds").glob("*.txt"))


def _times(function: Callable[[], object], repeat: int) -> list[float]:
    function()  # warm-up: lazy imports, plugin discovery
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    """Print the timings of each stage over the seed reports."""
    options = argparse.ArgumentParser()
    options.add_argument("--repeat", type=int, default=20)
    repeat = options.parse_args().repeat
    parser = govinfo_report.Parser()
    reports = [govinfo_report.parse(seed) for seed in SEEDS]
    files = [render_docx(report) for report in reports]
    stages: dict[str, Callable[[], object]] = {
        "render_docx": lambda: [render_docx(r) for r in reports],
        "read_docx": lambda: [read_docx(f) for f in files],
        "parse": lambda: [parser.parse(f) for f in files],
    }
    print(f"{len(files)} seed reports as .docx, {sum(map(len, files)) // len(files):,} bytes each")
    for name, stage in stages.items():
        per_report = [t / len(files) * 1000 for t in _times(stage, repeat)]
        p95 = statistics.quantiles(per_report, n=20)[-1]
        print(f"{name:<12} median {statistics.median(per_report):7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
