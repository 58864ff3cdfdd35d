"""One cell per line, as an HTML table flattened to text by a scraper gives it.

Label lines open a row, the value lines after them are its cells. Empty cells leave no line
behind, so a row with fewer values than columns cannot be placed by position.
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


def _cells(section: SectionText) -> list[tuple[RawCell, bool]]:
    """Every line that is not blank or a rule as a cell, and whether it holds a value."""
    cells = []
    for offset, line in section.filled_lines():
        text = line.strip()
        if is_rule(text):
            continue
        start = offset + line.index(text)
        cells.append((RawCell(text, start, start + len(text)), is_value(text)))
    return cells


class LinesExtractor:
    """Reads tables written one cell per line."""

    name = "lines"

    def score(self, section: SectionText) -> float:
        """The share of non-empty lines that are bare values, unless the lines are delimited."""
        lines = section.filled_lines()
        if not lines or section.delimited:
            return 0.0
        # A rule line (------) is never a value, so the lines are counted without reading them
        # as cells: most sections scored here are in another layout.
        return sum(is_value(line.strip()) for _, line in lines) / len(lines)

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """Group label lines and the value lines that follow them into rows."""
        rows: list[RawRow] = []
        labels: list[RawCell] = []
        values: list[RawCell] = []
        for cell, value in _cells(section):
            if value:
                values.append(cell)
                continue
            if values:
                rows.append(RawRow((*labels, *values)))
                labels, values = [], []
            labels.append(cell)
        if labels or values:  # trailing labels too: a last row whose cells were all empty
            rows.append(RawRow((*labels, *values)))
        return (RawTable(tuple(rows), self.name, keeps_empty_cells=False),)


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the one-cell-per-line extractor."""
    return (LinesExtractor(),)
