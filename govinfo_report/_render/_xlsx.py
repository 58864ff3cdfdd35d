"""One report as an Excel workbook laid out as the official document prints it.

Sheet 报告 holds the title, the agency and year, and the three official tables drawn from the
grid of :mod:`._official` (the same rows, spans and value cells as every layout), each value a
typed cell; the cells a finding involves are filled by severity, bordered by a style of their
own (not colour alone) and carry the findings' messages as a comment. Sheet 问题 lists every
finding. The sheet prints on A4, landscape, one page wide.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import attrs

from .._excel import (
    UNKNOWN,
    UNKNOWN_NOTE,
    UNKNOWN_TEXT,
    Styles,
    close,
    finding_rows,
    findings_sheet,
    workbook,
    write_value,
)
from .._findings import Severity
from .._keys import TABLE_SECTIONS, Template
from .._marks import NAMES, SYMBOLS, CellMark, cell_marks
from .._model import Report
from ._document import HEADINGS, NOTICES, title_of
from ._official import TABLES, PlacedCell, Table, placed

#: How a marked cell looks, by severity: a fill, and a border style of its own.
MARK_FILLS: Mapping[Severity, str] = {
    Severity.ERROR: "#F8CBAD",
    Severity.WARNING: "#FFE699",
    Severity.INFO: "#BDD7EE",
}
_MARK_BORDERS = {Severity.ERROR: 5, Severity.WARNING: 3, Severity.INFO: 4}  # thick, dashed, dotted
_CELL = {"border": 1, "valign": "vcenter"}
_LABEL = {**_CELL, "text_wrap": True, "align": "center", "bg_color": "#F2F2F2"}
_VERTICAL = {**_LABEL, "rotation": 270}  # 三、本年度办理结果 stands one character a line
_WIDTHS = (16, 12, 26, *(10,) * 12)
_PROSE_NOTE = "取自正文 / read from the prose: "


def official_workbook(report: Report) -> bytes:
    """``report`` as an ``.xlsx`` workbook: the official tables as printed, with the cells of
    its findings marked, and a findings sheet. Needs XlsxWriter
    (``pip install 'govinfo-report[xlsx]'``)."""
    buffer = io.BytesIO()
    book = workbook(buffer)
    styles = Styles(book)
    sheet = book.add_worksheet("报告")
    template: Template = report.template or "2021"
    grids = {section: TABLES[section](report, template) for section in TABLE_SECTIONS}
    width = max(_width(rows) for rows in grids.values())
    drawn = [c.key for rows in grids.values() for row in rows for c in row if c.key]
    drawing = _Drawing(sheet, report, cell_marks(report, drawn), styles)
    sheet.merge_range(0, 0, 0, width - 1, title_of(report), styles(bold=True, font_size=16))
    sheet.merge_range(1, 0, 1, width - 1, _about(report), styles())
    r = 3
    breaks = []
    for section, rows in grids.items():
        if section != "active":
            breaks.append(r)
        heading = HEADINGS[TABLE_SECTIONS[section]]
        sheet.merge_range(r, 0, r, width - 1, heading, styles(bold=True, font_size=12))
        r = drawing.table(r + 1, rows) + 1
    for column, size in enumerate(_WIDTHS[:width]):
        sheet.set_column(column, column, size)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_h_pagebreaks(breaks)
    findings_sheet(book, styles, finding_rows(report.source.path, report.findings))
    close(book)
    return buffer.getvalue()


def _about(report: Report) -> str:
    """The line under the title: agency, year, format notice, publication date."""
    parts = [
        f"发布机关：{report.agency or '未知'}",
        f"年度：{report.year if report.year is not None else '未知'}",
        f"格式：{NOTICES[report.template] if report.template else '未知'}",
    ]
    if report.published is not None:
        parts.append(f"发布日期：{report.published.isoformat()}")
    return "　".join(parts)


def _width(rows: Table) -> int:
    return placed(rows)[1]


def _span(top: int, placement: PlacedCell) -> tuple[int, int, int, int]:
    """The sheet range a placed cell covers."""
    r, c, cell = top + placement.row, placement.column, placement.cell
    return r, c, r + cell.rowspan - 1, c + cell.colspan - 1


@attrs.frozen
class _Drawing:
    """The tables of one report drawn into one sheet."""

    sheet: Any
    report: Report
    marks: Mapping[str, CellMark]
    styles: Styles

    def table(self, top: int, rows: Table) -> int:
        """Draw one official table from row ``top``; the row after it."""
        for placement in placed(rows)[0]:
            if placement.cell.key is None:
                self.label(top, placement)
            else:
                self.value(top, placement, self.marks[placement.cell.key])
        return top + len(rows)

    def label(self, top: int, placement: PlacedCell) -> None:
        """A label cell, merged over its span."""
        cell = placement.cell
        # a label down the first column of many rows (三、本年度办理结果) is printed upright
        vertical = placement.column == 0 and cell.colspan == 1 and cell.rowspan > 3
        fmt = self.styles(**(_VERTICAL if vertical else _LABEL), bold=cell.rowspan > 1)
        first_row, first_col, last_row, last_col = _span(top, placement)
        if (first_row, first_col) == (last_row, last_col):
            self.sheet.write_string(first_row, first_col, cell.text, fmt)
        else:
            self.sheet.merge_range(first_row, first_col, last_row, last_col, cell.text, fmt)

    def value(self, top: int, placement: PlacedCell, mark: CellMark) -> None:
        """A value cell: typed, 未知 when unknown, marked by its findings' severity."""
        properties: dict[str, Any] = {**_CELL}
        if mark.severity is not None:
            properties["bg_color"] = MARK_FILLS[mark.severity]
            properties["border"] = _MARK_BORDERS[mark.severity]
        first_row, first_col, last_row, last_col = _span(top, placement)
        if (first_row, first_col) != (last_row, last_col):
            blank = self.styles(**properties)
            self.sheet.merge_range(first_row, first_col, last_row, last_col, "", blank)
        notes = [_finding_note(self.report, n) for n in mark.findings]
        if mark.source == "unknown":
            fmt = self.styles(**properties, **UNKNOWN)
            self.sheet.write_string(first_row, first_col, UNKNOWN_TEXT, fmt)
            notes.insert(0, UNKNOWN_NOTE)
        else:
            cell = self.report.cells[mark.key]
            note = write_value(
                self.sheet, first_row, first_col, cell.value, self.styles, **properties
            )
            notes[:0] = [note] if note else []
            if mark.source == "prose":
                notes.insert(0, _PROSE_NOTE + cell.provenance.text)
        if notes:
            text = "\n\n".join(notes)
            size = {"x_scale": 3, "y_scale": 1 + text.count("\n") / 3}
            self.sheet.write_comment(first_row, first_col, text, size)


def _finding_note(report: Report, number: int) -> str:
    """A finding as a marked cell's comment shows it: its number in 问题, code, severity and
    both messages."""
    f = report.findings[number - 1]
    head = f"#{number} {SYMBOLS[f.severity]} {f.code} {NAMES[f.severity]}"
    return f"{head}\n{f.message_zh}\n{f.message_en}"
