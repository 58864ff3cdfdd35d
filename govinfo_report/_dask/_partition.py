"""A partition of files parsed on a worker into the three tables, as Arrow tables of the
schemas of :mod:`._meta`: the wide rows, the cells and the findings, row for row what the
local run writes (:func:`govinfo_report._codec.report_rows`, :func:`govinfo_report._wide.wide_row`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._codec import report_rows
from .._corpus._cross import COMPARED as COMPARED_KEYS
from .._corpus._pool import Result
from .._corpus._sinks import result_row
from .._findings import Severity
from .._outcomes import Failure
from .._wide import WideRow, arrow_table
from ..rules import RuleConfig
from ._meta import (
    CELLS,
    COMPARED,
    EXTRA_COLUMNS,
    FINDINGS,
    NUMBERS,
    REPORT_COLUMNS,
    WIDE,
    frame_of,
    table_of,
)
from ._plugins import Fingerprint, differences, mismatch_error
from ._read import parse_file, worker_plugins


@attrs.frozen
class Counts:
    """What partitions did: files parsed, failed, skipped (written before), the findings of
    severity error in the reports parsed, and the files written before that were parsed again
    (their content changed, or their last reading crashed)."""

    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    errors: int = 0
    replaced: tuple[str, ...] = ()

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.parsed + other.parsed,
            self.failed + other.failed,
            self.skipped + other.skipped,
            self.errors + other.errors,
            self.replaced + other.replaced,
        )


@attrs.frozen(eq=False)
class Part:
    """One partition parsed: its wide rows, cells and findings (Arrow tables), and counts."""

    wide: Any
    cells: Any
    findings: Any
    counts: Counts


def _verified(expected: Fingerprint, config: RuleConfig) -> None:
    """Refuse to parse on a worker whose plugins are not the client's (one that joined
    after the check before the run)."""
    said = differences(expected, worker_plugins(config))
    if said:
        raise mismatch_error(_worker_address(), said)


def _worker_address() -> str:
    try:
        from distributed import get_worker  # noqa: PLC0415 - only inside a distributed task

        address: str = get_worker().address
        return address
    except (ImportError, ValueError):
        return "(this process)"


def _held(result: Result) -> tuple[Result, WideRow]:
    """The result and its wide row; a value no column holds exactly makes the file an
    ``OutputError`` row (naming the key), so that one file costs no more than itself."""
    try:
        return result, result_row(result)
    except ValueError as exc:
        failure = Failure("OutputError", f"cannot write {result.path}: {exc}")
        failed = Result(result.path, result.sha256, failure=failure)
        return failed, result_row(failed)


def tables_of(results: Sequence[Result]) -> tuple[Any, Any, Any]:
    """The wide, cells and findings tables of ``results``."""
    rows, extras, cells, findings = [], [], [], []
    for result in results:
        held, row = _held(result)
        failure = (held.failure.type, held.failure.message) if held.failure else None
        written = report_rows(held.path, held.sha256, held.report, failure)
        rows.append(row)
        extras.append([written.report[REPORT_COLUMNS.index(c)] for c in EXTRA_COLUMNS])
        cells.extend(written.cells)
        findings.extend(written.findings)
    return (
        _wide_table(rows, extras),
        table_of(cells, CELLS, NUMBERS["cells"]),
        table_of(findings, FINDINGS, NUMBERS["findings"]),
    )


def _wide_table(rows: Sequence[WideRow], extras: Sequence[Sequence[Any]]) -> Any:
    """The wide table of :data:`WIDE`: the local wide rows (money widened to the fixed scale,
    which is exact) and the extra columns of the ``reports`` rows."""
    local = arrow_table(rows)
    extra = {name: [row[i] for row in extras] for i, name in enumerate(EXTRA_COLUMNS)}
    arrays = [
        pa.array(extra[f.name], type=f.type)
        if f.name in extra
        else local.column(f.name).cast(f.type)
        for f in WIDE
    ]
    return pa.Table.from_arrays(arrays, schema=WIDE)


def part_of(results: Sequence[Result], skipped: int = 0) -> Part:
    """The part of ``results``, ``skipped`` files beside them."""
    wide, cells, findings = tables_of(results)
    counts = Counts(
        parsed=sum(r.report is not None for r in results),
        failed=sum(r.report is None for r in results),
        skipped=skipped,
        errors=sum(
            f.severity is Severity.ERROR for r in results if r.report for f in r.report.findings
        ),
    )
    return Part(wide, cells, findings, counts)


def compared_of(wide: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The rows the corpus rules read (:data:`._meta.COMPARED`) of a partition's reports:
    each report the rules can pair (no error, an agency and a year) with its compared cells."""
    heads = wide.loc[
        wide["error_type"].isna() & wide["agency_key"].notna() & wide["year"].notna(),
        ["file", "agency_key", "year", "template"],
    ]
    kept = cells.loc[cells["key"].isin(COMPARED_KEYS), ["file", "key", "value", "exact", "line"]]
    joined = heads.merge(kept, on="file", how="left")[list(COMPARED.names)]
    return joined.astype(frame_of(COMPARED.empty_table()).dtypes.to_dict())


def compared_of_part(part: Part) -> pd.DataFrame:
    """:func:`compared_of` a parsed partition (only the columns and cells it reads are made
    into pandas)."""
    heads = part.wide.select(["file", "agency_key", "year", "template", "error_type"])
    cells = part.cells.select(["file", "key", "value", "exact", "line"])
    compared = cells.filter(pc.is_in(cells["key"], pa.array(COMPARED_KEYS)))
    return compared_of(frame_of(heads), frame_of(compared))


def parse_partition(
    files: Sequence[str],
    done: Mapping[str, str],
    storage_options: dict[str, object],
    config: RuleConfig,
    expected: Fingerprint,
) -> Part:
    """Parse ``files`` on this worker, skipping those whose content hash ``done`` holds."""
    _verified(expected, config)
    results: list[Result] = []
    skipped = 0
    for url in files:
        result = parse_file(url, storage_options, config, done.get(url))
        if result is None:
            skipped += 1
        else:
            results.append(result)
    replaced = tuple(r.path for r in results if r.path in done)
    part = part_of(results, skipped)
    return attrs.evolve(part, counts=attrs.evolve(part.counts, replaced=replaced))
