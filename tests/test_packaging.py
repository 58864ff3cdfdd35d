"""Packaging and code quality: the wheel carries the built-in plugins; lint and types are clean."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent


def test_wheel_ships_builtin_extractors_under_our_name(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("govinfo_report-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for module in ("pipe", "tab", "lines", "prose"):
        assert f"govinfo_report_plugins/{module}.py" in names
    assert "govinfo_report/data/keys.json" in names
    assert "govinfo_report/py.typed" in names
    assert not any(name.startswith("plugins/") for name in names)
    # The docx plugin is a separate distribution (plugins/govinfo-report-docx), never in ours.
    assert not any("docx" in name for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[govinfo_report]" in text
    assert "tab = govinfo_report_plugins.tab" in text
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    lines = zipfile.ZipFile(wheel).read(metadata).decode().splitlines()
    required = [line for line in lines if line.startswith("Requires-Dist:")]
    pdf = [line for line in required if "'pdf'" in line]
    assert pdf and all("pypdfium2" in line for line in pdf), pdf
    assert not any("pdfplumber" in line or "pdfminer" in line for line in required)


def test_ruff_is_clean() -> None:
    subprocess.run([str(BIN / "ruff"), "check", str(ROOT)], check=True, cwd=ROOT)
    subprocess.run([str(BIN / "ruff"), "format", "--check", str(ROOT)], check=True, cwd=ROOT)


def test_mypy_is_clean() -> None:
    subprocess.run([str(BIN / "mypy")], check=True, cwd=ROOT)
