"""PDF files: the text layer, page by page, for the extractors of text layouts.

Needs the optional extra ``govinfo-report[pdf]`` (pdfplumber). Tables come out of the text layer
as lines of space-separated cells, which the ``spaces`` extractor reads; a scanned PDF has no
text layer, and the report says so instead of guessing.
"""

from __future__ import annotations

import io

from govinfo_report.errors import InputError
from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import ReadDocument

PDF_MAGIC = b"%PDF-"


def read_pdf(data: bytes) -> ReadDocument:
    """The text layer of a PDF, pages joined by line breaks; lines anchor to page numbers."""
    try:
        import pdfplumber  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise InputError(
            "reading PDF files needs pdfplumber: pip install 'govinfo-report[pdf]'"
        ) from exc
    pages: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = (page.extract_text() or "").strip("\n")
                anchors.append((length, number))
                pages.append(text)
                length += len(text) + 1
    except Exception as exc:  # pdfminer raises many kinds of error on a malformed file
        raise InputError(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    return ReadDocument("\n".join(pages), lines=tuple(anchors), format="pdf")


@hookimpl
def govinfo_report_read_bytes(data: bytes, path: str | None) -> ReadDocument | None:
    """Read ``data`` when it is a PDF file."""
    return read_pdf(data) if data.startswith(PDF_MAGIC) else None
