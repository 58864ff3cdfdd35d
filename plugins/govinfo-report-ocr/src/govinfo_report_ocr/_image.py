"""An image to recognise as pixels: decoded within the pixel budget, deskewed."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from govinfo_report.errors import InputError, LimitError
from govinfo_report.limits import MAX_IMAGE_PIXELS, MAX_RECOGNISED_PIXELS, within
from govinfo_report.positions import PageImage

#: Pixels darker than this (of 255) are ink, lighter ones paper.
INK = 128
# A skew beyond this many degrees is a page on its side or upside down, not a scan's tilt.
_MOST_SKEW = 5.0
# A skew under this many degrees moves a line by less than a pixel or two: left alone.
_LEAST_SKEW = 0.15
# Text runs at least this many times as wide as tall measure the skew.
_LONG_RUN = 4.0


def grey_pixels(image: PageImage) -> tuple[np.ndarray, float | None]:
    """The image as grey pixels, and its resolution when the file states a plausible one."""
    if image.mode == "encoded":
        return _decoded(image.data)
    within(image.width * image.height, MAX_IMAGE_PIXELS, "pixels of an image")
    channels = {"grey": 1, "bgr": 3, "bgra": 4}[image.mode]
    rows = np.frombuffer(image.data, np.uint8, count=image.stride * image.height)
    pixels = rows.reshape(image.height, image.stride)[:, : image.width * channels]
    if channels == 1:
        return np.ascontiguousarray(pixels), image.dpi
    pixels = pixels.reshape(image.height, image.width, channels)
    code = cv2.COLOR_BGR2GRAY if channels == 3 else cv2.COLOR_BGRA2GRAY
    return cv2.cvtColor(pixels, code), image.dpi


def _decoded(data: bytes) -> tuple[np.ndarray, float | None]:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            # The header states the size: measured before a pixel is decoded.
            within(picture.width * picture.height, MAX_IMAGE_PIXELS, "pixels of an image")
            dpi = picture.info.get("dpi")
            grey = np.asarray(picture.convert("L"))
    except Image.DecompressionBombError as exc:  # Pillow's own guard, past twice its limit
        raise LimitError(f"the image declares more pixels than the limit: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"not a readable image: {exc}") from exc
    stated = float(dpi[0]) if dpi and dpi[0] else None
    # 72 and 96 are what tools write when they know nothing.
    return grey, stated if stated and 100 <= stated <= 1200 else None


def skew(corners: Sequence[Sequence[tuple[float, float]]]) -> float:
    """The tilt of the page in degrees (clockwise positive): the median slope of the long
    runs of text; 0 when too small to matter or too large to be a tilt."""
    angles = []
    for quad in corners:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(quad[3][0] - x0, quad[3][1] - y0)
        if height and width >= _LONG_RUN * height:
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if not angles:
        return 0.0
    angle = float(np.median(angles))
    return angle if _LEAST_SKEW <= abs(angle) <= _MOST_SKEW else 0.0


def rotation(grey: np.ndarray, angle: float) -> np.ndarray:
    """The affine matrix that turns ``grey`` by ``-angle`` degrees about its centre."""
    height, width = grey.shape[:2]
    return cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)


def straightened(grey: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """``grey`` turned by ``matrix``, the corners it uncovers white."""
    height, width = grey.shape[:2]
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


# A scan with more isolated specks (dark dots of one or two pixels) than this share of its
# pixels, from dust or a noisy sensor, is cleaned with a median filter first; a clean one is
# left alone, as the filter thins the strokes of small print.
_SPECKLED = 0.0003


def despeckled(grey: np.ndarray) -> np.ndarray:
    """``grey`` with salt-and-pepper specks removed, when it has many."""
    dark = (grey < INK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    specks = int(np.count_nonzero(stats[1:count, cv2.CC_STAT_AREA] <= 2))
    return cv2.medianBlur(grey, 3) if specks > _SPECKLED * grey.size else grey


def bounded(grey: np.ndarray, dpi: float | None) -> tuple[np.ndarray, float | None]:
    """``grey`` scaled down to at most ``MAX_RECOGNISED_PIXELS`` (its resolution with it)."""
    if grey.size <= MAX_RECOGNISED_PIXELS:
        return grey, dpi
    factor = math.sqrt(MAX_RECOGNISED_PIXELS / grey.size)
    height, width = grey.shape
    size = (max(1, int(width * factor)), max(1, int(height * factor)))
    smaller = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    return smaller, dpi * factor if dpi else None
