"""govinfo-report-ocr: scanned reports and pictures of their tables, read by OCR.

A plugin for ``govinfo_report``: it implements the ``govinfo_report_recognise`` hook, which
the core's readers call with a page image — a PDF page without text, a large picture on a PDF
page, an image file. The PP-OCRv4 Chinese models (RapidOCR, on onnxruntime's CPU build) read
the text with a box and a confidence per character, the rules of the page's tables are found in
its pixels, and the core lays both out as it lays out a PDF page: each value keeps its
confidence and box in its provenance, and the tables' identities decide which values stand.
"""

from __future__ import annotations

from govinfo_report.hookspecs import hookimpl
from govinfo_report.positions import PageContent, PageImage

__all__ = ["recognise"]


def recognise(image: PageImage) -> PageContent:
    """The characters (with confidences) and table rules of ``image``, in PDF points."""
    # NumPy, OpenCV and onnxruntime take a few hundred milliseconds to import: the first page
    # recognised pays for them, not every process that loads the plugins to parse text.
    from ._page import recognised_page  # noqa: PLC0415

    return recognised_page(image)


@hookimpl
def govinfo_report_recognise(image: PageImage) -> PageContent | None:
    """Recognise ``image``."""
    return recognise(image)
