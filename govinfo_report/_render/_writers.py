"""Writers: the document's blocks as an HTML page or as text in the layouts the library reads."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

from .._model import Report
from ._document import Heading, Paragraph, SignOff, TableBlock, Title, blocks
from ._official import GridCell

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


WRITERS: dict[str, Callable[..., str]] = {
    "html": write_html,
    "pipe": write_pipe,
    "tab": write_tab,
    "markdown": write_markdown,
    "lines": write_lines,
    "spaces": write_spaces,
    "glued": write_glued,
}
