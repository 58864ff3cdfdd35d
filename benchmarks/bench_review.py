"""Review page speed: pages per second for a directory of one page per report, and for one page.

Run: ``python benchmarks/bench_review.py [--reports N]``. Generates N checked reports (about
half with a broken identity), then times ``write_review`` into a temporary directory (a page
per report and the index) and ``entries_page`` of up to 200 reports as one page. Parsing is not
timed: ``bench_corpus.py`` measures that.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report._review import PAGE_LIMIT, Entry, entries_page, write_review
from govinfo_report.testing import broken_reports, reports


def generate(count: int) -> list[Report]:
    """``count`` generated reports, checked, about half of them broken."""
    drawn: list[Report] = []

    @settings(
        max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.one_of(reports(), broken_reports().map(lambda pair: pair[0])))
    def draw(report: Report) -> None:
        drawn.append(govinfo_report.check(report))

    draw()
    return drawn


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--reports", type=int, default=2000)
    args = cli.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    entries = [Entry(f"corpus/{i:06d}.txt", r) for i, r in enumerate(generate(args.reports))]
    findings = sum(len(e.report.findings) for e in entries if e.report)
    print(f"{len(entries)} generated reports, {findings} findings")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_review(entries, Path(tmp) / "review")
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (Path(tmp) / "review").iterdir()) / 1e6
        print(
            f"directory: {len(entries)} pages + index in {seconds:.2f} s = "
            f"{len(entries) / seconds:.0f} pages/s ({size:.1f} MB)"
        )
    one = entries[:PAGE_LIMIT]
    start = time.perf_counter()
    page = entries_page(one)
    seconds = time.perf_counter() - start
    print(
        f"one page of {len(one)} reports in {seconds:.2f} s = {len(one) / seconds:.0f} reports/s "
        f"({len(page.encode()) / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
