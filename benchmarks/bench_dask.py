"""Dask against ``parse_many``: documents per second with 1 and 2 workers, by format, and the
scheduler's cost per document.

Run: ``python benchmarks/bench_dask.py [--documents N] [--pdfs N]``. Generates N reports as
text layouts and web pages, and a number of PDFs, into a temporary directory, then parses each
format with ``parse_many`` (``workers`` processes) and on a Dask ``LocalCluster`` (``workers``
processes of one thread), computing the three tables together. The workers' peak memory is
measured in the workers (``resource.getrusage``). Each timing includes starting the workers
(``parse_many``'s processes, the cluster's): for ``parse_many`` it is part of every run, for
Dask it is paid once per cluster, so it is shown apart (``start``).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

import attrs
import dask
import distributed
from hypothesis import HealthCheck, given, settings

import govinfo_report
from govinfo_report import Report
from govinfo_report._corpus import parse_many
from govinfo_report.dask import local_cluster, read_reports
from govinfo_report.testing import AGENCIES, reports
from govinfo_report.testing.pdf import render_pdf

TEXT_LAYOUTS = ("pipe", "tab", "markdown", "lines")


def generate(count: int) -> list[Report]:
    """``count`` generated reports of the 2021 template."""
    found: list[Report] = []

    @settings(
        max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(reports(template="2021"))
    def collect(report: Report) -> None:
        found.append(report)

    collect()
    return found[:count]


def write(root: Path, count: int, pdfs: int) -> dict[str, list[str]]:
    """``count`` documents per text and web format (text cycles through the layouts) and
    ``pdfs`` PDFs, by format."""
    drawn = generate(max(count, pdfs))
    files: dict[str, list[str]] = {"text": [], "html": [], "pdf": []}
    for i, base in enumerate(drawn):
        meta = attrs.evolve(base.metadata, agency=f"{AGENCIES[i % 5]}{i}", year=2021)
        report = attrs.evolve(base, metadata=meta)
        if i < count:
            text = root / f"{i:05d}.txt"
            text.write_text(govinfo_report.render(report, TEXT_LAYOUTS[i % 4]), "utf-8")
            files["text"].append(str(text))
            page = root / f"{i:05d}.html"
            page.write_text(govinfo_report.render(report, "html"), "utf-8")
            files["html"].append(str(page))
        if i < pdfs:
            pdf = root / f"{i:05d}.pdf"
            pdf.write_bytes(render_pdf(report))
            files["pdf"].append(str(pdf))
    return files


@attrs.frozen
class Timing:
    """A run over one format: wall seconds, and CPU seconds of every process it used."""

    seconds: float
    cpu: float


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    """This process's peak resident memory, in MB (run on each worker)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def local_timings(files: dict[str, list[str]], workers: int) -> dict[str, Timing]:
    """``parse_many`` over each format's files: its processes' CPU (the workers are reaped at
    the end, so they count among this process's children)."""
    found = {}
    for kind, paths in files.items():
        cpu, start = _cpu() + _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        list(parse_many(paths, workers=workers))
        seconds = time.perf_counter() - start
        found[kind] = Timing(seconds, _cpu() + _cpu(resource.RUSAGE_CHILDREN) - cpu)
    return found


def dask_timings(
    files: dict[str, list[str]], workers: int, per_partition: int
) -> tuple[float, dict[str, Timing], float]:
    """The cluster's start, a Dask run over each format's files (CPU of the workers, and of
    this process, which holds the client and the scheduler), and the workers' peak memory."""
    start = time.perf_counter()
    with (
        local_cluster(workers) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(govinfo_report.Parser)  # the workers import the parser once, as any run
        started = time.perf_counter() - start
        found = {}
        for kind, paths in files.items():
            cpu = _cpu() + sum(client.run(_cpu).values())
            begin = time.perf_counter()
            reports = read_reports(paths, files_per_partition=per_partition, client=client)
            dask.compute(reports.wide, reports.cells, reports.findings)
            seconds = time.perf_counter() - begin
            found[kind] = Timing(seconds, _cpu() + sum(client.run(_cpu).values()) - cpu)
        peak = max(client.run(_peak_mb).values())
    return started, found, peak


def _row(name: str, start: str, counts: dict[str, int], timings: dict[str, Timing]) -> str:
    cells = "".join(
        f"{counts[k] / t.seconds:>11.1f}{counts[k] / t.cpu:>10.1f}" for k, t in timings.items()
    )
    return f"{name:<20}{start:>9}{cells}"


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--documents", type=int, default=400, help="text and web documents each")
    cli.add_argument("--pdfs", type=int, default=100)
    cli.add_argument("--per-partition", type=int, default=32, help="files a Dask task parses")
    args = cli.parse_args()
    cores = os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = write(Path(tmp), args.documents, args.pdfs)
        counts = {kind: len(paths) for kind, paths in files.items()}
        print(f"documents: {counts}, {args.per_partition} per Dask task")
        print("documents/s of wall time (wall) and per CPU-second of all processes (cpu)")
        heads = "".join(f"{k + ' wall':>11}{k + ' cpu':>10}" for k in files)
        print(f"{'run':<20}{'start s':>9}{heads}")
        local: dict[int, dict[str, Timing]] = {}
        for workers in (1, 2):
            local[workers] = local_timings(files, workers)
            print(_row(f"parse_many -j {workers}", "-", counts, local[workers]))
        for workers in (1, 2):
            started, timings, peak = dask_timings(files, workers, args.per_partition)
            print(_row(f"dask, {workers} workers", f"{started:.1f}", counts, timings))
            extra = {
                kind: (timings[kind].cpu - local[workers][kind].cpu) / counts[kind] * 1000
                for kind in files
            }
            shown = ", ".join(f"{kind} {ms:+.1f}" for kind, ms in extra.items())
            print(f"  CPU ms per document beyond parse_many: {shown}; peak worker {peak:.0f} MB")


if __name__ == "__main__":
    main()
