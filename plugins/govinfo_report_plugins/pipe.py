"""Rows as lines with cells split by ``|``, as crawlers and markdown converters write tables."""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import DelimitedExtractor, Extractor


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the pipe-row extractor."""
    return (DelimitedExtractor("pipe", "|"),)
