"""Helpers the tests share: the bundled corpus of real reports and golden comparison."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))


def golden(seed: Path) -> dict[str, Any]:
    """The hand-checked expected values of ``seed``."""
    data: dict[str, Any] = json.loads((CORPUS / "golden" / f"{seed.stem}.json").read_text("utf-8"))
    return data


def same(expected: object, actual: object) -> bool:
    """Golden equality: money compares as decimals, counts as ints, blanks as None."""
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(actual, Decimal):
        return actual == Decimal(str(expected))
    return type(expected) is type(actual) and expected == actual


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
