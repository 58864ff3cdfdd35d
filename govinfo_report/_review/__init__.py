"""Review pages: a report's official tables with the cells its findings involve marked."""

from __future__ import annotations

from .._model import Report
from .._render._document import title_of
from ._entry import Entry
from ._page import entries_page
from ._write import PAGE_LIMIT, index_page, is_directory_target, write_review


def review_page(report: Report) -> str:
    """A self-contained HTML page: the official tables with the cells of each finding marked."""
    return entries_page([Entry(report.source.path or title_of(report), report)])


__all__ = [
    "PAGE_LIMIT",
    "Entry",
    "entries_page",
    "index_page",
    "is_directory_target",
    "review_page",
    "write_review",
]
