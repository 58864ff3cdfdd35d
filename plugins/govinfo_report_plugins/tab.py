"""Rows as lines with cells split by tabs, as PDF and Word converters write tables."""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import DelimitedExtractor, Extractor


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the tab-row extractor."""
    return (DelimitedExtractor("tab", "\t"),)
