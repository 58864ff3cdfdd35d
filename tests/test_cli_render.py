"""``render``: what ``parse --full`` saved, written as documents again — one report or many,
in every layout or as the official workbook; input it cannot render is refused whole."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from _support import SEEDS
from _support import cli as run

from govinfo_report import LAYOUTS

PARSED = SEEDS[3]  # 广州市增城区司法局 2020, template 2019


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``parse --full`` of two reports: two JSON lines."""
    path = tmp_path_factory.mktemp("saved") / "two.jsonl"
    done = run("parse", "--full", str(PARSED), str(SEEDS[2]))
    path.write_text(done.stdout, encoding="utf-8")
    return path


def _one(saved: Path, tmp_path: Path) -> Path:
    one = tmp_path / "one.json"
    one.write_text(saved.read_text("utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return one


def test_render_a_parsed_report_in_every_layout(saved: Path, tmp_path: Path) -> None:
    one = _one(saved, tmp_path)
    values = json.loads(one.read_text("utf-8"))["values"]
    for layout in ("html", "tab", "pipe", "markdown", "lines"):
        page = tmp_path / f"report.{layout}"
        page.write_text(run("render", "--format", layout, str(one)).stdout, encoding="utf-8")
        again = json.loads(run("parse", str(page)).stdout)
        assert again["values"] == values, layout
        meta = (again["agency"], again["year"], again["template"])
        assert meta == ("广州市增城区司法局", 2020, "2019")
    assert run("render", "--layout", "tab", str(one)).stdout == (tmp_path / "report.tab").read_text(
        "utf-8"
    )


def test_several_reports_need_a_directory_and_get_a_file_each(saved: Path, tmp_path: Path) -> None:
    refused = run("render", str(saved))
    assert refused.returncode == 2 and refused.stdout == ""
    assert "2 reports: name a directory with -o" in refused.stderr
    assert "Traceback" not in refused.stderr
    out = tmp_path / "documents"
    done = run("render", str(saved), "--format", "tab", "-o", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{p.stem}.txt" for p in (PARSED, SEEDS[2]))
    for record in map(json.loads, saved.read_text("utf-8").splitlines()):
        again = json.loads(run("parse", str(out / f"{Path(record['file']).stem}.txt")).stdout)
        assert again["values"] == record["values"]


def test_standard_input_is_read_too(saved: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "govinfo_report", "render", "-", "-o", str(tmp_path / "d")]
    done = subprocess.run(command, input=saved.read_bytes(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "d").glob("*.html"))) == 2


def test_output_without_the_prose_is_refused(tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(run("parse", str(PARSED)).stdout, encoding="utf-8")
    done = run("render", str(summary), "-o", str(tmp_path / "out.html"))
    assert done.returncode == 2
    assert "needs parse --full: the prose is missing" in done.stderr
    assert not (tmp_path / "out.html").exists()


def test_an_error_record_or_a_broken_line_writes_nothing(saved: Path, tmp_path: Path) -> None:
    lines = saved.read_text("utf-8").splitlines()
    error = {"file": "gone.txt", "error": {"type": "InputError", "message": "cannot read"}}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([lines[0], json.dumps(error), lines[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run("render", str(mixed), "-o", str(out))
    assert done.returncode == 2
    assert "line 2: gone.txt has no report, it could not be read (InputError" in done.stderr
    assert not out.exists()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    done = run("render", str(broken))
    assert done.returncode == 2 and "not a report JSON" in done.stderr


def test_json_nested_deeper_than_python_reads_is_refused(tmp_path: Path) -> None:
    for name, text in (
        ("whole.json", "[" * 200_000),
        ("lines.jsonl", '{"a": 1}\n' + "[" * 200_000),
    ):
        deep = tmp_path / name
        deep.write_text(text, encoding="utf-8")
        done = run("render", str(deep), "-o", str(tmp_path / "out.html"))
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "not a report JSON" in done.stderr
        assert not (tmp_path / "out.html").exists()


def test_every_layout_and_the_workbook_are_formats() -> None:
    help_text = " ".join(run("render", "--help").stdout.split())
    for name in (*LAYOUTS, "xlsx"):
        assert name in help_text


def test_the_official_workbook(saved: Path, tmp_path: Path) -> None:
    """Last: ``_render/_xlsx.py`` (another change) writes it; render only hands it over."""
    openpyxl = pytest.importorskip("openpyxl")
    one = _one(saved, tmp_path)
    target = tmp_path / "report.xlsx"
    done = run("render", str(one), "--format", "xlsx", "-o", str(target))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    texts = {
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    }
    record = json.loads(one.read_text("utf-8"))
    assert any("广州市增城区司法局" in text for text in texts)
    assert str(record["values"]["applications.received_new.total"]) in texts
    command = [sys.executable, "-m", "govinfo_report", "render", str(one), "--format", "xlsx"]
    piped = subprocess.run(command, capture_output=True, check=False)  # a pipe, no terminal
    assert piped.returncode == 0
    assert openpyxl.load_workbook(io.BytesIO(piped.stdout)).sheetnames == book.sheetnames
