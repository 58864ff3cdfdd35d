"""A Dask run into partitioned Parquet that a rerun resumes.

Before parsing, the report rows already in the output are read (a few columns, by the
workers); each task is given the content hashes of its own files that the output holds and
parses only the files whose hash differs, or whose last reading crashed. New parts carry the
run's name, so a rerun never overwrites an earlier run's parts; once every task has written,
the earlier rows of each file parsed again are dropped, and the corpus rules run again over
the whole output.
"""

from __future__ import annotations

import contextlib
import functools
import posixpath
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import dask
import dask.dataframe as dd
import distributed
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from .._corpus import writing
from .._corpus._cross import COMPARED as COMPARED_KEYS
from .._corpus._sinks import retried
from ._corpus import corpus_findings
from ._meta import COMPARED, FINDINGS, frame_of, meta
from ._partition import Counts, compared_of
from ._reports import Reports, current_client
from ._store import CORPUS_FILE, INDEX, READ_BACK, Output, index_of, new_run, run_of, write_part


@attrs.frozen
class ParquetSummary:
    """What a run into Parquet did."""

    files: int
    parsed: int
    failed: int
    #: Files the output held already, with the same content: not parsed again.
    skipped: int
    corpus_findings: int
    #: Findings of severity error: in the reports this run parsed, and among the corpus findings.
    errors: int
    output: str
    corpus_output: str

    @property
    def written(self) -> int:
        """Files this run wrote: reports and failures."""
        return self.parsed + self.failed


@contextlib.contextmanager
def _held(output: Output) -> Iterator[None]:
    """A local output held for this run alone (another run into it is refused), its file
    system's errors as one typed error; a remote one is the caller's to keep to one run."""
    if output.local:
        with writing(Path(output.root)):
            yield
    else:
        yield


def _computed(tasks: Sequence[Any], client: Any, progress: bool) -> list[Any]:
    """The results of ``tasks``: on the client's cluster (Dask's progress bar on standard
    error when asked), or on Dask's local scheduler; an interrupt cancels what is left."""
    if client is None:
        return list(dask.compute(*tasks))
    futures = client.compute(list(tasks))
    try:
        if progress:
            with contextlib.redirect_stdout(sys.stderr):  # the bar writes to stdout
                distributed.progress(futures)
        return list(client.gather(futures))
    except BaseException:
        client.cancel(futures)
        raise


#: Parts a task reads at most: reading many small files in one task keeps the task count low.
PARTS_PER_TASK = 64


def _chunks(parts: Sequence[str]) -> list[list[str]]:
    return [list(parts[i : i + PARTS_PER_TASK]) for i in range(0, len(parts), PARTS_PER_TASK)]


def stored_index(output: Output, client: Any) -> pd.DataFrame:
    """``file, sha256, error_type, part`` of every report row of ``output``, read by the
    workers."""
    chunks = _chunks(output.parts("reports"))
    if not chunks:
        return meta(INDEX)
    read = dd.from_map(functools.partial(index_of, output), chunks, meta=meta(INDEX))
    (index,) = _computed([read], client, False)
    frame: pd.DataFrame = index
    return frame


def _latest(index: pd.DataFrame) -> pd.DataFrame:
    """The rows of the latest run holding each file (earlier rows are left by a run cut
    short before it dropped them)."""
    runs = index["part"].map(run_of)
    return index[runs == runs.groupby(index["file"]).transform("max")]


def done_of(index: pd.DataFrame) -> dict[str, str]:
    """``{file: sha256}`` of the files a rerun skips when their content is the same: all but
    those whose reading timed out or crashed, which are tried again."""
    latest = _latest(index)
    rows = zip(latest["file"], latest["sha256"], latest["error_type"], strict=True)
    return {
        file: sha
        for file, sha, error in rows
        if isinstance(sha, str) and not retried(None if pd.isna(error) else str(error))
    }


def stale_rows(
    index: pd.DataFrame, files: Sequence[str], done: Mapping[str, str], replaced: Sequence[str]
) -> dict[str, set[str]]:
    """``{part: files}`` of the rows a finished run leaves behind: every earlier row of a file
    it parsed (new, or ``replaced``), and rows of earlier runs than a file's latest."""
    parsed = {f for f in files if f not in done} | set(replaced)
    runs = index["part"].map(run_of)
    older = runs < runs.groupby(index["file"]).transform("max")
    stale: dict[str, set[str]] = {}
    for file, part, old in zip(index["file"], index["part"], older, strict=True):
        if old or file in parsed:
            stale.setdefault(part, set()).add(file)
    return stale


def stored_compared(output: Output, parts: Sequence[str]) -> pd.DataFrame:
    """The rows the corpus rules read of some stored parts."""
    heads = ["file", "agency_key", "year", "template", "error_type"]
    wide = frame_of(output.scan("reports", parts, heads))
    with_cells = [p for p in parts if output.fs.exists(output.path("cells", p))]
    where = ds.field("key").isin(list(COMPARED_KEYS))
    columns = ["file", "key", "value", "exact", "line"]
    cells = frame_of(output.scan("cells", with_cells, columns, where))
    return compared_of(wide, cells)


def _stored_corpus_findings(output: Output, reports: Reports, client: Any) -> pd.DataFrame:
    chunks = _chunks(output.parts("reports"))
    if not chunks:
        return meta(FINDINGS)
    read = functools.partial(stored_compared, output)
    compared = dd.from_map(read, chunks, meta=meta(COMPARED))
    (found,) = _computed([corpus_findings(compared, reports.plan.config)], client, False)
    frame: pd.DataFrame = found
    return frame


def to_parquet(
    reports: Reports,
    out: str | Path,
    *,
    storage_options: Mapping[str, Any] | None = None,
    progress: bool = False,
    client: Any = None,
) -> ParquetSummary:
    """Parse ``reports`` into ``out`` (a folder, local or fsspec), resuming what it holds;
    then run the corpus rules over the whole output."""
    output = Output.at(str(out), storage_options)
    active = current_client(client)
    with _held(output):
        output.clean()
        index = stored_index(output, active)
        done = done_of(index)
        run = new_run()
        write = dask.delayed(write_part, pure=False)
        tasks = [write(p, output, run, i) for i, p in enumerate(reports.plan.parts(done))]
        counts = sum(_computed(tasks, active, progress), Counts())
        for part, files in sorted(stale_rows(index, reports.files, done, counts.replaced).items()):
            output.rewrite_without(part, files)
        found = _stored_corpus_findings(output, reports, active)
        table = pa.Table.from_pandas(found, schema=FINDINGS, preserve_index=False)
        output.write(output.corpus_path, table)
    return ParquetSummary(
        files=len(reports.files),
        parsed=counts.parsed,
        failed=counts.failed,
        skipped=counts.skipped,
        corpus_findings=len(found),
        errors=counts.errors + int((found["severity"] == "error").sum()),
        output=output.url,
        corpus_output=posixpath.join(output.url.rstrip("/"), CORPUS_FILE),
    )


def read_table(
    out: str | Path, table: str = "reports", *, storage_options: Mapping[str, Any] | None = None
) -> Any:
    """A table of an output as a Dask DataFrame, typed as the run made it: ``reports`` (the
    wide table), ``cells``, ``findings`` (with their partitions ``year`` and ``template``) or
    ``corpus_findings``."""
    output = Output.at(str(out), storage_options)
    if table == "corpus_findings":
        return dd.from_map(_read_corpus_findings, [output], meta=meta(FINDINGS))
    if table not in READ_BACK:
        raise ValueError(f"no table {table!r}: reports, cells, findings or corpus_findings")
    chunks = _chunks(output.parts(table))
    if not chunks:
        return dd.from_pandas(meta(READ_BACK[table]), npartitions=1)
    read = functools.partial(_read_parts, output, table)
    return dd.from_map(read, chunks, meta=meta(READ_BACK[table]))


def _read_parts(output: Output, table: str, parts: Sequence[str]) -> pd.DataFrame:
    return frame_of(output.scan(table, parts, READ_BACK[table].names))


def _read_corpus_findings(output: Output) -> pd.DataFrame:
    return frame_of(output.read_corpus_findings())
