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
import zlib
from collections.abc import Sequence
from typing import Any

import regex

from govinfo_report.errors import InputError, LimitError
from govinfo_report.hookspecs import hookimpl
from govinfo_report.limits import MAX_PDF_INFLATED_BYTES, MAX_PDF_PAGES, within
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

from ._pdf_layout import Item, lines_of, page_items, words_of, write_pages

PDF_MAGIC = b"%PDF-"
_STREAM = regex.compile(rb"stream\r?\n")
_CHUNK = 1 << 16


def read_pdf(data: bytes) -> ReadDocument:
    """The text layer of a PDF page by page, its tables as grids; lines anchor to pages."""
    try:
        import pdfplumber  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise InputError(
            "reading PDF files needs pdfplumber: pip install 'govinfo-report[pdf]'"
        ) from exc
    if _inflated_bytes(data) > MAX_PDF_INFLATED_BYTES:
        raise LimitError(
            f"the PDF's streams inflate to more bytes than the limit of {MAX_PDF_INFLATED_BYTES:,}"
        )
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            within(_page_count(pdf), MAX_PDF_PAGES, "pages of the PDF")
            pages = [_items(page) for page in pdf.pages]
    except LimitError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a malformed file
        raise InputError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    written = write_pages(pages)
    return ReadDocument(written.text, tuple(written.tables), tuple(written.anchors), format="pdf")


def _inflated_bytes(data: bytes) -> int:
    """What the file's deflated streams inflate to together, counted in bounded memory and
    no further than just past the limit (a stream that is no deflate data counts nothing)."""
    total = 0
    for found in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        position, pending = found.end(), b""
        while not inflater.eof and total <= MAX_PDF_INFLATED_BYTES:
            if not pending:
                if position >= len(data):
                    break
                pending, position = data[position : position + _CHUNK], position + _CHUNK
            try:
                total += len(inflater.decompress(pending, _CHUNK))
            except zlib.error:
                break
            pending = inflater.unconsumed_tail
        if total > MAX_PDF_INFLATED_BYTES:
            break
    return total


def _page_count(pdf: Any) -> int:
    """The page count the PDF's page tree states (read before any page is built)."""
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415 - with pdfplumber, an optional extra

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count", 0))
    except (KeyError, AttributeError, TypeError):
        return 0
    return count if isinstance(count, int) else 0


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
