"""A report as a notebook shows it (``Report._repr_html_``): a line of metadata, the official
tables with the cells of findings marked, and the findings — a fragment, with inline styles
only, so that nothing leaks into the notebook's own page."""

from __future__ import annotations

import html
from collections.abc import Mapping

from .._findings import Severity
from .._marks import SYMBOLS, CellMark, cell_marks
from .._model import Report
from .._render._official import TABLES, GridCell, Table

#: Inline backgrounds per severity; each mark also carries its symbol, never colour alone.
_FILL: Mapping[Severity, str] = {
    Severity.ERROR: "#fde2e1",
    Severity.WARNING: "#fff3cd",
    Severity.INFO: "#e7f1fb",
}
_CELL = "border:1px solid #999;padding:2px 4px;"
_UNKNOWN = "？"


def notebook_html(report: Report) -> str:
    """The report's metadata line, its three official tables (findings marked, unknown cells
    shown as ？) and its findings, as HTML."""
    template = report.template or "2021"
    shown: list[Table] = [draw(report, template) for draw in TABLES.values()]
    keys = [c.key for table in shown for row in table for c in row if c.key]
    marks = cell_marks(report, keys)
    head = html.escape(
        f"{report.agency or '?'} · {report.year or '?'} · template {report.template or '?'} · "
        f"{len(report.cells)} cells · {len(report.findings)} findings "
        f"({len(report.errors)} errors)"
    )
    out = [f"<div><p><b>{head}</b></p>"]
    for table in shown:
        out.append('<table style="border-collapse:collapse;font-size:12px;margin-bottom:8px">')
        for row in table:
            out.append("<tr>" + "".join(_cell(c, marks) for c in row) + "</tr>")
        out.append("</table>")
    if report.findings:
        out.append('<ol style="font-size:12px">')
        out.extend(
            f"<li>{SYMBOLS[f.severity]} {html.escape(f.code)} "
            f"{html.escape(f.location.key or '')} {html.escape(f.message_zh)}</li>"
            for f in report.findings
        )
        out.append("</ol>")
    out.append("</div>")
    return "".join(out)


def _cell(cell: GridCell, marks: Mapping[str, CellMark]) -> str:
    spans = "".join(
        f' {name}="{value}"'
        for name, value in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
        if value > 1
    )
    mark = marks.get(cell.key) if cell.key else None
    if mark is None:
        return f'<td{spans} style="{_CELL}">{html.escape(cell.text)}</td>'
    style = _CELL + "text-align:right;"
    text = _UNKNOWN if mark.source == "unknown" else html.escape(cell.text)
    if mark.severity is not None:
        style += f"background:{_FILL[mark.severity]};"
        text += f" {SYMBOLS[mark.severity]}" + "".join(f"<sup>{n}</sup>" for n in mark.findings)
    return f'<td{spans} style="{style}" title="{mark.key}">{text}</td>'
