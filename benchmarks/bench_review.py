"""Review page speed: pages per second for a directory of one page per report, and for one
page; the index (with its dashboard) in seconds and KB.

Run: ``python benchmarks/bench_review.py [--reports N ...]``. Generates N checked reports
(about half with a broken identity), then times ``write_review`` into a temporary directory (a
page per report and the index) and ``entries_page`` of up to 200 reports as one page. Each
corpus is timed twice: as generated (five agencies, any years, several reports a year), and
as agencies over three consecutive years (the most year-over-year panels, every pair of years
broken somewhere). Parsing is not timed: ``bench_corpus.py`` measures that.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report._review import PAGE_LIMIT, Entry, entries_page, index_page, write_review
from govinfo_report._review._charts import available
from govinfo_report._review._write import _light
from govinfo_report.testing import broken_reports, reports


def generate(count: int) -> list[Report]:
    """``count`` generated reports, checked, about half of them broken."""
    drawn: list[Report] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,  # the first example imports the parser
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(reports(), broken_reports().map(lambda pair: pair[0])))
    def draw(report: Report) -> None:
        drawn.append(govinfo_report.check(report))

    draw()
    return drawn


def over_years(drawn: list[Report], years: int = 3) -> list[Report]:
    """``drawn`` as agencies with reports of ``years`` consecutive years each."""
    return [
        attrs.evolve(
            r,
            metadata=attrs.evolve(
                r.metadata, agency=f"某某市第{i // years}局", year=2021 + i % years
            ),
        )
        for i, r in enumerate(drawn)
    ]


def measure(shape: str, drawn: list[Report]) -> None:
    entries = [Entry(f"corpus/{i:06d}.txt", r) for i, r in enumerate(drawn)]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_review(entries, Path(tmp) / "review")
        seconds = time.perf_counter() - start
        pages = list((Path(tmp) / "review").iterdir())
        size = sum(p.stat().st_size for p in pages) / 1e6
        index = (Path(tmp) / "review" / "index.html").stat().st_size / 1e3
    print(
        f"{shape}: directory of {len(entries)} pages + index in {seconds:.2f} s = "
        f"{len(entries) / seconds:.0f} pages/s ({size:.1f} MB; index {index:.0f} KB)"
    )
    rows = [(f"{i:05d}.html", _light(e)) for i, e in enumerate(entries, start=1)]
    start = time.perf_counter()
    index_page(rows)
    print(f"{shape}: the index alone in {time.perf_counter() - start:.2f} s")
    one = entries[:PAGE_LIMIT]
    start = time.perf_counter()
    page = entries_page(one)
    seconds = time.perf_counter() - start
    print(
        f"{shape}: one page of {len(one)} reports in {seconds:.2f} s = "
        f"{len(one) / seconds:.0f} reports/s ({len(page.encode()) / 1e6:.1f} MB)"
    )


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--reports", type=int, nargs="+", default=[200, 600])
    args = cli.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"charts: {'Matplotlib' if available() else 'none (tables only)'}")
    for count in args.reports:
        drawn = generate(count)
        findings = sum(len(r.findings) for r in drawn)
        print(f"{len(drawn)} generated reports, {findings} findings")
        measure(f"{count} generated", drawn)
        measure(f"{count} over 3 years", over_years(drawn))


if __name__ == "__main__":
    main()
