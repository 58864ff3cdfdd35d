"""What the engine read, as a page the core lays out: characters and rules in PDF points."""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from govinfo_report.positions import Char, Edge, PageContent, PageImage

from ._cells import doubt_unread_ink, joined_decimals, read_empty_cells, reread_short
from ._engine import NUMERIC, TextBox, read_text
from ._image import INK, bounded, despeckled, grey_pixels, rotation, skew, straightened
from ._rules import rules

# Without a stated resolution, the text's median height is taken for this many points (the
# body of a report is set in 12 to 16 pt; its tables in 10.5 to 12).
_TYPICAL_HEIGHT = 13.0
# A page's width in inches (A4), for a whole page's scan whose resolution is not stated.
_A4 = (8.27, 11.69)


def recognised_page(image: PageImage) -> PageContent:
    """``image`` read: each character with its box and confidence, and the table rules."""
    grey, dpi = grey_pixels(image)
    grey, dpi = bounded(grey, dpi)
    grey = despeckled(grey)
    if not np.any(grey < INK):  # a blank page: nothing to read, and no need to run the models
        height, width = grey.shape[:2]
        scale = 72 / (dpi or 200.0)
        x, y = image.origin
        return PageContent(x + width * scale, y + height * scale, (), ())
    boxes = read_text(np.dstack([grey] * 3))
    angle = skew([box.corners for box in boxes])
    if angle:
        matrix = rotation(grey, angle)
        grey = straightened(grey, matrix)
        boxes = [_turned(box, matrix) for box in boxes]
    height, width = grey.shape[:2]
    dpi = dpi or _resolution(width, height, boxes)
    segments = [Edge(*segment) for segment in rules(grey, dpi)]
    boxes = reread_short(grey, boxes, dpi)
    boxes += read_empty_cells(grey, segments, boxes, dpi)
    boxes = doubt_unread_ink(grey, joined_decimals(boxes))
    scale = 72 / dpi
    x_origin, y_origin = image.origin

    def place(x: float, y: float) -> tuple[float, float]:
        return x_origin + x * scale, y_origin + y * scale

    chars = [char for box in boxes for char in _chars(box, place)]
    edges = [_edge(segment, place) for segment in segments]
    return PageContent(*place(width, height), tuple(chars), tuple(edges))


def _edge(edge: Edge, place: Callable[[float, float], tuple[float, float]]) -> Edge:
    x0, top = place(edge.x0, edge.top)
    x1, bottom = place(edge.x1, edge.bottom)
    return Edge(x0, x1, top, bottom)


def _turned(box: TextBox, matrix: np.ndarray) -> TextBox:
    """``box`` in the straightened image."""

    def turn(x: float, y: float) -> tuple[float, float]:
        return (
            matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2],
            matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2],
        )

    corners = tuple(turn(x, y) for x, y in box.corners)
    # A character's box moves with the run's top edge (the turn is a few degrees at most).
    characters = tuple(
        (turn(x0, top)[0], turn(x0, top)[1], turn(x1, top)[0], turn(x1, bottom)[1])
        for x0, top, x1, bottom in box.characters
    )
    return box._replace(corners=corners, characters=characters)


def _resolution(width: int, height: int, boxes: Sequence[TextBox]) -> float:
    """Pixels per inch of an image that does not say: a page's from its width, when it is
    shaped like A4; otherwise the one that makes its text a typical size."""
    if height and abs(height / width - _A4[1] / _A4[0]) < 0.08:
        return width / _A4[0]
    heights = [abs(box.corners[3][1] - box.corners[0][1]) for box in boxes if box.text.strip()]
    if not heights:
        return 200.0
    return statistics.median(heights) * 72 / _TYPICAL_HEIGHT


def _chars(box: TextBox, place: Callable[[float, float], tuple[float, float]]) -> Iterator[Char]:
    """The characters of a run, each in its own box where the engine gave one, else in a
    share of the run's width (a full-width character twice a half-width one)."""
    text = box.text
    corners = [place(x, y) for x, y in box.corners]
    top = min(y for _, y in corners)
    bottom = max(y for _, y in corners)
    visible = [c for c in text if not c.isspace()]
    # A number is one word, however wide the gaps the engine saw inside it (0. 000).
    number = set(text) <= NUMERIC | {" "}
    if box.characters and not number and len(box.characters) in (len(text), len(visible)):
        letters = text if len(box.characters) == len(text) else "".join(visible)
        for letter, (x0, _, x1, _) in zip(letters, box.characters, strict=True):
            if letter.isspace():
                continue
            left, _ = place(x0, box.corners[0][1])
            right, _ = place(x1, box.corners[0][1])
            yield Char(letter, left, right, top, bottom, box.confidence)
        return
    left = min(x for x, _ in corners)
    right = max(x for x, _ in corners)
    weights = [_width(c) for c in text]
    total = sum(weights) or 1.0
    x = left
    for letter, weight in zip(text, weights, strict=True):
        step = (right - left) * weight / total
        if not letter.isspace():
            yield Char(letter, x, x + step, top, bottom, box.confidence)
        x += step


def _width(letter: str) -> float:
    return 1.0 if unicodedata.east_asian_width(letter) in ("W", "F") else 0.55
