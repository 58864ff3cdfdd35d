"""The five real seed reports parse to their hand-checked values, every cell of them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from _support import cli, golden, same

import govinfo_report


def test_seed_matches_golden(seed: Path) -> None:
    want = golden(seed)
    report = govinfo_report.parse(seed)
    assert (report.agency, report.year, report.template) == (
        want["agency"],
        want["year"],
        want["template"],
    )
    published = report.published.isoformat() if report.published else None
    assert published == want["published"]
    got = report.to_flat()
    wrong = {
        k: (v, got.get(k, "absent")) for k, v in want["values"].items() if not same(v, got.get(k))
    }
    assert not wrong
    # Nothing beyond the golden cells: unknown cells are absent, never invented.
    assert set(got) <= set(want["values"])


def test_tables_absent_are_reported_not_invented(seed: Path) -> None:
    want = golden(seed)
    report = govinfo_report.parse(seed)
    missing_table = [f for f in report.findings if f.code == "GIR102"]
    if want["tables_present"] is True:
        assert not missing_table
        assert set(report.extractors) == {"active", "applications", "review_litigation"}
    else:
        assert missing_table
        prose = [c for c in report.cells.values() if c.provenance.origin == "prose"]
        assert len(prose) == len(want["values"])


def test_command_line_json_matches_golden(seed: Path) -> None:
    want = golden(seed)
    proc = cli("parse", "--format", "json", str(seed))
    # 0, or 1 when the report has an error finding (seed 004's GIR301), as `check` exits
    assert proc.returncode == (1 if govinfo_report.parse(seed).errors else 0), proc.stderr
    out = json.loads(proc.stdout)
    assert {k: out[k] for k in ("agency", "year", "template", "published")} == {
        k: want[k] for k in ("agency", "year", "template", "published")
    }
    for key, value in want["values"].items():
        got = out["values"][key]
        assert Decimal(got) == Decimal(value) if isinstance(got, str) else got == value, key
    assert isinstance(out["findings"], list)
