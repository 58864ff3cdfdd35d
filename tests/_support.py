"""Helpers the tests share: the bundled corpus of real reports and golden comparison.

Golden equality (``same``) is the public ``govinfo_report.testing.same_value``.
"""

from __future__ import annotations

import importlib.metadata
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from govinfo_report import Parser
from govinfo_report.testing import parser_with
from govinfo_report.testing import same_value as same

__all__ = [
    "CORPUS",
    "SEEDS",
    "cli",
    "expected_identity_findings",
    "golden",
    "same",
    "without_recogniser",
]

CORPUS = Path(__file__).parent / "corpus"
SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))


def without_recogniser() -> Parser:
    """A parser with every installed plugin but those that recognise images (OCR): what the
    core's readers do with a scan, and within their own budget, whatever else is installed."""
    names = [
        ep.name
        for ep in importlib.metadata.entry_points(group="govinfo_report")
        if not hasattr(ep.load(), "govinfo_report_recognise")
    ]
    return parser_with(*names)


def golden(seed: Path) -> dict[str, Any]:
    """The hand-checked expected values of ``seed``."""
    data: dict[str, Any] = json.loads((CORPUS / "golden" / f"{seed.stem}.json").read_text("utf-8"))
    return data


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govinfo_report ARGS`` and capture what it prints (never raises)."""
    return subprocess.run(
        [sys.executable, "-m", "govinfo_report", *args],
        cwd=cwd,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )


def expected_identity_findings(key: str) -> set[tuple[str, str | None, str | None]]:
    """``(code, row, column)`` of each identity a change of cell ``key`` must break."""
    section, *row_parts, column = key.split(".")
    row = ".".join(row_parts)
    if section == "review_litigation":
        return {("GIR304", row, "total")}
    if section != "applications":
        return set()
    out = {("GIR303", row, "total")}  # every row: 总计 = the six applicant columns
    if row in ("received_new", "carried_over", "total", "carried_forward"):
        out.add(("GIR301", "total", column))  # 一 + 二 = （七）总计 + 四
    if row not in ("received_new", "carried_over", "carried_forward"):
        out.add(("GIR302", "total", column))  # （七）总计 = the result rows
    return out


def count_reports(db_path: Path) -> int:
    """The rows of ``reports`` in a corpus database; 0 while it cannot be read yet."""
    try:
        db = sqlite3.connect(db_path, timeout=1)
        try:
            return int(db.execute("SELECT count(*) FROM reports").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0
