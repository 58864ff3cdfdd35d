"""The dashboard of a page of several reports: charts of the findings and of each agency's
years, each with its numbers as a table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from .._findings import Finding, Number, Severity
from .._keys import all_keys
from .._marks import NAMES, SEVERITIES, SYMBOLS
from ._charts import CHARTS_HINT, available, errors_chart, findings_chart, panel_chart
from ._dashboard import HEADLINES, AgencyYears, Dashboard, GroupCount, dashboard
from ._entry import Entry

#: Agencies whose years are drawn at most; every agency's figures are in the table. Those with
#: the most breaks between years, then the most errors, come first.
PANEL_LIMIT = 10
_ERROR = SYMBOLS[Severity.ERROR]


def _table(caption: str, headings: Sequence[str], rows: Iterable[str], numeric: int = 0) -> str:
    """A data table: ``rows`` are ``<tr>`` already; the last ``numeric`` columns are numbers."""
    first_number = len(headings) - numeric
    head = "".join(
        f'<th scope="col" class="n">{escape(h)}</th>'
        if i >= first_number
        else f'<th scope="col">{escape(h)}</th>'
        for i, h in enumerate(headings)
    )
    return (
        f'<table class="data"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _counts(groups: Sequence[GroupCount]) -> Iterable[str]:
    for g in groups:
        yield (
            f'<tr><th scope="row">{escape(g.name)}</th><td class="n">{g.reports}</td>'
            f'<td class="n">{g.errors}</td></tr>'
        )


def _numbers(summary: str, tables: Sequence[str], opened: bool) -> str:
    """The numbers behind a chart, folded under it (open when there is no chart)."""
    return (
        f'<details class="numbers"{" open" if opened else ""}><summary>{summary}</summary>'
        + "".join(tables)
        + "</details>"
    )


def _figure(svg: str | None, caption: str) -> str:
    return f'<figure class="chart">{svg}<figcaption>{caption}</figcaption></figure>' if svg else ""


def _findings_part(board: Dashboard, charts: bool) -> str:
    severities = _table(
        "问题按严重程度 findings by severity",
        ("严重程度 severity", "问题 findings"),
        (
            f'<tr><th scope="row"><span aria-hidden="true">{SYMBOLS[s]}</span> {NAMES[s]}</th>'
            f'<td class="n">{board.severities[s]}</td></tr>'
            for s in SEVERITIES
        ),
        numeric=1,
    )
    rules = _table(
        "问题按规则 findings by rule",
        ("规则 rule", "严重程度 severity", "例 example", "问题 findings", "报告 reports"),
        (
            f'<tr><th scope="row">{r.code}</th><td><span aria-hidden="true">'
            f"{SYMBOLS[r.severity]}</span> {NAMES[r.severity]}</td>"
            f'<td class="example">{escape(r.example)}</td><td class="n">{r.findings}</td>'
            f'<td class="n">{r.reports}</td></tr>'
            for r in board.rules
        ),
        numeric=2,
    )
    svg = findings_chart(board, "d-c1") if charts else None
    shown = _figure(svg, "问题按严重程度（左）和规则（右）findings by severity and by rule")
    if not board.rules:
        shown = "<p>没有问题 no findings</p>"
    return (
        '<h3 id="d-findings">问题按规则和严重程度 Findings by rule and severity</h3>'
        + shown
        + _numbers("数字 the numbers", (severities, rules), opened=not svg)
    )


def _errors_part(board: Dashboard, charts: bool) -> str:
    headings = ("报告 reports", "✖ 错误 errors")
    agencies = _table(
        "各机关的错误 errors by agency",
        ("机关 agency", *headings),
        _counts(board.agencies),
        numeric=2,
    )
    years = _table(
        "各年度的错误 errors by year",
        ("年度 year", *headings),
        _counts(board.years),
        numeric=2,
    )
    svg = errors_chart(board, "d-c2") if charts else None
    shown = _figure(svg, "错误按机关（左，最多的在上）和年度（右）errors by agency and by year")
    if not any(g.errors for g in board.agencies):
        shown = "<p>没有错误 no errors</p>"
    return (
        '<h3 id="d-errors">错误按机关和年度 Errors by agency and year</h3>'
        + shown
        + _numbers("数字 the numbers", (agencies, years), opened=not svg)
    )


def _value(value: Number | None) -> str:
    """A number as the report prints it; ``—`` for none."""
    if value is None:
        return "—"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _break_items(panel: AgencyYears) -> str:
    """Each break between an agency's years: its code, years and message."""
    return "".join(
        f'<li><span aria-hidden="true">{_ERROR}</span> <b>{f.code}</b> {year - 1}–{year}年：'
        f'<span lang="zh-CN">{escape(f.message_zh)}</span></li>'
        for year, f in panel.breaks
    )


def _brief(finding: Finding) -> str:
    """A corpus finding's cell and values in a few words: this year's value, then the value
    last year's report implies (``自然人 825≠605``)."""
    spec = all_keys().get(finding.location.key or "")
    cell = ""
    if spec is not None:
        cell = spec.column_label if spec.section == "applications" else spec.row_label
    if finding.actual is None and finding.expected is None:
        return escape(cell)
    return f"{escape(cell)} {_value(finding.actual)}≠{_value(finding.expected)}"


def _briefs(findings: Sequence[Finding]) -> str:
    """Corpus findings in a few words, by code: ``✖ GIR601 自然人 825≠605，总计 …``."""
    if not findings:
        return ""
    codes: dict[str, list[str]] = {}
    for f in findings:
        codes.setdefault(f.code, []).append(_brief(f))
    said = "；".join(f"{code} {'，'.join(cells)}" for code, cells in codes.items())
    return f'<span aria-hidden="true">{_ERROR}</span> {said}'


def _panel_rows(panel: AgencyYears) -> Iterable[str]:
    """An agency's rows of the table of headline figures, one per report."""
    for i, row in enumerate(panel.rows):
        agency = (
            f'<th scope="rowgroup" rowspan="{len(panel.rows)}">{escape(panel.agency)}</th>'
            if i == 0
            else ""
        )
        yield (
            f"<tr>{agency}<td>{row.year}</td><td>{escape(row.template or '？')}</td>"
            f'<td><a href="{escape(row.href)}">{escape(row.name)}</a></td>'
            + "".join(f'<td class="n">{_value(v)}</td>' for v in row.values)
            + f'<td class="breaks">{_briefs(row.breaks)}</td></tr>'
        )


def _panel(panel: AgencyYears, number: int) -> str:
    """An agency's chart: what it is above it, the breaks between its years folded below."""
    breaks = len(panel.breaks)
    caption = (
        f"<b>{escape(panel.agency)}</b> {panel.years[0]}–{panel.years[-1]}年，"
        f"{len(panel.rows)} 份报告 reports，{_ERROR} {panel.errors} 错误 errors，"
        + (f"{_ERROR} {breaks} 处跨年度不符 breaks" if breaks else "跨年度一致 no break")
    )
    if len(panel.years) < len(panel.rows):
        caption += "。空心标记：该年有多份报告，标出最小和最大值 open marks: several reports"
    if any(row.template == "2019" for row in panel.rows):
        caption += (
            "。2019版模板的年份，规范性文件两项为本年新制作数量、对外公开总数量 "
            "(2019 template: documents made, and published in total)"
        )
    listed = (
        f'<details class="breaks"><summary>{_ERROR} {breaks} 处跨年度不符 breaks between '
        f'years</summary><ul class="breaks">{_break_items(panel)}</ul></details>'
        if breaks
        else ""
    )
    return (
        f'<figure class="chart panel" id="d-a{number}"><figcaption>{caption}</figcaption>'
        f"{panel_chart(panel, f'd-p{number}')}{listed}</figure>"
    )


def _years_part(board: Dashboard, charts: bool) -> str:
    """The year-over-year part: what the breaks are, the charted agencies, every agency's
    figures as a table."""
    panels = board.panels
    breaks = sum(len(p.breaks) for p in panels)
    intro = (
        f"<p>{len(panels)} 个机关有两年以上的报告 agencies with reports of two or more years；"
        f"{_ERROR} {breaks} 处跨年度不符 breaks between years"
        "（GIR601 上年结转 ≠ 上年报告结转下年度 carried over; "
        "GIR602 现行有效件数 ≠ 上年 + 制发 − 废止 documents in force）。"
    )
    if board.breaks_computed:
        intro += (
            "跨年度核查由本页按各报告的数值算出，不计入上面的问题数 computed here from the "
            "reports' values, not counted among the findings above."
        )
    intro += "</p>"
    if not panels:
        return '<h3 id="d-years">逐年对比 Year over year</h3>' + intro
    drawn = panels[:PANEL_LIMIT] if charts else ()
    figures = "".join(_panel(p, n) for n, p in enumerate(drawn, start=1))
    if len(drawn) < len(panels) and drawn:
        figures += (
            f"<p>只画出跨年度不符和错误最多的 {len(drawn)} 个机关，全部 {len(panels)} 个见下表 "
            f"charts for the {len(drawn)} agencies with the most breaks and errors; every "
            "agency is in the table.</p>"
        )
    headings = (
        "机关 agency",
        "年度 year",
        "模板 template",
        "报告 report",
        *(f"{h.zh} {h.en}" for h in HEADLINES),
        "跨年度不符 breaks",
    )
    table = _table(
        "各机关逐年主要数字 headline figures by agency and year（— 未读到或空 not read or blank）",
        headings,
        (row for p in panels for row in _panel_rows(p)),
    )
    return (
        '<h3 id="d-years">逐年对比 Year over year</h3>'
        + intro
        + figures
        + _numbers("各机关逐年数字 every agency's figures", (table,), opened=not drawn)
    )


def overview(rows: Sequence[tuple[str, Entry]]) -> str:
    """The dashboard of review entries, each with the link to its page (``href``)."""
    board = dashboard(rows)
    charts = available()
    note = (
        ""
        if charts
        else '<p class="note">未安装 Matplotlib，只列出数字 no charts without Matplotlib: '
        f"<code>{escape(CHARTS_HINT)}</code></p>"
    )
    return (
        '<section class="dashboard" id="d" aria-labelledby="d-h">'
        '<h2 id="d-h">概览 Overview</h2>'
        + note
        + _findings_part(board, charts)
        + _errors_part(board, charts)
        + _years_part(board, charts)
        + "</section>"
    )
