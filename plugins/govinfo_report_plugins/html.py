"""Web pages: the page as text for the parts and the prose, its ``<table>`` markup as grids.

The reader renders the page (block elements on lines of their own, a data table's rows as
lines of tab-separated cells) and records each data table as a grid: rowspan and colspan are
expanded, a value is never copied into positions it only covers, and a position that a value
cell of the row above covers is kept as "spanned" so that no value shifts into its column.
The extractor hands those grids to the core's mapping, exactly as the text extractors do.

Safety: lxml parses with no network access and never loads a DTD or expands its entities;
pages beyond :data:`MAX_CHARACTERS` or nested deeper than libxml2's limit raise
:class:`~govinfo_report.errors.LimitError` instead of hanging or being read half.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import lxml.html
import regex
from lxml import etree

from govinfo_report.errors import LimitError
from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import (
    Extractor,
    GridCell,
    GridExtractor,
    ReadDocument,
    SourceTable,
    is_value,
)

MAX_CHARACTERS = 20_000_000
MAX_COLSPAN = 1000  # the HTML standard's own limit
MAX_ROWSPAN = 65534

_DOCUMENT_START = regex.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG = regex.compile(
    r"</?(?:html|head|body|div|p|span|table|tbody|tr|td|th|br|font|meta|title|ul|li|h[1-6]"
    r"|strong|center|section|article)(?:\s[^<>]{0,2000})?/?>",
    regex.IGNORECASE,
)
_MIN_TAGS = 5
_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "svg",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
    }
)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "ucapcontent",
        "ucaptitle",
        "publishtime",
    }
)
_SPACE = regex.compile(r"[ \t\r\n\f]+")


def looks_like_html(text: str) -> bool:
    """True for a page of markup; text that merely contains a ``<`` is not one."""
    if _DOCUMENT_START.match(text):
        return True
    tags = _TAG.finditer(text)
    return all(next(tags, None) is not None for _ in range(_MIN_TAGS))


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


def _span(element: etree._Element, name: str, limit: int) -> int:
    try:
        return min(max(int((element.get(name) or "1").strip() or 1), 1), limit)
    except ValueError:
        return 1


def _cell_text(cell: etree._Element) -> str:
    """The text of a cell, whatever Word nested in it (p, span, font, o:p, br).

    Pieces are joined as they are: a label Word split over spans (申请人情 + 况) is one word.
    """
    return _SPACE.sub(" ", "".join(cell.itertext())).strip()


def _rows(table: etree._Element) -> list[etree._Element]:
    return [
        row
        for row in table.iter("tr")
        if next((a for a in row.iterancestors("table")), None) is table
    ]


def _is_data_table(table: etree._Element) -> bool:
    """A table of cells, not a layout table holding the page (or other tables) in its cells."""
    return next(table.iterdescendants("table"), None) is None


class _Renderer:
    """Renders a page to text, recording source lines and the grids of its data tables."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[tuple[int, int]] = []
        self.tables: list[SourceTable] = []

    def write(self, text: str, line: int | None) -> None:
        if not text:
            return
        if line is not None and (not self.lines or self.lines[-1][1] != line):
            self.lines.append((self.length, line))
        self.parts.append(text)
        self.length += len(text)

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
            self.length += 1

    def inline(self, text: str | None, line: int | None) -> None:
        if text:
            collapsed = _SPACE.sub(" ", text)
            if collapsed.strip() or (self.parts and not self.parts[-1].endswith(("\n", " "))):
                self.write(collapsed, line)

    def render(self, root: etree._Element) -> None:
        """Walk the tree without recursion: pages nest deeper than Python's stack allows."""
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:
            element, closing = stack.pop()
            tag = _tag(element)
            if closing:
                if tag in _BLOCK:
                    self.newline()
                self.inline(element.tail, element.sourceline)
                continue
            if tag in _SKIP or _hidden(element) or not isinstance(element.tag, str):
                self.inline(element.tail, element.sourceline)
                continue
            if tag == "br":
                self.newline()
                self.inline(element.tail, element.sourceline)
                continue
            if tag in _BLOCK:
                self.newline()
            if tag == "table" and _is_data_table(element):
                self.table(element)
                stack.append((element, True))
                continue
            self.inline(element.text, element.sourceline)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))

    def table(self, table: etree._Element) -> None:
        start = self.length
        rows = []
        for cells in _grid(_rows(table)):
            line_cells: list[GridCell] = []
            for i, (cell, spanned) in enumerate(cells):
                if i:
                    self.write("\t", None)
                text = "" if spanned else _cell_text(cell)
                self.write(text, cell.sourceline)
                line_cells.append(
                    GridCell(self.length - len(text), self.length, cell.sourceline, spanned)
                )
            self.newline()
            rows.append(tuple(line_cells))
        self.tables.append(SourceTable(start, self.length, tuple(rows)))


def _grid(rows: Sequence[etree._Element]) -> Iterator[list[tuple[etree._Element, bool]]]:
    """Each row's cells in column order: ``(cell, spanned)``.

    A cell appears once, in the row and column it starts in. A position covered from a row
    above appears as ``(covering cell, True)`` when the covering cell holds a value (a number
    or nothing), and is left out when it is a label spanning rows (三、本年度办理结果).
    """
    covered: dict[tuple[int, int], etree._Element] = {}
    for r, row in enumerate(rows):
        starts: dict[int, etree._Element] = {}
        column = 0
        for cell in row:
            if _tag(cell) not in ("td", "th"):
                continue
            while (r, column) in covered:
                column += 1
            rowspan = min(_span(cell, "rowspan", MAX_ROWSPAN), len(rows) - r)
            colspan = _span(cell, "colspan", MAX_COLSPAN)
            starts[column] = cell
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered[(r + dr, column + dc)] = cell
            column += colspan
        width = max((c for rr, c in covered if rr == r), default=-1) + 1
        out: list[tuple[etree._Element, bool]] = []
        for c in range(width):
            if c in starts:
                out.append((starts[c], False))
                continue
            cell = covered.get((r, c))
            starts_left = cell is not None and covered.get((r, c - 1)) is cell
            from_above = cell is not None and not starts_left and covered.get((r - 1, c)) is cell
            if from_above and cell is not None and _holds_value(cell):
                out.append((cell, True))
        yield out


def _holds_value(cell: etree._Element) -> bool:
    text = _cell_text(cell)
    return not text or is_value(text)


def read_html(text: str) -> ReadDocument:
    """Render a page to text and table grids (no network, no DTD, bounded)."""
    if len(text) > MAX_CHARACTERS:
        raise LimitError(f"the page has {len(text):,} characters; the limit is {MAX_CHARACTERS:,}")
    parser = lxml.html.HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise LimitError(f"the page cannot be parsed as HTML: {exc}") from exc
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise LimitError("the page nests elements deeper than 256 levels")
    title = root.find("head/title")
    etree.strip_elements(root, *(tag for tag in _SKIP if tag != "head"), with_tail=False)
    for hidden in [e for e in root.iter() if isinstance(e.tag, str) and _hidden(e)]:
        hidden.drop_tree()
    renderer = _Renderer()
    if title is not None and title.text and title.text.strip():
        renderer.write(_SPACE.sub(" ", title.text).strip(), title.sourceline)
        renderer.newline()
    body = root.find("body")
    renderer.render(body if body is not None else root)
    return ReadDocument(
        "".join(renderer.parts), tuple(renderer.tables), tuple(renderer.lines), format="html"
    )


@hookimpl
def govinfo_report_read_text(text: str, path: str | None) -> ReadDocument | None:
    """Read ``text`` when it is an HTML page."""
    return read_html(text) if looks_like_html(text) else None


# Called first: where a page's own table markup and its rendering as tab rows both claim a
# section with full confidence, the markup knows the columns for certain.
@hookimpl(tryfirst=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the HTML table extractor."""
    return (GridExtractor("html", "html"),)
