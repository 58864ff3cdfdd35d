"""Web pages: the page as text for the parts and the prose, its ``<table>`` markup as grids.

The reader renders the page (block elements on lines of their own, a data table's rows as
lines of tab-separated cells) and records each data table as a grid: rowspan and colspan are
expanded, a value is never copied into positions it only covers, and a position that a value
cell of the row above covers is kept as "spanned" so that no value shifts into its column.
The extractor hands those grids to the core's mapping, exactly as the text extractors do.

Safety: lxml parses with no network access and never loads a DTD or expands its entities;
pages beyond the budget of :mod:`govinfo_report.limits` (markup characters, nesting, a table's
grid area once its spans are expanded) raise :class:`~govinfo_report.errors.LimitError`
instead of hanging or being read half.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import regex
from lxml import etree

from govinfo_report.errors import LimitError
from govinfo_report.hookspecs import hookimpl
from govinfo_report.limits import MAX_GRID_AREA, MAX_MARKUP_CHARACTERS, MAX_NESTING, within
from govinfo_report.positions import Recognise, Recognised
from govinfo_report.tables import (
    Extractor,
    GridCell,
    GridExtractor,
    ReadDocument,
    SourceTable,
    is_value,
)

from ._html_pictures import picture_bytes, read_picture

# Simple classes of characters compile with the standard library's engine, which scans them
# several times faster than ``regex`` does.
# Characters XML cannot hold, which the HTML parser keeps and lxml then refuses to write back:
# a control character is never part of a report, and a space keeps every offset and line.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
_SPACE = re.compile(r"[ \t\r\n\f]+")


def looks_like_document(text: str) -> bool:
    """True for text that opens as an HTML document (a doctype or ``<html>``)."""
    return _DOCUMENT_START.match(text) is not None


def looks_like_html(text: str) -> bool:
    """True for a page of markup; text that merely contains a ``<`` is not one."""
    if _DOCUMENT_START.match(text):
        return True
    tags = _TAG.finditer(text)
    return all(next(tags, None) is not None for _ in range(_MIN_TAGS))


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _drop_tree(element: etree._Element) -> None:
    """Remove ``element`` and what it holds, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def _span(element: etree._Element, name: str, limit: int) -> int:
    value = element.get(name)
    if value is None:  # most cells
        return 1
    try:
        return min(max(int(value.strip() or 1), 1), limit)
    except ValueError:
        return 1


def _cell_text(cell: etree._Element) -> str:
    """The text of a cell, whatever Word nested in it (p, span, font, o:p, br).

    Pieces are joined as they are: a label Word split over spans (申请人情 + 况) is one word.
    """
    # libxml2's text serialisation: the same text as itertext(), joined in C.
    text: str = etree.tostring(cell, method="text", encoding="unicode", with_tail=False)
    if "\n" in text or "\t" in text or "  " in text or "\r" in text or "\f" in text:
        text = _SPACE.sub(" ", text)  # most cells ("12", "自然人") have no run to fold
    return text.strip()


_NONE_AFTER = re.compile(r"\s*:\s*none", re.IGNORECASE)


def _may_hide(page: str) -> bool:
    """False for a page that says neither display:none nor has a hidden attribute in a tag:
    then no element needs testing (most pages; a test of each costs more than the parse).

    Found with substring searches: a regex over the whole page would cost a parse.
    """
    for needle in ("isplay", "ISPLAY"):  # display, Display, DISPLAY
        at = page.find(needle)
        while at >= 0:
            if _NONE_AFTER.match(page, at + len(needle)):
                return True
            at = page.find(needle, at + 1)
    for needle in ("hidden", "HIDDEN", "Hidden"):
        at = page.find(needle)
        while at >= 0:
            after = page[at + len(needle) : at + len(needle) + 1]
            in_tag = page.rfind("<", 0, at) > page.rfind(">", 0, at)
            if in_tag and page[at - 1 : at].isspace() and after in ("", " ", "=", "/", ">"):
                return True
            at = page.find(needle, at + 1)
    return False


def _own_markers(page: str) -> bool:
    """True when the page holds a marker character itself, as a character or an entity."""
    return any(marker in page for marker in (_BREAK, _ANCHOR, _TABLE)) or bool(
        "&#" in page and _MARKER_ENTITY.search(page)
    )


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if not style or not ("none" in style or "NONE" in style or "None" in style):
        return False  # most styles (Word's fonts and margins) hide nothing
    return "display:none" in style.replace(" ", "").lower()


def _rows(table: etree._Element) -> list[etree._Element]:
    rows = list(table.iter("tr"))
    if _is_data_table(table):
        return rows  # no table inside: every row is this table's own
    return [row for row in rows if next(row.iterancestors("table"), None) is table]


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
        self.recognised: list[Recognised] = []

    @classmethod
    def of(cls, read: ReadDocument) -> _Renderer:
        """A rendering of what another reader read (a picture's text), to splice in."""
        renderer = cls()
        renderer.parts = [read.text, "\n"]
        renderer.length = len(read.text) + 1
        renderer.lines = list(read.lines)
        renderer.tables = list(read.tables)
        renderer.recognised = list(read.recognised)
        return renderer

    def write(self, text: str, line: int | None) -> None:
        if not text:
            return
        if line is not None:
            self.anchor(line)
        self.parts.append(text)
        self.length += len(text)

    def anchor(self, line: int) -> None:
        """Record that the text from here on stands on source ``line``."""
        if not self.lines or self.lines[-1][1] != line:
            self.lines.append((self.length, line))

    def write_lines(self, text: str) -> None:
        """Write ``text``, less a line break that would leave an empty line."""
        if text.startswith("\n") and (not self.parts or self.parts[-1].endswith("\n")):
            text = text[1:]
        self.write(text, None)

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
            self.length += 1

    def splice(self, other: _Renderer) -> None:
        """Append what ``other`` rendered, its lines and tables moved to where it lands."""
        at = self.length
        self.lines.extend((at + offset, line) for offset, line in other.lines)
        self.tables.extend(t.moved(lambda offset: at + offset) for t in other.tables)
        self.recognised.extend(span.moved(lambda offset: at + offset) for span in other.recognised)
        self.parts.extend(other.parts)
        self.length += other.length

    def table(self, table: etree._Element) -> None:
        start = self.length
        rows = []
        parts = self.parts
        for cells in _grid(_rows(table)):
            line_cells: list[GridCell] = []
            for i, (cell, spanned) in enumerate(cells):
                if i:
                    parts.append("\t")
                    self.length += 1
                text = "" if spanned else _cell_text(cell)
                line = cell.sourceline
                if text:  # what write() does, inline: this runs for every cell of a page
                    self.anchor(line)
                    parts.append(text)
                    self.length += len(text)
                line_cells.append(GridCell(self.length - len(text), self.length, line, spanned))
            self.newline()
            rows.append(tuple(line_cells))
        self.tables.append(SourceTable(start, self.length, tuple(rows)))


def _grid(rows: Sequence[etree._Element]) -> Iterator[list[tuple[etree._Element, bool]]]:
    """Each row's cells in column order: ``(cell, spanned)``.

    A cell appears once, in the row and column it starts in. A position covered from a row
    above appears as ``(covering cell, True)`` when the covering cell holds a value (a number
    or nothing), and is left out when it is a label spanning rows (三、本年度办理结果).
    """
    spans = [_spans(row, len(rows) - r) for r, row in enumerate(rows)]
    area = sum(rowspan * colspan for row in spans for _, rowspan, colspan in row)
    within(area, MAX_GRID_AREA, "positions of a table's grid")
    covered: dict[tuple[int, int], etree._Element] = {}
    widths: dict[int, int] = {}  # row → one past its last covered column
    for r, row in enumerate(spans):
        if r not in widths and all(rowspan == colspan == 1 for _, rowspan, colspan in row):
            # Most rows: no cell spans and none above reaches down; each cell is its column,
            # and no later row asks what covers these positions.
            yield [(cell, False) for cell, _, _ in row]
            continue
        starts: dict[int, etree._Element] = {}
        column = 0
        for cell, rowspan, colspan in row:
            while (r, column) in covered:
                column += 1
            starts[column] = cell
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered[(r + dr, column + dc)] = cell
                widths[r + dr] = max(widths.get(r + dr, 0), column + colspan)
            column += colspan
        width = widths.pop(r, 0)
        out: list[tuple[etree._Element, bool]] = []
        for c in range(width):
            if c in starts:
                out.append((starts[c], False))
                continue
            covering = covered.get((r, c))
            starts_left = covering is not None and covered.get((r, c - 1)) is covering
            from_above = (
                covering is not None and not starts_left and covered.get((r - 1, c)) is covering
            )
            if from_above and covering is not None and _holds_value(covering):
                out.append((covering, True))
        yield out


def _spans(row: etree._Element, rows_left: int) -> list[tuple[etree._Element, int, int]]:
    """The row's cells with the rows and columns each covers (rowspan cut at the table's end)."""
    return [
        (
            cell,
            min(_span(cell, "rowspan", MAX_ROWSPAN), rows_left),
            _span(cell, "colspan", MAX_COLSPAN),
        )
        for cell in row
        if _tag(cell) in ("td", "th")
    ]


def _holds_value(cell: etree._Element) -> bool:
    text = _cell_text(cell)
    return not text or is_value(text)


# The page's text comes from libxml2 (tostring as text) rather than from a walk in Python, which
# would cost several times the parse. Before that, markers from Unicode's private use area are
# put into the tree: a line break at each block's edges and at <br>, an anchor at each block's
# start (whose source line is recorded in document order), and a stand-in for each data table,
# which is rendered apart as a grid and spliced in.
_BREAK, _ANCHOR, _TABLE = "\ue000", "\ue001", "\ue002"
_BREAKS = re.compile(r"[ ]*(?:\ue000[ ]*)+")
_MARKERS = re.compile(r"[\ue001\ue002][ ]*")
_MARKER_ENTITY = re.compile(r"&#(?:[xX]0*[eE]00[0-2]|0*5734[4-6]);")
_MARKED_TEXT = etree.XPath(
    "//text()[contains(., '\ue000') or contains(., '\ue001') or contains(., '\ue002')]"
)


def _render_page(
    root: etree._Element,
    renderer: _Renderer,
    marked: bool,
    picture: Callable[[etree._Element], ReadDocument | None],
) -> None:
    """Render ``root`` (a page's body) into ``renderer``: text, source lines, table grids, and
    what ``picture`` reads of each ``<img>`` (a table pasted as a picture), in its place.

    ``marked``: the page may hold the marker characters itself; they become U+FFFD first.
    """
    for node in _MARKED_TEXT(root) if marked else ():
        parent, clean = node.getparent(), regex.sub("[\ue000-\ue002]", "\ufffd", node)
        if node.is_text:
            parent.text = clean
        else:
            parent.tail = clean
    grids: list[_Renderer] = []
    for element in list(root.iter("table", "img")):
        if element.getparent() is None:
            continue  # inside a data table already rendered as a grid
        if _tag(element) == "img":
            read = picture(element)
            if read is not None:
                grids.append(_Renderer.of(read))
                element.tail = _TABLE + (element.tail or "")
            continue
        if not _is_data_table(element):
            continue
        grid = _Renderer()
        grid.table(element)
        grids.append(grid)
        tail = element.tail
        element.clear()
        element.tail, element.text = tail, _TABLE
    lines = []
    for block in root.iter(*_BLOCK):
        lines.append(block.sourceline)
        block.text = _BREAK + _ANCHOR + (block.text or "")
        block.tail = _BREAK + (block.tail or "")
    for br in root.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    text = _BREAKS.sub("\n", _SPACE.sub(" ", text)).strip(" \n")
    pos, anchors, tables = 0, iter(lines), iter(grids)
    for marker in _MARKERS.finditer(text):
        renderer.write_lines(text[pos : marker.start()])
        if marker.group()[0] == _ANCHOR:
            renderer.anchor(next(anchors))
        else:
            renderer.splice(next(tables))
        pos = marker.end()
    renderer.write_lines(text[pos:])


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )


def render_table(markup: str) -> tuple[str, SourceTable | None]:
    """A ``<table>`` fragment as tab-separated rows, and its grid (offsets in those rows)."""
    try:
        root = etree.fromstring(markup, parser=_parser())
    except (etree.ParserError, ValueError):
        return "", None
    table = root.find(".//table") if root is not None else None
    if table is None:
        return "", None
    renderer = _Renderer()
    renderer.table(table)
    return "".join(renderer.parts), renderer.tables[0]


def read_html(
    text: str, path: str | None = None, recognise: Recognise | None = None
) -> ReadDocument:
    """Render a page to text and table grids (no network, no DTD, bounded); with
    ``recognise``, the pictures the page carries (``data:`` URIs, files beside a page at
    ``path``) are recognised and read in their place."""
    within(len(text), MAX_MARKUP_CHARACTERS, "characters of the page")
    text = _NOT_XML.sub(" ", text)
    parser = _parser()
    try:
        # etree's own element classes: lxml.html's Python class lookup per element costs more
        # than the parse itself, and nothing here needs its HtmlElement methods.
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise LimitError(f"the page cannot be parsed as HTML: {exc}") from exc
    if root is None:
        raise LimitError("the page cannot be parsed as HTML: it has no elements")
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise LimitError(f"the page nests elements deeper than {MAX_NESTING} levels")
    title = root.find("head/title")
    etree.strip_elements(root, *_SKIP, with_tail=False)
    if _may_hide(text):
        for hidden in [e for e in root.iter() if _hidden(e)]:
            _drop_tree(hidden)
    renderer = _Renderer()
    if title is not None and title.text and title.text.strip():
        renderer.write(_SPACE.sub(" ", title.text).strip(), title.sourceline)
        renderer.newline()
    body = root.find("body")

    def picture(image: etree._Element) -> ReadDocument | None:
        if recognise is None:
            return None
        data = picture_bytes(image, path)
        return read_picture(data, image.sourceline, recognise) if data else None

    _render_page(body if body is not None else root, renderer, _own_markers(text), picture)
    return ReadDocument(
        "".join(renderer.parts),
        tuple(renderer.tables),
        tuple(renderer.lines),
        format="html",
        recognised=tuple(renderer.recognised),
    )


#: The suffixes of web pages as sites serve them and browsers save them.
FILE_TYPES = (".htm", ".html", ".xhtml", ".shtml")


@hookimpl
def govinfo_report_file_types() -> Sequence[str]:
    """Web pages: ``.html``, ``.htm``, ``.xhtml``, ``.shtml``."""
    return FILE_TYPES


@hookimpl
def govinfo_report_read_text(
    text: str, path: str | None, recognise: Recognise
) -> ReadDocument | None:
    """Read ``text`` when it is an HTML page."""
    return read_html(text, path, recognise) if looks_like_html(text) else None


# Called first: where a page's own table markup and its rendering as tab rows both claim a
# section with full confidence, the markup knows the columns for certain.
@hookimpl(tryfirst=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the HTML table extractor: the grids of the page's ``<table>`` markup."""
    return (GridExtractor("html", "html"),)
