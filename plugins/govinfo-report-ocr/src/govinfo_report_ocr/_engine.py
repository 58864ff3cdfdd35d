"""The OCR engine: RapidOCR's PP-OCRv4 models on onnxruntime, loaded once per process."""

from __future__ import annotations

import functools
import logging
from typing import Any, NamedTuple

import numpy as np

# Boxes read with less confidence are still kept: the core's identities decide about them,
# and a cell dropped here would read as blank.
_LEAST_SCORE = 0.3


class TextBox(NamedTuple):
    """A run of text the engine read: its four corners (pixels, clockwise from top-left),
    its text, its confidence and, when the engine gives them, a box per character."""

    corners: tuple[tuple[float, float], ...]
    text: str
    confidence: float
    characters: tuple[tuple[float, float, float, float], ...] = ()


@functools.cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR  # noqa: PLC0415 - heavy: loaded on first use

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return RapidOCR()


def read_text(image: np.ndarray) -> list[TextBox]:
    """Every run of text in ``image`` (BGR pixels), with boxes and confidences."""
    result, _ = _engine()(image, use_cls=False, return_word_box=True, text_score=_LEAST_SCORE)
    return [_box(found) for found in result or ()]


def _box(found: Any) -> TextBox:
    corners = tuple((float(x), float(y)) for x, y in found[0])
    characters: tuple[tuple[float, float, float, float], ...] = ()
    if len(found) > 3 and found[3]:
        characters = tuple(
            (
                min(float(x) for x, _ in quad),
                min(float(y) for _, y in quad),
                max(float(x) for x, _ in quad),
                max(float(y) for _, y in quad),
            )
            for quad in found[3]
        )
    return TextBox(corners, str(found[1]), float(found[2]), characters)


def read_line(image: np.ndarray) -> tuple[str, float]:
    """The text of ``image`` cut tight around one line of text, and its confidence."""
    result, _ = _engine()(image, use_det=False, use_cls=False)
    if not result:
        return "", 0.0
    text, confidence = result[0]
    return str(text), float(confidence)
