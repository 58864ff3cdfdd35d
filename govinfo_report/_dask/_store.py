"""Partitioned Parquet that a rerun resumes: where each table's parts lie, how one is written
without ever being seen half written, and how a run's leftovers are put right.

``OUT/reports/``, ``OUT/cells/`` and ``OUT/findings/`` are hive-partitioned
(``year=2021/template=2021/``; a file without a year or template, such as an error row, under
``__HIVE_DEFAULT_PARTITION__``, which pyarrow reads back as null), so that a year can be read
alone; ``OUT/corpus_findings.parquet`` holds the corpus rules' findings of the whole output.
Each task writes its partition's rows of a year and template as ``part-RUN-INDEX.parquet`` in
each table, cells and findings first and the report rows last: a file is in the output once
its report row is. A part is written under a hidden temporary name (readers skip names that
start with a dot) and renamed, so a run cut short leaves only whole parts, and a task Dask
runs again (its worker died) writes the same name again.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import secrets
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from fsspec.core import url_to_fs

from ._meta import CELLS, FINDINGS, PARTITIONS, WIDE, frame_of
from ._partition import Counts, Part

#: The partition value of a null year or template, as Hive and pyarrow write and read it.
NULL = "__HIVE_DEFAULT_PARTITION__"
#: The hive-partitioned tables, in the order a part is written: the report rows last.
TABLES = ("cells", "findings", "reports")
CORPUS_FILE = "corpus_findings.parquet"
_PART = re.compile(r"part-(?P<run>[0-9]{8}T[0-9]{12}Z-[0-9a-f]{6})-(?P<index>[0-9]+)\.parquet")
_LOCAL = ("file", "local")


def new_run() -> str:
    """A run's name: its start (UTC, to the microsecond, so that later runs sort after) and a
    random suffix."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return f"{now:%Y%m%dT%H%M%S%f}Z-{secrets.token_hex(3)}"


def run_of(part: str) -> str:
    """The run that wrote the part ``part`` (a path ending in its name)."""
    found = _PART.fullmatch(posixpath.basename(part))
    assert found is not None, part
    return found["run"]


#: The schema of each stored table: its partition columns are in the path, not in the file.
STORED = {
    "reports": pa.schema([f for f in WIDE if f.name not in PARTITIONS], metadata=WIDE.metadata),
    "cells": CELLS,
    "findings": FINDINGS,
}
#: Each table as it is read back: the stored columns and the partitions (the wide table in
#: its own order).
READ_BACK = {
    "reports": WIDE,
    "cells": pa.schema([*CELLS, *(WIDE.field(p) for p in PARTITIONS)]),
    "findings": pa.schema([*FINDINGS, *(WIDE.field(p) for p in PARTITIONS)]),
}


def partitioning() -> Any:
    """The hive partitioning of the stored tables, typed (``year`` int64, ``template``
    string), for ``pyarrow.dataset.dataset(..., partitioning=...)``."""
    return ds.partitioning(pa.schema([WIDE.field(p) for p in PARTITIONS]), flavor="hive")


def _segment(name: str, value: object) -> str:
    if value is None:
        return f"{name}={NULL}"
    return f"{name}={urllib.parse.quote(str(value), safe='')}"


@attrs.frozen
class Output:
    """An output folder, local or behind fsspec (``s3://bucket/out``)."""

    fs: Any
    root: str
    #: The output as the user named it.
    url: str

    @classmethod
    def at(cls, url: str, storage_options: Mapping[str, Any] | None = None) -> Output:
        """The output folder ``url`` names."""
        fs, root = url_to_fs(url, **(storage_options or {}))
        return cls(fs, root.rstrip("/") or root, url)

    @property
    def local(self) -> bool:
        """True for a folder of this machine's file system."""
        protocols = self.fs.protocol
        return any(p in _LOCAL for p in ((protocols,) if isinstance(protocols, str) else protocols))

    def path(self, table: str, part: str = "") -> str:
        """Where a table, or one of its parts (``year=…/template=…/part-….parquet``), lies."""
        return posixpath.join(self.root, table, part) if part else posixpath.join(self.root, table)

    @property
    def corpus_path(self) -> str:
        """Where the corpus findings lie."""
        return posixpath.join(self.root, CORPUS_FILE)

    def read_corpus_findings(self) -> Any:
        """The corpus findings as an Arrow table; empty before a run has written them."""
        if not self.fs.exists(self.corpus_path):
            return FINDINGS.empty_table()
        with self.fs.open(self.corpus_path, "rb") as stream:
            return pq.read_table(stream, schema=FINDINGS)

    def write(self, path: str, table: Any) -> None:
        """Write ``table`` to ``path`` whole or not at all: under a hidden name, then renamed."""
        folder, name = posixpath.split(path)
        self.fs.makedirs(folder, exist_ok=True)
        temporary = posixpath.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        with self.fs.open(temporary, "wb") as stream:
            pq.write_table(table, stream)
        self.fs.mv(temporary, path)

    def _found(self, table: str) -> list[str]:
        base = self.path(table)
        return [p for p in self.fs.find(base) if p.startswith(base)] if self.fs.exists(base) else []

    def parts(self, table: str) -> list[str]:
        """The parts of ``table``, relative to it, in order."""
        base = self.path(table) + "/"
        found = (p.removeprefix(base) for p in self._found(table))
        return sorted(p for p in found if _PART.fullmatch(posixpath.basename(p)))

    def litter(self) -> list[str]:
        """What a run cut short can leave: hidden temporary files, and parts of cells and
        findings whose report rows were never written (their files are parsed again)."""
        reports = set(self.parts("reports"))
        found = [p for t in TABLES for p in self._found(t) if posixpath.basename(p).startswith(".")]
        found += [
            self.path(table, part)
            for table in ("cells", "findings")
            for part in self.parts(table)
            if part not in reports
        ]
        return found

    def clean(self) -> None:
        """Remove :meth:`litter`."""
        for path in self.litter():
            self.fs.rm(path)

    def scan(
        self, table: str, parts: Sequence[str], columns: Sequence[str], where: Any = None
    ) -> Any:
        """``columns`` of the rows of ``parts`` of ``table`` (that ``where``, a pyarrow
        dataset expression, keeps), as an Arrow table of :data:`READ_BACK`; the column
        ``part`` names each row's part. Read by pyarrow's dataset, a part file at a time."""
        base = self.path(table)
        paths = [self.path(table, part) for part in parts]
        dataset = ds.dataset(
            paths,
            schema=READ_BACK[table],
            filesystem=self.fs,
            format="parquet",
            partitioning=partitioning(),
            partition_base_dir=base,
        )
        wanted = [c for c in columns if c != "part"]
        data = dataset.to_table(columns=[*wanted, "__filename"], filter=where)
        names = [name.removeprefix(base + "/") for name in data["__filename"].to_pylist()]
        data = data.drop_columns(["__filename"])
        if "part" in columns:
            data = data.append_column("part", pa.array(names, pa.string()))
        return data.select(list(columns))

    def rewrite_without(self, part: str, files: set[str]) -> None:
        """Drop the rows of ``files`` from a part in every table (report rows last); a part left
        empty is removed."""
        for table in TABLES:
            path = self.path(table, part)
            if not self.fs.exists(path):
                continue
            with self.fs.open(path, "rb") as stream:
                data = pq.read_table(stream, schema=STORED[table])
            kept = data.filter(pc.invert(pc.is_in(data["file"], pa.array(sorted(files)))))
            if kept.num_rows:
                self.write(path, kept)
            else:
                self.fs.rm(path)


def write_part(part: Part, output: Output, run: str, index: int) -> Counts:
    """Write a parsed partition into ``output``: a part per year and template in each table."""
    wide = part.wide
    groups: dict[tuple[object, object], list[str]] = {}
    keys = (wide[name].to_pylist() for name in ("file", "year", "template"))
    for file, year, template in zip(*keys, strict=True):
        groups.setdefault((year, template), []).append(file)
    tables = {"cells": part.cells, "findings": part.findings, "reports": wide}
    for (year, template), files in groups.items():
        name = f"part-{run}-{index:06d}.parquet"
        where = f"{_segment('year', year)}/{_segment('template', template)}/{name}"
        chosen = pa.array(files)
        for table in TABLES:
            data = tables[table]
            rows = data.filter(pc.is_in(data["file"], chosen)).select(STORED[table].names)
            if rows.num_rows or table == "reports":
                output.write(output.path(table, where), rows.cast(STORED[table]))
    return part.counts


#: What a rerun needs to know of each report row: ``file, sha256, error_type, part``.
INDEX = pa.schema(
    [*(WIDE.field(c) for c in ("file", "sha256", "error_type")), ("part", pa.string())]
)


def index_of(output: Output, parts: Sequence[str]) -> pd.DataFrame:
    """The :data:`INDEX` of the report rows of ``parts``."""
    return frame_of(output.scan("reports", parts, INDEX.names))
