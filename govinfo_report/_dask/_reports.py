"""Reports on a Dask cluster: the lazy tables of a set of files, their corpus findings, and
the run that writes them into partitioned Parquet, resuming what the output holds."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import dask
import dask.dataframe as dd
import distributed
import pandas as pd

from .._parser import Parser
from ..rules import RuleConfig
from ._corpus import corpus_findings
from ._listing import list_files
from ._meta import CELLS, COMPARED, FINDINGS, WIDE, frame_of, meta
from ._partition import Part, compared_of_part, parse_partition
from ._plugins import Fingerprint, check_workers, fingerprint

#: Files a task parses at most, and at least (when there are enough): tasks of a few seconds
#: keep the scheduler's share small, and a task a dead worker loses costs little to redo.
MOST_FILES, LEAST_FILES = 256, 8
#: Partitions a run aims at, for the cluster's workers to share.
_PARTITIONS = 64


def partition_size(files: int) -> int:
    """How many files a task parses when the caller does not say."""
    return min(MOST_FILES, max(LEAST_FILES, math.ceil(files / _PARTITIONS)))


@attrs.frozen(eq=False)
class Plan:
    """What each task needs: the files, how to read them, the rules, and the plugins every
    worker must have."""

    files: tuple[str, ...]
    storage_options: dict[str, Any]
    config: RuleConfig
    expected: Fingerprint
    per_partition: int

    def chunks(self) -> list[tuple[str, ...]]:
        """The files of each partition, in order."""
        size = self.per_partition
        return [self.files[i : i + size] for i in range(0, len(self.files), size)]

    def parts(self, done: Mapping[str, str] | None = None) -> list[Any]:
        """A delayed :class:`Part` per partition; a file whose hash ``done`` holds is skipped.
        Each task is given the hashes of its own files only, not the whole output's."""
        done = done or {}
        parse = dask.delayed(parse_partition, pure=True)
        return [
            parse(
                chunk,
                {f: done[f] for f in chunk if f in done},
                self.storage_options,
                self.config,
                dict(self.expected),
            )
            for chunk in self.chunks()
        ]


def _frame(part: Part, table: str) -> pd.DataFrame:
    return frame_of(getattr(part, table))


def _from_parts(parts: Sequence[Any], table: str, schema: Any) -> Any:
    """A Dask DataFrame of one table of ``parts`` (sharing their parse tasks)."""
    if not parts:
        return dd.from_pandas(meta(schema), npartitions=1)
    frame = dask.delayed(_frame, pure=True)
    return dd.from_delayed([frame(p, table) for p in parts], meta=meta(schema))


@attrs.frozen(eq=False)
class Reports:
    """The reports of a set of files as lazy Dask DataFrames: ``wide`` (a row per file),
    ``cells`` and ``findings`` (the columns of the corpus database's tables). The three share
    their parse tasks: compute them together (``dask.compute(r.wide, r.cells)``) or persist
    them, or each computation parses the files again."""

    plan: Plan
    #: Files found but skipped: text files that do not look like reports.
    skipped: tuple[str, ...]
    parts: tuple[Any, ...]
    wide: Any
    cells: Any
    findings: Any

    @classmethod
    def of(cls, plan: Plan, skipped: tuple[str, ...] = ()) -> Reports:
        """The reports ``plan`` makes."""
        parts = tuple(plan.parts())
        return cls(
            plan,
            skipped,
            parts,
            _from_parts(parts, "wide", WIDE),
            _from_parts(parts, "cells", CELLS),
            _from_parts(parts, "findings", FINDINGS),
        )

    @property
    def files(self) -> tuple[str, ...]:
        """The files, in order."""
        return self.plan.files

    def corpus_findings(self) -> Any:
        """The corpus rules' findings (GIR601, GIR602), a Dask DataFrame of ``findings``'
        columns (scope ``corpus``): a shuffle by agency, then the local run's rules."""
        compare = dask.delayed(compared_of_part, pure=True)
        if self.parts:
            compared = dd.from_delayed([compare(p) for p in self.parts], meta=meta(COMPARED))
        else:
            compared = dd.from_pandas(meta(COMPARED), npartitions=1)
        return corpus_findings(compared, self.plan.config)


def current_client(client: Any = None) -> Any:
    """``client``, or the default distributed client, or ``None`` (Dask's local scheduler)."""
    if client is not None:
        return client
    try:
        return distributed.default_client()
    except ValueError:
        return None


def read_reports(
    urlpath_or_list: str | Iterable[str],
    *,
    storage_options: Mapping[str, Any] | None = None,
    config: RuleConfig | None = None,
    files_per_partition: int | None = None,
    client: Any = None,
) -> Reports:
    """The reports of the files ``urlpath_or_list`` names (paths, globs, folders, fsspec
    addresses), listed here and read by the workers; the workers' plugins are checked first."""
    parser = Parser(config=config)
    found = list_files(urlpath_or_list, parser.file_types, storage_options)
    expected = fingerprint(parser)
    active = current_client(client)
    if active is not None:
        check_workers(active, expected)
    size = files_per_partition or partition_size(len(found.files))
    plan = Plan(found.files, dict(storage_options or {}), parser.config, expected, size)
    return Reports.of(plan, found.skipped)
