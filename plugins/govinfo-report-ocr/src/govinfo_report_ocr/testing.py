"""Scans for tests and benchmarks: reports rendered, rasterised, degraded, saved as scans.

``scans()`` draws how a page was scanned — resolution, tilt, blur, JPEG quality, salt noise,
grey paper, colour — within what agencies' scanners give; ``scanned_pdf`` and ``scanned_png``
turn a PDF (``govinfo_report.testing.pdf.render_pdf`` of a generated report, or a real one)
into an image-only PDF or PNG pages scanned that way; ``tally`` scores a parse against the
report it came from: exact, unknown or wrong, and whether a finding names each cell that is
not exact. Needs the test extra (hypothesis, reportlab).
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from collections.abc import Iterator

import attrs
import cv2
import numpy as np
import pypdfium2 as pdfium
from hypothesis import strategies as st
from PIL import Image

from govinfo_report import TABLE_SECTIONS, Report, keys
from govinfo_report.testing import same_value

__all__ = [
    "Scan",
    "Tally",
    "pictured_tables",
    "rasterised",
    "scanned_pdf",
    "scanned_png",
    "scans",
    "tally",
]


@attrs.frozen
class Scan:
    """How a page was scanned."""

    dpi: int = 200
    #: Degrees the page turned on the glass (clockwise positive).
    angle: float = 0.0
    #: Gaussian blur, in pixels of standard deviation.
    blur: float = 0.0
    #: JPEG quality the scanner saved at; ``None`` for lossless.
    jpeg: int | None = None
    #: The share of pixels flipped to black or white.
    salt: float = 0.0
    #: The grey of the paper (255: white).
    paper: int = 255
    colour: bool = False
    seed: int = 0

    @property
    def clean(self) -> bool:
        """True for a straight, sharp, lossless scan on white paper."""
        return (self.angle, self.blur, self.jpeg, self.salt, self.paper) == (0, 0, None, 0, 255)


def scans(degraded: bool = True) -> st.SearchStrategy[Scan]:
    """Scans at 150, 200 or 300 dpi; degraded: tilted up to 2°, blurred, JPEG at quality 50
    to 70, salted, on grey paper, in colour — each or not."""
    if not degraded:
        return st.builds(Scan, dpi=st.sampled_from([150, 200, 300]))
    return st.builds(
        Scan,
        dpi=st.sampled_from([150, 200, 300]),
        angle=st.sampled_from([0.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0]),
        blur=st.sampled_from([0.0, 0.6, 1.0]),
        jpeg=st.sampled_from([None, 50, 60, 70]),
        salt=st.sampled_from([0.0, 0.001, 0.003]),
        paper=st.sampled_from([255, 235, 215]),
        colour=st.booleans(),
        seed=st.integers(0, 2**16),
    )


def rasterised(pdf: bytes, scan: Scan) -> Iterator[np.ndarray]:
    """Each page of ``pdf`` as the scanner saw it: grey (or BGR) pixels, degraded."""
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=scan.dpi / 72, grayscale=True)
            grey = bitmap.to_numpy().copy()
            bitmap.close()
            page.close()
            yield _degraded(grey, scan, index)
    finally:
        document.close()


def _degraded(grey: np.ndarray, scan: Scan, index: int) -> np.ndarray:
    rng = np.random.default_rng(scan.seed + index)
    out: np.ndarray = grey.astype(np.float32)
    # Grey paper: white becomes the paper's grey, black stays black.
    out = out * (scan.paper / 255.0)
    if scan.angle:
        height, width = out.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -scan.angle, 1.0)
        out = cv2.warpAffine(out, matrix, (width, height), borderValue=float(scan.paper))
    if scan.blur:
        out = cv2.GaussianBlur(out, (0, 0), scan.blur)
    if scan.salt:
        flips = rng.random(out.shape) < scan.salt
        out[flips] = rng.choice([0.0, 255.0], size=int(flips.sum()))
    pixels: np.ndarray = np.clip(out, 0, 255).astype(np.uint8)
    if scan.colour:  # a colour scan of black print: a warm cast
        pixels = cv2.merge(
            [(pixels * 0.92).astype(np.uint8), (pixels * 0.97).astype(np.uint8), pixels]
        )
    if scan.jpeg:
        ok, encoded = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, scan.jpeg])
        assert ok
        flag = cv2.IMREAD_COLOR if scan.colour else cv2.IMREAD_GRAYSCALE
        decoded = cv2.imdecode(encoded, flag)
        assert decoded is not None
        pixels = decoded
    return pixels


def _picture(pixels: np.ndarray) -> Image.Image:
    if pixels.ndim == 2:
        return Image.fromarray(pixels, "L")
    return Image.fromarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB), "RGB")


def scanned_png(pixels: np.ndarray, scan: Scan) -> bytes:
    """One scanned page as a PNG file stating its resolution."""
    out = io.BytesIO()
    _picture(pixels).save(out, "PNG", dpi=(scan.dpi, scan.dpi))
    return out.getvalue()


def scanned_pdf(pdf: bytes, scan: Scan) -> bytes:
    """``pdf`` scanned: an image-only PDF of its pages, JPEG-encoded when the scan is."""
    document = pdfium.PdfDocument.new()
    for pixels in rasterised(pdf, scan):
        height, width = pixels.shape[:2]
        page = document.new_page(width * 72 / scan.dpi, height * 72 / scan.dpi)
        image = pdfium.PdfImage.new(document)
        picture = _picture(pixels)
        if scan.jpeg:
            buffer = io.BytesIO()
            picture.save(buffer, "JPEG", quality=scan.jpeg)
            buffer.seek(0)
            image.load_jpeg(buffer, inline=True)
        else:
            bitmap = pdfium.PdfBitmap.from_pil(picture.convert("RGB"))
            image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(page.get_width(), page.get_height()))
        page.insert_obj(image)
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, bottom-up)


def pictured_tables(pdf: bytes, scan: Scan) -> bytes:
    """``pdf`` with each of its ruled tables pasted as a picture: the text around stays text,
    the table's text and rules become pixels (scanned as ``scan`` says), as agencies paste a
    table from a spreadsheet into a report."""
    document = pdfium.PdfDocument(pdf)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        objects = list(page.get_objects())
        rules = [o.get_bounds() for o in objects if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
        for region in _regions(rules, 0.04 * width * height):
            left, bottom, right, top = region
            bitmap = page.render(
                scale=scan.dpi / 72,
                grayscale=True,
                crop=(left, bottom, width - right, height - top),
            )
            pixels = _degraded(bitmap.to_numpy().copy(), scan, index)
            for obj in objects:
                x0, y0, x1, y1 = obj.get_bounds()
                if left <= (x0 + x1) / 2 <= right and bottom <= (y0 + y1) / 2 <= top:
                    page.remove_obj(obj)
            image = pdfium.PdfImage.new(document)
            image.set_bitmap(pdfium.PdfBitmap.from_pil(_picture(pixels).convert("RGB")))
            matrix = pdfium.PdfMatrix().scale(right - left, top - bottom).translate(left, bottom)
            image.set_matrix(matrix)
            page.insert_obj(image)
            objects = list(page.get_objects())
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _regions(boxes: list[Box], least_area: float) -> list[Box]:
    """``boxes`` that touch (within 2 points) merged, until none touch; those of
    ``least_area`` or more."""
    regions = [list(box) for box in boxes]
    merged = True
    while merged:
        merged = False
        for a, b in itertools.combinations(regions, 2):
            if a[0] <= b[2] + 2 and a[2] >= b[0] - 2 and a[1] <= b[3] + 2 and a[3] >= b[1] - 2:
                a[:] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
                regions.remove(b)
                merged = True
                break
    return [
        (r[0] - 1, r[1] - 1, r[2] + 1, r[3] + 1)
        for r in regions
        if (r[2] - r[0]) * (r[3] - r[1]) >= least_area
    ]


@attrs.frozen
class Tally:
    """How a parse read the cells of the report it came from."""

    exact: int = 0
    #: Unknown (absent), with a finding naming the cell or its part.
    unknown: int = 0
    #: A value other than the report's, with a finding naming that cell.
    wrong_flagged: int = 0
    #: A value other than the report's and no finding naming it: must never happen.
    wrong_silent: int = 0
    #: Unknown with no finding in its part: must never happen.
    unknown_silent: int = 0

    @property
    def cells(self) -> int:
        """The cells the report has."""
        return (
            self.exact + self.unknown + self.wrong_flagged + self.wrong_silent + self.unknown_silent
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            *(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True))
        )


def tally(expected: Report, parsed: Report, wrong: list[str] | None = None) -> Tally:
    """Score ``parsed`` against ``expected`` cell by cell (``wrong`` collects the silent
    misreadings, for a message)."""
    named: set[str] = set()
    parts: set[str | None] = set()
    for found in parsed.findings:
        parts.add(found.location.section)
        if found.location.key:
            named.add(found.location.key)
        named.update(operand.key for operand in found.operands)
    counts: Counter[str] = Counter()
    section_of = {k.key: k.section for k in keys(expected.template or "2021")}
    for key, value in expected.to_flat().items():
        if key not in parsed.cells:
            section = TABLE_SECTIONS[section_of[key]]
            counts["unknown" if key in named or section in parts else "unknown_silent"] += 1
        elif same_value(value, parsed[key]):
            counts["exact"] += 1
        elif key in named:
            counts["wrong_flagged"] += 1
        else:
            counts["wrong_silent"] += 1
            if wrong is not None:
                wrong.append(f"{key}: read {parsed[key]!r}, the report has {value!r}")
    return Tally(**counts)
