"""The intermediate table form that extractors produce, and helpers for writing extractors.

An extractor reads one layout (pipe rows, tab rows, one cell per line, …) of one table section
and returns :class:`RawTable` objects: rows of cells with their offsets in the normalised text.
The core maps those rows onto canonical keys, so an extractor never needs the official labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Literal, NamedTuple, Protocol, TypeVar, cast, runtime_checkable

import attrs
import regex

from ._findings import Finding

# The tables' identities, for extractors that solve them (re-exported).
from ._identities import Identity as Identity  # noqa: PLC0414 - re-exported
from ._identities import identities as identities  # noqa: PLC0414
from ._keys import CanonicalKey, SectionName, Template, rows
from ._labels import LabelMatch as LabelMatch  # noqa: PLC0414 - re-exported
from ._labels import label_row as label_row  # noqa: PLC0414

Origin = Literal["table", "prose"]
T = TypeVar("T")

#: Marks agencies write for an empty cell; "——" (a Chinese dash) and "--" are how OCR and LLM
#: output often write one.
BLANK_MARKS = frozenset({"-", "−", "—", "–", "/", "／", "\\", "——", "--"})
#: A number as a cell writes it: sign, thousands separators, decimals, a unit.
NUMBER = regex.compile(
    r"(?P<sign>[+\-−]?)\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?\s*"
    r"(?P<unit>万元|元|件|个|项|条|宗|次)?"
)
# A cell that holds a value: a number, or a mark for an empty cell.
VALUE = regex.compile(
    "|".join((NUMBER.pattern, *(regex.escape(m) for m in sorted(BLANK_MARKS, key=len)[::-1])))
)
# A horizontal rule (markdown or drawn with dashes) is decoration, never a cell.
RULE = regex.compile(r"(?=.*[-=_—–]{3})[-=_—–:|\s]+")


def is_rule(text: str) -> bool:
    """True when ``text`` is a horizontal rule (``------``, ``|---|---|``), not a row."""
    return _may_hold_rule(text) and RULE.fullmatch(text) is not None


def _may_hold_rule(text: str) -> bool:
    # Most lines hold none of a rule's characters: substring tests are cheaper than the regex.
    return "-" in text or "=" in text or "_" in text or "—" in text or "–" in text


def is_value(text: str) -> bool:
    """True when ``text`` (stripped) is a number or an empty-cell mark, not a label."""
    if text.isascii() and text.isdigit():  # most cells: a plain count
        return True
    return _is_value(text)


@lru_cache(maxsize=8192)  # the labels of the template come back in every report
def _is_value(text: str) -> bool:
    return VALUE.fullmatch(text.strip()) is not None


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
    ``column`` name the canonical cells concerned, ``start``/``end`` the span of the text.
    """

    code: str
    detail_zh: str
    detail_en: str
    row: str | None = None
    column: str | None = None
    start: int | None = None
    end: int | None = None


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


def template_rows(
    template: Template, section: SectionName
) -> Mapping[str, tuple[CanonicalKey, ...]]:
    """``{row: keys of that row in column order}`` for one table section of ``template``."""
    return rows(template, section)


def cells_of_line(line: str, offset: int, delimiter: str) -> tuple[RawCell, ...]:
    """Split ``line`` (at document ``offset``) on ``delimiter`` into stripped cells with spans."""
    cells = []
    pos = offset
    step = len(delimiter)
    for raw in line.split(delimiter):
        stripped = raw.strip()
        # A cell with no space around it is its own strip(); otherwise the first occurrence
        # of the stripped text is where its first non-space stands.
        start = pos if stripped is raw or not stripped else pos + raw.find(stripped)
        cells.append(RawCell(stripped, start, start + len(stripped)))
        pos += len(raw) + step
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
    lines = section.filled_lines()
    if not lines or predicate not in section.text:
        return 0.0
    return sum(predicate in line for _, line in lines) / len(lines)


def delimited_table(section: SectionText, delimiter: str, extractor: str) -> RawTable:
    """Read a section whose rows are lines and whose cells are split by ``delimiter``.

    Lines without the delimiter become one-cell rows (group headings, stray numbers); rules
    such as ``------`` or ``|---|---|`` are skipped. When most rows open with the delimiter
    (markdown's ``| a | b |``) the empty cell before it is an artefact and is dropped, and so
    is the empty cell after a closing delimiter when most rows close with one; an empty cell
    anywhere else is a blank cell and keeps its place.
    """
    lines = [(o, line) for o, line in section.filled_lines() if not is_rule(line)]
    delimited = [line.strip(" ") for _, line in lines if delimiter in line]
    opens = sum(line.startswith(delimiter) for line in delimited) > len(delimited) / 2
    closes = sum(line.endswith(delimiter) for line in delimited) > len(delimited) / 2
    rows = []
    for offset, line in lines:
        cells = cells_of_line(line, offset, delimiter)
        bare = line.strip(" ")
        if opens and bare.startswith(delimiter) and len(cells) > 1:
            cells = cells[1:]
        if closes and bare.endswith(delimiter) and len(cells) > 1:
            cells = cells[:-1]
        if _may_hold_rule(line):
            cells = tuple(c for c in cells if not (c.text and is_rule(c.text)))
        rows.append(RawRow(_numbers_apart(cells)))
    if section.template is not None:
        rows = floating_labels_attached(rows, section)
    return RawTable(tuple(rows), extractor)


_SEVERAL_NUMBERS = regex.compile(r"\d+(?:[ \t]+\d+)+")


def _numbers_apart(cells: tuple[RawCell, ...]) -> tuple[RawCell, ...]:
    """Cells as the table has them: a cell holding several numbers apart (``3001 53``, two
    cells a converter merged) is those cells."""
    if not any(" " in c.text for c in cells):
        return cells
    out: list[RawCell] = []
    for cell in cells:
        if " " in cell.text and _SEVERAL_NUMBERS.fullmatch(cell.text):
            out.extend(
                RawCell(m.group(), cell.start + m.start(), cell.start + m.end())
                for m in regex.finditer(r"\d+", cell.text)
            )
        else:
            out.append(cell)
    return tuple(out)


def floating_labels_attached(rows: Sequence[RawRow], section: SectionText) -> list[RawRow]:
    """Rows whose label floats on a line of its own, near a row of numbers that has none.

    OCR and PDF-to-markdown tools put a row's label a line before or after its numbers. Between
    two rows that name themselves, the floating labels and the rows of numbers without one are
    paired in order, the first label with the first row of numbers, when there are as many of
    each and the labels name rows in the template's order between those two rows; otherwise
    none of them is paired.
    """
    assert section.template is not None
    template, name = section.template, section.name
    layout = template_rows(template, name)
    order = {row: i for i, row in enumerate(layout)}
    # A header cell (其他, 总计) is spelled like a row's label (3.其他) but names a column.
    headers = {k.column_label for keys in layout.values() for k in keys}

    def named(cell: RawCell, least: int) -> str | None:
        # A line of its own may hold a group's label and the row's: （三）不予公开 1.属于…
        for text in dict.fromkeys((cell.text, cell.text.split()[-1])):
            if text not in headers:
                quality, row = label_row(template, name, text)
                if row is not None and quality >= least:
                    return row
        return None

    def kind(raw: RawRow) -> tuple[str, str | None]:
        """numbers (no label names their row), label (no numbers, not a blank row), row
        (a label and its cells), or other; and the row a label names."""
        cells = raw.cells
        first = next((i for i, c in enumerate(cells) if c.text and is_value(c.text)), None)
        if first is not None:
            found = next((r for c in cells[:first] if c.text and (r := named(c, 1))), None)
            return ("row", found) if found else ("numbers", None)
        labels = [(i, r) for i, c in enumerate(cells) if c.text and (r := named(c, 2))]
        if not labels:
            return "other", None
        at, row = labels[-1]
        if raw.row is None and len(cells) - at - 1 >= len(layout[row]):
            return "row", row  # a label and as many empty cells as its row has: a blank row
        return "label", row

    kinds = [kind(raw) for raw in rows]
    partner: dict[int, int] = {}
    segment: list[int] = []
    before: str | None = None
    for i in [*range(len(rows)), len(rows)]:
        what, row = kinds[i] if i < len(rows) else ("row", None)
        if what in ("label", "numbers"):
            segment.append(i)
            continue
        if what != "row":
            continue
        labels = [j for j in segment if kinds[j][0] == "label"]
        numbers = [j for j in segment if kinds[j][0] == "numbers"]
        places = [order[kinds[j][1] or ""] for j in labels]
        low = order.get(before or "", -1)
        high = order.get(row or "", len(order))
        if (
            labels
            and len(labels) == len(numbers)
            and places == sorted(set(places))
            and low < places[0]
            and places[-1] < high
        ):
            partner.update(zip(numbers, labels, strict=True))
        segment, before = [], row
    taken = set(partner.values())
    out = []
    for i, raw in enumerate(rows):
        if i in partner:
            # Words apart on the label's line are cells of their own (group, then row).
            label = [
                RawCell(m.group(), c.start + m.start(), c.start + m.end())
                for c in rows[partner[i]].cells
                for m in regex.finditer(r"\S+", c.text)
            ]
            # The label takes the empty cells its row kept where the label stood.
            empty = next((k for k, c in enumerate(raw.cells) if c.text), len(raw.cells))
            cells = raw.cells[min(empty, len(label)) :]
            out.append(RawRow((*label, *cells), raw.row, raw.columns))
        elif i not in taken:
            out.append(raw)
    return out


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
    """Reads the grids (:class:`SourceTable`) a reader of ``format`` found in a section.

    A reader plugin that finds tables (HTML markup, a Word file) pairs with one of these: it
    claims a section with certainty when its own reader found a table there.
    """

    name: str
    format: str

    def _tables(self, section: SectionText) -> list[SourceTable]:
        if section.document.format != self.format:
            return []
        end = section.offset + len(section.text)
        return [t for t in section.document.tables if section.offset <= t.start < end]

    def score(self, section: SectionText) -> float:
        """Certain when the document is of this format and has a table in this section."""
        return 1.0 if self._tables(section) else 0.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One raw table per grid, each cell with its span in the normalised text."""
        text = section.document.text
        return [
            RawTable(
                tuple(
                    RawRow(
                        tuple(
                            RawCell(text[c.start : c.end].strip(), c.start, c.end, c.spanned)
                            for c in row
                        )
                    )
                    for row in table.rows
                ),
                self.name,
                aligned=True,
            )
            for table in self._tables(section)
        ]
