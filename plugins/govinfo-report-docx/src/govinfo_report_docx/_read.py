"""Read a Word .docx file: its paragraphs in body order and its tables as grids.

Tables come from the document's own table structure: a cell spanning columns (``w:gridSpan``)
appears once, in the column it starts in; a cell merged down over rows (``w:vMerge``) appears
in its first row, and each position it covers below is kept as "spanned" when it holds a value
(a number or nothing), left out when it is a label. A value is never copied into covered cells.
A table holding other tables in its cells lays out the page: its cells are read as blocks and
the tables inside them as tables.

Text is read as the document shows it with its tracked changes accepted (insertions kept,
deletions dropped); the changes and the comments left in the file are reported as findings
(:data:`~govinfo_report_docx._rules.TRACKED_CHANGES`, :data:`~govinfo_report_docx._rules.COMMENTS`).
Source "lines" are paragraph numbers: every paragraph of the body, those in table cells too,
counted from 1 in document order.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from lxml import etree

from govinfo_report import Finding, Location
from govinfo_report.errors import InputError
from govinfo_report.limits import (
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_MEMBERS,
    MAX_GRID_AREA,
    MAX_MARKUP_CHARACTERS,
    MAX_TABLE_NESTING,
    within,
)
from govinfo_report.rules import Violation
from govinfo_report.tables import GridCell, ReadDocument, SourceTable, is_value

from ._format import DOCUMENT_PART
from ._rules import COMMENTS, TRACKED_CHANGES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
#: Spans beyond this are read as this (Word itself allows 63 columns); as the HTML reader does.
MAX_SPAN = 1000

_SPACE = re.compile(r"\s+")
# Run content as the reader shows it: deleted and moved-away runs are not part of the text.
_RUN_CONTENT = etree.XPath(
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=NS,
)
_INSERTED = etree.XPath(".//w:ins//w:t | .//w:moveTo//w:t", namespaces=NS)
_DELETED = etree.XPath(".//w:delText", namespaces=NS)
_REVISIONS = etree.XPath(
    ".//w:ins | .//w:del | .//w:moveFrom | .//w:moveTo", namespaces=NS, smart_strings=False
)
_COMMENTS = etree.XPath(".//w:commentReference/@w:id", namespaces=NS)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The children ``tag`` of ``element``, looking through content controls (``w:sdt``)."""
    for child in element:
        if child.tag == _w(tag):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _children(content, tag)


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or a cell, in order, through content controls."""
    for child in container:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _w("customXml"):
            yield from _blocks(child)


def _grid_count(element: etree._Element, path: str, default: int) -> int:
    """The ``w:val`` of the property at ``path`` as a count of grid columns, ``default`` when
    absent or unreadable, at least ``default`` and at most :data:`MAX_SPAN`."""
    found = element.find(path)
    if found is None:
        return default
    try:
        return min(max(int(found.get(_w("val"), str(default))), default), MAX_SPAN)
    except ValueError:
        return default


def _span(tc: etree._Element) -> int:
    return _grid_count(tc, f"{_w('tcPr')}/{_w('gridSpan')}", 1)


def _vmerge(tc: etree._Element) -> str | None:
    """``restart``, ``continue`` or ``None`` (a missing ``w:val`` means continue)."""
    merge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
    if merge is None:
        return None
    return str(merge.get(_w("val"), "continue"))


def _hmerge_continues(tc: etree._Element) -> bool:
    merge = tc.find(f"{_w('tcPr')}/{_w('hMerge')}")
    return merge is not None and merge.get(_w("val"), "continue") == "continue"


def _grid_before(tr: etree._Element) -> int:
    return _grid_count(tr, f"{_w('trPr')}/{_w('gridBefore')}", 0)


def _quote(texts: list[str]) -> str:
    joined = "".join(texts)
    return joined if len(joined) <= 40 else joined[:40] + "…"


class _Reader:
    """Writes the body as text, recording paragraph anchors, table grids and findings."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[tuple[int, int]] = []
        self.tables: list[SourceTable] = []
        self.findings: list[Finding] = []
        self.paragraphs = 0
        self.comments: set[str] = set()

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.write("\n")

    def text_of(self, p: etree._Element) -> str:
        """A paragraph's visible text (its number is now :attr:`paragraphs`)."""
        self.paragraphs += 1
        pieces = []
        for node in _RUN_CONTENT(p):
            tag = node.tag
            if tag == _w("t"):
                pieces.append(node.text or "")
            elif tag in (_w("br"), _w("cr")):
                pieces.append("\n")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            else:  # a tab character inside a paragraph separates words, not cells
                pieces.append(" ")
        return "".join(pieces)

    def note(self, p: etree._Element, line: int, start: int | None, end: int | None) -> None:
        """Report the tracked changes and comments of paragraph ``p``, shown at ``start:end``."""
        if _REVISIONS(p):
            inserted = _quote([t.text or "" for t in _INSERTED(p)])
            deleted = _quote([t.text or "" for t in _DELETED(p)])
            self.findings.append(
                TRACKED_CHANGES.finding(
                    Violation(
                        f"第{line}段：插入“{inserted}”，删除“{deleted}”（按接受修订读取）",
                        f"paragraph {line}: inserted {inserted!r}, deleted {deleted!r} "
                        "(read as if accepted)",
                        Location(line=line, start=start, end=end),
                    )
                )
            )
        for comment in _COMMENTS(p):
            if comment not in self.comments:
                self.comments.add(str(comment))
                self.findings.append(
                    COMMENTS.finding(
                        Violation(
                            f"第{line}段有批注",
                            f"paragraph {line} has a comment",
                            Location(line=line, start=start, end=end),
                        )
                    )
                )

    def paragraph(self, p: etree._Element) -> None:
        self.newline()
        text = self.text_of(p)
        start = self.length
        if text.strip():
            self.lines.append((self.length, self.paragraphs))
            self.write(text)
        self.note(p, self.paragraphs, start, self.length)
        self.newline()

    def blocks(self, container: etree._Element, depth: int) -> None:
        for block in _blocks(container):
            if block.tag == _w("p"):
                self.paragraph(block)
            else:
                self.table(block, depth + 1)

    def table(self, tbl: etree._Element, depth: int) -> None:
        within(depth, MAX_TABLE_NESTING, "levels of tables nested in tables")
        rows = list(_children(tbl, "tr"))
        nested = any(
            block.tag == _w("tbl")
            for tr in rows
            for tc in _children(tr, "tc")
            for block in _blocks(tc)
        )
        if nested:  # a layout table: its cells hold the page, and data tables in them
            for tr in rows:
                for tc in _children(tr, "tc"):
                    self.blocks(tc, depth)
            return
        self.grid(rows)

    def cell(self, tc: etree._Element) -> tuple[str, list[tuple[etree._Element, int]]]:
        """A cell's text (its paragraphs joined, spaces collapsed) and its numbered paragraphs.

        Pieces are joined as they are: a label Word wrapped over paragraphs is one word.
        """
        texts = []
        paragraphs = []
        for p in _children(tc, "p"):
            texts.append(self.text_of(p))
            paragraphs.append((p, self.paragraphs))
        return _SPACE.sub(" ", "".join(texts)).strip(), paragraphs

    def grid(self, rows: list[etree._Element]) -> None:
        width = max(
            (_grid_before(tr) + sum(map(_span, _children(tr, "tc"))) for tr in rows), default=0
        )
        within(len(rows) * width, MAX_GRID_AREA, "positions of a table's grid")
        self.newline()
        start = self.length
        grid: list[tuple[GridCell, ...]] = []
        # The text and paragraph number of the cell that starts at each column, for the rows
        # merged into it below.
        above: dict[int, tuple[str, int]] = {}
        for tr in rows:
            column = _grid_before(tr)
            # (text, line, spanned, paragraphs) of each grid position the row shows
            cells: list[tuple[str, int, bool, list[tuple[etree._Element, int]]]] = []
            for tc in _children(tr, "tc"):
                span = _span(tc)
                text, paragraphs = self.cell(tc)
                line = paragraphs[0][1] if paragraphs else self.paragraphs
                if _hmerge_continues(tc):  # legacy horizontal merge: covered from the left
                    self.notes(paragraphs)
                elif _vmerge(tc) == "continue":  # Word shows the first cell's content only
                    covering = above.get(column)
                    if covering is not None and (not covering[0] or is_value(covering[0])):
                        cells.append(("", covering[1], True, paragraphs))
                    else:
                        self.notes(paragraphs)
                else:
                    cells.append((text, line, False, paragraphs))
                    for c in range(column, column + span):
                        above[c] = (text, line)
                column += span
            row: list[GridCell] = []
            for i, (text, line, spanned, paragraphs) in enumerate(cells):
                if i:
                    self.write("\t")
                if text:
                    self.lines.append((self.length, line))
                self.write(text)
                row.append(GridCell(self.length - len(text), self.length, line, spanned))
                self.notes(paragraphs, self.length - len(text), self.length)
            self.write("\n")
            grid.append(tuple(row))
        self.tables.append(SourceTable(start, self.length, tuple(grid)))

    def notes(
        self,
        paragraphs: list[tuple[etree._Element, int]],
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        """Report the changes and comments of a cell's paragraphs (shown at start:end, if shown)."""
        for p, line in paragraphs:
            self.note(p, line, start, end)


def read_docx(data: bytes) -> ReadDocument:
    """The paragraphs and table grids of a .docx file; a broken file is an ``InputError``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            body = archive.getinfo(DOCUMENT_PART).file_size
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise InputError(f"not a readable Word .docx file: {type(exc).__name__}: {exc}") from exc
    # zipfile never inflates a member past the size its directory states, so the stated sizes
    # bound what python-docx can unpack, whatever the compressed bytes hold.
    within(len(members), MAX_ARCHIVE_MEMBERS, "members of the .docx")
    within(sum(m.file_size for m in members), MAX_ARCHIVE_BYTES, "bytes the .docx unpacks to")
    within(body, MAX_MARKUP_CHARACTERS, "bytes of the Word body part")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds of error on a broken file
        raise InputError(f"not a readable Word .docx file: {type(exc).__name__}: {exc}") from exc
    reader = _Reader()
    reader.blocks(document.element.body, 0)
    anchors = sorted(set(reader.lines))
    return ReadDocument(
        "".join(reader.parts),
        tuple(reader.tables),
        tuple(anchors),
        format="docx",
        findings=tuple(reader.findings),
    )
