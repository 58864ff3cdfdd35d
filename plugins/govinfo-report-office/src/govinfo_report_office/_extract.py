"""The extractor of converted documents' grids: the core's grid semantics, for every format
this plugin converts (a ``GridExtractor`` claims one format only)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govinfo_report.tables import GridExtractor, RawTable, SectionText


@attrs.frozen
class ConvertedGrids:
    """Reads the grids the docx reader found in a document converted from one of ``formats``."""

    name: str
    formats: frozenset[str]

    def _grids(self, section: SectionText) -> GridExtractor | None:
        form = section.document.format
        return GridExtractor(self.name, form) if form in self.formats else None

    def score(self, section: SectionText) -> float:
        """Certain when the document was converted and has a table in this section."""
        grids = self._grids(section)
        return grids.score(section) if grids is not None else 0.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One raw table per grid, each cell with its span in the normalised text."""
        grids = self._grids(section)
        return grids.extract(section) if grids is not None else ()
