"""The command line: JSON for one file, JSON Lines for many, typed errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _support import SEEDS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo_report", *args], check=False, capture_output=True, text=True
    )


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
