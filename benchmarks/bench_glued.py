"""How much of a glued table the identities decide, and how long it takes.

Run: ``python benchmarks/bench_glued.py [--reports N] [--seed S]``. For N generated reports in
each distribution, rendered in the ``glued`` layout (a line per row, and each table on one
line), it prints the share of cells decided per section (the rest are unknown with a finding),
how often the prose figures decided a cell (GIR113), wrong values (must be 0) and the time per
document. ``default`` is ``govinfo_report.testing.reports()`` (counts uniform up to 1000: long
runs of digits, the hard case); ``small`` draws counts up to 9 with blank cells; ``realistic``
draws mostly zeros and small counts, as real reports have, and states the totals in the prose.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import reports
from govinfo_report.testing._strategies import GENERATED

Distribution = Callable[[], st.SearchStrategy[Report]]


def _realistic(report: Report, rng: random.Random) -> Report:
    """The report with counts mostly 0 and small (identities kept), and figures in the prose."""
    template = report.template or "2021"
    keys = govinfo_report.tables.template_rows(template, "applications")
    cells = dict(report.cells)

    def small() -> int:
        return rng.choice([0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 40, 120])

    results = [
        r for r in keys if r not in ("received_new", "carried_over", "total", "carried_forward")
    ]
    columns = [k.column for k in keys["received_new"] if k.column != "total"]
    values: dict[str, int] = {}
    for column in columns:
        done = 0
        for row in results:
            values[f"applications.{row}.{column}"] = v = small() if rng.random() < 0.4 else 0
            done += v
        forward = small() if rng.random() < 0.2 else 0
        carried = rng.randint(0, min(done + forward, 3))
        values[f"applications.total.{column}"] = done
        values[f"applications.carried_forward.{column}"] = forward
        values[f"applications.carried_over.{column}"] = carried
        values[f"applications.received_new.{column}"] = done + forward - carried
    for row in keys:
        values[f"applications.{row}.total"] = sum(
            values[f"applications.{row}.{c}"] for c in columns
        )
    for block in ("review", "litigation_direct", "litigation_after_review"):
        parts = [small() if rng.random() < 0.3 else 0 for _ in range(4)]
        for part, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"review_litigation.{block}.{part}"] = v
        values[f"review_litigation.{block}.total"] = sum(parts)
    for key, value in values.items():
        cells[key] = govinfo_report.Cell(key, value, GENERATED)
    prose = (
        f"本年度共收到政府信息公开申请{values['applications.received_new.total']}件，"
        f"办结政府信息公开申请{values['applications.total.total']}件。"
        f"因政府信息公开申请行政复议{values['review_litigation.review.total']}件。"
    )
    return attrs.evolve(report, cells=cells, prose={"一": prose})


DISTRIBUTIONS: dict[str, Distribution] = {
    "default": reports,
    "small": lambda: reports(max_count=9, blanks=True),
    "realistic": lambda: st.builds(_realistic, reports(max_count=9), st.randoms()),
}


def measure(name: str, count: int, seed: int) -> None:
    """Parse ``count`` reports of distribution ``name`` and print the figures."""
    drawn: list[Report] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(DISTRIBUTIONS[name]())
    def collect(report: Report) -> None:
        drawn.append(report)

    random.seed(seed)
    collect()
    decided: Counter[str] = Counter()
    total: Counter[str] = Counter()
    prose_decided = wrong = 0
    times: list[float] = []
    for i, report in enumerate(drawn):
        text = govinfo_report.render(report, "glued", breaks=i % 2 == 0)
        start = time.perf_counter()
        parsed = govinfo_report.parse(text)
        times.append(time.perf_counter() - start)
        expected = report.to_flat()
        for key, value in expected.items():
            section = key.split(".", 1)[0]
            total[section] += 1
            if key in parsed.cells:
                decided[section] += 1
                wrong += parsed[key] != value
        prose_decided += any(f.code == "GIR113" for f in parsed.findings)
    print(f"\n{name}: {len(drawn)} reports (glued, half one line per row, half one line per table)")
    for section in ("active", "applications", "review_litigation"):
        share = decided[section] / total[section] if total[section] else 0.0
        print(f"  {section:18} decided {decided[section]:6}/{total[section]:6} = {share:6.1%}")
    all_share = sum(decided.values()) / sum(total.values())
    print(
        f"  {'all':18} decided {sum(decided.values()):6}/{sum(total.values()):6} = {all_share:6.1%}"
    )
    print(f"  prose decided a cell in {prose_decided} reports; wrong values: {wrong}")
    times.sort()
    print(
        f"  time per document: median {statistics.median(times) * 1000:.0f} ms, "
        f"p90 {times[int(len(times) * 0.9)] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )


def main() -> None:
    """Measure every distribution."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", choices=sorted(DISTRIBUTIONS))
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    govinfo_report.parse(govinfo_report.render(reports().example(), "glued"))  # warm-up
    for name in [args.only] if args.only else DISTRIBUTIONS:
        measure(name, args.reports, args.seed)


if __name__ == "__main__":
    main()
