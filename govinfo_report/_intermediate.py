"""The intermediate table form: what readers and extractors hand the core.

A reader turns a file into a :class:`ReadDocument` (text, grids, source lines); an extractor
reads a :class:`SectionText` and returns :class:`RawTable` rows of :class:`RawCell`, or
:class:`TableProblem` for what it saw but could not read. The public face is
:mod:`govinfo_report.tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Literal, NamedTuple, Protocol, TypeVar, cast, runtime_checkable

import attrs

from ._findings import Finding
from ._keys import SectionName, Template
from ._lexicon import is_value, mostly_delimited

Origin = Literal["table", "prose"]
T = TypeVar("T")


class GridCell(NamedTuple):
    """A cell of a table a reader found in markup, as a span of the document's text (a tuple:
    a page has hundreds).

    ``spanned`` marks a grid position covered by a value cell of a row above (rowspan): the
    value is not repeated into it, so the position is known to be there but not readable.
    """

    start: int
    end: int
    line: int | None = None
    spanned: bool = False


class Recognised(NamedTuple):
    """A span of a document's text that a recogniser read from an image (a scan, a picture of
    a table): how sure it was, and where on which page the text stands (PDF points, top-down)."""

    start: int
    end: int
    confidence: float
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

    def moved(self, to: Callable[[int], int]) -> Recognised:
        """The same span with its offsets moved by ``to``."""
        return self._replace(start=to(self.start), end=to(self.end))


@attrs.frozen
class SourceTable:
    """A table a reader found in markup: its span in the text and its rows of grid cells.

    Rows list the cells that start in them, in column order; positions covered by a colspan,
    or by a label cell spanning rows, are left out.
    """

    start: int
    end: int
    rows: tuple[tuple[GridCell, ...], ...]

    def moved(self, to: Callable[[int], int]) -> SourceTable:
        """The same table with every offset ``o`` moved to ``to(o)`` (a span of other text)."""
        return SourceTable(
            to(self.start),
            to(self.end),
            tuple(
                tuple(GridCell(to(c.start), to(c.end), c.line, c.spanned) for c in row)
                for row in self.rows
            ),
        )


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
    #: What the reader found in the file itself (tracked changes left in a Word file…), as
    #: findings of rules its plugin registers with ``check=None`` (raised while reading).
    findings: tuple[Finding, ...] = ()
    #: The spans of ``text`` read by recognising images, in order.
    recognised: tuple[Recognised, ...] = ()


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
    #: The format of the reader that read the document (``ReadDocument.format``): "text", "html"…
    format: str = "text"
    #: Last year's report of the same agency, ``{canonical key: value}``, when a corpus run
    #: knows it: what its cells imply (现行有效件数 goes on from last year's) may decide a cell.
    previous: Mapping[str, object] = attrs.field(factory=dict)

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

    # What is read from the section, once: every extractor scores the section by its lines.
    _memo: dict[str, object] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def memo(self, name: str, read: Callable[[SectionText], T]) -> T:
        """``read(self)``, worked out once per section and kept under ``name``.

        An extractor's ``score`` and ``extract`` see the same section: what both need (its lines
        read as cells, say) is read once. Name it after the extractor, as plugins share sections;
        names starting with ``_`` are the section's own.
        """
        if name not in self._memo:
            self._memo[name] = read(self)
        return cast(T, self._memo[name])

    def lines(self) -> Iterator[tuple[int, str]]:
        """Yield ``(offset in the document, line)`` for every line of the section."""
        return iter(self.memo("_lines", _lines))

    def filled_lines(self) -> tuple[tuple[int, str], ...]:
        """``(offset in the document, line)`` for every line that is not blank."""
        return self.memo("_filled", _filled_lines)

    @property
    def delimited(self) -> bool:
        """True when enough lines are tab or pipe rows to be a delimited layout.

        A delimiter only at a line's ends (an indent, a trailing tab) separates no cells.
        """
        return self.memo("_delimited", _delimited)


def _lines(section: SectionText) -> tuple[tuple[int, str], ...]:
    lines = section.text.split("\n")
    starts = accumulate((len(line) + 1 for line in lines), initial=section.offset)
    # One start more than lines: the last is the end of the section.
    return tuple(zip(starts, lines, strict=False))


def _filled_lines(section: SectionText) -> tuple[tuple[int, str], ...]:
    return tuple(pair for pair in section.lines() if pair[1].strip())


def _delimited(section: SectionText) -> bool:
    if "\t" not in section.text and "|" not in section.text:
        return False  # no line is a tab or pipe row
    return mostly_delimited([line.strip() for _, line in section.filled_lines()])


class RawCell(NamedTuple):
    """One cell as the layout gives it: its text and its span in the normalised document (a
    tuple: a report has hundreds)."""

    text: str
    start: int
    end: int
    #: Covered by a cell of a row above (see :class:`GridCell`): there, but not readable.
    spanned: bool = False

    @property
    def is_value(self) -> bool:
        """True when the cell holds a number or an empty-cell mark."""
        return is_value(self.text)


class RawRow(NamedTuple):
    """A row of cells.

    The core recognises a row by its label cells; an extractor that already knows which
    canonical row it read (a sentence of prose, say) names it in ``row``, and ``columns`` names
    the canonical columns of its values when they are not the template's full row.
    """

    cells: tuple[RawCell, ...]
    row: str | None = None
    columns: tuple[str, ...] | None = None


@attrs.frozen
class TableProblem:
    """Cells an extractor saw but could not read, for the core to report as a finding.

    ``code`` is a parse rule of :data:`govinfo_report.rules.PARSE_RULES`; ``row`` and
    ``column`` name the canonical cells concerned, ``start``/``end`` the span of the text. The
    message is the rule's template for ``case`` filled with ``fields`` (see
    :meth:`govinfo_report.rules.Rule.violation`), or, for a rule without templates,
    ``detail_zh``/``detail_en`` as the extractor writes them.
    """

    code: str
    detail_zh: str = ""
    detail_en: str = ""
    row: str | None = None
    column: str | None = None
    start: int | None = None
    end: int | None = None
    case: str = ""
    fields: Mapping[str, object] = attrs.field(factory=dict, hash=False)


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
    #: What the extractor could not read; each becomes a finding.
    problems: tuple[TableProblem, ...] = ()


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
