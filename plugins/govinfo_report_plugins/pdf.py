"""PDF files: the text layer rebuilt from positions, with the tables as grids.

Needs the optional extra ``govinfo-report[pdf]`` (pypdfium2: PDFium, see :mod:`._pdfium`).
Each page's words are set in lines by their positions and its tables rebuilt as grids by the
core's :mod:`govinfo_report.positions`: ruled tables from their drawn lines, others from the
columns their numbers share. The ``pdf`` extractor hands the grids to the core's mapping, where
an empty cell is a blank cell; the text keeps every table as tab-separated rows, so the text
extractors still read a table the grids missed. A page without text, and a large picture on a
page, go to the installed recogniser (OCR); with none, the report says the PDF has no text
layer instead of guessing. Before PDFium reads anything, the compressed streams are measured
against the budget of :mod:`govinfo_report.limits` (a FlateDecode bomb is refused, not
inflated).
"""

from __future__ import annotations

import base64
import binascii
import string
import zlib
from collections.abc import Sequence

import regex

from govinfo_report.errors import InputError, LimitError
from govinfo_report.hookspecs import hookimpl
from govinfo_report.limits import MAX_PDF_INFLATED_BYTES
from govinfo_report.positions import Recognise, read_pages
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

PDF_MAGIC = b"%PDF-"
_STREAM = regex.compile(rb"stream\r?\n")
# The dictionary before ``stream`` names an ASCII85 or hex layer over the data.
_ENCODED = regex.compile(rb"/(A85|ASCII85Decode|AHx|ASCIIHexDecode)\b")
_DICTIONARY = 512
# Deflate inflates a byte to at most this many (its longest match per shortest code); an
# ASCII85 or hex layer only lowers it.
_MOST_RATIO = 1032
_CHUNK = 1 << 16


def read_pdf(data: bytes, recognise: Recognise | None = None) -> ReadDocument:
    """The text layer of a PDF page by page, its tables as grids; lines anchor to pages.
    Pages without text and large pictures go to ``recognise`` when one is given."""
    try:
        from . import _pdfium  # noqa: PLC0415 - needs the optional extra
    except ImportError as exc:
        raise InputError(
            "reading PDF files needs pypdfium2: pip install 'govinfo-report[pdf]'; in a clone "
            "of govinfo_report: pip install '.[pdf]'"
        ) from exc
    if _inflated_bytes(data) > MAX_PDF_INFLATED_BYTES:
        raise LimitError(
            f"the PDF's streams inflate to more bytes than the limit of {MAX_PDF_INFLATED_BYTES:,}"
        )
    document = _pdfium.open_pdf(data)
    try:
        pages = list(_pdfium.pages(document, recognise))
    finally:
        document.close()
    return read_pages(pages, "pdf")


def _inflated_bytes(data: bytes) -> int:
    """What the file's compressed streams inflate to together, counted in bounded memory and
    no further than just past the limit: deflate data, also behind an ASCII85 or hex layer;
    a stream of any other data counts nothing."""
    total = 0
    for found in _STREAM.finditer(data):
        start = found.end()
        if total + (len(data) - start) * _MOST_RATIO <= MAX_PDF_INFLATED_BYTES:
            break  # what is left, were it all deflate data, stays within the limit
        encoded = _ENCODED.search(data, max(0, found.start() - _DICTIONARY), found.start())
        budget = MAX_PDF_INFLATED_BYTES - total
        raw = _inflated(data, start, budget)  # data with no text layer, whatever is named
        if encoded is not None:
            stream = _text_decoded(data, start, encoded.group(1))
            raw = max(raw, _inflated(stream, 0, budget))
        total += raw
        if total > MAX_PDF_INFLATED_BYTES:
            break
    return total


def _text_decoded(data: bytes, start: int, layer: bytes) -> bytes:
    """The bytes under a stream's ASCII85 or hex layer (as much as decodes)."""
    end = data.find(b"endstream", start)
    text = data[start : end if end >= 0 else len(data)]
    try:
        if layer.startswith(b"AHx") or layer.startswith(b"ASCIIHex"):
            digits = bytes(b for b in text.split(b">", 1)[0] if chr(b) in string.hexdigits)
            return binascii.unhexlify(digits[: len(digits) // 2 * 2])
        return base64.a85decode(text.split(b"~>", 1)[0].strip(), ignorechars=b" \t\r\n")
    except ValueError:
        return b""


def _inflated(data: bytes, start: int, budget: int) -> int:
    """What the deflate data at ``start`` inflates to, counted no further than past ``budget``."""
    inflater = zlib.decompressobj()
    size, position, pending = 0, start, b""
    while not inflater.eof and size <= budget:
        if not pending:
            if position >= len(data):
                break
            pending, position = data[position : position + _CHUNK], position + _CHUNK
        try:
            size += len(inflater.decompress(pending, _CHUNK))
        except zlib.error:
            break
        pending = inflater.unconsumed_tail
    return size


@hookimpl
def govinfo_report_file_types() -> Sequence[str]:
    """PDF files."""
    return (".pdf",)


@hookimpl
def govinfo_report_read_bytes(
    data: bytes, path: str | None, recognise: Recognise
) -> ReadDocument | None:
    """Read ``data`` when it is a PDF file."""
    return read_pdf(data, recognise) if data.startswith(PDF_MAGIC) else None


# Called first, as the HTML grids are: where a grid and its rows as tab-separated text both
# claim a section, the grid knows the columns for certain.
@hookimpl(tryfirst=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the extractor of the grids rebuilt from a PDF's positions."""
    return (GridExtractor("pdf", "pdf"),)
