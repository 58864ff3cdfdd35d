"""A review page: each report's metadata, finding summary, official tables with the cells its
findings involve marked, and the list of findings linked both ways to those cells."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from html import escape

from .._findings import Finding, Number, Severity
from .._keys import TABLE_SECTIONS, SectionName, Template, all_keys
from .._marks import (
    NAMES,
    PROSE_SYMBOL,
    SEVERITIES,
    SYMBOLS,
    UNKNOWN_SYMBOL,
    CellMark,
    cell_marks,
    finding_keys,
)
from .._model import Metadata, Report
from .._render._document import HEADINGS, title_of
from .._render._official import (
    TABLES,
    GridCell,
    Table,
    value_text,
)
from ._entry import Entry
from ._overview import overview
from ._style import CSS, DASHBOARD_SCRIPT

# No request of any kind leaves the page: styles and the index script are inline.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _number(value: Number | None) -> str:
    if value is None:
        return "空"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


@cache
def _label(key: str) -> str:
    spec = all_keys().get(key)
    return spec.label if spec is not None else key


@cache
def _short(key: str) -> str:
    """A cell named by its row and column, as an operand list names it."""
    spec = all_keys().get(key)
    return f"{spec.row_label} × {spec.column_label}" if spec is not None else key


def _cell_id(prefix: str, key: str) -> str:
    return f"{prefix}-c-{key}"


def _finding_id(prefix: str, number: int) -> str:
    return f"{prefix}-f{number}"


def _values_line(finding: Finding) -> str:
    if finding.expected is None and finding.actual is None:
        return ""
    return (
        f"<p>应为 expected <b>{escape(_number(finding.expected))}</b>，"
        f"实为 actual <b>{escape(_number(finding.actual))}</b></p>"
    )


def _tip(report: Report, mark: CellMark, tip_id: str) -> str:
    """The popover of a marked cell: each finding's messages, values and operands."""
    parts = [f'<div class="tip" role="tooltip" id="{tip_id}">']
    for number in mark.findings:
        f = report.findings[number - 1]
        parts.append(
            f'<p class="sev-{f.severity.value}"><b>{SYMBOLS[f.severity]} {f.code} '
            f"{NAMES[f.severity]} (#{number})</b></p>"
            f'<p lang="zh-CN">{escape(f.message_zh)}</p><p lang="en">{escape(f.message_en)}</p>'
            + _values_line(f)
        )
        if f.operands:
            operands = "；".join(
                f"{escape(_short(o.key))} = {escape(_number(o.value))}" for o in f.operands
            )
            parts.append(f'<p class="ops">运算数 operands: {operands}</p>')
    cell = report.cells.get(mark.key)
    if mark.source == "prose" and cell is not None:
        where = (
            f"（第{cell.provenance.line}行 line {cell.provenance.line}）"
            if cell.provenance.line
            else ""
        )
        parts.append(
            f"<p>{PROSE_SYMBOL} 数值取自正文 value read from the prose{where}："
            f"“{escape(cell.provenance.text)}”</p>"
        )
    elif mark.source == "unknown":
        parts.append(
            f"<p>{UNKNOWN_SYMBOL} 未能读取 could not be read: 见问题清单 see the findings</p>"
        )
    parts.append(f"<p>{escape(_label(mark.key))}</p></div>")
    return "".join(parts)


def _value_cell(report: Report, mark: CellMark, prefix: str, spans: str, right: bool) -> str:
    """A value cell; a marked one holds its popover, opening leftwards when ``right``."""
    cell_id = _cell_id(prefix, mark.key)
    text = escape(value_text(report, mark.key))
    if mark.severity is None and mark.source in ("table", "blank"):  # most cells: plain
        return (
            f'<td id="{cell_id}" data-key="{mark.key}" data-source="{mark.source}" class="v"'
            f'{spans}><span class="val">{text}</span></td>'
        )
    classes = ["v", "tip-r"] if right else ["v"]
    inner = [f'<span class="val">{text}</span>']
    hidden: list[str] = []
    attrs_ = [f'id="{cell_id}"', f'data-key="{escape(mark.key)}"', f'data-source="{mark.source}"']
    if mark.severity is not None:
        classes.append(f"sev-{mark.severity.value}")
        attrs_.append(f'data-severity="{mark.severity.value}"')
        inner.append(f'<span class="mk" aria-hidden="true">{SYMBOLS[mark.severity]}</span>')
        numbers = "、".join(str(n) for n in mark.findings)
        hidden.append(f"{NAMES[mark.severity]}：问题 findings {numbers}")
    if mark.source in ("prose", "unknown"):
        classes.append(f"src-{mark.source}")
        symbol = PROSE_SYMBOL if mark.source == "prose" else UNKNOWN_SYMBOL
        inner.append(f'<span class="src" aria-hidden="true">{symbol}</span>')
        hidden.append("取自正文 from the prose" if mark.source == "prose" else "未能读取 unknown")
    if hidden:
        inner.append(f'<span class="vh">{escape("；".join(hidden))}</span>')
    if mark.findings:
        links = " ".join(
            f'<a href="#{_finding_id(prefix, n)}" aria-label="问题 finding {n}">{n}</a>'
            for n in mark.findings
        )
        inner.append(f'<sup class="refs">{links}</sup>')
    if mark.findings or mark.source in ("prose", "unknown"):
        tip_id = f"{cell_id}-tip"
        attrs_.append(f'tabindex="0" aria-describedby="{tip_id}"')
        inner.append(_tip(report, mark, tip_id))
    return f'<td {" ".join(attrs_)} class="{" ".join(classes)}"{spans}>{"".join(inner)}</td>'


@cache
def _spans(cell: GridCell) -> str:
    return (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )


@cache
def _columns(rows: Table) -> str:
    """Columns of labels and of values, so that a fixed layout (print) gives values less room:
    read from the row with the most value cells, where every column starts."""
    widest = max(rows, key=lambda row: sum(c.key is not None for c in row))
    kinds = [
        "val" if cell.key is not None else "lab" for cell in widest for _ in range(cell.colspan)
    ]
    return "<colgroup>" + "".join(f'<col class="{kind}">' for kind in kinds) + "</colgroup>"


@cache
def _heading(cell: GridCell, labels_a_row: bool) -> str:
    """A label cell: a row heading beside values, a column heading above them."""
    if labels_a_row:
        scope = "rowgroup" if cell.rowspan > 1 else "row"
    else:
        scope = "colgroup" if cell.colspan > 1 else "col"
    return f'<th scope="{scope}"{_spans(cell)}>{escape(cell.text)}</th>'


@cache
def _grid(template: Template, section: SectionName) -> Table:
    """The official grid of a table: the renderer's, drawn once per template (values are
    filled in per report from the cell keys)."""
    return TABLES[section](Report(Metadata()), template)


def _table(
    report: Report, section: str, rows: Table, marks: Mapping[str, CellMark], prefix: str
) -> str:
    """One official table as drawn by the renderer, its value cells marked."""
    caption = HEADINGS[TABLE_SECTIONS[section]]  # type: ignore[index]
    out = [
        f'<table class="official" id="{prefix}-t-{section}"><caption>{caption}</caption>',
        _columns(rows),
    ]
    for row in rows:
        values = sum(c.key is not None for c in row)
        labels_a_row = values > 0
        cells = []
        seen = 0
        for cell in row:
            spans = _spans(cell)
            if cell.key is not None:
                # popovers of the right half open leftwards, so that they stay on the page
                right = values > 1 and seen >= values / 2
                cells.append(_value_cell(report, marks[cell.key], prefix, spans, right))
                seen += 1
            else:
                cells.append(_heading(cell, labels_a_row))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _finding_item(report: Report, number: int, f: Finding, drawn: set[str], prefix: str) -> str:
    sev = f.severity
    where = f.location
    place = " ".join(
        escape(str(v)) for v in (where.section, where.row, where.column) if v is not None
    )
    line = f"，第{where.line}行 line {where.line}" if where.line else ""
    cells = []
    for key in finding_keys(f):
        value = report.cells[key].value if key in report.cells else None
        shown = _number(value) if key in report.cells else "？"
        label = f"{escape(_short(key))} = {escape(shown)}"
        if key in drawn:
            cells.append(f'<a href="#{_cell_id(prefix, key)}">{label}</a>')
        else:
            cells.append(f"{label}（不在表中 not in a table）")
    involved = f'<p class="ops">单元格 cells: {"；".join(cells)}</p>' if cells else ""
    return (
        f'<li id="{_finding_id(prefix, number)}" class="sev-{sev.value}" data-code="{f.code}">'
        f'<span class="mk" aria-hidden="true">{SYMBOLS[sev]}</span> '
        f"<b>{f.code}</b> <span>{NAMES[sev]}</span>"
        + (f" <span>［{place}{line}］</span>" if place or line else "")
        + f'<br><span lang="zh-CN">{escape(f.message_zh)}</span><br>'
        f'<span lang="en">{escape(f.message_en)}</span>' + _values_line(f) + involved + "</li>"
    )


def _summary(counts: Mapping[Severity, int]) -> str:
    return "".join(
        f'<span class="count-{s.value}"><span aria-hidden="true">{SYMBOLS[s]}</span> '
        f"{counts[s]} {NAMES[s]}</span>"
        for s in SEVERITIES
    )


def _metadata(entry: Entry, report: Report) -> str:
    meta = report.metadata
    extractors = "，".join(f"{TABLE_SECTIONS.get(s, s)} {e}" for s, e in report.extractors.items())  # type: ignore[call-overload]
    rows = (
        ("机关 agency", meta.agency or "？"),
        ("年度 year", str(meta.year) if meta.year is not None else "？"),
        ("模板 template", f"{meta.template or '？'}（{meta.template_basis}）"),
        ("发布日期 published", meta.published.isoformat() if meta.published else "？"),
        ("提取器 extractors", extractors or "—"),
        ("来源 source", report.source.path or entry.name),
        ("格式 format", f"{report.source.format} {report.source.encoding or ''}".strip()),
    )
    return (
        '<dl class="meta">'
        + "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows)
        + "</dl>"
    )


def report_section(entry: Entry, prefix: str) -> str:
    """One report's part of a review page; ``prefix`` makes its ids unique on the page."""
    heading = f'<h2 id="{prefix}-h">{escape(entry.name)}</h2>'
    report = entry.report
    if report is None:
        return (
            f'<section class="report" id="{prefix}" aria-labelledby="{prefix}-h">{heading}'
            f'<p class="unread">✖ 无法读取 could not be read: {escape(entry.error or "")}</p>'
            "</section>"
        )
    template: Template = report.template or "2021"
    # A table of which no value was read is not drawn: its cells are in no table on the page.
    tables = {
        section: _grid(template, section)
        for section in TABLES
        if any(k.startswith(section + ".") for k in report.cells)
    }
    drawn = [c.key for rows in tables.values() for row in rows for c in row if c.key]
    marks = cell_marks(report, drawn)
    body = [
        f'<section class="report" id="{prefix}" aria-labelledby="{prefix}-h">{heading}',
        f"<p>{escape(title_of(report))}</p>",
        _metadata(entry, report),
        f'<p class="summary">{_summary(entry.counts())}</p>',
    ]
    for section in TABLES:
        rows = tables.get(section)
        if rows is None:
            caption = HEADINGS[TABLE_SECTIONS[section]]
            body.append(
                f'<h3>{caption}</h3><p class="unread">{UNKNOWN_SYMBOL} '
                "本部分没有读到任何数值 no value of this part was read</p>"
            )
            continue
        body.append(_table(report, section, rows, marks, prefix))
    body.append(f'<h3 id="{prefix}-findings">问题清单 Findings ({len(report.findings)})</h3>')
    if report.findings:
        drawn_set = set(drawn)
        body.append('<ol class="findings">')
        body.extend(
            _finding_item(report, n, f, drawn_set, prefix)
            for n, f in enumerate(report.findings, start=1)
        )
        body.append("</ol>")
    else:
        body.append("<p>没有问题 no findings</p>")
    body.append("</section>")
    return "".join(body)


_LEGEND = (
    '<p class="legend">'
    + "".join(f"<span>{SYMBOLS[s]} {NAMES[s]}</span>" for s in SEVERITIES)
    + f"<span>{PROSE_SYMBOL} 数值取自正文 value from the prose</span>"
    f"<span>{UNKNOWN_SYMBOL} 未能读取 could not be read</span>"
    '<span class="noprint">悬停或用Tab键聚焦单元格查看问题 hover or tab to a cell to see its '
    "findings</span></p>"
)


def page(title: str, body: Iterable[str], script: str = "") -> str:
    """A self-contained HTML page: inline style, optional inline script, nothing fetched."""
    head = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
    )
    tail = f"<script>{script}</script>" if script else ""
    return head + "".join(body) + tail + "</body></html>"


def entries_page(entries: Sequence[Entry], index_href: str | None = None, links: str = "") -> str:
    """The review page of ``entries``; several get a table of contents with finding counts.
    ``links`` is markup of the caller's put under the title (``serve``'s downloads)."""
    title = "政府信息公开工作年度报告核查 Report review"
    if len(entries) == 1:
        title = f"{entries[0].name} — {title}"
    body = [f"<header><h1>{escape(title)}</h1>", links]
    if index_href is not None:
        body.append(
            f'<p class="noprint"><a href="{escape(index_href)}">← 全部报告 all reports</a></p>'
        )
    body.append(_LEGEND + "</header><main>")
    if len(entries) > 1:
        body.append(overview([(f"#r{i}", entry) for i, entry in enumerate(entries)]))
        body.append('<nav class="toc" aria-label="目录 contents"><h2>目录 Contents</h2><ol>')
        for i, entry in enumerate(entries):
            counts = (
                _summary(entry.counts())
                if entry.report
                else '<span class="unread">✖ 无法读取 unreadable</span>'
            )
            body.append(f'<li><a href="#r{i}">{escape(entry.name)}</a> {counts}</li>')
        body.append("</ol></nav>")
    body.extend(report_section(entry, f"r{i}") for i, entry in enumerate(entries))
    body.append("</main>")
    return page(title, body, DASHBOARD_SCRIPT if len(entries) > 1 else "")
