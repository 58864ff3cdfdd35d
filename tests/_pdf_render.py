"""Reports drawn as PDF files with reportlab, the way agencies' word processors print them.

The official tables are laid out from the renderer's grid model (rowspan, colspan): cells
centred, labels wrapped to their column's width, the narrow first column of section 三 printing
三、本年度办理结果 one character per line, a page break inside section 三's table (optionally
repeating its header), page headers and page markers (``- 4 -``) on every page. With
``ruled=False`` the same tables are drawn without any rules: only the text's positions remain.
Text uses reportlab's built-in CID font STSong-Light, so no font file is needed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import attrs
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from govinfo_report import Report
from govinfo_report.rendering import (
    Heading,
    Paragraph,
    PlacedCell,
    SignOff,
    TableBlock,
    TableCell,
    Title,
    blocks,
    placed,
)

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = landscape(A4)
MARGIN = 50.0
TEXT_SIZE = 10.0
CELL_SIZE = 8.0
LEADING = 1.25
PAD = 4.0


def _width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (character by character)."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and _width(current + ch, size) > width + 0.01:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


@attrs.define
class Pdf:
    """A document being drawn: the canvas, the page, the pen's height."""

    ruled: bool
    header: str
    canvas: canvas.Canvas
    page: int = 1
    y: float = HEIGHT - MARGIN

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, y, text)

    def chrome(self) -> None:
        """The page header and the page marker."""
        self.text(MARGIN, HEIGHT - 25, self.header, 7)
        marker = f"- {self.page} -"
        self.text((WIDTH - _width(marker, 9)) / 2, 25, marker, 9)

    def new_page(self) -> None:
        self.chrome()
        self.canvas.showPage()
        self.page += 1
        self.y = HEIGHT - MARGIN

    def paragraph(self, text: str, size: float = TEXT_SIZE) -> None:
        for line in wrap(text, WIDTH - 2 * MARGIN, size):
            if self.y - size * LEADING < MARGIN:
                self.new_page()
            self.y -= size * LEADING
            self.text(MARGIN, self.y, line, size)
        self.y -= size * 0.5

    def finish(self) -> None:
        self.chrome()
        self.canvas.save()


def _column_widths(placed: Sequence[PlacedCell], width: int, section: str) -> list[float]:
    """Value columns as wide as their widest number; label columns share what is left."""
    widths = [0.0] * width
    label_columns = set(range(width))
    for p in placed:
        if p.cell.key is not None:
            label_columns.discard(p.column)
            widths[p.column] = max(widths[p.column], _width(p.cell.text, CELL_SIZE) + 2 * PAD)
    for c in range(width):
        if c not in label_columns:
            widths[c] = max(widths[c], 34.0)
    if section == "applications":
        # 三、本年度办理结果 one character a line; the group labels three characters a line.
        widths[0] = CELL_SIZE + 2 * PAD
        widths[1] = 3 * CELL_SIZE + 2 * PAD
    free = [c for c in label_columns if not widths[c]]
    rest = WIDTH - 2 * MARGIN - sum(widths)
    for c in free:
        widths[c] = max(rest / len(free), 4 * CELL_SIZE)
    if section == "review_litigation":
        widths = [max(w, 2 * CELL_SIZE + 2 * PAD) for w in widths]
    return widths


def _row_heights(placed: Sequence[PlacedCell], widths: Sequence[float], rows: int) -> list[float]:
    line = CELL_SIZE * LEADING
    heights = [line + 2 * PAD] * rows
    for p in sorted(placed, key=lambda p: p.cell.rowspan):
        w = sum(widths[p.column : p.column + p.cell.colspan])
        need = len(wrap(p.cell.text, w - 2 * PAD, CELL_SIZE)) * line + 2 * PAD
        span = range(p.row, p.row + p.cell.rowspan)
        have = sum(heights[r] for r in span)
        if need > have:
            heights[span[-1]] += need - have
    return heights


def draw_table(
    pdf: Pdf,
    section: str,
    rows: Sequence[Sequence[TableCell]],
    break_before: int | None,
    repeat_header: int,
) -> None:
    """Draw one official table; ``break_before`` a row forces a page break before it."""
    cells, width = placed(rows)
    widths = _column_widths(cells, width, section)
    heights = _row_heights(cells, widths, len(rows))
    lefts = [MARGIN + sum(widths[:c]) for c in range(width)]
    # Rows page by page: a page break before ``break_before`` and wherever a row won't fit.
    pages: list[list[int]] = [[]]
    y = pdf.y
    for r in range(len(rows)):
        if (r == break_before and pages[-1]) or y - heights[r] < MARGIN:
            pages.append(list(range(repeat_header)) if r >= repeat_header else [])
            y = HEIGHT - MARGIN - sum(heights[h] for h in pages[-1])
        pages[-1].append(r)
        y -= heights[r]
    repeated = set(range(repeat_header))
    for number, page_rows in enumerate(pages):
        if number:
            pdf.new_page()
        tops: dict[int, float] = {}
        y = pdf.y
        for r in page_rows:
            tops[r] = y
            y -= heights[r]
        for p in cells:
            if number and p.row in repeated:
                if p.row in page_rows:
                    _draw_cell(
                        pdf,
                        p,
                        lefts,
                        widths,
                        top=tops[p.row],
                        bottom=y_of(p, tops, heights),
                        cut=None,
                    )
                continue
            mine = [r for r in range(p.row, p.row + p.cell.rowspan) if r in tops]
            if not mine:
                continue
            # A cell the page break cuts: each page draws its part; its text flows on.
            earlier = [
                r
                for r in range(p.row, p.row + p.cell.rowspan)
                if any(r in rs for rs in pages[:number]) and r not in repeated
            ]
            bottom = tops[mine[-1]] - heights[mine[-1]]
            _draw_cell(
                pdf, p, lefts, widths, top=tops[mine[0]], bottom=bottom, cut=(earlier, heights)
            )
        pdf.y = y - 10


def y_of(p: PlacedCell, tops: dict[int, float], heights: Sequence[float]) -> float:
    """The bottom of a cell all of whose rows are on the page."""
    last = p.row + p.cell.rowspan - 1
    return tops[last] - heights[last]


def _draw_cell(
    pdf: Pdf,
    p: PlacedCell,
    lefts: Sequence[float],
    widths: Sequence[float],
    *,
    top: float,
    bottom: float,
    cut: tuple[list[int], Sequence[float]] | None,
) -> None:
    x0 = lefts[p.column]
    x1 = x0 + sum(widths[p.column : p.column + p.cell.colspan])
    if pdf.ruled:
        pdf.canvas.rect(x0, bottom, x1 - x0, top - bottom)
    line = CELL_SIZE * LEADING
    lines = wrap(p.cell.text, x1 - x0 - 2 * PAD, CELL_SIZE)
    room = max(int((top - bottom - 2 * PAD) / line + 1e-6), 1)
    if cut is not None:
        earlier, heights = cut
        if earlier:  # the part on the page before held as many lines as fitted in it
            done = int((sum(heights[r] for r in earlier) - 2 * PAD) / line + 1e-6)
            lines = lines[max(done, 0) :]
        lines = lines[:room]
    assert len(lines) <= room, f"{p.cell.text} does not fit its cell"  # a renderer bug
    ty = (top + bottom) / 2 + len(lines) * line / 2
    for text in lines:
        ty -= line
        pdf.text(x0 + (x1 - x0 - _width(text, CELL_SIZE)) / 2, ty + 2, text, CELL_SIZE)


def render_pdf(
    report: Report,
    *,
    ruled: bool = True,
    break_row: int | None = 12,
    repeat_header: bool = False,
) -> bytes:
    """``report`` as a PDF; section 三's table breaks before its row ``break_row``."""
    out = io.BytesIO()
    title = f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"
    pdf = Pdf(ruled, "政务公开 · 年度报告", canvas.Canvas(out, pagesize=(WIDTH, HEIGHT)))
    for block in blocks(report):
        if isinstance(block, Title):
            pdf.paragraph(block.text, 14)
        elif isinstance(block, Heading):
            pdf.paragraph(block.text, 11)
        elif isinstance(block, Paragraph):
            pdf.paragraph(block.text)
        elif isinstance(block, TableBlock):
            is_applications = block.section == "applications"
            draw_table(
                pdf,
                block.section,
                block.rows,
                break_row + 3 if is_applications and break_row is not None else None,
                3 if is_applications and repeat_header else 0,
            )
        elif isinstance(block, SignOff):
            pdf.paragraph(block.agency)
            pdf.paragraph(block.date)
    del title
    pdf.finish()
    return out.getvalue()
