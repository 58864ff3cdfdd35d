"""The intermediate table form that extractors produce, and helpers for writing extractors.

An extractor reads one layout (pipe rows, tab rows, one cell per line, …) of one table section
and returns :class:`RawTable` objects: rows of cells with their offsets in the normalised text.
The core maps those rows onto canonical keys, so an extractor never needs the official labels.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, Protocol, runtime_checkable

import attrs
import regex

from ._keys import SectionName, Template

Origin = Literal["table", "prose"]

# A cell that holds a value: a number with optional sign, thousands separators, decimals and a
# unit, or a mark agencies use for an empty cell.
VALUE = regex.compile(
    r"[+\-−]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:万元|元|件|个|项|条|宗|次)?"
    r"|[-−—–/／\\]|——|--"
)
# A horizontal rule (markdown or drawn with dashes) is decoration, never a cell.
RULE = regex.compile(r"(?=.*[-=_—–]{3})[-=_—–:|\s]+")


def is_value(text: str) -> bool:
    """True when ``text`` (stripped) is a number or an empty-cell mark, not a label."""
    return VALUE.fullmatch(text.strip()) is not None


@attrs.frozen
class GridCell:
    """A cell of a table a reader found in markup, as a span of the document's text.

    ``spanned`` marks a grid position covered by a value cell of a row above (rowspan): the
    value is not repeated into it, so the position is known to be there but not readable.
    """

    start: int
    end: int
    line: int | None = None
    spanned: bool = False


@attrs.frozen
class SourceTable:
    """A table a reader found in markup: its span in the text and its rows of grid cells.

    Rows list the cells that start in them, in column order; positions covered by a colspan,
    or by a label cell spanning rows, are left out. ``reader`` names the format that drew the
    grid (``html``, ``pdf``), so that each format's extractor takes its own grids.
    """

    start: int
    end: int
    rows: tuple[tuple[GridCell, ...], ...]
    reader: str = "html"


@attrs.frozen
class ReadDocument:
    """A document a reader turned into text (HTML, Word…): text, tables, source lines.

    ``lines`` anchors offsets of ``text`` to lines of the source: ``(offset, line)`` pairs in
    order; an offset belongs to the line of the last anchor at or before it.
    """

    text: str
    tables: tuple[SourceTable, ...] = ()
    lines: tuple[tuple[int, int], ...] = ()
    format: str = "text"


@attrs.frozen
class Fact:
    """A figure the prose states for a canonical cell (``0`` for "no applications received")."""

    key: str
    value: int
    start: int
    end: int
    sentence: str
    #: "figure" for a stated number, "none" for a sentence saying there were none.
    phrase: Literal["figure", "none"] = "figure"


@attrs.frozen
class Document:
    """The normalised text of the whole document, the spans of its parts, its stated figures."""

    text: str
    parts: Mapping[str, tuple[int, int]]
    facts: tuple[Fact, ...] = ()
    #: Tables a reader found in markup, with spans in this (normalised) text.
    tables: tuple[SourceTable, ...] = ()

    def part(self, numeral: str) -> tuple[int, str]:
        """``(offset, text)`` of the body of part ``numeral`` ("一" … "六"); empty if missing."""
        start, end = self.parts.get(numeral, (0, 0))
        return start, self.text[start:end]


@attrs.frozen
class SectionText:
    """The body of one table section (二, 三 or 四) handed to extractors."""

    name: SectionName
    numeral: str
    text: str
    offset: int
    template: Template | None
    document: Document

    def lines(self) -> Iterator[tuple[int, str]]:
        """Yield ``(offset in the document, line)`` for every line of the section."""
        pos = self.offset
        for line in self.text.split("\n"):
            yield pos, line
            pos += len(line) + 1


@attrs.frozen
class RawCell:
    """One cell as the layout gives it: its text and its span in the normalised document."""

    text: str
    start: int
    end: int
    #: Covered by a cell of a row above (see :class:`GridCell`): there, but not readable.
    spanned: bool = False

    @property
    def is_value(self) -> bool:
        """True when the cell holds a number or an empty-cell mark."""
        return is_value(self.text)


@attrs.frozen
class RawRow:
    """A row of cells.

    The core recognises a row by its label cells; an extractor that already knows which
    canonical row it read (a sentence of prose, say) names it in ``row``, and ``columns`` names
    the canonical columns of its values when they are not the template's full row.
    """

    cells: tuple[RawCell, ...]
    row: str | None = None
    columns: tuple[str, ...] | None = None


@attrs.frozen
class RawTable:
    """Rows read from one section by one extractor.

    ``keeps_empty_cells`` says whether the layout shows empty cells (a pipe or tab row does; one
    cell per line drops them), which decides whether a short row can be placed by position.
    ``aligned`` says that every cell stands in its true column, as in a grid read from table
    markup: a row's cells are then placed by position even when no row of the table is full.
    """

    rows: tuple[RawRow, ...]
    extractor: str
    origin: Origin = "table"
    keeps_empty_cells: bool = True
    aligned: bool = False


@runtime_checkable
class Extractor(Protocol):
    """Reads one layout. ``score`` says how sure it is that a section is in that layout."""

    @property
    def name(self) -> str:
        """A short name for the layout, recorded in the provenance of every value."""
        ...

    def score(self, section: SectionText) -> float:
        """Return 0 (not this layout) to 1 (certainly this layout)."""
        ...

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """Return the tables read from ``section``."""
        ...


def cells_of_line(line: str, offset: int, delimiter: str) -> tuple[RawCell, ...]:
    """Split ``line`` (at document ``offset``) on ``delimiter`` into stripped cells with spans."""
    cells = []
    pos = offset
    for raw in line.split(delimiter):
        stripped = raw.strip()
        start = pos + (raw.index(stripped) if stripped else 0)
        cells.append(RawCell(stripped, start, start + len(stripped)))
        pos += len(raw) + len(delimiter)
    return tuple(cells)


# A section whose lines are mostly tab or pipe rows is in a delimited layout.
_DELIMITED_SHARE = 0.3


def mostly_delimited(lines: Sequence[str]) -> bool:
    """True when enough of ``lines`` are tab or pipe rows to belong to a delimited layout."""
    return (
        bool(lines)
        and sum("\t" in line or "|" in line for line in lines) / len(lines) >= _DELIMITED_SHARE
    )


def share_of_lines(section: SectionText, predicate: str) -> float:
    """The share of non-empty lines of ``section`` that contain ``predicate``."""
    lines = [line for _, line in section.lines() if line.strip()]
    if not lines:
        return 0.0
    return sum(predicate in line for line in lines) / len(lines)


def delimited_table(section: SectionText, delimiter: str, extractor: str) -> RawTable:
    """Read a section whose rows are lines and whose cells are split by ``delimiter``.

    Lines without the delimiter become one-cell rows (group headings, stray numbers); rules
    such as ``------`` or ``|---|---|`` are skipped. When most rows open with the delimiter
    (markdown's ``| a | b |``) the empty cell before it is an artefact and is dropped, and so
    is the empty cell after a closing delimiter when most rows close with one; an empty cell
    anywhere else is a blank cell and keeps its place.
    """
    lines = [(o, line) for o, line in section.lines() if line.strip() and not RULE.fullmatch(line)]
    delimited = [line.strip(" ") for _, line in lines if delimiter in line]
    opens = sum(line.startswith(delimiter) for line in delimited) > len(delimited) / 2
    closes = sum(line.endswith(delimiter) for line in delimited) > len(delimited) / 2
    rows = []
    for offset, line in lines:
        cells = cells_of_line(line, offset, delimiter)
        if opens and line.strip(" ").startswith(delimiter) and len(cells) > 1:
            cells = cells[1:]
        if closes and line.strip(" ").endswith(delimiter) and len(cells) > 1:
            cells = cells[:-1]
        rows.append(RawRow(tuple(c for c in cells if not (c.text and RULE.fullmatch(c.text)))))
    return RawTable(tuple(rows), extractor)


@attrs.frozen
class DelimitedExtractor:
    """Reads layouts whose rows are lines and whose cells are split by one delimiter."""

    name: str
    delimiter: str

    def score(self, section: SectionText) -> float:
        """The share of the section's lines that contain the delimiter."""
        return share_of_lines(section, self.delimiter)

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One table of the section's rows split on the delimiter."""
        return (delimited_table(section, self.delimiter, self.name),)


@attrs.frozen
class GridExtractor:
    """Reads the table grids a reader drew (``reader``: ``html``, ``pdf``) in a section."""

    name: str
    reader: str

    def _tables(self, section: SectionText) -> list[SourceTable]:
        end = section.offset + len(section.text)
        return [
            t
            for t in section.document.tables
            if t.reader == self.reader and section.offset <= t.start < end
        ]

    def score(self, section: SectionText) -> float:
        """Certain when the reader found a table in this section."""
        return 1.0 if self._tables(section) else 0.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One raw table per grid, each cell with its span in the normalised text."""
        text = section.document.text
        out = []
        for table in self._tables(section):
            rows = tuple(
                RawRow(
                    tuple(
                        RawCell(text[c.start : c.end].strip(), c.start, c.end, c.spanned)
                        for c in row
                    )
                )
                for row in table.rows
            )
            out.append(RawTable(rows, self.name, aligned=True))
        return out
