"""An extractor plugin for tables whose cells are separated by "；" (one row per line).

Normalisation folds the full-width "；" to ";" before any extractor runs, so the extractor
splits on ";". This file is the example of the plugin guide and is exercised by
``tests/test_docs.py``: a parser with only this plugin reads every value of such a document.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report import hookimpl
from govinfo_report.tables import (
    Extractor,
    RawRow,
    RawTable,
    SectionText,
    cells_of_line,
    share_of_lines,
)

DELIMITER = ";"


class SemicolonExtractor:
    """Rows as lines, cells separated by ";"; an empty cell between two ";" is a blank cell."""

    name = "semicolon"

    def score(self, section: SectionText) -> float:
        """The share of the section's non-empty lines that contain ";"."""
        return share_of_lines(section, DELIMITER)

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One table: each non-empty line is a row, split on ";" into cells with their offsets."""
        rows = [
            RawRow(cells_of_line(line, offset, DELIMITER))
            for offset, line in section.lines()
            if line.strip()
        ]
        return (RawTable(tuple(rows), self.name),)


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the semicolon extractor."""
    return (SemicolonExtractor(),)
