"""Review pages: a report's official tables with the cells its findings involve marked."""

from __future__ import annotations

from ._page import Entry, review_page
from ._write import PAGE_LIMIT, index_page, is_directory_target, write_atomically, write_review

__all__ = [
    "PAGE_LIMIT",
    "Entry",
    "index_page",
    "is_directory_target",
    "review_page",
    "write_atomically",
    "write_review",
]
