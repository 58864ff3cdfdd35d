"""A second look at the empty cells of a ruled table: the digits detection passed over.

Text detection finds lines of prose reliably but can pass over a lone short number in a
wide cell (a ``0`` or a ``7``). A cell of a ruled table that holds ink but no detected text is
cropped tight around its ink and read again by the recogniser alone; what it reads joins the
page, with its own confidence, and the core's identities decide about it like any value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import cv2
import numpy as np

from govinfo_report.positions import Edge, ruled_cells

from ._engine import NUMERIC, TextBox, read_line, read_number
from ._image import INK

# Pixels this far inside a cell's rules are looked at (a rule is drawn over its position).
_INSET = 0.02
# A speck of noise is less than this much of an inch tall, and is no character.
_LEAST_HEIGHT = 0.04
# ... and covers less than this many square inches (dilated: a speck of 2 pixels at 200 dpi
# covers 12).
_LEAST_AREA = 0.0004
# Margins around the ink, above and below and on each side, in shares of its height: the
# recogniser is trained on text lines cut tight from a page.
_MARGINS = ((0.1, 0.3), (0.2, 0.4), (0.3, 0.5))


# Letters a recogniser gives for a digit on a poor crop (0 as o, O or 。, 1 as l or I).
_LOOKALIKES = frozenset("oOD。〇のlI|")
# A short number read with less confidence than this is read again.
_SURE = 0.9


def reread_short(grey: np.ndarray, found: Sequence[TextBox], dpi: float) -> list[TextBox]:
    """``found``, each short run of digit look-alikes (``o``, ``O``…) and each short number
    read with little confidence read again cut tight around its ink: the reading replaces
    it when it comes with more confidence, or holds digits where look-alikes stood."""
    out = []
    for box in found:
        text = box.text.strip()
        lookalike = bool(set(text) & _LOOKALIKES)
        doubtful = text.isdigit() and box.confidence < _SURE
        if not text or len(text) > 3 or not (lookalike or doubtful):
            out.append(box)
            continue
        xs = [x for x, _ in box.corners]
        ys = [y for _, y in box.corners]
        left, upper = max(0, int(min(xs))), max(0, int(min(ys)))
        region = grey[upper : int(max(ys)) + 1, left : int(max(xs)) + 1]
        number = read_number(np.dstack([region] * 3)) if region.size else None
        if number is not None:
            out.append(box._replace(text=number[0], confidence=number[1], characters=()))
            continue
        read = _read_ink(region, dpi)
        if read is None:
            out.append(box)
            continue
        text, confidence, ink = read
        if not (lookalike and text.isdigit()) and confidence <= box.confidence:
            out.append(box)
            continue
        out.append(_ink_run(text, confidence, ink, left, upper))
    return out


def _read_ink(
    region: np.ndarray, dpi: float
) -> tuple[str, float, tuple[int, int, int, int]] | None:
    """The text the recogniser reads in ``region`` cut tight around its ink, its confidence
    and the ink's box; ``None`` when the region holds no ink.

    A lone glyph reads differently as the margin around it changes (a ``0`` as ``。`` with
    too much), so it is read with three margins: what two of them read stands, with the
    lesser of their confidences; when all three differ, the commonest reading stands with
    the least confidence of all, for the identities to judge.
    """
    ink = _ink_box(region, dpi)
    if ink is None:
        return None
    height = ink[3] - ink[1]
    # Cut as the detector cuts a run (a third of the height around it): read as digits.
    above, beside = int(height * 0.3), int(height * 0.6)
    crop = _padded(region, ink, above, beside)
    number = read_number(np.dstack([crop] * 3))
    if number is not None:
        return number[0], number[1], ink
    readings = []
    for pad_y, pad_x in _MARGINS:
        crop = _padded(region, ink, int(height * pad_y), int(height * pad_x))
        readings.append(read_line(np.dstack([crop] * 3)))
    texts = Counter(text for text, _ in readings)
    text, votes = texts.most_common(1)[0]
    agreeing = [c for t, c in readings if t == text] if votes >= 2 else [c for _, c in readings]
    return text, min(agreeing), ink


def _padded(
    region: np.ndarray, ink: tuple[int, int, int, int], above: int, beside: int
) -> np.ndarray:
    """``region`` cut around ``ink`` with margins, widened with paper where it ends."""
    x0, y0, x1, y1 = ink
    crop = region[max(0, y0 - above) : y1 + above, max(0, x0 - beside) : x1 + beside]
    return cv2.copyMakeBorder(crop, 0, 0, beside, beside, cv2.BORDER_CONSTANT, value=255)


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
        read = _read_ink(cell, dpi)
        if read is None:
            continue
        text, confidence, ink = read
        if text.strip():
            out.append(_ink_run(text, confidence, ink, left, upper))
    return out


def _ink_run(
    text: str, confidence: float, ink: tuple[int, int, int, int], left: int, upper: int
) -> TextBox:
    """A run of text read in the ink box ``ink`` of a region whose corner is ``left, upper``."""
    x0, y0, x1, y1 = (float(v) for v in ink)
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    return TextBox(tuple((left + x, upper + y) for x, y in corners), text, confidence)


def _ink_box(cell: np.ndarray, dpi: float) -> tuple[int, int, int, int] | None:
    """The box of the cell's ink (specks of noise and remnants of its rules left out), or
    ``None`` for an empty cell."""
    if cell.size == 0:
        return None
    dark = (cell < INK).astype(np.uint8)
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


# Ink this many pixels beyond a run's first or last character, in columns, is unread.
_UNREAD_COLUMNS = 3
# Doubt set on a run with unread ink beside it: under the core's bar for a sure reading.
_DOUBTED = 0.5


def doubt_unread_ink(grey: np.ndarray, found: Sequence[TextBox]) -> list[TextBox]:
    """``found``, a number whose box holds ink beside its characters (a minus sign or a
    digit the recogniser dropped) marked doubtful: it reads ``841`` where ``-841`` stands."""
    return [_doubted(grey, box) for box in found]


def _doubted(grey: np.ndarray, box: TextBox) -> TextBox:
    text = box.text.strip()
    if not text or not box.characters or not set(text) <= NUMERIC:
        return box
    xs = [x for x, _ in box.corners]
    ys = [y for _, y in box.corners]
    left, top = max(0, int(min(xs))), max(0, int(min(ys)))
    region = grey[top : int(max(ys)) + 1, left : int(max(xs)) + 1]
    if region.size == 0:
        return box
    dark = region < INK
    columns = dark.sum(axis=0)
    # A rule the box touches is no character: a column dark from top to bottom.
    inked = np.nonzero((columns > 0) & (columns < 0.8 * region.shape[0]))[0] + left
    first = min(c[0] for c in box.characters) - _UNREAD_COLUMNS
    last = max(c[2] for c in box.characters) + _UNREAD_COLUMNS
    outside = int(np.count_nonzero((inked < first) | (inked > last)))
    if outside >= _UNREAD_COLUMNS:
        return box._replace(confidence=min(box.confidence, _DOUBTED))
    return box


def joined_decimals(found: Sequence[TextBox]) -> list[TextBox]:
    """``found``, an amount the detector cut at its decimal point (``0.`` and ``0000`` side by
    side on one line) made one run again: no two numbers of a table stand so."""
    out: list[TextBox] = []
    for box in sorted(found, key=lambda b: (b.corners[0][1], b.corners[0][0])):
        before = next((b for b in reversed(out) if _continues(b, box)), None)
        if before is None:
            out.append(box)
            continue
        out.remove(before)
        x0, y0 = before.corners[0]
        x1, y1 = box.corners[2]
        corners = (
            (x0, min(y0, box.corners[0][1])),
            (x1, y0),
            (x1, y1),
            (x0, max(y1, before.corners[2][1])),
        )
        out.append(
            TextBox(
                corners,
                before.text.rstrip() + box.text.lstrip(),
                min(before.confidence, box.confidence),
                (*before.characters, *box.characters)
                if before.characters and box.characters
                else (),
            )
        )
    return out


def _continues(before: TextBox, box: TextBox) -> bool:
    """True when ``box`` carries on the number ``before`` ends at its decimal point."""
    left, right = before.text.strip(), box.text.strip()
    if not (left[-1:] in ".．" and left[:-1].isdigit() and right.isdigit()):
        return False
    height = before.corners[3][1] - before.corners[0][1]
    gap = box.corners[0][0] - before.corners[1][0]
    same_line = abs(box.corners[0][1] - before.corners[0][1]) < height / 2
    return same_line and -height / 2 <= gap <= height / 2
