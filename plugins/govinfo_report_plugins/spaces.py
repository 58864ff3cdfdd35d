"""Rows as lines with cells split by spaces, as text extracted from a PDF gives them.

A line's trailing numbers are its values, the words before them its labels; labels on lines of
their own (a label wrapped by the PDF, a vertical cell printed one character per line) join the
labels of the next row of numbers. Spaces cannot show an empty cell, so a row with fewer values
than columns is never placed by position.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import (
    Extractor,
    RawCell,
    RawRow,
    RawTable,
    SectionText,
    is_rule,
    is_value,
)

# Every character str.split() splits a line on (no line holds a line break); a substring test
# for each costs a quarter of one regex search for all of them.
_SPACES = tuple(chr(c) for c in range(0x3000 + 1) if chr(c).isspace() and c != 10)


def _tokens(line: str, offset: int) -> list[RawCell]:
    """The words of ``line`` (at document ``offset``) as cells."""
    cells = []
    end = 0
    for word in line.split():
        start = line.find(word, end)  # only spaces stand between the last word and this one
        end = start + len(word)
        cells.append(RawCell(word, offset + start, offset + end))
    return cells


def _row_of_numbers(words: Sequence[str]) -> bool:
    """Words then at least one number, or numbers alone: a table row in this layout."""
    return (
        len(words) >= 2
        and is_value(words[-1])
        and (not is_value(words[0]) or all(is_value(w) for w in words))
    )


class SpacesExtractor:
    """Reads tables whose cells are separated by spaces."""

    name = "spaces"

    def score(self, section: SectionText) -> float:
        """The share of non-empty lines that are rows of numbers, unless lines are delimited."""
        lines = section.filled_lines()
        if not lines or section.delimited or not any(s in section.text for s in _SPACES):
            return 0.0  # without a space no line has two words (one cell per line)
        return sum(_row_of_numbers(line.split()) for _, line in lines) / len(lines)

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """Each line of numbers closes a row; label lines before it join that row's labels."""
        rows: list[RawRow] = []
        labels: list[RawCell] = []
        for offset, line in section.filled_lines():
            if is_rule(line):
                continue
            tokens = _tokens(line, offset)
            first_value = len(tokens)
            while first_value > 0 and tokens[first_value - 1].is_value:
                first_value -= 1
            words, values = tokens[:first_value], tokens[first_value:]
            labels.extend(words)
            if values:
                rows.append(RawRow((*labels, *values)))
                labels = []
        if labels:  # a last row whose cells were all empty
            rows.append(RawRow(tuple(labels)))
        return (RawTable(tuple(rows), self.name, keeps_empty_cells=False),)


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the space-separated extractor."""
    return (SpacesExtractor(),)
