"""Corpus runs: thousands of files, two workers, killed and resumed, nothing lost."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import attrs
import pytest
from _support import CORPUS, SEEDS, cli, count_reports
from hypothesis import HealthCheck, given, settings

import govinfo_report
from govinfo_report import Report
from govinfo_report._corpus import discover, parse_many
from govinfo_report.testing import AGENCIES, reports

LAYOUTS = ("html", "pipe", "tab", "markdown", "lines")
BROKEN = {
    "broken/undecodable.txt": b"\xff\xfe\x00\xd8\x81",
    "broken/latin1.txt": "Rapport é à".encode("latin-1") * 50,
    "broken/empty.txt": b"",
}


def _bases(count: int) -> list[Report]:
    found: list[Report] = []

    @settings(
        max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(reports(template="2021", max_count=50))
    def collect(report: Report) -> None:
        found.append(report)

    collect()
    return found[:count]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 generated reports in five layouts (agencies over consecutive years), and a few
    broken files."""
    root = tmp_path_factory.mktemp("corpus")
    for i, base in enumerate(_bases(50)):
        for j in range(4):
            meta = attrs.evolve(
                base.metadata, agency=f"{AGENCIES[i % 5]}{i}", year=2021 + j, published=None
            )
            report = attrs.evolve(base, metadata=meta)
            for layout in LAYOUTS:
                suffix = "html" if layout == "html" else "txt"
                path = root / layout / f"{i:03d}-{2021 + j}.{suffix}"
                path.parent.mkdir(exist_ok=True)
                path.write_text(govinfo_report.render(report, layout), encoding="utf-8")
    for name, data in BROKEN.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(data)
    return root


def dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: what "the same database" means."""
    db = sqlite3.connect(db_path)
    try:
        return {
            table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("reports", "cells", "findings")
        }
    finally:
        db.close()


def test_killed_run_resumes_to_the_same_database(corpus: Path, tmp_path: Path) -> None:
    files = discover([str(corpus)])
    assert len(files) == 1000 + len(BROKEN)
    whole = tmp_path / "whole.sqlite"
    assert cli("parse", str(corpus), "--out", str(whole), "-j", "2").returncode == 2  # broken files

    resumed = tmp_path / "resumed.sqlite"
    command = [
        sys.executable,
        "-m",
        "govinfo_report",
        "parse",
        str(corpus),
        "--out",
        str(resumed),
        "-j",
        "2",
    ]
    run = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count_reports(resumed) < 350 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, mid-write
    run.wait()
    partial = count_reports(resumed)
    assert 0 < partial < len(files)
    second = cli("parse", str(corpus), "--out", str(resumed), "-j", "2")
    assert f"{partial} already done" in second.stderr

    assert dump(resumed) == dump(whole)
    rows = dump(whole)["reports"]
    assert len(rows) == len(files)  # every file is a report row or an error row
    errors = {r[0]: r[12] for r in rows if r[12] is not None}
    assert errors == {
        str(corpus / name): "DecodeError" for name in BROKEN if name != "broken/empty.txt"
    }


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".sqlite"])
def test_a_second_run_into_the_same_output_is_refused(
    corpus: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    command = [sys.executable, "-m", "govinfo_report", "parse", str(corpus), "--out", str(out)]
    first = subprocess.Popen([*command, "-j", "1"], stderr=subprocess.DEVNULL)
    lock = out.with_name(out.name + ".lock")
    deadline = time.monotonic() + 60
    while not (out.exists() and lock.exists()) and time.monotonic() < deadline:
        time.sleep(0.05)
    second = cli("parse", str(corpus), "--out", str(out), "-j", "1")
    first.kill()
    first.wait()
    assert second.returncode == 2
    assert "another run is writing" in second.stderr and "Traceback" not in second.stderr


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie that nobody reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_when_their_run_is_killed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.sqlite"
    command = [sys.executable, "-m", "govinfo_report", "parse", str(corpus), "--out", str(out)]
    run = subprocess.Popen([*command, "-j", "2"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count_reports(out) < 50 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children").read_text().split()
    workers = [int(pid) for pid in children]
    assert workers
    os.kill(run.pid, signal.SIGKILL)  # the run alone: its workers are orphaned
    run.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]


def test_corpus_rules_over_consecutive_years(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "html.sqlite"
    cli("parse", str(corpus / "html"), "--out", str(db_path), "-j", "2")
    db = sqlite3.connect(db_path)
    corpus_findings = db.execute(
        "SELECT file, code, key, expected, actual FROM findings WHERE scope = 'corpus'"
    ).fetchall()
    # Generated years are independent draws: each of 100 agencies has 3 year pairs, and most
    # break the carried-over continuity somewhere.
    assert {code for _, code, *_ in corpus_findings} <= {"GIR601", "GIR602"}
    assert any(code == "GIR601" for _, code, *_ in corpus_findings)
    for file, code, key, expected, actual in corpus_findings:
        if code != "GIR601":
            continue
        year = int(Path(file).stem.split("-")[1])
        last = file.replace(f"-{year}.", f"-{year - 1}.")
        column = key.rsplit(".", 1)[1]
        forward = db.execute(
            "SELECT value FROM cells WHERE file = ? AND key = ?",
            (last, f"applications.carried_forward.{column}"),
        ).fetchone()[0]
        over = db.execute(
            "SELECT value FROM cells WHERE file = ? AND key = ?", (file, key)
        ).fetchone()[0]
        assert (expected, actual) == (forward, over) and forward != over
    checked = cli("check", str(db_path))
    assert f"{db_path}: {len(corpus_findings)} corpus findings" in checked.stdout


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_corpus_rules_run_for_line_outputs_as_for_sqlite(
    corpus: Path, tmp_path: Path, suffix: str
) -> None:
    db_path = tmp_path / "pipe.sqlite"
    cli("parse", str(corpus / "pipe"), "--out", str(db_path), "-j", "2")
    expected = sqlite3.connect(db_path).execute(
        "SELECT file, code, key, expected, actual FROM findings WHERE scope = 'corpus'"
    )
    out = tmp_path / f"pipe.{suffix}"
    run = cli("parse", str(corpus / "pipe"), "--out", str(out), "-j", "2")
    beside = tmp_path / f"pipe.corpus.{suffix}"
    text = beside.read_text("utf-8-sig")  # the CSV starts with a byte-order mark
    if suffix == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
    else:
        records = list(csv.DictReader(text.splitlines()))
    found = {
        (r["file"], r["code"], r["key"], str(r["expected"]), str(r["actual"])) for r in records
    }
    wanted = {(f, c, k, str(e), str(a)) for f, c, k, e, a in expected}
    assert wanted and found == wanted
    assert f"{len(wanted)} corpus findings -> {beside}" in run.stderr


def _year_of(report: Report, year: int, issued: int, repealed: int, in_force: int) -> Report:
    data = report.to_dict()
    data["year"] = year
    keys = ("issued", "repealed", "in_force")
    values = {
        f"active.normative_documents.{k}": v
        for k, v in zip(keys, (issued, repealed, in_force), strict=True)
    }
    data["values"] = {**data["values"], **values}
    return Report.from_dict(data)


def test_last_years_report_decides_part_two_glued_digits(tmp_path: Path) -> None:
    seed = govinfo_report.parse(
        Path(__file__).parent / "corpus" / "seeds" / "002_d7f401c4ad578c61.txt"
    )
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "2022.txt").write_text(govinfo_report.render(_year_of(seed, 2022, 1, 0, 10), "tab"))
    dump = govinfo_report.render(_year_of(seed, 2023, 5, 0, 15), "glued", breaks=False)
    assert "行政规范性文件5015" in dump  # 5|0|15 or 50|1|5: the document alone cannot tell
    (folder / "2023.txt").write_text(dump.replace("\n", ""))
    alone = govinfo_report.parse(folder / "2023.txt")
    assert "active.normative_documents.in_force" not in alone.cells
    db_path = tmp_path / "out.sqlite"
    cli("parse", str(folder), "--out", str(db_path), "-j", "1")
    db = sqlite3.connect(db_path)
    this = str(folder / "2023.txt")
    cells = dict(
        db.execute(
            "SELECT key, value FROM cells WHERE file = ? AND key LIKE 'active.normative%'", (this,)
        ).fetchall()
    )
    # 10 in force last year + 5 issued − 0 repealed = 15: only 5|0|15 goes on from last year.
    assert cells == {
        "active.normative_documents.issued": 5,
        "active.normative_documents.repealed": 0,
        "active.normative_documents.in_force": 15,
    }
    codes = [c for (c,) in db.execute("SELECT code FROM findings WHERE file = ?", (this,))]
    assert "GIR116" in codes and "GIR602" not in codes


def test_jsonl_and_csv_outputs_recover_a_torn_last_line(corpus: Path, tmp_path: Path) -> None:
    sample = [str(p) for p in sorted((corpus / "tab").iterdir())[:20]]
    for suffix in ("jsonl", "csv"):
        out = tmp_path / f"out.{suffix}"
        assert cli("parse", *sample[:10], "--out", str(out), "-j", "1").returncode == 0
        with out.open("a", encoding="utf-8") as torn:
            torn.write('{"file": "half a line')  # what a kill mid-write leaves
        assert cli("parse", *sample, "--out", str(out), "-j", "2").returncode == 0
        text = out.read_text("utf-8-sig")
        if suffix == "jsonl":
            records = [json.loads(line) for line in text.splitlines()]
            assert sorted(r["file"] for r in records) == sorted(sample)
            first = next(r for r in records if r["file"] == sample[0])
            assert first["values"] == govinfo_report.parse(Path(sample[0])).to_dict()["values"]
        else:
            rows = list(csv.DictReader(text.splitlines()))
            assert sorted(r["file"] for r in rows) == sorted(sample)
            expected = govinfo_report.parse(Path(sample[0])).to_dict()["values"]
            row = next(r for r in rows if r["file"] == sample[0])
            assert {k: row[k] for k in expected} == {k: str(v) for k, v in expected.items()}


def test_hung_and_crashing_files_are_recorded_and_the_run_goes_on(
    tmp_path: Path, corpus: Path
) -> None:
    plugin = tmp_path / "plugin"
    (plugin / "trouble_layout-1.0.dist-info").mkdir(parents=True)
    (plugin / "trouble_layout-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: trouble_layout\nVersion: 1.0\n"
    )
    (plugin / "trouble_layout-1.0.dist-info" / "entry_points.txt").write_text(
        "[govinfo_report]\ntrouble = trouble_layout\n"
    )
    (plugin / "trouble_layout.py").write_text(
        textwrap.dedent(
            """
            import os, time
            from govinfo_report import hookimpl

            class Trouble:
                name = "trouble"
                def score(self, section):
                    text = section.document.text
                    if "HANG-HERE" in text:
                        time.sleep(600)
                    if "CRASH-HERE" in text:
                        os._exit(3)
                    return 0.0
                def extract(self, section):
                    return ()

            @hookimpl
            def govinfo_report_extractors():
                return (Trouble(),)
            """
        )
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    good = sorted((corpus / "pipe").iterdir())[:6]
    for path in good:
        (docs / path.name).write_bytes(path.read_bytes())
    (docs / "hang.txt").write_text(good[0].read_text("utf-8") + "\nHANG-HERE\n", encoding="utf-8")
    (docs / "crash.txt").write_text(good[1].read_text("utf-8") + "\nCRASH-HERE\n", encoding="utf-8")
    out = tmp_path / "out.sqlite"
    env = os.environ | {"PYTHONPATH": str(plugin)}
    proc = cli("parse", str(docs), "--out", str(out), "-j", "2", "--timeout", "3", env=env)
    assert proc.returncode == 2  # files that could not be read
    rows = dict(sqlite3.connect(out).execute("SELECT file, error_type FROM reports").fetchall())
    assert rows[str(docs / "hang.txt")] == "Timeout"
    assert rows[str(docs / "crash.txt")] == "Crash"
    assert [rows[str(docs / p.name)] for p in good] == [None] * len(good)
    # A rerun tries the files that timed out or crashed again (here without the plugin that
    # hung and crashed), and only those; a line file keeps one line a file.
    again = cli("parse", str(docs), "--out", str(out), "-j", "2")
    assert again.returncode == 0 and "2 parsed" in again.stderr, again.stderr
    rows = dict(sqlite3.connect(out).execute("SELECT file, error_type FROM reports").fetchall())
    assert set(rows.values()) == {None}
    lines = tmp_path / "out.jsonl"
    cli("parse", str(docs), "--out", str(lines), "-j", "2", "--timeout", "3", env=env)
    cli("parse", str(docs), "--out", str(lines), "-j", "2")
    records = [json.loads(line) for line in lines.read_text("utf-8").splitlines()]
    assert sorted(r["file"] for r in records) == sorted(str(p) for p in docs.iterdir())
    assert not any("error" in r for r in records)


def test_parse_many_yields_every_result(corpus: Path) -> None:
    paths = [
        *sorted((corpus / "lines").iterdir())[:8],
        corpus / "broken" / "undecodable.txt",
        corpus / "missing.txt",
    ]
    results = {Path(r.path).name: r for r in parse_many(paths, workers=2)}
    assert len(results) == 10
    assert results["undecodable.txt"].failure.type == "DecodeError"  # type: ignore[union-attr]
    assert results["missing.txt"].failure.type == "InputError"  # type: ignore[union-attr]
    good = results[paths[0].name].report
    assert good is not None and good.to_flat() == govinfo_report.parse(paths[0]).to_flat()


def test_reports_and_results_as_a_dataframe(corpus: Path) -> None:
    from decimal import Decimal

    paths = [*sorted((corpus / "tab").iterdir())[:3], corpus / "broken" / "undecodable.txt"]
    frame = govinfo_report.to_dataframe(parse_many(paths, workers=1))
    assert len(frame) == 4
    head = ["file", "sha256", "agency", "year", "template", "published", "error", "unknown"]
    assert list(frame.columns[:8]) == head
    row = frame[frame["file"] == str(paths[0])].iloc[0]
    report = govinfo_report.parse(paths[0])
    assert row["agency"] == report.agency
    assert row["applications.total.total"] == report["applications.total.total"]
    assert isinstance(row["active.fees.amount"], Decimal)
    assert frame[frame["file"] == str(paths[3])].iloc[0]["error"].startswith("DecodeError")
    single = govinfo_report.to_dataframe([report])
    assert single.iloc[0]["year"] == report.year


def test_parquet_output_is_the_wide_table_and_resumes(corpus: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    sample = [str(p) for p in sorted((corpus / "html").iterdir())[:6]]
    out = tmp_path / "out.parquet"
    assert cli("parse", *sample[:3], "--out", str(out), "-j", "1").returncode == 0
    second = cli("parse", *sample, "--out", str(out), "-j", "2")
    assert "3 already done" in second.stderr
    table = pq.read_table(out).to_pylist()
    assert sorted(row["file"] for row in table) == sorted(sample)
    row = next(r for r in table if r["file"] == sample[0])
    report = govinfo_report.parse(Path(sample[0]))
    assert row["applications.total.total"] == report["applications.total.total"]
    assert row["agency"] == report.agency


def test_progress_bar_on_a_terminal_only() -> None:
    import io

    from govinfo_report._corpus import Result, _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, quiet = Terminal(), io.StringIO()
    for stream in (shown, quiet):
        bar = _Progress(2, stream)
        bar.update(Result("a.txt", "x"))
        bar.update(
            Result("b.txt", None, failure=govinfo_report._corpus.Failure("DecodeError", "bad"))
        )
        bar.close()
    assert "2/2 files" in shown.getvalue() and "1 errors" in shown.getvalue()
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("where", ["missing/folder/out.jsonl", "not-a-database.sqlite"])
def test_an_output_that_cannot_be_written_is_a_typed_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "not-a-database.sqlite").write_text("not a database", "utf-8")
    out = tmp_path / where
    done = cli("parse", str(Path(__file__).parent / "corpus" / "seeds"), "--out", str(out))
    assert done.returncode == 2
    said = (f"cannot write {out}", f"cannot open {out} as a corpus database")
    assert any(s in done.stderr for s in said) and "Traceback" not in done.stderr
    assert (tmp_path / "not-a-database.sqlite").read_text("utf-8") == "not a database"


def test_a_report_read_back_from_the_database_equals_the_one_written(tmp_path: Path) -> None:
    from govinfo_report._codec import read_report

    docs = tmp_path / "docs"
    docs.mkdir()
    for path in SEEDS:
        (docs / path.name).write_bytes(path.read_bytes())
    (docs / "page.html").write_bytes(
        (CORPUS / "samples" / "shuyang_fgj_2023_site.html").read_bytes()
    )
    out = tmp_path / "out.sqlite"
    cli("parse", str(docs), "--out", str(out), "-j", "1")
    db = sqlite3.connect(out)
    for path in sorted(docs.iterdir()):
        written = govinfo_report.parse(path)
        read = read_report(db, str(path))
        assert read == written, path.name
        assert read.metadata.title == written.metadata.title and read.prose == written.prose


def test_a_database_of_the_earlier_schema_gains_the_report_column_and_still_reads(
    tmp_path: Path,
) -> None:
    from govinfo_report._codec import read_report

    out = tmp_path / "old.sqlite"
    cli("parse", str(SEEDS[2]), "--out", str(out), "-j", "1")
    db = sqlite3.connect(out)
    with db:  # as the earlier schema wrote it: no report column, no schema version
        db.execute("ALTER TABLE reports DROP COLUMN report")
    db.execute("PRAGMA user_version = 0")
    db.execute("PRAGMA application_id = 0")
    db.close()
    again = cli("parse", str(SEEDS[3]), "--out", str(out), "-j", "1")
    assert again.returncode == 0, again.stderr
    db = sqlite3.connect(out)
    old = read_report(db, str(SEEDS[2]))
    assert old.to_flat() == govinfo_report.parse(SEEDS[2]).to_flat()
    assert read_report(db, str(SEEDS[3])) == govinfo_report.parse(SEEDS[3])
