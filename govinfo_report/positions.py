"""Text and tables from positions, for readers of documents that place characters on pages.

A reader that knows where each character stands (a PDF's text layer, a recogniser's boxes on
a scanned page) hands each page over as a :class:`PageContent` — characters with their boxes
and the page's rule segments, in PDF points, top-down — and :func:`read_pages` lays them out:
lines of prose, and tables rebuilt as grids from their rules or from the columns their numbers
share, joined again across page breaks. Text a recogniser read keeps its confidence and box,
so each value it gives carries them in its provenance.

A page that is an image goes to a recogniser: a plugin implementing the
``govinfo_report_recognise`` hook turns a :class:`PageImage` into a :class:`PageContent`;
readers are handed that hook as the ``recognise`` callable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ._input._positions._grid import Box, ruled_tables
from ._input._positions._layout import Item, lines_of, page_items, words_of, write_pages
from ._input._positions._page import Char as Char  # noqa: PLC0414 - re-exported
from ._input._positions._page import Edge as Edge  # noqa: PLC0414
from ._input._positions._page import PageContent as PageContent  # noqa: PLC0414
from ._input._positions._page import PageImage as PageImage  # noqa: PLC0414
from ._intermediate import ReadDocument, Recognised

__all__ = [
    "Char",
    "Edge",
    "PageContent",
    "PageImage",
    "Recognise",
    "Recognised",
    "read_pages",
    "ruled_cells",
]

#: What readers are handed: a page image → its characters and rules, or ``None`` when no
#: recogniser is installed or it can read nothing.
Recognise = Callable[[PageImage], PageContent | None]


def read_pages(pages: Iterable[PageContent], form: str) -> ReadDocument:
    """The pages laid out as one read document of format ``form``: text, table grids, page
    anchors (a line of the document is its page) and the spans read by recognition."""
    written = write_pages([_items(page) for page in pages])
    return ReadDocument(
        written.text,
        tuple(written.tables),
        tuple(written.anchors),
        format=form,
        recognised=tuple(written.recognised),
    )


def ruled_cells(edges: Iterable[Edge]) -> list[Box]:
    """The cells (``x0, top, x1, bottom``) of the tables ``edges`` draw with two columns or
    more, found as the layout finds them."""
    return [
        box
        for table in ruled_tables(edges)
        if len(table.columns) >= 2
        for row in table.rows
        for box in row
        if box is not None
    ]


def _items(page: PageContent) -> list[Item]:
    """The page's lines and tables; only its lines when its drawing defeats the table finder
    (the text extractors still read tables from the lines)."""
    try:
        return page_items(page)
    except (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError):
        return list(lines_of(words_of(page.chars)))
