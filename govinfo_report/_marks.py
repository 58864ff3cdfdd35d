"""Which findings involve which cells, and how each cell of the official tables is marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ._findings import Finding, Severity
from ._model import Report

#: Severities from the most to the least serious; a cell shows its most serious finding.
SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: The text symbol of each severity, so that a mark never rests on colour alone.
SYMBOLS: Mapping[Severity, str] = {
    Severity.ERROR: "✖",
    Severity.WARNING: "⚠",
    Severity.INFO: "ℹ",
}
#: Each severity named in Chinese and English.
NAMES: Mapping[Severity, str] = {
    Severity.ERROR: "错误 error",
    Severity.WARNING: "警告 warning",
    Severity.INFO: "提示 info",
}
#: Symbols of cells whose value did not come from a table: read from the prose, or not read.
PROSE_SYMBOL, UNKNOWN_SYMBOL = "✎", "？"


def finding_keys(finding: Finding) -> tuple[str, ...]:
    """The canonical keys a finding involves: its location's key, then its operands' keys."""
    keys = [finding.location.key] if finding.location.key else []
    keys.extend(o.key for o in finding.operands)
    return tuple(dict.fromkeys(keys))


@attrs.frozen
class CellMark:
    """How one value cell is shown: its findings (1-based numbers), severity and source."""

    key: str
    findings: tuple[int, ...] = ()
    severity: Severity | None = None
    #: "table", "blank" (left blank in a table), "prose" (read from the prose) or "unknown".
    source: str = "table"


def _most_serious(severities: Sequence[Severity]) -> Severity | None:
    return next((s for s in SEVERITIES if s in severities), None)


def cell_marks(report: Report, drawn: Sequence[str]) -> dict[str, CellMark]:
    """The mark of every drawn cell ``key`` of ``report``, from its findings and provenance."""
    involved: dict[str, list[int]] = {}
    for number, finding in enumerate(report.findings, start=1):
        for key in finding_keys(finding):
            involved.setdefault(key, []).append(number)
    marks: dict[str, CellMark] = {}
    for key in drawn:
        cell = report.cells.get(key)
        if cell is None:
            source = "unknown"
        elif cell.provenance.origin == "prose":
            source = "prose"
        else:
            source = "table" if cell.value is not None else "blank"
        numbers = tuple(involved.get(key, ()))
        severity = _most_serious([report.findings[n - 1].severity for n in numbers])
        marks[key] = CellMark(key, numbers, severity, source)
    return marks
