"""A second look at the empty cells of a ruled table: the digits detection passed over.

Text detection finds lines of prose reliably but can pass over a lone short number in a
wide cell (a ``0`` or a ``7``). A cell of a ruled table that holds ink but no detected text is
cropped tight around its ink and read again by the recogniser alone; what it reads joins the
page, with its own confidence, and the core's identities decide about it like any value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import cv2
import numpy as np

from govinfo_report.positions import Edge, ruled_cells

from ._engine import TextBox, read_line

# Pixels this far inside a cell's rules are looked at (a rule is drawn over its position).
_INSET = 0.02
# Ink is pixels this much darker than the paper; a speck of noise is less than this much of
# an inch tall, and is no character.
_INK = 128
_LEAST_HEIGHT = 0.04
# ... and covers less than this many square inches (dilated: a speck of 2 pixels at 200 dpi
# covers 12).
_LEAST_AREA = 0.0004
# Around the ink: a tenth of its height above and below, half of it on each side, as the
# recogniser is trained on text lines cut from a page.
_PAD_Y = 0.15
_PAD_X = 0.5


def read_empty_cells(
    grey: np.ndarray, segments: Iterable[Edge], found: Sequence[TextBox], dpi: float
) -> list[TextBox]:
    """What the recogniser reads in the ruled cells where ``found`` has no text (pixels)."""
    centres = [
        (sum(x for x, _ in box.corners) / 4, sum(y for _, y in box.corners) / 4) for box in found
    ]
    inset = max(2, int(_INSET * dpi))
    out = []
    for x0, top, x1, bottom in ruled_cells(segments):
        if any(x0 <= x <= x1 and top <= y <= bottom for x, y in centres):
            continue
        left, upper = int(x0) + inset, int(top) + inset
        cell = grey[upper : int(bottom) - inset, left : int(x1) - inset]
        ink = _ink_box(cell, dpi)
        if ink is None:
            continue
        ix0, iy0, ix1, iy1 = ink
        height = iy1 - iy0
        pad_y, pad_x = int(height * _PAD_Y), int(height * _PAD_X)
        crop = cell[max(0, iy0 - pad_y) : iy1 + pad_y, max(0, ix0 - pad_x) : ix1 + pad_x]
        crop = cv2.copyMakeBorder(crop, 0, 0, pad_x, pad_x, cv2.BORDER_CONSTANT, value=255)
        text, confidence = read_line(np.dstack([crop] * 3))
        if text.strip():
            corners = (
                (left + ix0, upper + iy0),
                (left + ix1, upper + iy0),
                (left + ix1, upper + iy1),
                (left + ix0, upper + iy1),
            )
            out.append(TextBox(tuple((float(x), float(y)) for x, y in corners), text, confidence))
    return out


def _ink_box(cell: np.ndarray, dpi: float) -> tuple[int, int, int, int] | None:
    """The box of the cell's ink (specks of noise and remnants of its rules left out), or
    ``None`` for an empty cell."""
    if cell.size == 0:
        return None
    dark = (cell < _INK).astype(np.uint8)
    # A thin stroke (a 7, a 1) comes apart in a blurred or compressed scan: joined to find it.
    joined = cv2.dilate(dark, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    height, width = cell.shape
    kept = [
        n
        for n in range(1, count)
        if stats[n][4] >= _LEAST_AREA * dpi * dpi
        and stats[n][0] > 0
        and stats[n][1] > 0
        and stats[n][0] + stats[n][2] < width
        and stats[n][1] + stats[n][3] < height
    ]
    if not kept:
        return None
    ys, xs = np.nonzero(dark & np.isin(labels, kept))
    if ys.size == 0 or ys.max() + 1 - ys.min() < _LEAST_HEIGHT * dpi:
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1
