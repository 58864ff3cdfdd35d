"""Reports with known findings for the review page tests: generated, and a seed with a number
changed in its rendered text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs
from _support import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report._keys import section_keys
from govinfo_report._marks import finding_keys
from govinfo_report.testing import broken_reports, reports

#: The seed whose rendered text gets a number changed, and the cell changed.
CHANGED_KEY = "applications.received_new.natural_person"


def generated(count: int) -> list[Report]:
    """``count`` generated reports, derandomised, about half with one identity cell broken;
    each checked, so that it carries the findings of the rules."""
    drawn: list[Report] = []
    either = st.one_of(reports(), broken_reports().map(lambda pair: pair[0]))

    @settings(
        max_examples=count, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(either)
    def draw(report: Report) -> None:
        drawn.append(govinfo_report.check(report))

    draw()
    assert len(drawn) == count, len(drawn)
    return drawn


def changed_seed(path: Path = SEEDS[0], key: str = CHANGED_KEY) -> Report:
    """The seed ``path`` with the value of ``key`` raised by 7, rendered as text and parsed
    again: a real document whose identities the change breaks."""
    original = govinfo_report.parse(path)
    value = original[key]
    assert isinstance(value, int)
    cells = dict(original.cells)
    cells[key] = attrs.evolve(cells[key], value=value + 7)
    text = govinfo_report.render(attrs.evolve(original, cells=cells), "pipe")
    report = govinfo_report.parse(text)
    assert report[key] == value + 7
    return report


def offending_keys(report: Report) -> set[str]:
    """Every canonical key some finding of ``report`` involves (location and operands)."""
    return {k for f in report.findings for k in finding_keys(f)}


def template_keys(report: Report) -> set[str]:
    """Every key of the report's template: the cells the review draws."""
    template = report.template or "2021"
    sections: Sequence[str] = ("active", "applications", "review_litigation")
    return {k.key for s in sections for k in section_keys(template, s)}  # type: ignore[arg-type]
