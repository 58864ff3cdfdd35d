"""Writers: the document's blocks as an HTML page or as text in the layouts the library reads."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import attrs

from .._model import PARTS, Report
from ._document import HEADINGS, Heading, Paragraph, SignOff, TableBlock, Title, blocks
from ._official import GridCell, Row

_WORD_CELL = (
    '<p class="MsoNormal" align="center" style="text-align:center"><span style="font-size:10.5pt;'
    'font-family:仿宋_GB2312"><font face="仿宋_GB2312">{text}</font><o:p>{empty}</o:p></span></p>'
)


_NAVIGATION = '<div class="nav"><a href="#">首页</a> &gt; <a href="#">政府信息公开</a></div>'
_FOOTER = '</div><div class="share">分享到：</div><div class="footer">主办：某某市人民政府</div>'


def _html_cell(cell: GridCell, word: bool) -> str:
    spans = "".join(
        f' {name}="{value}"'
        for name, value in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
        if value > 1
    )
    text = html.escape(cell.text)
    if word:
        text = _WORD_CELL.format(text=text, empty="" if text else "&nbsp;")
    return f"<td{spans}>{text}</td>"


def write_html(report: Report, *, charset: str = "utf-8", word: bool = False) -> str:
    """An agency web page: page chrome, the report, the official tables with rowspan/colspan.

    ``word`` writes cells the way text pasted from Word arrives (``<p><span><font>`` and
    ``<o:p>``); ``charset`` is the encoding the page declares (encode the result with it).
    """
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
    ]
    for block in blocks(report):
        if isinstance(block, Title):
            title = html.escape(block.text)
            out.append(f"<title>{title}</title></head><body>")
            out.append(_NAVIGATION)
            out.append(f'<h1 class="title">{title}</h1>')
            if report.published is not None:
                source = html.escape(report.agency or "")
                date = report.published.isoformat()
                out.append(f'<div class="info">发布日期：{date}&nbsp;&nbsp;来源：{source}</div>')
            out.append('<div class="content">')
        elif isinstance(block, Heading):
            out.append(f"<p><strong>{html.escape(block.text)}</strong></p>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, TableBlock):
            out.append('<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>')
            out.extend(
                "<tr>" + "".join(_html_cell(c, word) for c in row) + "</tr>" for row in block.rows
            )
            out.append("</tbody></table>")
        elif isinstance(block, SignOff):
            out.append(f'<p style="text-align:right">{html.escape(block.agency)}</p>')
            out.append(f'<p style="text-align:right">{block.date}</p>')
    out.append(_FOOTER)
    out.append("</body></html>")
    return "\n".join(out)


def _text(
    report: Report,
    row: Callable[[Sequence[GridCell]], Iterable[str]],
    table: Callable[[TableBlock], Iterable[str]] | None = None,
) -> str:
    """The report as lines of text: each table row written by ``row`` (or each whole table by
    ``table``), headings, paragraphs and the sign-off as they are."""
    lines: list[str] = []
    for block in blocks(report):
        if isinstance(block, TableBlock):
            if table is not None:
                lines.extend(table(block))
                continue
            for cells in block.rows:
                lines.extend(row(cells))
        elif isinstance(block, SignOff):
            lines.extend((block.agency, block.date))
        else:
            assert isinstance(block, Title | Heading | Paragraph)
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def write_pipe(report: Report) -> str:
    """Rows as lines, cells split by `` | `` (crawler text)."""
    return _text(report, lambda cells: [" | ".join(c.text for c in cells)])


def write_tab(report: Report) -> str:
    """Rows as lines, cells split by tabs (text copied from Word or PDF)."""
    return _text(report, lambda cells: ["\t".join(c.text for c in cells)])


def write_spaces(report: Report) -> str:
    """Rows as lines, cells split by spaces, as a PDF's text layer gives them."""
    return _text(report, lambda cells: [" ".join(c.text for c in cells if c.text)])


def write_markdown(report: Report) -> str:
    """Rows as markdown table rows; a rule under each table's first row."""
    first: set[int] = set()

    def row(cells: Sequence[GridCell]) -> list[str]:
        line = "| " + " | ".join(c.text for c in cells) + " |"
        if (
            cells
            and id(cells) not in first
            and cells[0].text.startswith(("第二十条", "(本列", "行政复议"))
        ):
            first.add(id(cells))
            return [line, "|" + "---|" * len(cells)]
        return [line]

    return _text(report, row)


def write_lines(report: Report) -> str:
    """One cell per line with blank lines between, as a scraper flattens an HTML table."""
    return _text(report, lambda cells: [line for c in cells for line in (c.text, "")])


def write_glued(report: Report, *, breaks: bool = True) -> str:
    """Labels and values concatenated with no separator, as crawlers flatten tables.

    ``breaks`` keeps a line break after each table row; without it each table is one line.
    """

    def row(cells: Sequence[GridCell]) -> list[str]:
        return ["".join(c.text for c in cells)]

    def table(block: TableBlock) -> list[str]:
        return ["".join(c.text for cells in block.rows for c in cells)]

    return _text(report, row, None if breaks else table)


# -- documents as they reach people: crawler dumps and markdown exports ------------------------

#: Wordings real reports give a part's heading besides the official one (a typo included).
HEADING_WORDINGS: Mapping[str, tuple[str, ...]] = {
    "四": (
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政法复议、行政诉讼情况",
    ),
    "五": ("政府信息公开工作存在的主要问题及改进情况",),
}
#: Outlines: the numeral each part's heading shows (``None``: the heading is left out).
OUTLINES: Mapping[str, Mapping[str, str | None]] = {
    "official": dict(zip(PARTS, PARTS, strict=True)),
    # Part 一's heading dropped (its prose follows the title), the others numbered from 一.
    "no_overview": {"一": None, "二": "一", "三": "二", "四": "三", "五": "四", "六": "五"},
    # The parts after the overview's prose numbered anew.
    "restart": {"一": "一", "二": "一", "三": "二", "四": "三", "五": "四", "六": "五"},
    # Prose parts and table parts numbered apart.
    "apart": {"一": "一", "二": "一", "三": "二", "四": "三", "五": "二", "六": "三"},
}
#: How crawlers flatten a table's cells: with no separator, or with single spaces.
CELL_STYLES = ("glued", "spaced")
#: Heading marks of markdown exports.
HEADING_MARKS = ("#", "##", "###", "####", "#####", "######", "**")
#: Placeholder headers OCR and LLM tools give a table (数据1, 列1, Column 1).
PLACEHOLDERS = ("数据{}", "列{}", "Column {}")
#: Page footers PDF conversion leaves in tables; ``{page}`` and ``{pages}`` are filled in.
PAGE_FOOTERS = ("- {page} -", "第{page}页 共{pages}页", "—{page}—", "第 {page} 页")

_PART_OF_HEADING = {text: part for part, text in HEADINGS.items()}
_TABLE_SECTIONS = ("active", "applications", "review_litigation")
_RESULTS = "三、本年度办理结果"  # the row-group label of section 三 that reads as a heading
_BREADCRUMBS = "当前位置：首页 > 政务公开 > 政府信息公开年报"
_SHARE = "微信 微博 QQ空间"
_PAGE_END = "【打印本页】【关闭窗口】主办：某某市人民政府办公室"


def _words(part: str) -> str:
    return HEADINGS[part].split("、", 1)[1]


def _stray_space(text: str) -> str:
    """A space three characters from the end, where PDF conversion leaves one (办 理结果)."""
    return f"{text[:-3]} {text[-3:]}"


def _part_headings(
    outline: str, wordings: Mapping[str, str] | None, spaced: bool
) -> dict[str, str | None]:
    """Each part's heading as the document prints it (``None``: left out)."""
    out: dict[str, str | None] = {}
    for part, numeral in OUTLINES[outline].items():
        text = numeral and f"{numeral}、{(wordings or {}).get(part) or _words(part)}"
        out[part] = _stray_space(text) if text and spaced else text
    return out


def _title_lines(report: Report, year_first: bool, split: bool) -> list[str]:
    """The title, the year before the agency with ``year_first``, over two lines with ``split``
    (cut after the agency and the year that goes with it)."""
    agency = report.agency or ""
    year = f"{report.year}年" if report.year is not None else ""
    head, rest = (year + agency, "") if year_first else (agency, year)
    rest += "政府信息公开工作年度报告"
    return [head, rest] if split else [head + rest]


def _cell_text(cell: GridCell, spaced: bool) -> str:
    return _stray_space(cell.text) if spaced and cell.text == _RESULTS else cell.text


def _flattened(block: TableBlock, style: str, spaced: bool) -> str:
    """A table's cells joined as a crawler joins text nodes; an empty cell leaves nothing."""
    texts = [_cell_text(c, spaced) for row in block.rows for c in row if c.text]
    return ("" if style == "glued" else " ").join(texts)


def write_crawler(
    report: Report,
    *,
    cells: str | Sequence[str] = "glued",
    one_line: bool = False,
    joiner: str = "",
    outline: str = "official",
    wordings: Mapping[str, str] | None = None,
    spaced_headings: bool = False,
    year_first: bool = False,
) -> str:
    """A crawler's text dump of the agency's page.

    The crawler's own lines ``标题:``, ``发布时间:`` (when the report has a date) and
    ``原文链接:`` come first, then the page's text nodes joined by ``joiner``: breadcrumbs,
    share buttons, the title and the opening paragraph, then each part (heading, prose,
    flattened table) on a line of its own, or everything on one line with ``one_line``.
    ``cells`` flattens the tables of parts 二, 三 and 四 in turn (one style for all when a
    string): ``"glued"`` with no separator, ``"spaced"`` with single spaces; an empty cell
    leaves nothing either way. ``outline``, ``wordings``, ``spaced_headings`` and
    ``year_first`` are as for :func:`write_markdown_export`.
    """
    styles = dict(
        zip(_TABLE_SECTIONS, [cells] * 3 if isinstance(cells, str) else cells, strict=True)
    )
    headings = _part_headings(outline, wordings, spaced_headings)
    (title,) = _title_lines(report, year_first, split=False)
    top = [f"标题:{title}"]
    page: list[list[str]] = [[_BREADCRUMBS, _SHARE, title]]
    day = report.published
    if day is not None:
        top.append(f"发布时间:{day.isoformat()} 09:30:00")
        page[0].append(f"发布日期：{day.isoformat()} 来源：{report.agency or ''}")
    stamp = (day or datetime.date((report.year or 2000) + 1, 1, 15)).strftime("%Y%m%d")
    top.append(f"原文链接:http://www.example.gov.cn/zwgk/ndbg/t{stamp}_5712345.html")
    for block in blocks(report):
        if isinstance(block, Heading):
            heading = headings[_PART_OF_HEADING[block.text]]
            page.append([heading] if heading else [])
        elif isinstance(block, Paragraph):
            page[-1].append(block.text)
        elif isinstance(block, TableBlock):
            page[-1].append(_flattened(block, styles[block.section], spaced_headings))
        elif isinstance(block, SignOff):
            page[-1].extend((block.agency, block.date))
    page[-1].append(_PAGE_END)
    lines = [joiner.join(nodes) for nodes in page]
    return "\n".join([*top, *([joiner.join(lines)] if one_line else lines)]) + "\n"


def table_rows(report: Report) -> list[str]:
    """The rows with values of ``report``'s tables, each named ``section.row`` after its first
    value cell (``active.regulations``, ``applications.granted``, ``review_litigation.review``
    for section 四's one row): the names :func:`write_markdown_export` takes."""
    return [
        name
        for block in blocks(report)
        if isinstance(block, TableBlock)
        for name in map(_row_name, block.rows)
        if name is not None
    ]


def _row_name(row: Row) -> str | None:
    key = next((c.key for c in row if c.key is not None), None)
    return None if key is None else key.rsplit(".", 1)[0]


def _row_groups(rows: Sequence[Row]) -> list[list[Row]]:
    """Section 三 cut into its row groups: the header rows, then a group at each row whose first
    cell spans (a group label such as （三）不予公开, or a label over the group columns)."""
    groups: list[list[Row]] = []
    for row in rows:
        opens = _row_name(row) is not None and (row[0].rowspan > 1 or row[0].colspan > 1)
        if opens or not groups:
            groups.append([])
        groups[-1].append(row)
    return groups


def _markdown_row(texts: Iterable[str]) -> str:
    return "| " + " | ".join(texts) + " |"


@attrs.define
class _ExportedTables:
    """How a markdown export writes the tables (see :func:`write_markdown_export`), and the
    page the next footer ends."""

    split: bool
    placeholder: str | None
    floating: Mapping[str, str]
    page_breaks: Collection[str]
    footer: str
    footer_as_row: bool
    spaced: bool
    page: int = 2

    def lines(self, block: TableBlock) -> list[str]:
        """The table as markdown: one table, or one per row group of section 三."""
        cut = self.split and block.section == "applications"
        out: list[str] = []
        for group in _row_groups(block.rows) if cut else [list(block.rows)]:
            rows = [self._cells(row) for row in group]
            if out:
                out.append("")
            if self.placeholder is not None:
                width = max(len(cells) for cells in rows)
                out.append(_markdown_row(self.placeholder.format(i + 1) for i in range(width)))
                out.append("|" + "---|" * width)
            for i, (row, cells) in enumerate(zip(group, rows, strict=True)):
                out.extend(self._row_lines(row, cells, rule=i == 0 and self.placeholder is None))
        return out

    def _floats(self, row: Row) -> str | None:
        """Where the row's labels float ("before", "after"), if it has labels and they do."""
        name = _row_name(row)
        has_labels = any(c.key is None for c in row)
        return self.floating.get(name) if name is not None and has_labels else None

    def _cells(self, row: Row) -> list[str]:
        if self._floats(row):
            return ["", *(c.text for c in row if c.key is not None)]
        return [_cell_text(c, self.spaced) for c in row]

    def _row_lines(self, row: Row, cells: list[str], rule: bool) -> list[str]:
        lines = [_markdown_row(cells)]
        if rule:
            lines.append("|" + "---|" * len(cells))
        side = self._floats(row)
        if side is not None:
            label = " ".join(_cell_text(c, self.spaced) for c in row if c.key is None)
            lines.insert(0 if side == "before" else len(lines), label)
        name = _row_name(row)
        if name in self.page_breaks:
            footer = self.footer.format(page=self.page, pages=len(self.page_breaks) + 2)
            lines.append(_markdown_row([footer]) if self.footer_as_row else footer)
            self.page += 1
        return lines


def _marked(text: str, mark: str) -> str:
    return f"**{text}**" if mark == "**" else f"{mark} {text}"


def write_markdown_export(
    report: Report,
    *,
    mark: str = "##",
    captions: str | None = None,
    split_applications: bool = False,
    placeholder: str | None = None,
    floating_labels: Mapping[str, str] | None = None,
    page_breaks: Collection[str] = (),
    footer: str = "- {page} -",
    footer_as_row: bool = False,
    outline: str = "official",
    wordings: Mapping[str, str] | None = None,
    spaced_headings: bool = False,
    year_first: bool = False,
    split_title: bool = False,
) -> str:
    """Markdown as OCR, LLM and PDF-conversion tools export a report, blocks apart.

    ``mark`` puts the part headings behind ``#``…``######`` or in ``**bold**`` (the title
    behind ``#`` or in bold). ``captions`` puts a caption before each table, ``"plain"``
    (``表三：收到和处理政府信息公开申请情况``) or ``"marked"`` as a heading.
    ``split_applications`` cuts section 三 into a small table per row group. A table's header
    is its first row, or a row of ``placeholder`` (``"数据{}"``: 数据1, 数据2, …).
    ``floating_labels`` ``{row: "before" | "after"}`` takes the labels out of the rows named
    (see :func:`table_rows`) onto a line of their own before or after the row, which keeps one
    empty cell for them. ``page_breaks`` ends a page after each row named, with ``footer``
    (``{page}``, ``{pages}``; see :data:`PAGE_FOOTERS`) on a line, or as a row with
    ``footer_as_row``. ``outline`` numbers the parts (:data:`OUTLINES`), ``wordings``
    ``{part: words}`` words their headings otherwise (:data:`HEADING_WORDINGS`),
    ``spaced_headings`` leaves a stray space in each heading and in 三、本年度办 理结果,
    ``year_first`` writes the title 2023年某某局…, ``split_title`` over two lines.
    """
    headings = _part_headings(outline, wordings, spaced_headings)
    tables = _ExportedTables(
        split_applications,
        placeholder,
        floating_labels or {},
        page_breaks,
        footer,
        footer_as_row,
        spaced_headings,
    )
    title_mark = "#" if mark.startswith("#") else "**"
    chunks = [[_marked(line, title_mark) for line in _title_lines(report, year_first, split_title)]]
    part = "一"
    for block in blocks(report):
        if isinstance(block, Heading):
            part = _PART_OF_HEADING[block.text]
            heading = headings[part]
            if heading is not None:
                chunks.append([_marked(heading, mark)])
        elif isinstance(block, Paragraph):
            chunks.append([block.text])
        elif isinstance(block, TableBlock):
            if captions is not None:
                caption = f"表{OUTLINES[outline][part] or part}：{_words(part)}"
                chunks.append([_marked(caption, mark) if captions == "marked" else caption])
            chunks.append(tables.lines(block))
        elif isinstance(block, SignOff):
            chunks.extend(([block.agency], [block.date]))
    return "\n\n".join("\n".join(lines) for lines in chunks) + "\n"


WRITERS: dict[str, Callable[..., str]] = {
    "html": write_html,
    "pipe": write_pipe,
    "tab": write_tab,
    "markdown": write_markdown,
    "lines": write_lines,
    "spaces": write_spaces,
    "glued": write_glued,
    "crawler": write_crawler,
    "markdown_export": write_markdown_export,
}
