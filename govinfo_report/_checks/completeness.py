"""Rules on what a report should contain: the template that fits its year."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .._findings import Location, Severity
from .._model import Report
from ..hookspecs import hookimpl
from ..rules import Rule, Violation, rule

# The 2021 format (国办公开办函〔2021〕30号) applies to reports on 2021 and later years.
FIRST_YEAR_OF_2021_TEMPLATE = 2021


@rule(
    "GIR405",
    Severity.WARNING,
    "模板版本与报告年度不符",
    "the template does not fit the report year",
    example="2023年度报告仍使用2019年版表格（本年新制作数量…）",
    name="template-year-mismatch",
    messages=(
        (
            "",
            "{year}年度报告应使用{due}年版格式，表格为{template}年版",
            "a report on {year} should use the {due} template; its tables follow the "
            "{template} one",
        ),
    ),
)
def template_for_year(report: Report) -> Iterator[Violation]:
    """A 2019-template table in a 2021-or-later report, or a 2021-template table before 2021."""
    meta = report.metadata
    if meta.template_basis != "labels" or meta.year is None:
        return
    expected = "2021" if meta.year >= FIRST_YEAR_OF_2021_TEMPLATE else "2019"
    if meta.template != expected:
        where = Location(line=meta.lines.get("title"))
        yield template_for_year.violation(
            where, year=meta.year, due=expected, template=meta.template
        )


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """Provide the completeness rules that run on a parsed report."""
    return (template_for_year,)
