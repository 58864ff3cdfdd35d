"""Corpus runs from the command line: the exit-code contract, and Ctrl-C ending one cleanly
(one line, exit 130, no traceback from the parent or a worker, the output resumable)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _support import SEEDS, count_reports
from _support import cli as run

import govinfo_report
from govinfo_report import Report

COPIES = 60  # 300 files: a run takes far longer than the moment it is interrupted


def test_a_corpus_run_exits_as_parse_and_check_do(tmp_path: Path) -> None:
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    clean.mkdir()
    shutil.copy(SEEDS[2], clean)
    broken.mkdir()
    shutil.copy(SEEDS[4], broken)  # an error finding (GIR301)
    assert run("parse", str(clean), "--out", str(tmp_path / "a.sqlite"), "-j", "1").returncode == 0
    done = run("parse", str(broken), "--out", str(tmp_path / "b.jsonl"), "-j", "1")
    assert done.returncode == 1, done.stderr
    zero = run("parse", str(broken), "--exit-zero", "--out", str(tmp_path / "c.csv"), "-j", "1")
    assert zero.returncode == 0
    (broken / "undecodable.txt").write_bytes(b"\xff\xfe\x00\xd8\x81" * 10)
    failed = run("parse", str(broken), "--exit-zero", "--out", str(tmp_path / "d.sqlite"))
    assert failed.returncode == 2 and "1 failed" in failed.stderr
    typo = run("parse", str(clean), "--select", "GIR3O1", "--out", str(tmp_path / "e.sqlite"))
    assert typo.returncode == 2 and "did you mean GIR301?" in typo.stderr
    assert not (tmp_path / "e.sqlite").exists()


def test_an_output_file_that_is_not_an_earlier_run_is_refused_untouched(tmp_path: Path) -> None:
    """Resuming reads the records already in ``--out``: a file of something else (or JSON
    nested deeper than Python reads) is said so, and left as it was."""
    for name, text in (
        ("notes.jsonl", '{"file": "a.txt", "sha256": "00"}\nmy notes\n'),
        ("deep.jsonl", "[" * 200_000 + "\n"),
        ("list.jsonl", "[1, 2]\n"),
    ):
        out = tmp_path / name
        out.write_text(text, encoding="utf-8")
        done = run("parse", str(SEEDS[2]), "--out", str(out), "-j", "1")
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert f"{out} is not the output of an earlier run to resume" in done.stderr
        assert out.read_text(encoding="utf-8") == text


def test_the_exit_code_counts_what_last_years_report_decided(tmp_path: Path) -> None:
    """Glued digits of part 二 are an error alone (GIR110) and decided beside last year's
    report (GIR116, info): the run's exit code is of the reports as written."""
    seed = govinfo_report.parse(SEEDS[2])

    def year(number: int, issued: int, in_force: int) -> Report:
        data = seed.to_dict() | {"year": number}
        documents = {"issued": issued, "repealed": 0, "in_force": in_force}
        data["values"] |= {f"active.normative_documents.{k}": v for k, v in documents.items()}
        return Report.from_dict(data)

    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "2022.txt").write_text(govinfo_report.render(year(2022, 1, 10), "tab"), "utf-8")
    glued = govinfo_report.render(year(2023, 5, 15), "glued", breaks=False).replace("\n", "")
    (folder / "2023.txt").write_text(glued, "utf-8")
    alone = run("parse", str(folder / "2023.txt"))
    assert alone.returncode == 1 and '"GIR110"' in alone.stdout
    out = tmp_path / "out.sqlite"
    done = run("parse", str(folder), "--out", str(out), "-j", "1")
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(out)
    assert db.execute("SELECT code FROM findings").fetchall() == [("GIR116",)]
    db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups and signals")
def test_ctrl_c_ends_a_corpus_run_cleanly_and_it_resumes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(COPIES):
        for seed in SEEDS:
            shutil.copy(seed, docs / f"{n:03d}-{seed.name}")
    out = tmp_path / "out.sqlite"
    command = [sys.executable, "-m", "govinfo_report", "parse", str(docs), "--out", str(out)]
    # A session of its own: SIGINT to its group is what a terminal's Ctrl-C sends, to the
    # run and every worker at once.
    running = subprocess.Popen(
        [*command, "-j", "2"],
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while count_reports(out) < 3 and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(running.pid, signal.SIGINT)
    stdout, stderr = running.communicate(timeout=60)
    written = count_reports(out)
    assert running.returncode == 130, stderr
    assert stderr == (
        f"interrupted: {written} files written to {out}; run the same command again to resume\n"
    )
    assert stdout == ""
    assert 3 <= written < COPIES * len(SEEDS)
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    resumed = run("parse", str(docs), "--out", str(out), "-j", "2")
    assert resumed.returncode == 1, resumed.stderr  # seed 004's error finding
    assert f"{written} already done" in resumed.stderr
    assert count_reports(out) == COPIES * len(SEEDS)
