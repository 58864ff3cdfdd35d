"""Installed, the plugin is listed and the command line reads .docx files with it."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from govinfo_report_docx import render_docx

import govinfo_report
from govinfo_report.testing import GENERATED


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo_report", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_entry_point_of_its_own_distribution() -> None:
    (entry,) = [
        ep
        for ep in importlib.metadata.entry_points(group="govinfo_report")
        if ep.dist is not None and ep.dist.name == "govinfo-report-docx"
    ]
    assert (entry.name, entry.value) == ("docx", "govinfo_report_docx")
    info = {p.name: p for p in govinfo_report.Parser().plugins}["docx"]
    assert (info.module, info.distribution, info.extractors) == (
        "govinfo_report_docx",
        "govinfo-report-docx",
        ("docx",),
    )


def test_command_line_lists_the_plugin_and_parses_a_docx(tmp_path: Path) -> None:
    listed = cli("plugins")
    assert listed.returncode == 0, listed.stderr
    (line,) = [line for line in listed.stdout.splitlines() if line.startswith("docx ")]
    assert "govinfo_report_docx [govinfo-report-docx]: docx" in line
    assert "FAILED" not in listed.stdout
    cells = {
        k.key: govinfo_report.Cell(k.key, Decimal(i % 5) if k.kind == "money" else i % 5, GENERATED)
        for i, k in enumerate(govinfo_report.keys("2019"))
        if k.section == "active"
    }
    report = govinfo_report.Report(
        govinfo_report.Metadata("某某县人民政府办公室", 2020, "2019", template_basis="labels"),
        cells,
    )
    document = tmp_path / "report.docx"
    document.write_bytes(render_docx(report))
    parsed = cli("parse", str(document))
    out = json.loads(parsed.stdout)
    assert out["extractors"]["active"] == "docx"
    assert {k: v for k, v in out["values"].items() if k.startswith("active.")} == {
        k: str(c.value) if isinstance(c.value, Decimal) else c.value for k, c in cells.items()
    }
    rules = cli("rules", "--select", "DOCX").stdout
    (listed,) = [line.split() for line in rules.splitlines() if line.startswith("DOCX001")]
    assert listed[:4] == ["DOCX001", "tracked-changes", "warning", "parse"]
