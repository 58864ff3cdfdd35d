"""The rules of a table drawn on a scanned page: long thin runs of dark pixels.

The page is binarised against its neighbourhood (a grey background, uneven light), then opened
with a long flat (or tall thin) element: only runs longer than a character's stroke survive,
so a rule stays and text goes. Each run left is a rule segment; the core's table finder snaps
and joins them as it does a PDF's drawn rules.
"""

from __future__ import annotations

import cv2
import numpy as np

# A rule is longer than this many inches (a character of 16 pt is 0.22 inch wide).
_LEAST_RULE = 0.3
# ... and thinner than this many inches (a thick border is 1.5 pt).
_MOST_THICKNESS = 0.04
# Binarising: the neighbourhood, in inches, and how much darker than it a rule's pixel is.
_NEIGHBOURHOOD = 0.12
_DARKER = 12

Segment = tuple[float, float, float, float]  # x0, x1, top, bottom in pixels


def rules(grey: np.ndarray, dpi: float) -> list[Segment]:
    """The horizontal (``top == bottom``) and vertical (``x0 == x1``) rule segments."""
    block = max(3, int(_NEIGHBOURHOOD * dpi) | 1)
    dark = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, _DARKER
    )
    # A gap of a pixel or two (JPEG, a faint print) does not cut a rule.
    length = max(8, int(_LEAST_RULE * dpi))
    thickness = max(2, int(_MOST_THICKNESS * dpi))
    out: list[Segment] = []
    for horizontal in (True, False):
        shape = (length, 1) if horizontal else (1, length)
        closing = (5, 1) if horizontal else (1, 5)
        mask = cv2.morphologyEx(
            dark, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, closing)
        )
        mask = cv2.morphologyEx(
            mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        )
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, width, height, _area in stats[1:count]:
            if horizontal and width >= length and height <= thickness:
                middle = y + height / 2
                out.append((float(x), float(x + width), middle, middle))
            elif not horizontal and height >= length and width <= thickness:
                middle = x + width / 2
                out.append((middle, middle, float(y), float(y + height)))
    return out
