"""Rules on what a report says about itself: its year and the notice it cites."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from .._findings import Location, Severity
from .._model import Report
from ..hookspecs import hookimpl
from ..rules import Rule, Violation, rule

#: The format notices by number: the template each defines (named after the notice's year).
NOTICES = {"30": ("2021", "国办公开办函〔2021〕30号"), "60": ("2019", "国办公开办函〔2019〕60号")}
_CITED = regex.compile(r"(?P<year>\d{4})\D+(?P<number>\d+)\s*号")


@rule(
    "GIR404",
    Severity.WARNING,
    "报告年度与统计期限不一致",
    "the title year and the statistics period disagree",
    example="标题为2023年度报告，统计数据却从2022年1月1日起",
    name="year-period-mismatch",
    messages=(
        (
            "",
            "标题为{year}年，统计期限为{period}年",
            "the title says {year}, the statistics period {period}",
        ),
    ),
)
def year_consistent(report: Report) -> Iterator[Violation]:
    """The year in the title equals the year of the statistics period."""
    meta = report.metadata
    if meta.year is not None and meta.period_year is not None and meta.year != meta.period_year:
        yield year_consistent.violation(
            Location(line=meta.lines.get("period")),
            expected=meta.year,
            actual=meta.period_year,
            year=meta.year,
            period=meta.period_year,
        )


@rule(
    "GIR406",
    Severity.WARNING,
    "格式通知文号引用错误",
    "the format notice is cited wrongly",
    example="国办公开办函【2024】30号（应为国办公开办函〔2021〕30号）",
    name="notice-miscited",
    messages=(
        (
            "unknown",
            "引用了{cited}，年度报告格式通知为{notice_2021}",
            "cites {cited}; the format notices are {notice_2021} and {notice_2019}",
        ),
        ("wrong_year", "引用了{cited}，应为{notice}", "cites {cited}; the notice is {notice}"),
    ),
)
def notice_cited(report: Report) -> Iterator[Violation]:
    """The cited notice is 国办公开办函〔2021〕30号 or 〔2019〕60号, with the right year."""
    cited = report.metadata.notice
    m = _CITED.search(cited or "")
    if cited is None or m is None:
        return
    known = NOTICES.get(m.group("number"))
    if known is None:
        yield notice_cited.violation(
            Location(line=report.metadata.lines.get("notice")),
            case="unknown",
            cited=cited,
            notice_2021=NOTICES["30"][1],
            notice_2019=NOTICES["60"][1],
        )
    elif m.group("year") != known[0]:
        where = Location(line=report.metadata.lines.get("notice"))
        yield notice_cited.violation(where, case="wrong_year", cited=cited, notice=known[1])


@rule(
    "GIR407",
    Severity.WARNING,
    "引用的格式通知与表格版本不符",
    "the cited notice and the tables' template disagree",
    example="引用国办公开办函〔2019〕60号，表格却有“本年制发件数”（2021年版）",
    name="notice-template-mismatch",
    messages=(
        (
            "",
            "引用{notice}，表格却是{template}年版",
            "cites {notice} but the tables follow the {template} template",
        ),
    ),
)
def notice_matches_template(report: Report) -> Iterator[Violation]:
    """The tables follow the template of the notice the report cites."""
    meta = report.metadata
    m = _CITED.search(meta.notice or "")
    if m is None or meta.template_basis != "labels" or m.group("number") not in NOTICES:
        return
    template, name = NOTICES[m.group("number")]
    if template != meta.template:
        where = Location(line=meta.lines.get("notice"))
        yield notice_matches_template.violation(where, notice=name, template=meta.template)


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """Provide the metadata rules."""
    return (year_consistent, notice_cited, notice_matches_template)
