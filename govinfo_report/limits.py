"""The resource budget every reader and extractor keeps: the limits, in one place.

A report is tens of kilobytes of text and three tables of about thirty rows, so each limit
stands far above any real report and far below what would cost a reader gigabytes or minutes.
An input beyond one is refused with :class:`~govinfo_report.errors.LimitError` (a typed error
record in a corpus run) before the work it would cost is done; a count beyond
:data:`MOST_DIGITS` is read as unreadable, with finding ``GIR201``. ``docs/limits.md`` lists
them with what real reports measure.
"""

from __future__ import annotations

from .errors import LimitError

#: Bytes read from a file or taken as input (a report with scanned pages stays below it).
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: Characters of a document's text, as decoded or as a reader gives it.
MAX_CHARACTERS = 2_000_000
#: Characters of a page's markup (HTML), before its text is taken out of it.
MAX_MARKUP_CHARACTERS = 20_000_000
#: Levels elements may nest in a page (libxml2's own limit, stated here).
MAX_NESTING = 256
#: Levels tables may nest in table cells (a Word file's layout tables).
MAX_TABLE_NESTING = 32
#: Positions of one table's grid (rows × columns once rowspan and colspan are expanded).
MAX_GRID_AREA = 100_000
#: Bytes all members of an archive (.docx) unpack to, together.
MAX_ARCHIVE_BYTES = 128 * 1024 * 1024
#: Members of an archive (.docx).
MAX_ARCHIVE_MEMBERS = 10_000
#: Bytes a PDF's compressed streams inflate to, together.
MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024
#: Pages of a PDF.
MAX_PDF_PAGES = 1_000
#: Pixels of an image to recognise (a page at 600 dpi has 35 million): a small compressed
#: file can declare billions, and decoding them would take gigabytes.
MAX_IMAGE_PIXELS = 40_000_000
#: Pages of a document handed to a recogniser (OCR takes seconds a page; a scanned report has
#: a few dozen at most).
MAX_RECOGNISED_PAGES = 50
#: Pixels an image is recognised at: a larger one is scaled down to this first (a page at
#: 300 dpi has 8.7 million), so that a huge image costs no more than a page.
MAX_RECOGNISED_PIXELS = 12_000_000
#: Digits of a count: a longer one (a quadrillion or more) is no count, and is unreadable.
MOST_DIGITS = 15


def within(amount: int, limit: int, what: str) -> None:
    """Raise :class:`LimitError` naming ``what`` when ``amount`` is over ``limit``."""
    if amount > limit:
        raise LimitError(f"{what}: {amount:,} is over the limit of {limit:,}")


__all__ = [
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_MEMBERS",
    "MAX_CHARACTERS",
    "MAX_GRID_AREA",
    "MAX_IMAGE_PIXELS",
    "MAX_INPUT_BYTES",
    "MAX_MARKUP_CHARACTERS",
    "MAX_NESTING",
    "MAX_PDF_INFLATED_BYTES",
    "MAX_PDF_PAGES",
    "MAX_RECOGNISED_PAGES",
    "MAX_RECOGNISED_PIXELS",
    "MAX_TABLE_NESTING",
    "MOST_DIGITS",
    "within",
]
