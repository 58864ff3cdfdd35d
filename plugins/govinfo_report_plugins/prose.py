"""Figures stated in sentences, for reports whose tables are missing (published as images).

The core finds the sentences that name a canonical cell unambiguously (新收到政府信息公开申请443件,
上年度结转2件, 办结442件, 1件结转至下年度); this extractor hands them over as rows of the table
they belong to. Every other cell stays unknown, never zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import Extractor, RawCell, RawRow, RawTable, SectionText

# Only the fallback: a section with a table is read by a table extractor.
_FALLBACK_SCORE = 0.01


class ProseExtractor:
    """Turns the figures stated in the prose into rows of the section they belong to."""

    name = "prose"

    def score(self, section: SectionText) -> float:
        """A token score when the prose states figures of this section."""
        prefix = section.name + "."
        return (
            _FALLBACK_SCORE
            if any(f.key.startswith(prefix) for f in section.document.facts)
            else 0.0
        )

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One row per stated figure, naming its canonical row and column."""
        rows = []
        for fact in section.document.facts:
            name, *row, column = fact.key.split(".")
            if name == section.name:
                cell = RawCell(str(fact.value), fact.start, fact.end)
                rows.append(RawRow((cell,), row=".".join(row), columns=(column,)))
        return (RawTable(tuple(rows), self.name, origin="prose"),)


@hookimpl(trylast=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the prose fallback extractor."""
    return (ProseExtractor(),)
