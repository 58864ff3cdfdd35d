"""The same parse on a Dask cluster: a LocalCluster of two worker processes over a generated
corpus (text layouts, web pages, PDFs, broken files) gives the values, cells, findings and
corpus findings ``parse_many`` gives; the Parquet output is partitioned, typed, survives a
worker killed mid-run and resumes without parsing again."""

from __future__ import annotations

import math
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from _support import cli
from _wide_support import BLANK_KEY, blank_and_unknown
from test_corpus import BROKEN, LAYOUTS, _bases

import govinfo_report
from govinfo_report import Parser
from govinfo_report._codec import corpus_finding_rows
from govinfo_report._corpus import Result, parse_many
from govinfo_report._corpus._cross import cross_findings
from govinfo_report._corpus._sinks import SqliteSink
from govinfo_report._frames import to_dataframe
from govinfo_report._wide import COLUMNS, KEY_COLUMNS
from govinfo_report.errors import PluginError
from govinfo_report.testing import AGENCIES, loopback_server
from govinfo_report.testing.pdf import render_pdf

distributed = pytest.importorskip("distributed")
on_dask = pytest.importorskip("govinfo_report.dask")

from govinfo_report._dask import _meta, _reports  # noqa: E402 - after the skip
from govinfo_report._dask._partition import parse_partition  # noqa: E402
from govinfo_report._dask._plugins import fingerprint  # noqa: E402
from govinfo_report._dask._store import Output  # noqa: E402

#: Agencies drawn as text layouts and web pages, and as PDFs; each has four consecutive years.
TEXT_AGENCIES, PDF_AGENCIES, YEARS = 40, 3, 4
#: Files a task parses: small, so that a run has many tasks for a worker to die among.
PER_PARTITION = 8
TABLES = ("reports", "cells", "findings", "corpus_findings")


def _broken() -> dict[str, bytes]:
    """Files that give no report, or a report of nothing: the corpus test's, and more."""
    noise = random.Random(0)
    pdf = render_pdf(_bases(1)[0])
    return {
        **BROKEN,
        "broken/random.txt": noise.randbytes(3000),
        "broken/random.pdf": b"%PDF-1.7\n" + noise.randbytes(3000),
        "broken/truncated.pdf": pdf[: len(pdf) // 2],
        "broken/empty.pdf": b"",
        "broken/archive.html": b"PK\x03\x04" + noise.randbytes(200),
        "broken/markup.html": "<html><body><table><tr><td>信息公开 年度报告".encode() * 3,
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 200 documents: agencies over four years in the five layouts (html among them),
    a few agencies as PDFs, a report with a blank cell and one with an unknown cell, and
    broken files."""
    root = tmp_path_factory.mktemp("dask-corpus")
    for i, base in enumerate(_bases(TEXT_AGENCIES + PDF_AGENCIES)):
        for j in range(YEARS):
            meta = attrs.evolve(
                base.metadata, agency=f"{AGENCIES[i % 5]}{i}", year=2021 + j, published=None
            )
            report = attrs.evolve(base, metadata=meta)
            if i >= TEXT_AGENCIES:
                path = root / "pdf" / f"{i:03d}-{2021 + j}.pdf"
                data = render_pdf(report)
            else:
                layout = LAYOUTS[(i + j) % len(LAYOUTS)]
                path = root / layout / f"{i:03d}-{2021 + j}.{'html' if layout == 'html' else 'txt'}"
                data = govinfo_report.render(report, layout).encode("utf-8")
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
    blank, unknown = blank_and_unknown()
    (root / "wide").mkdir()
    (root / "wide" / "blank.txt").write_text(blank, "utf-8")
    (root / "wide" / "unknown.txt").write_text(unknown, "utf-8")
    for name, data in _broken().items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes of one thread each, on 127.0.0.1 only."""
    with (
        on_dask.local_cluster(2) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def reports(corpus: Path, client: Any) -> Any:
    return on_dask.read_reports(str(corpus), files_per_partition=PER_PARTITION, client=client)


def computed(client: Any, *collections: Any) -> list[Any]:
    """``collections`` computed on the cluster (never on Dask's local scheduler)."""
    return list(client.gather(client.compute(list(collections))))


@attrs.frozen
class Local:
    """What the local run makes of the same files: its results and corpus database."""

    results: dict[str, Result]
    db: sqlite3.Connection

    def rows(self, query: str) -> set[tuple[Any, ...]]:
        return {tuple(plain(v) for v in row) for row in self.db.execute(query)}


@pytest.fixture(scope="module")
def local(reports: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    results = {r.path: r for r in parse_many(reports.files, workers=2)}
    sink = SqliteSink(tmp_path_factory.mktemp("local") / "local.sqlite")
    for path in reports.files:
        sink.write(results[path])
    sink.commit()
    yield Local(results, sink.db)
    sink.close()


@pytest.fixture(scope="module")
def tables(client: Any, reports: Any) -> dict[str, pd.DataFrame]:
    """The four tables of the Dask result, computed together (one parse)."""
    found = computed(
        client, reports.wide, reports.cells, reports.findings, reports.corpus_findings()
    )
    return dict(zip(TABLES, found, strict=True))


@attrs.frozen
class Stored:
    """A run into Parquet during which a worker was killed."""

    out: Path
    summary: Any
    #: The worker process killed once some parts were written, and the workers' before.
    killed: list[int]
    workers: list[int]


@pytest.fixture(scope="module")
def stored(client: Any, reports: Any, tmp_path_factory: pytest.TempPathFactory) -> Stored:
    """The corpus written into Parquet, one of the two workers killed (SIGKILL) mid-run."""
    out = tmp_path_factory.mktemp("stored") / "out"
    workers = sorted(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_once_some_parts_are_written() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if len(list((out / "reports").rglob("part-*.parquet"))) >= 3:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_once_some_parts_are_written)
    killer.start()
    summary = on_dask.to_parquet(reports, out, client=client)
    killer.join()
    client.wait_for_workers(2, timeout=60)
    return Stored(out, summary, killed, workers)


def plain(value: Any) -> Any:
    """A cell as plain Python, every kind of missing ``None``: what two tables compare by."""
    if isinstance(value, np.ndarray | list | tuple):
        return tuple(plain(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if math.isnan(value) else float(value)
    return value


def row_set(frame: pd.DataFrame, columns: Any = None) -> set[tuple[Any, ...]]:
    chosen = frame[list(columns)] if columns is not None else frame
    return {tuple(plain(v) for v in row) for row in chosen.itertuples(index=False, name=None)}


def by_file(frame: pd.DataFrame, columns: Any) -> dict[str, dict[str, Any]]:
    return {
        row["file"]: {c: plain(row[c]) for c in columns}
        for row in frame[list(columns)].to_dict("records")
    }


def read_back(client: Any, out: Path) -> dict[str, set[tuple[Any, ...]]]:
    """Every table of an output, as sets of rows (their order and parts aside), without the
    partition columns that the long tables gain when read back."""
    frames = computed(client, *(on_dask.read_table(out, t) for t in TABLES))
    for table in ("cells", "findings"):
        i = TABLES.index(table)
        frames[i] = frames[i].drop(columns=list(_meta.PARTITIONS))
    return {t: row_set(f) for t, f in zip(TABLES, frames, strict=True)}


@pytest.fixture(scope="module")
def expected(tables: dict[str, pd.DataFrame]) -> dict[str, set[tuple[Any, ...]]]:
    """The computed tables as sets of rows: what every output must read back as."""
    return {t: row_set(f) for t, f in tables.items()}


# -- the same values, cells and findings as parse_many -------------------------------------


def test_the_corpus_is_a_few_hundred_files_of_every_format(reports: Any) -> None:
    suffixes = {Path(f).suffix for f in reports.files}
    assert {".txt", ".html", ".pdf"} <= suffixes
    assert 180 <= len(reports.files) <= 220
    assert reports.wide.npartitions == math.ceil(len(reports.files) / PER_PARTITION)


def test_wide_values_equal_parse_many(tables: dict[str, pd.DataFrame], local: Local) -> None:
    wide = tables["reports"]
    assert tuple(wide.columns[: len(_meta.WIDE)]) == tuple(_meta.WIDE.names)
    expected = to_dataframe(local.results.values())
    assert by_file(wide, COLUMNS) == by_file(expected, COLUMNS)
    # the columns of the reports table the wide table lacks, as the SQLite sink writes them
    extra = ("file", *_meta.EXTRA_COLUMNS)
    assert row_set(wide, extra) == local.rows(f"SELECT {', '.join(extra)} FROM reports")


def test_failed_files_are_error_rows_of_the_same_types(
    tables: dict[str, pd.DataFrame], local: Local
) -> None:
    wide = tables["reports"]
    errors = {f: t for f, t in zip(wide["file"], wide["error_type"], strict=True) if t is not pd.NA}
    expected = {path: r.failure.type for path, r in local.results.items() if r.failure}
    assert errors == expected
    assert len(errors) >= 6  # random bytes, a truncated PDF, an archive...
    failed = wide[wide["error_type"].notna()]
    assert all(
        error.startswith(f"{kind}: ")
        for error, kind in zip(failed["error"], failed["error_type"], strict=True)
    )
    assert failed["agency"].isna().all() and failed["unknown"].isna().all()


def test_cells_and_findings_equal_the_sqlite_sinks(
    tables: dict[str, pd.DataFrame], local: Local
) -> None:
    cells, findings = tables["cells"], tables["findings"]
    assert tuple(cells.columns) == tuple(_meta.CELLS.names)
    assert row_set(cells) == local.rows("SELECT * FROM cells")
    assert tuple(findings.columns) == tuple(_meta.FINDINGS.names)
    assert row_set(findings) == local.rows("SELECT * FROM findings WHERE scope = 'report'")
    assert len(cells) > 10_000 and len(findings) > 10


def test_corpus_findings_equal_the_local_rules(
    tables: dict[str, pd.DataFrame], local: Local
) -> None:
    found = tables["corpus_findings"]
    expected = {
        tuple(plain(v) for v in row) for row in corpus_finding_rows(cross_findings(local.db))
    }
    assert row_set(found) == expected
    assert {"GIR601"} <= set(found["code"])  # independent draws break the carry-over


def test_blank_and_unknown_stay_apart(tables: dict[str, pd.DataFrame], corpus: Path) -> None:
    wide = tables["reports"].set_index("file")
    blank = wide.loc[str(corpus / "wide" / "blank.txt")]
    unknown = wide.loc[str(corpus / "wide" / "unknown.txt")]
    assert blank[BLANK_KEY] is pd.NA and BLANK_KEY not in list(blank["unknown"])
    assert unknown[BLANK_KEY] is pd.NA and BLANK_KEY in list(unknown["unknown"])


def test_the_tables_are_typed_as_their_meta(tables: dict[str, pd.DataFrame]) -> None:
    wide = tables["reports"]
    assert str(wide["year"].dtype) == "Int64"
    assert isinstance(wide["published"].dtype, pd.ArrowDtype)
    money = [k for k in KEY_COLUMNS if _meta.WIDE.field(k).metadata[b"kind"] == b"money"]
    assert all(str(wide[k].dtype) == "decimal128(38, 19)[pyarrow]" for k in money)
    amounts = [v for k in money for v in wide[k] if v is not pd.NA]
    assert amounts and all(isinstance(v, Decimal) for v in amounts)
    for name, schema in (("reports", _meta.WIDE), ("cells", _meta.CELLS)):
        assert dict(tables[name].dtypes) == dict(_meta.meta(schema).dtypes)


# -- Parquet: partitioned, typed, resumable, and a worker killed mid-run --------------------


def test_parquet_is_partitioned_by_year_and_template(stored: Any, reports: Any) -> None:
    out, summary = stored.out, stored.summary
    assert (summary.parsed + summary.failed, summary.skipped) == (len(reports.files), 0)
    for table in ("reports", "cells"):
        years = {p.name for p in (out / table).iterdir()}
        assert {f"year={2021 + j}" for j in range(YEARS)} <= years
        assert (out / table / "year=2022" / "template=2021").is_dir()
    assert all(p.name.startswith("year=") for p in (out / "findings").iterdir())
    assert (out / "reports" / "year=__HIVE_DEFAULT_PARTITION__").is_dir()  # the error rows
    assert (out / "corpus_findings.parquet").is_file()


def test_parquet_reads_back_typed_with_pandas_and_pyarrow(
    stored: Any, tables: dict[str, pd.DataFrame]
) -> None:
    out = stored.out
    dataset = ds.dataset(out / "reports", partitioning=on_dask.partitioning())
    schema = dataset.schema
    assert schema.field("year").type == pa.int64() and schema.field("template").type == pa.string()
    assert schema.field("unknown").type == pa.list_(pa.field("element", pa.string()))
    assert schema.field("active.fees.amount").type == pa.decimal128(38, 19)
    one_year = dataset.to_table(filter=ds.field("year") == 2023)
    assert set(one_year["year"].to_pylist()) == {2023} and one_year.num_rows >= TEXT_AGENCIES
    frame = pd.read_parquet(
        out / "reports", partitioning=on_dask.partitioning(), dtype_backend="numpy_nullable"
    )
    assert str(frame["year"].dtype) == "Int64"
    errors = frame[frame["error_type"].notna()]
    assert errors["year"].isna().all() and errors["template"].isna().all()
    assert len(frame) == len(tables["reports"])


def test_parquet_holds_the_computed_tables(
    stored: Any, tables: dict[str, pd.DataFrame], expected: Any, client: Any
) -> None:
    out, summary = stored.out, stored.summary
    assert list(on_dask.read_table(out).columns) == list(_meta.WIDE.names)
    assert read_back(client, out) == expected
    assert summary.corpus_findings == len(tables["corpus_findings"])


def _snapshot(out: Path) -> dict[str, bytes]:
    """The files readers see (a worker killed mid-write may have left a hidden temporary file,
    which the next run removes)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def test_a_rerun_parses_nothing_new(stored: Any, reports: Any, client: Any) -> None:
    out, first = stored.out, stored.summary
    before = _snapshot(out)
    again = on_dask.to_parquet(reports, out, client=client)
    assert (again.parsed, again.failed, again.skipped) == (0, 0, len(reports.files))
    assert again.corpus_findings == first.corpus_findings
    after = _snapshot(out)
    assert not [p for p in out.rglob(".*") if p.is_file()]  # the killed worker's leftovers
    assert after.keys() == before.keys()
    assert {k: v for k, v in after.items() if "corpus" not in k} == {
        k: v for k, v in before.items() if "corpus" not in k
    }


def test_a_worker_killed_mid_run_changes_nothing(
    stored: Stored, reports: Any, tables: dict[str, pd.DataFrame], client: Any
) -> None:
    """The run of ``stored`` lost a worker: Dask ran its tasks again, and what it wrote is
    what the uninterrupted computation gives (see test_parquet_holds_the_computed_tables)."""
    assert stored.killed, "the run ended before a worker could be killed"
    assert stored.killed[0] not in client.run(os.getpid).values()  # the nanny started another
    failed = int(tables["reports"]["error_type"].notna().sum())
    assert (stored.summary.parsed, stored.summary.failed) == (len(reports.files) - failed, failed)


def test_a_changed_file_replaces_its_rows_and_leftovers_are_cleared(
    corpus: Path, client: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "few"
    folder.mkdir()
    originals = sorted((corpus / "pipe").iterdir())[:4]
    for path in originals:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    few = on_dask.read_reports(str(folder), files_per_partition=2, client=client)
    on_dask.to_parquet(few, out, client=client)
    # a run cut short: a half-written part under its hidden name, and cells whose report
    # rows were never written
    litter = out / "reports" / "year=2021" / ".part-x.parquet.1234.tmp"
    litter.parent.mkdir(parents=True, exist_ok=True)
    litter.write_bytes(b"PAR1 half")
    cells_part = next((out / "cells").rglob("part-*.parquet"))
    orphan = cells_part.with_name("part-20000101T000000000000Z-abcdef-000009.parquet")
    orphan.write_bytes(cells_part.read_bytes())
    changed = folder / originals[0].name
    changed.write_bytes(originals[1].read_bytes().replace(b"2022", b"2021"))

    again = on_dask.to_parquet(few, out, client=client)
    assert (again.parsed, again.skipped) == (1, 3)
    assert not litter.exists() and not orphan.exists()
    wide = on_dask.read_table(out).compute(scheduler="sync")
    assert sorted(wide["file"]) == sorted(str(folder / p.name) for p in originals)
    row = wide.set_index("file").loc[str(changed)]
    assert row["sha256"] == govinfo_report.parse(changed).source.sha256
    cells = on_dask.read_table(out, "cells").compute(scheduler="sync")
    expected = govinfo_report.parse(changed).cells
    assert len(cells[cells["file"] == str(changed)]) == len(expected)


# -- fsspec, plugins, the command line ------------------------------------------------------


def test_files_in_a_zip_archive(corpus: Path, client: Any, tmp_path: Path) -> None:
    members = sorted((corpus / "tab").iterdir())[:3]
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in members:
            zipped.write(path, f"tab/{path.name}")
    found = on_dask.read_reports(
        [f"zip://tab/*.txt::{archive}", f"zip://tab/missing.txt::{archive}"], client=client
    )
    assert found.files[0] == f"zip://tab/{members[0].name}::{archive}"
    (wide,) = computed(client, found.wide)
    rows = wide.set_index("file")
    for path in members:
        report = govinfo_report.parse(path)
        row = rows.loc[f"zip://tab/{path.name}::{archive}"]
        assert row["sha256"] == report.source.sha256 and row["agency"] == report.agency
        for key, cell in report.cells.items():
            assert plain(row[key]) == cell.value, key
    assert rows.loc[f"zip://tab/missing.txt::{archive}", "error_type"] == "InputError"


@pytest.fixture
def web_server(corpus: Path, tmp_path: Path) -> Iterator[tuple[str, list[Path]]]:
    """Three of the corpus's files served over HTTP on 127.0.0.1 (a folder listed as a page
    of links, as a crawler's store might serve it), and the files."""
    members = sorted((corpus / "tab").iterdir())[:3]
    (tmp_path / "tab").mkdir()
    for path in members:
        shutil.copy(path, tmp_path / "tab" / path.name)
    with loopback_server(tmp_path) as server:
        yield server.url, members


def test_files_over_http_are_listed_and_read_by_the_workers(
    client: Any, web_server: tuple[str, list[Path]]
) -> None:
    pytest.importorskip("aiohttp")  # fsspec's HTTP file system (fsspec[http])
    url, members = web_server
    found = on_dask.read_reports([f"{url}/tab/*.txt", f"{url}/tab/missing.txt"], client=client)
    urls = [f"{url}/tab/{path.name}" for path in members]
    assert list(found.files) == [*urls, f"{url}/tab/missing.txt"]
    (wide,) = computed(client, found.wide)
    rows = wide.set_index("file")
    for address, path in zip(urls, members, strict=True):
        report = govinfo_report.parse(path)
        row = rows.loc[address]
        assert row["sha256"] == report.source.sha256 and row["agency"] == report.agency
        for key, cell in report.cells.items():
            assert plain(row[key]) == cell.value, key
    assert rows.loc[f"{url}/tab/missing.txt", "error_type"] == "InputError"


def test_a_worker_without_a_plugin_of_the_client_is_an_error(client: Any) -> None:
    parser = Parser()
    parser.register(type("Extra", (), {})(), name="only-on-the-client")
    with pytest.raises(PluginError) as raised:
        on_dask.check_workers(client, fingerprint(parser))
    message = str(raised.value)
    assert "lacks only-on-the-client" in message
    assert all(worker in message for worker in client.scheduler_info()["workers"])
    on_dask.check_workers(client, fingerprint(Parser()))  # the same plugins: no error


def test_a_task_on_a_worker_that_differs_refuses_to_parse(corpus: Path) -> None:
    expected = {**fingerprint(Parser()), "only-on-the-client": "1.0"}
    with pytest.raises(PluginError, match="lacks only-on-the-client"):
        parse_partition([str(corpus / "pipe")], {}, {}, Parser().config, expected)


def test_the_command_refuses_a_cluster_whose_plugins_differ(
    corpus: Path, client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    def with_extra(parser: Parser) -> dict[str, str | None]:
        return {**fingerprint(parser), "only-on-the-client": "1.0"}

    monkeypatch.setattr(_reports, "fingerprint", with_extra)
    from govinfo_report._cli import main

    out = tmp_path / "out"
    address = client.scheduler.address
    code = main(["parse", str(corpus / "pipe"), "--out", str(out), "--dask", address])
    assert code == 2
    error = capsys.readouterr().err
    assert "only-on-the-client" in error and "worker tcp://127.0.0.1:" in error
    assert not out.exists()


def test_the_command_runs_on_a_local_cluster(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("parse", str(corpus / "html"), str(corpus / "broken" / "random.txt"), "--out", str(out))
    done = cli(*args, "--format", "parquet", "--dask", "local", "-j", "2")
    assert done.returncode == 2, done.stderr  # a file could not be read
    files = len(list((corpus / "html").iterdir())) + 1
    assert f"{files} files: {files - 1} parsed, 1 failed, 0 already done" in done.stderr
    frame = pd.read_parquet(out / "reports", partitioning=on_dask.partitioning())
    assert len(frame) == files and set(frame["year"].dropna()) == {2021, 2022, 2023, 2024}
    refused = cli(*args, "--format", "parquet")
    assert refused.returncode == 2 and "--dask" in refused.stderr


def test_dask_is_optional(tmp_path: Path, corpus: Path) -> None:
    code = f"""
import sys
import govinfo_report
govinfo_report.parse({str(corpus / "wide" / "blank.txt")!r})
assert not {{"dask", "distributed", "fsspec"}} & set(sys.modules), "imported by the core"
sys.modules["distributed"] = None
try:
    import govinfo_report.dask
except ImportError as exc:
    print("import:", exc)
from govinfo_report._cli import main
sys.exit(main(["parse", {str(corpus / "pipe")!r}, "--out", {str(tmp_path / "o")!r},
               "--dask", "local"]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "import: govinfo_report.dask needs distributed: pip install 'govinfo-report[dask]'" in (
        done.stdout
    )
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "govinfo-report[dask]" in lines[0]


def test_the_meta_is_the_corpus_databases_columns() -> None:
    db = sqlite3.connect(":memory:")
    govinfo_report._codec.open_schema(db)
    for table, schema in (("cells", _meta.CELLS), ("findings", _meta.FINDINGS)):
        names = [d[0] for d in db.execute(f"SELECT * FROM {table}").description]
        assert schema.names == names
    assert Output.at("memory://x/out").path("cells", "year=1/p") == "/x/out/cells/year=1/p"
