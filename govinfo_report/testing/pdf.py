"""Reports drawn as PDF files with reportlab, the way agencies' word processors print them.

The official tables are laid out from the renderer's grid model (rowspan, colspan): cells
centred or set left, at the top, middle or foot of their cell, labels wrapped to their column's
width (character by character, so a label breaks mid-word: ``2.其他法律行政法规禁`` /
``止公开``; ``label_width`` narrows label columns), the narrow first column of section 三
printing 三、本年度办理结果 one character per line; section 二 as one table or as a small table
per item of 第二十条; landscape or portrait A4. Page breaks fall where a table no longer fits,
and where asked before any row of any of the three tables (see :class:`Layout`): between a
table's header rows and its first data row, inside its header, between part 二's small tables,
before section 四's row of numbers (optionally repeating section 三's header, and with
``foot`` setting the table so that the part before the break ends at the foot of its page,
prose filling the page above it). Every page has its chrome (:class:`Chrome`): a page header
(the agency's name, the report's title), a footer line, and a page marker (``- 4 -``,
``—4—``, ``第 4 页``, ``第4页 共8页``). With ``ruled=False`` the same tables are drawn
without any rules: only the text's positions remain. Labels and headings can be printed other
than the template's (``relabel``: a label that lost a character, ``四、　政府…`` as Word's
outline numbering sets it). Text uses reportlab's built-in CID font STSong-Light, so no font
file is needed.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping, Sequence

import attrs
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
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

#: Page markers as agencies' word processors print them; ``{page}`` and ``{pages}`` filled in.
MARKERS = ("- {page} -", "—{page}—", "第 {page} 页", "第{page}页 共{pages}页", "— {page} —")
#: Grid rows of each table where a break puts a header apart from its rows: section 二's first
#: data row, section 三's first data row, section 四's row of numbers.
HEADER_BREAKS = {"active": 2, "applications": 3, "review_litigation": 3}
# Prose that fills a page above a table set at its foot: no figure, so no rule reads it.
_FILLER = "本机关持续深化政务公开，不断提升政府信息公开工作的规范化、标准化水平。"


@attrs.frozen
class Chrome:
    """What every page carries besides the report: a header, a footer line, a page marker."""

    header: str | None = "政务公开 · 年度报告"
    footer: str | None = None
    marker: str = MARKERS[0]


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
    chrome_: Chrome
    canvas: canvas.Canvas
    valign: str = "middle"
    halign: str = "centre"
    pages: int = 0  # the document's page count, once known (for 第3页 共8页)
    width: float = WIDTH
    height: float = HEIGHT
    page: int = 1
    y: float = attrs.field()

    @y.default
    def _top(self) -> float:
        return self.height - MARGIN

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, y, text)

    def chrome(self) -> None:
        """The page header, the footer line and the page marker."""
        if self.chrome_.header:
            self.text(MARGIN, self.height - 25, self.chrome_.header, 7)
        if self.chrome_.footer:
            self.text(MARGIN, 36, self.chrome_.footer, 7)
        marker = self.chrome_.marker.format(page=self.page, pages=self.pages or self.page)
        self.text((self.width - _width(marker, 9)) / 2, 22, marker, 9)

    def new_page(self) -> None:
        self.chrome()
        self.canvas.showPage()
        self.page += 1
        self.y = self.height - MARGIN

    def paragraph(self, text: str, size: float = TEXT_SIZE) -> None:
        for line in wrap(text, self.width - 2 * MARGIN, size):
            if self.y - size * LEADING < MARGIN:
                self.new_page()
            self.y -= size * LEADING
            self.text(MARGIN, self.y, line, size)
        self.y -= size * 0.5

    def fill_to(self, height: float) -> None:
        """Prose down the page until only ``height`` is left above the bottom margin."""
        step = TEXT_SIZE * LEADING + TEXT_SIZE * 0.5
        while self.y - step - height >= MARGIN:
            self.paragraph(_FILLER)

    def finish(self) -> None:
        self.chrome()
        self.canvas.save()


def _column_widths(
    placed: Sequence[PlacedCell],
    width: int,
    section: str,
    label_width: float | None,
    page_width: float = WIDTH,
) -> list[float]:
    """Value columns as wide as their widest number; label columns share what is left (at
    most ``label_width`` each)."""
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
    rest = page_width - 2 * MARGIN - sum(widths)
    for c in free:
        share = max(rest / len(free), 4 * CELL_SIZE)
        widths[c] = share if label_width is None else max(min(share, label_width), 4 * CELL_SIZE)
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
    breaks: Collection[int] = (),
    repeat_header: int = 0,
    *,
    foot: bool = False,
    label_width: float | None = None,
) -> None:
    """Draw one official table; a page break falls before every row of ``breaks``.

    With ``foot`` the table starts low enough on its page that the rows before its first
    break end at the foot of the page (prose fills the page above it).
    """
    cells, width = placed(rows)
    widths = _column_widths(cells, width, section, label_width, pdf.width)
    heights = _row_heights(cells, widths, len(rows))
    lefts = [MARGIN + sum(widths[:c]) for c in range(width)]
    cut = [r for r in sorted(breaks) if 0 < r < len(rows)]
    if 0 in breaks and pdf.y < pdf.height - MARGIN:
        pdf.new_page()
    if foot and cut and sum(heights[: cut[0]]) <= pdf.y - MARGIN:
        pdf.fill_to(sum(heights[: cut[0]]) + 4)
    # Rows page by page: a page break before each row of ``cut`` and wherever a row won't fit.
    # The header repeats on a page only once it is drawn whole (a break may fall inside it).
    pages: list[list[int]] = [[]]
    repeats: set[int] = set()  # the pages the header repeats on
    y = pdf.y
    for r in range(len(rows)):
        if (r in cut and pages[-1]) or y - heights[r] < MARGIN:
            if r >= repeat_header > 0:
                repeats.add(len(pages))
            pages.append(list(range(repeat_header)) if r >= repeat_header else [])
            y = pdf.height - MARGIN - sum(heights[h] for h in pages[-1])
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
            if number in repeats and p.row in repeated:
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
                if any(
                    r in rs and not (n in repeats and r in repeated)
                    for n, rs in enumerate(pages[:number])
                )
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
    if pdf.valign == "top":
        ty = top - PAD
    elif pdf.valign == "bottom":
        ty = bottom + PAD + len(lines) * line
    else:
        ty = (top + bottom) / 2 + len(lines) * line / 2
    for text in lines:
        ty -= line
        indent = PAD if pdf.halign == "left" else (x1 - x0 - _width(text, CELL_SIZE)) / 2
        pdf.text(x0 + indent, ty + 2, text, CELL_SIZE)


def _relabelled(
    rows: Sequence[Sequence[TableCell]], relabel: Mapping[str, str]
) -> list[tuple[TableCell, ...]]:
    return [
        tuple(
            attrs.evolve(c, text=relabel[c.text]) if c.key is None and c.text in relabel else c
            for c in row
        )
        for row in rows
    ]


@attrs.frozen
class Layout:
    """How a report is drawn (see :func:`render_pdf`)."""

    ruled: bool = True
    break_row: int | None = 12
    repeat_header: bool = False
    breaks: Mapping[str, Collection[int]] = attrs.field(factory=dict)
    foot: bool = False
    chrome: Chrome = Chrome()
    label_width: float | None = None
    valign: str = "middle"
    halign: str = "centre"
    portrait: bool = False
    split_items: bool = False
    relabel: Mapping[str, str] = attrs.field(factory=dict)
    #: ``(user password, owner password)``: encrypted, copying and printing forbidden; an empty
    #: user password opens without one, as government PDFs that forbid copying do.
    encrypt: tuple[str, str] | None = None


def render_pdf(report: Report, layout: Layout | None = None, **options: object) -> bytes:
    """``report`` as a PDF, drawn as ``layout`` says (or a :class:`Layout` of ``options``).

    ``ruled``: tables drawn with rules, or only their text's positions. ``break_row``: a page
    break before section 三's data row ``break_row`` (counted from 0 after its header), and
    ``repeat_header`` repeats section 三's header on the next page. ``breaks``: a page break
    before every grid row ``breaks[section]`` names of that section's table (``"active"``,
    ``"applications"``, ``"review_litigation"``; rows counted from 0 with the header rows).
    ``foot``: every table broken starts low enough on its page that the rows before its first
    break end at the page's foot. ``chrome``: the page header, footer and marker.
    ``label_width`` caps the width of label columns (labels wrap more); ``valign`` and
    ``halign`` set the text in its cell (``"middle"``, ``"top"``, ``"bottom"``; ``"centre"``,
    ``"left"``); ``portrait`` prints on upright A4 pages (landscape otherwise);
    ``split_items`` draws section 二 as one small table per item of 第二十条, a gap between
    them; ``relabel`` prints label cells and part headings other than the template's
    (``{template text: printed text}``); ``encrypt`` the passwords it is encrypted with.
    """
    layout = layout if layout is not None else Layout(**options)  # type: ignore[arg-type]
    pages = 0
    if "{pages}" in layout.chrome.marker:  # the page count is known once the document is drawn
        pages = _draw(report, layout, 0)[1]
    return _draw(report, layout, pages)[0]


def _items(rows: Sequence[Sequence[TableCell]]) -> list[tuple[int, Sequence[Sequence[TableCell]]]]:
    """Section 二's rows cut into one table per item (a row of one cell opens each), with the
    grid row each starts at."""
    starts = [r for r, row in enumerate(rows) if len(row) == 1] or [0]
    ends = [*starts[1:], len(rows)]
    return [(a, rows[a:b]) for a, b in zip(starts, ends, strict=True)]


def _encryption(passwords: tuple[str, str] | None) -> StandardEncryption | None:
    if passwords is None:
        return None
    user, owner = passwords
    return StandardEncryption(user, owner, canPrint=0, canCopy=0, canModify=0, strength=128)


def _draw(report: Report, layout: Layout, pages: int) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    out = io.BytesIO()
    width, height = A4 if layout.portrait else (WIDTH, HEIGHT)
    pdf = Pdf(
        layout.ruled,
        layout.chrome,
        canvas.Canvas(out, pagesize=(width, height), encrypt=_encryption(layout.encrypt)),
        layout.valign,
        layout.halign,
        pages,
        width,
        height,
    )
    for block in blocks(report):
        if isinstance(block, Title):
            pdf.paragraph(block.text, 14)
        elif isinstance(block, Heading):
            pdf.paragraph(layout.relabel.get(block.text, block.text), 11)
        elif isinstance(block, Paragraph):
            pdf.paragraph(block.text)
        elif isinstance(block, TableBlock):
            cut = set(layout.breaks.get(block.section, ()))
            is_applications = block.section == "applications"
            if is_applications and layout.break_row is not None:
                cut.add(layout.break_row + 3)
            rows = _relabelled(block.rows, layout.relabel) if layout.relabel else block.rows
            split = layout.split_items and block.section == "active"
            for start, part in _items(rows) if split else [(0, rows)]:
                draw_table(
                    pdf,
                    block.section,
                    part,
                    {r - start for r in cut if start <= r < start + len(part)},
                    3 if is_applications and layout.repeat_header else 0,
                    foot=layout.foot,
                    label_width=layout.label_width,
                )
        elif isinstance(block, SignOff):
            pdf.paragraph(block.agency)
            pdf.paragraph(block.date)
    pdf.finish()
    return out.getvalue(), pdf.page
