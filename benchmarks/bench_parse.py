"""Time ``govinfo_report.parse`` on the bundled seed reports and print the figures.

Run: ``python benchmarks/bench_parse.py [--repeat N]``. Figures come from repeated runs after
a warm-up; the machine is described first so that numbers can be compared across runs.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import govinfo_report
from govinfo_report._decode import decode
from govinfo_report._normalise import normalise

SEEDS = sorted((Path(__file__).parents[1] / "tests" / "corpus" / "seeds").glob("*.txt"))
PDF = Path(__file__).parents[1] / "tests" / "corpus" / "samples" / "huaian_2024.pdf"


def _times(function, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    function()  # warm-up: caches, lazy imports, plugin discovery
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append(time.perf_counter() - start)
    return out


def _ms(values: list[float], percentile: int) -> float:
    """The ``percentile`` of ``values`` in milliseconds."""
    if percentile == 50:
        return statistics.median(values) * 1000
    return statistics.quantiles(values, n=100)[percentile - 1] * 1000


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--repeat", type=int, default=200)
    args = cli.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    import_times = []
    for _ in range(5):
        out = (
            subprocess.run(
                [sys.executable, "-X", "importtime", "-c", "import govinfo_report"],
                capture_output=True,
                text=True,
                check=True,
            )
            .stderr.strip()
            .splitlines()[-1]
        )
        import_times.append(int(out.split("|")[1]) / 1000)
    print(f"import govinfo_report: median {statistics.median(import_times):.1f} ms (-X importtime)")
    header = ("document", "KB", "parse p50", "parse p95", "floor p50", "ratio", "peak KB")
    print("{:<28}{:>6}{:>11}{:>11}{:>11}{:>7}{:>9}".format(*header))
    total = 0.0
    for path in SEEDS:
        data = path.read_bytes()
        parse = _times(lambda data=data: govinfo_report.parse(data), args.repeat)
        floor = _times(lambda data=data: normalise(decode(data).text), args.repeat)
        tracemalloc.start()
        govinfo_report.parse(data)
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
        total += statistics.median(parse)
        ratio = statistics.median(parse) / statistics.median(floor)
        print(
            f"{path.name:<28}{len(data) / 1024:>6.1f}{_ms(parse, 50):>10.2f} "
            f"{_ms(parse, 95):>10.2f} {_ms(floor, 50):>10.2f} {ratio:>6.1f}x{peak:>9.0f}"
        )
    print(f"throughput, 1 worker: {len(SEEDS) / total:.0f} documents/s")
    _pdf(max(args.repeat // 40, 3))


def _pdf(repeat: int) -> None:
    """The sample PDF: a whole parse against pdfplumber's plain text extraction alone."""
    try:
        import pdfplumber  # noqa: PLC0415 - an optional extra
    except ImportError:
        print("PDF: pdfplumber not installed (pip install 'govinfo-report[pdf]')")
        return
    data = PDF.read_bytes()

    def text_only() -> None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()

    parse = _times(lambda: govinfo_report.parse(data), repeat)
    floor = _times(text_only, repeat)
    ratio = statistics.median(parse) / statistics.median(floor)
    print(
        f"{PDF.name:<28}{len(data) / 1024:>6.1f}{_ms(parse, 50):>10.2f} "
        f"{max(parse) * 1000:>10.2f} {_ms(floor, 50):>10.2f} {ratio:>6.1f}x"
        "  (pdf: positions and tables; floor: pdfplumber's plain text; p95 column: max)"
    )


if __name__ == "__main__":
    main()
