"""The Python API as a notebook or a script meets it: paths given as strings, a clean
namespace, a short repr, the tables drawn for notebooks, one root cause reported once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from _review_support import changed_seed, offending_keys
from _support import SEEDS

import govinfo_report
from govinfo_report import InputError


@pytest.mark.parametrize("name", ["does_not_exist.txt", "reports/missing", "年报/2023.pdf"])
def test_a_string_that_names_a_missing_file_is_an_input_error(name: str) -> None:
    with pytest.raises(InputError, match="cannot read"):
        govinfo_report.parse(name)


def test_a_string_that_names_a_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        govinfo_report.parse(str(tmp_path))


def test_a_string_naming_an_existing_file_is_read_and_a_report_text_stays_text() -> None:
    seed = SEEDS[0]
    assert govinfo_report.parse(str(seed)) == govinfo_report.parse(seed)
    text = seed.read_text("utf-8")
    assert govinfo_report.parse(text).to_flat() == govinfo_report.parse(seed).to_flat()
    one_line = govinfo_report.parse("某局2023年政府信息公开工作年度报告")  # no suffix, no slash
    assert one_line.cells == {}


def test_the_namespace_lists_the_public_names_only() -> None:
    names = dir(govinfo_report)
    assert names == sorted(govinfo_report.__all__)
    assert not {"os", "cache", "Any", "importlib", "annotations"} & set(names)


def test_the_repr_is_one_short_line_without_the_cells_or_prose() -> None:
    report = govinfo_report.parse(SEEDS[0])
    text = repr(report)
    assert "\n" not in text and len(text) < 200
    assert report.agency is not None and report.agency in text and str(report.year) in text
    assert f"{len(report.cells)} cells" in text and f"{len(report.findings)} findings" in text


def test_notebooks_get_the_three_tables_with_the_findings_cells_marked() -> None:
    report = changed_seed()
    page = report._repr_html_()
    assert page is not None and page.count("<table") == 3
    marked = {part.split('"')[0] for part in page.split('title="')[1:]}
    assert offending_keys(report) <= marked
    assert "<html" not in page and "<style" not in page  # a fragment, nothing leaks


def test_parse_many_works_in_a_plain_script_and_runs_it_once(tmp_path: Path) -> None:
    """No ``if __name__ == "__main__":`` guard: the workers do not run the script again."""
    runs = tmp_path / "runs.txt"
    script = tmp_path / "plain.py"
    script.write_text(
        "import govinfo_report\n"
        f"open({str(runs)!r}, 'a').write('ran\\n')\n"
        f"paths = {[str(p) for p in SEEDS]!r}\n"
        "results = list(govinfo_report.parse_many(paths, workers=2))\n"
        "print(len(results), sum(r.report is not None for r in results))\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(SEEDS))] * 2
    assert runs.read_text() == "ran\n"
