"""Image files (a scanned page, a photo of the tables): read by the installed recogniser.

The core recognises nothing itself: the image goes to the ``govinfo_report_recognise`` hook
(a plugin such as ``govinfo-report-ocr`` implements it) and what comes back is laid out as a
page of a PDF is. With no recogniser installed the document has no text, and the report says
so (``GIR003``, naming the package that reads it).
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report.hookspecs import hookimpl
from govinfo_report.positions import PageImage, Recognise, read_pages
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

#: The first bytes of the image files read: PNG, JPEG, TIFF (both byte orders), BMP.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")


def is_image(data: bytes) -> bool:
    """True for the bytes of a PNG, JPEG, TIFF or BMP file."""
    return data.startswith(IMAGE_MAGIC)


def read_image(data: bytes, recognise: Recognise) -> ReadDocument:
    """The image as one page: what the recogniser reads, or no text when none is installed."""
    content = recognise(PageImage(data))
    if content is None:
        return ReadDocument("", format="image")
    return read_pages([content], "image")


#: The suffixes of the image files read (those of :data:`IMAGE_MAGIC`).
FILE_TYPES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


@hookimpl
def govinfo_report_file_types() -> Sequence[str]:
    """Images: PNG, JPEG, TIFF and BMP (read when a recogniser is installed)."""
    return FILE_TYPES


@hookimpl
def govinfo_report_read_bytes(
    data: bytes, path: str | None, recognise: Recognise
) -> ReadDocument | None:
    """Read ``data`` when it is an image file."""
    return read_image(data, recognise) if is_image(data) else None


# Called first, as the PDF grids are: the grid a recogniser's boxes give knows the columns.
@hookimpl(tryfirst=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the extractor of the grids rebuilt from a recognised image."""
    return (GridExtractor("image", "image"),)
