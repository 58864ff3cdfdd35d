"""The command line: JSON for one file, JSON Lines for many, typed errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from _support import SEEDS
from _support import cli as run


def test_jsonl_for_many_files_and_an_error_record_for_a_missing_one(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    proc = run("parse", "--format", "jsonl", *map(str, SEEDS), str(missing))
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["file"] for line in lines] == [*map(str, SEEDS), str(missing)]
    assert lines[-1]["error"]["type"] == "InputError"
    assert "missing.txt" in proc.stderr
    assert all("values" in line for line in lines[:-1])


def test_undecodable_bytes_are_a_typed_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x81")
    proc = run("parse", str(bad))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["error"]["type"] in {"DecodeError"}


def test_gbk_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEEDS[2].read_text("utf-8").encode("gbk"))
    out = json.loads(run("parse", str(path)).stdout)
    assert out["agency"] == "平顶山市司法局"
    assert out["values"]["active.licensing.decisions"] == 224


def test_full_output_has_provenance() -> None:
    out = json.loads(run("parse", "--full", str(SEEDS[0])).stdout)
    provenance = out["provenance"]["active.fees.amount"]
    assert provenance["extractor"] == "pipe"
    assert provenance["text"] == "6.83"
    line = SEEDS[0].read_text("utf-8").splitlines()[provenance["line"] - 1]
    assert "6.83" in line


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("govinfo-report")
    proc = subprocess.run([str(script), "plugins"], capture_output=True, text=True, check=True)
    assert "prose" in proc.stdout


def test_check_a_directory_prints_a_line_per_finding_and_a_summary() -> None:
    seeds = SEEDS[0].parent
    proc = run("check", "--lang", "en", str(seeds))
    assert proc.returncode == 1  # seed 004 breaks an identity
    lines = proc.stdout.splitlines()
    assert lines[-1] == "5 files checked: 1 errors, 4 warnings, 0 info"
    findings = lines[:-1]
    assert len(findings) == 5
    assert any(
        line.startswith(f"{SEEDS[1]}:7: GIR406 warning the format notice is cited wrongly")
        for line in findings
    )
    assert any(
        line.startswith(f"{SEEDS[4]}:7: GIR301 error ") and "445" in line for line in findings
    )


def test_check_exit_codes(tmp_path: Path) -> None:
    assert run("check", str(SEEDS[2])).returncode == 0
    assert run("check", str(SEEDS[4])).returncode == 1
    assert run("check", "--ignore", "GIR3", str(SEEDS[4])).returncode == 0
    assert run("check", str(tmp_path / "missing.txt")).returncode == 2
    assert run("check", "--bogus", str(SEEDS[2])).returncode == 2


def test_check_formats() -> None:
    github = run("check", "--format", "github", "--lang", "zh", str(SEEDS[4])).stdout.splitlines()
    assert f"::error file={SEEDS[4]},line=7,title=GIR301::" in github[-1]
    assert github[0].startswith(f"::warning file={SEEDS[4]},title=GIR102::")
    records = json.loads(run("check", "--format", "json", str(SEEDS[1]), str(SEEDS[4])).stdout)
    assert [r["file"] for r in records] == [str(SEEDS[1]), str(SEEDS[4])]
    assert [f["code"] for f in records[0]["findings"]] == ["GIR406"]
    balance = next(f for f in records[1]["findings"] if f["code"] == "GIR301")
    assert (balance["expected"], balance["actual"]) == (445, 443)
    assert [o["value"] for o in balance["operands"]] == [443, 2, 442, 1]


def test_select_and_pyproject_configuration(tmp_path: Path) -> None:
    out = run("check", "--select", "GIR406", "--lang", "en", *map(str, SEEDS)).stdout.splitlines()
    assert [line.split()[1] for line in out[:-1]] == ["GIR406"]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nignore = ["GIR102"]\nseverity = { GIR301 = "warning" }\n',
        encoding="utf-8",
    )
    proc = run("check", str(SEEDS[4]), cwd=tmp_path)
    assert proc.returncode == 0
    assert "GIR102" not in proc.stdout
    assert " GIR301 warning " in proc.stdout
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nselect = "GIR3"\n', encoding="utf-8"
    )
    listing = run("rules", cwd=tmp_path)
    listed = {line.split()[0]: line for line in listing.stdout.splitlines()}
    assert listed["GIR102"].endswith("(off)") and not listed["GIR301"].endswith("(off)")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.govinfo-report]\nselect = 3\n", encoding="utf-8"
    )
    broken = run("check", str(SEEDS[0]), cwd=tmp_path)
    assert broken.returncode == 2
    assert "invalid [tool.govinfo-report]" in broken.stderr and "Traceback" not in broken.stderr


def test_rules_lists_every_rule() -> None:
    out = run("rules").stdout.splitlines()
    codes = [line.split()[0] for line in out]
    assert codes == sorted(codes)
    assert {"GIR102", "GIR301", "GIR302", "GIR303", "GIR304", "GIR406", "GIR501"} <= set(codes)
    line = next(line for line in out if line.startswith("GIR301"))
    assert " error " in line and " check " in line and "一+二" in line
    assert "(off)" in next(
        line
        for line in run("rules", "--ignore", "GIR5").stdout.splitlines()
        if line.startswith("GIR501")
    )


def test_render_a_parsed_report_in_every_layout(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(run("parse", "--full", str(SEEDS[3])).stdout, encoding="utf-8")
    for layout in ("html", "tab", "pipe", "markdown", "lines"):
        page = tmp_path / f"report.{layout}"
        page.write_text(run("render", "--layout", layout, str(saved)).stdout, encoding="utf-8")
        again = json.loads(run("parse", str(page)).stdout)
        assert again["values"] == json.loads(saved.read_text("utf-8"))["values"], layout
        assert (again["agency"], again["year"], again["template"]) == (
            "广州市增城区司法局",
            2020,
            "2019",
        )
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    proc = run("render", str(broken))
    assert proc.returncode == 2 and "not a report JSON" in proc.stderr


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        (("--select", "GIR1O1"), "did you mean GIR101?"),
        (("--select", "NOPE999"), "'NOPE999'"),
        (("--ignore", "GIR3,GIR30X"), "'GIR30X'"),
    ],
)
def test_an_unknown_rule_code_is_a_usage_error(option: tuple[str, str], hint: str) -> None:
    """A mistyped code must not switch every rule off: exit 2, and say which code."""
    done = run("check", str(SEEDS[2]), *option)
    assert done.returncode == 2
    assert hint in done.stderr


def test_an_unknown_code_in_the_configuration_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nselect = ["NOPE999"]\n', "utf-8"
    )
    done = run("check", str(SEEDS[2].resolve()), cwd=tmp_path)
    assert done.returncode == 2 and "'NOPE999'" in done.stderr


def test_an_error_names_the_file_once(tmp_path: Path) -> None:
    noise = tmp_path / "random.bin"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 12)
    done = run("parse", str(noise))
    assert done.stderr.count(str(noise)) == 1, done.stderr
