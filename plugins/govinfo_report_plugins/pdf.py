"""PDF files: the text layer rebuilt from positions, with the tables as grids.

Needs the optional extra ``govinfo-report[pdf]`` (pdfplumber). Each page's words are set in
lines by their positions and its tables rebuilt as grids (see :mod:`._pdf_layout`): ruled
tables from their drawn lines, others from the columns their numbers share. The ``pdf``
extractor hands the grids to the core's mapping, where an empty cell is a blank cell; the text
keeps every table as tab-separated rows, so the text extractors still read a table the grids
missed. A scanned PDF has no text layer, and the report says so instead of guessing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from govinfo_report.errors import InputError
from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

from ._pdf_layout import Item, lines_of, page_items, words_of, write_pages

PDF_MAGIC = b"%PDF-"


def read_pdf(data: bytes) -> ReadDocument:
    """The text layer of a PDF page by page, its tables as grids; lines anchor to pages."""
    try:
        import pdfplumber  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise InputError(
            "reading PDF files needs pdfplumber: pip install 'govinfo-report[pdf]'"
        ) from exc
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_items(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds of error on a malformed file
        raise InputError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    written = write_pages(pages)
    return ReadDocument(written.text, tuple(written.tables), tuple(written.anchors), format="pdf")


def _items(page: Any) -> list[Item]:
    """The page's lines and tables; only its lines when its drawing defeats the table finder
    (the text extractors still read tables from the lines)."""
    try:
        return page_items(page)
    except (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError):
        return list(lines_of(words_of(page)))


@hookimpl
def govinfo_report_read_bytes(data: bytes, path: str | None) -> ReadDocument | None:
    """Read ``data`` when it is a PDF file."""
    return read_pdf(data) if data.startswith(PDF_MAGIC) else None


# Called first, as the HTML grids are: where a grid and its rows as tab-separated text both
# claim a section, the grid knows the columns for certain.
@hookimpl(tryfirst=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the extractor of the grids rebuilt from a PDF's positions."""
    return (GridExtractor("pdf", "pdf"),)
