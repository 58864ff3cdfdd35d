"""The plugin SDK: the intermediate table form, the cell lexicon, row labels, and helpers
for writing extractors.

An extractor reads one layout (pipe rows, tab rows, one cell per line, …) of one table section
and returns :class:`RawTable` objects: rows of cells with their offsets in the normalised text.
The core maps those rows onto canonical keys, so an extractor never needs the official labels.
The names here are re-exported from the core's modules (:mod:`._intermediate`,
:mod:`._lexicon`, :mod:`._labels`, :mod:`._identities`); this module adds the helpers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import attrs
import regex

from ._identities import Identity as Identity  # noqa: PLC0414 - re-exported
from ._identities import identities as identities  # noqa: PLC0414
from ._intermediate import Document as Document  # noqa: PLC0414
from ._intermediate import Extractor as Extractor  # noqa: PLC0414
from ._intermediate import Fact as Fact  # noqa: PLC0414
from ._intermediate import GridCell as GridCell  # noqa: PLC0414
from ._intermediate import Origin as Origin  # noqa: PLC0414
from ._intermediate import RawCell as RawCell  # noqa: PLC0414
from ._intermediate import RawRow as RawRow  # noqa: PLC0414
from ._intermediate import RawTable as RawTable  # noqa: PLC0414
from ._intermediate import ReadDocument as ReadDocument  # noqa: PLC0414
from ._intermediate import SectionText as SectionText  # noqa: PLC0414
from ._intermediate import SourceTable as SourceTable  # noqa: PLC0414
from ._intermediate import TableProblem as TableProblem  # noqa: PLC0414
from ._keys import CanonicalKey, SectionName, Template, rows
from ._labels import LabelMatch as LabelMatch  # noqa: PLC0414
from ._labels import label_row as label_row  # noqa: PLC0414
from ._lexicon import BLANK_MARKS as BLANK_MARKS  # noqa: PLC0414
from ._lexicon import NUMBER as NUMBER  # noqa: PLC0414
from ._lexicon import VALUE as VALUE  # noqa: PLC0414
from ._lexicon import is_rule as is_rule  # noqa: PLC0414
from ._lexicon import is_value as is_value  # noqa: PLC0414
from ._lexicon import may_hold_rule
from ._lexicon import mostly_delimited as mostly_delimited  # noqa: PLC0414


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
        if may_hold_rule(line):
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


@cache
def _column_headers(template: Template, name: SectionName) -> frozenset[str]:
    """The section's column headers: a header cell (其他, 总计) is spelled like a row's label
    (3.其他) but names a column."""
    return frozenset(k.column_label for keys in rows(template, name).values() for k in keys)


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
    headers = _column_headers(template, name)

    def named(cell: RawCell, least: int) -> str | None:
        # A line of its own may hold a group's label and the row's: （三）不予公开 1.属于…
        for text in dict.fromkeys((cell.text, cell.text.split()[-1])):
            if text not in headers:
                quality, row = label_row(template, name, text)
                if row is not None and quality >= least:
                    return row
        return None

    def first_value(raw: RawRow) -> int | None:
        for i, cell in enumerate(raw.cells):
            if cell.text and is_value(cell.text):
                return i
        return None

    def kind(raw: RawRow, first: int | None) -> tuple[str, str | None]:
        """numbers (no label names their row), label (no numbers, not a blank row), row
        (a label and its cells), or other; and the row a label names."""
        cells = raw.cells
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

    firsts = [first_value(raw) for raw in rows]
    # Rows without numbers are few (headers, groups); with no floating label among them there
    # is nothing to pair, and the rows of numbers need not be told apart.
    if not any(
        first is None and kind(raw, None)[0] == "label"
        for raw, first in zip(rows, firsts, strict=True)
    ):
        return list(rows)
    kinds = [kind(raw, first) for raw, first in zip(rows, firsts, strict=True)]
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


__all__ = [
    "BLANK_MARKS",
    "NUMBER",
    "VALUE",
    "DelimitedExtractor",
    "Document",
    "Extractor",
    "Fact",
    "GridCell",
    "GridExtractor",
    "Identity",
    "LabelMatch",
    "Origin",
    "RawCell",
    "RawRow",
    "RawTable",
    "ReadDocument",
    "SectionText",
    "SourceTable",
    "TableProblem",
    "cells_of_line",
    "delimited_table",
    "floating_labels_attached",
    "identities",
    "is_rule",
    "is_value",
    "label_row",
    "mostly_delimited",
    "share_of_lines",
    "template_rows",
]
