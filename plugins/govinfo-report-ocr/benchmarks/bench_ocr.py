"""What OCR reads of scanned reports, how fast, and what the package costs to install.

Run: ``python plugins/govinfo-report-ocr/benchmarks/bench_ocr.py [--reports N] [--jobs]``.
For ``N`` generated reports (the same on every run) it renders each to PDF, scans it clean
at 200 dpi and once more degraded as ``govinfo_report_ocr.testing.scans()`` draws (tilt, blur,
JPEG, salt, grey paper, colour, 150–300 dpi), parses the image-only PDFs, and prints per
kind of scan the share of cells exact, unknown with a finding, wrong with a finding, and
wrong or unknown with none (which must be 0). Then the real PDF sample scanned at 200 dpi,
pages per second through ``parse_many`` with one worker and with every core (``--jobs``),
and the installed size of the package and everything it pulls in beyond the core.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from govinfo_report_ocr.testing import Scan, Tally, scanned_pdf, scans, tally
from hypothesis import HealthCheck, Phase, given, settings

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import reports
from govinfo_report.testing.pdf import render_pdf

SAMPLE = Path(__file__).parents[1] / "tests" / "corpus" / "huaian_2024.pdf"


def drawn(count: int) -> list[tuple[Report, Scan]]:
    """``count`` generated reports, each with a degraded scan, the same on every run."""
    out: list[tuple[Report, Scan]] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(reports(), scans())
    def draw(report: Report, scan: Scan) -> None:
        out.append((report, scan))

    draw()
    return out[:count]


def share(tallied: Tally) -> str:
    """The tally as shares of its cells."""
    cells = tallied.cells or 1
    return (
        f"{tallied.cells:6d} cells: exact {100 * tallied.exact / cells:5.1f}%, "
        f"unknown+finding {100 * tallied.unknown / cells:5.1f}%, "
        f"wrong+finding {100 * tallied.wrong_flagged / cells:4.1f}%, "
        f"silent {tallied.wrong_silent + tallied.unknown_silent}"
    )


def pages_per_second(files: list[Path], pages: int, workers: int) -> float:
    start = time.perf_counter()
    for _ in govinfo_report.parse_many(files, workers=workers):
        pass
    return pages / (time.perf_counter() - start)


def installed_size(name: str, core: str = "govinfo-report") -> tuple[int, list[tuple[str, int]]]:
    """Bytes installed for distribution ``name`` and what it requires that ``core`` does not."""
    needed_by_core = _closure([core])
    mine = _closure([name]) - needed_by_core
    sizes = []
    for dist_name in sorted(mine):
        dist = importlib.metadata.distribution(dist_name)
        size = 0
        for file in dist.files or ():
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                size += path.stat().st_size
        sizes.append((dist_name, size))
    return sum(s for _, s in sizes), sorted(sizes, key=lambda pair: -pair[1])


def _closure(names: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for requirement in dist.requires or ():
            if "extra ==" in requirement and "pdf" not in requirement:
                continue
            bare = requirement.split(";")[0].split("[")[0]
            for mark in "<>=!~ (":
                bare = bare.split(mark)[0]
            todo.append(bare.strip())
    return seen


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--reports", type=int, default=8)
    options.add_argument("--jobs", action="store_true", help="also time parse_many")
    args = options.parse_args()
    clean, degraded = Tally(), Tally()
    seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for n, (report, scan) in enumerate(drawn(args.reports)):
            pdf = render_pdf(report)
            for kind, used in (("clean", Scan(dpi=200)), ("degraded", scan)):
                data = scanned_pdf(pdf, used)
                start = time.perf_counter()
                parsed = govinfo_report.parse(data)
                seconds += time.perf_counter() - start
                scored = tally(report, parsed)
                if kind == "clean":
                    clean += scored
                    path = Path(folder) / f"scan{n}.pdf"
                    path.write_bytes(data)
                    files.append(path)
                else:
                    degraded += scored
                    print(f"  degraded {used}: {share(scored)}")
        print(f"clean 200 dpi scans:  {share(clean)}")
        print(f"degraded scans:       {share(degraded)}")
        print(
            f"seconds per scanned report (parse, this process): {seconds / (2 * args.reports):.1f}"
        )
        sample = govinfo_report.parse(scanned_pdf(SAMPLE.read_bytes(), Scan(dpi=200, jpeg=85)))
        text = govinfo_report.parse(SAMPLE.read_bytes())
        exact = sum(k in sample.cells and sample[k] == v for k, v in text.to_flat().items())
        print(
            f"real PDF sample scanned at 200 dpi: {exact}/{len(text.cells)} cells exact, "
            f"{len(sample.findings)} findings"
        )
        if args.jobs:
            import pypdfium2  # noqa: PLC0415 - only to count pages

            pages = sum(len(pypdfium2.PdfDocument(str(f))) for f in files)
            for workers in sorted({1, os.cpu_count() or 1}):
                rate = pages_per_second(files, pages, workers)
                print(f"parse_many, {workers} worker(s): {rate:.2f} pages/s ({pages} pages)")
    total, sizes = installed_size("govinfo-report-ocr")
    listed = ", ".join(f"{name} {size / 2**20:.0f}" for name, size in sizes[:8])
    print(f"installed beyond the core: {total / 2**20:.0f} MB ({listed} MB)")


if __name__ == "__main__":
    main()
