"""The PDF backend: what PDFium (pypdfium2) gives of each page, as a :class:`PageContent`.

Characters come from PDFium's text page (the spaces and line breaks it inserts left out), each
with its loose box and its font size in page space; rules are the straight horizontal and
vertical segments of the page's paths (lines, rectangles, the thin filled boxes word
processors draw as borders), forms included, in page space. A page with no text (a scan), and
a picture that fills much of a page with text beside it (tables pasted as images), are
rendered and handed to the recogniser, when one is installed; what it reads is laid out with
the rest of the page.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from govinfo_report.errors import InputError
from govinfo_report.limits import MAX_PDF_PAGES, MAX_RECOGNISED_PAGES, within
from govinfo_report.positions import Char, Edge, PageContent, PageImage, Recognise

# A segment this far from horizontal or vertical (in points over its length) is neither.
_STRAIGHT = 0.5
# Characters of the text page that are no text: line breaks PDFium writes, and the marks of
# a character it could not map.
_SKIPPED = frozenset("\r\n\x00\ufffe\uffff")
_SURROGATE = regex.compile("[\ud800-\udfff]")
_DRAWN = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM)
# Forms nest in forms no deeper than this (a loop of forms would never end).
_MAX_FORM_DEPTH = 8
#: Pages and pictures are rendered for the recogniser at this many pixels per inch.
RENDER_DPI = 200
# A picture covering less of its page than this (a logo, a seal, a signature) is not read.
_PICTURE_SHARE = 0.04


def open_pdf(data: bytes) -> Any:
    """The PDFium document of ``data``; an owner password (no copying, no printing) is no bar,
    a user password is an ``InputError``, as is a file PDFium cannot open."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if pdfium_c.FPDF_GetLastError() == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError("the PDF is encrypted with a password needed to open it") from exc
        raise InputError(f"not a readable PDF: {exc}") from exc
    within(len(document), MAX_PDF_PAGES, "pages of the PDF")
    return document


def pages(document: Any, recognise: Recognise | None = None) -> Iterator[PageContent]:
    """Each page's content, in order; a page without text and the large pictures of a page
    with text go to ``recognise`` (when given) and what it reads joins the page's content."""
    recognised = 0
    for index in range(len(document)):
        page = document[index]
        try:
            content = _content(page)
            regions = _unread_regions(page, content) if recognise is not None else []
            if regions:
                recognised += 1
                within(recognised, MAX_RECOGNISED_PAGES, "pages recognised as images")
                assert recognise is not None
                content = _with_regions_read(page, index + 1, content, regions, recognise)
            yield content
        finally:
            page.close()


Box = tuple[float, float, float, float]


def _unread_regions(page: Any, content: PageContent) -> list[Box]:
    """What of the page only a recogniser can read: all of it when it has no text, else each
    of its large pictures that no text overlays."""
    if not content.chars:
        return [(0.0, 0.0, content.width, content.height)]
    return [box for box in _pictures(page, content) if not _holds_text(box, content)]


def _with_regions_read(
    page: Any, number: int, content: PageContent, regions: list[Box], recognise: Recognise
) -> PageContent:
    """``content`` and what the recogniser reads in ``regions`` of the page."""
    chars, edges = list(content.chars), list(content.edges)
    for region in regions:
        read = recognise(_render(page, number, region, content.height))
        if read is not None:
            chars.extend(read.chars)
            edges.extend(read.edges)
    if len(chars) == len(content.chars) and len(edges) == len(content.edges):
        return content
    return PageContent(content.width, content.height, tuple(chars), tuple(edges))


def _pictures(page: Any, content: PageContent) -> list[Box]:
    """The boxes (top-down points) of the page's image objects that cover a good share of it."""
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    area = content.width * content.height
    out = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        box = (
            max(left.value, 0.0),
            max(content.height - top.value, 0.0),
            min(right.value, content.width),
            min(content.height - bottom.value, content.height),
        )
        if (box[2] - box[0]) * (box[3] - box[1]) >= _PICTURE_SHARE * area:
            out.append(box)
    return out


def _holds_text(box: Box, content: PageContent) -> bool:
    """True when characters of the text layer stand inside ``box`` (text over a background)."""
    x0, top, x1, bottom = box
    return any(
        x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom
        for c in content.chars
    )


def _render(page: Any, number: int, region: Box, height: float) -> PageImage:
    """``region`` of ``page`` (top-down points) rendered in grey at :data:`RENDER_DPI`."""
    x0, top, x1, bottom = region
    width = page.get_width()
    # PDFium crops by the margins to cut from each side: left, bottom, right, top.
    crop = (x0, height - bottom, width - x1, top)
    bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True, crop=crop)
    try:
        data = bytes(bitmap.buffer)
        return PageImage(
            data,
            "grey",
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            RENDER_DPI,
            number,
            (x0, top),
        )
    finally:
        bitmap.close()


def _content(page: Any) -> PageContent:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = tuple(_chars(textpage.raw, height))
    finally:
        textpage.close()
    return PageContent(width, height, chars, tuple(_edges(page, height)))


def _texts(textpage: Any) -> str:
    """The text page's characters, one per index: its UTF-16 text read at once, or, where a
    character beyond the BMP takes two units and would shift the rest, one by one."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    units = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "surrogatepass")
    if len(units) == count and not _SURROGATE.search(units):
        return units
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def _chars(textpage: Any, height: float) -> Iterator[Char]:
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    loose_box, generated = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated
    ems: dict[float, float] = {}  # a loose box's height → the em of its font and size
    for i, text in enumerate(_texts(textpage)):
        if text in _SKIPPED or "\ud800" <= text <= "\udfff":
            continue  # a line break PDFium writes, a mark of an unmapped or broken character
        if text == " " and generated(textpage, i) == 1:
            continue  # a space PDFium inserted between words, not the document's
        loose_box(textpage, i, box)
        tall = box.top - box.bottom
        em = ems.get(tall)
        if em is None:
            size = pdfium_c.FPDFText_GetFontSize(textpage, i)
            if pdfium_c.FPDFText_GetMatrix(textpage, i, matrix):
                size *= abs(matrix.d) or abs(matrix.b) or 1.0
            em = ems[tall] = size if 0 < size < tall + 1 else tall
        foot = height - box.bottom
        yield Char(text, box.left, box.right, foot - em, foot)


Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as PDF writes them


def _edges(page: Any, height: float) -> list[Edge]:
    """The straight rules of the page's paths, forms' paths in page space (through PDFium's
    own calls: a Python object per page object would cost more than the rest of the read)."""
    raw = page.raw
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    out: list[Edge] = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, i)
        if get_type(obj) in _DRAWN:
            _object_edges(obj, None, height, 0, out)
    return out


def _matrix(obj: Any, outer: Matrix | None) -> Matrix:
    """The object's matrix, composed with its form's (``outer``) to reach page space."""
    raw = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, raw)
    a, b, c, d, e, f = raw.a, raw.b, raw.c, raw.d, raw.e, raw.f
    if outer is None:
        return a, b, c, d, e, f
    oa, ob, oc, od, oe, of = outer
    return (
        a * oa + b * oc,
        a * ob + b * od,
        c * oa + d * oc,
        c * ob + d * od,
        e * oa + f * oc + oe,
        e * ob + f * od + of,
    )


def _object_edges(
    obj: Any, outer: Matrix | None, height: float, depth: int, out: list[Edge]
) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind not in _DRAWN:
        return
    matrix = _matrix(obj, outer)
    if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        _path_edges(obj, matrix, height, out)
    elif depth < _MAX_FORM_DEPTH:
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _object_edges(pdfium_c.FPDFFormObj_GetObject(obj, i), matrix, height, depth + 1, out)


def _path_edges(path: Any, matrix: Matrix, height: float, out: list[Edge]) -> None:
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _straight(previous, point, height, out)
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _straight(point, start, height, out)
            previous = start


def _straight(
    a: tuple[float, float], b: tuple[float, float], height: float, out: list[Edge]
) -> None:
    """Add the segment from ``a`` to ``b`` (page space, bottom-up) when it is a rule."""
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= _STRAIGHT and abs(ax - bx) > _STRAIGHT:
        y = height - (ay + by) / 2
        out.append(Edge(min(ax, bx), max(ax, bx), y, y))
    elif abs(ax - bx) <= _STRAIGHT and abs(ay - by) > _STRAIGHT:
        x = (ax + bx) / 2
        out.append(Edge(x, x, height - max(ay, by), height - min(ay, by)))
