"""The OCR engine: RapidOCR's PP-OCRv4 models on onnxruntime, loaded once per process."""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import re
from typing import Any, NamedTuple

import numpy as np

#: The characters of a number of a table: digits, a sign, separators, a decimal point.
NUMERIC = frozenset("0123456789-−+.,，．")
# A space the recogniser sets inside a number, beside its decimal point (0. 000): no number
# of a table is printed so.
_NUMBER_GAP = re.compile(r"(?<=\d[.．])\s+(?=\d)|(?<=\d)\s+(?=[.．]\d)")
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
    threads = _threads()
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads)


def _threads() -> int:
    """Threads each model runs on: ``GOVINFO_OCR_THREADS`` when set; one in a worker process
    (``parse_many`` runs a worker per core, and threads on top of them only contend); else
    every core (-1)."""
    stated = os.environ.get("GOVINFO_OCR_THREADS", "")
    if stated.isdigit() and int(stated) > 0:
        return int(stated)
    return 1 if multiprocessing.parent_process() is not None else -1


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
    return TextBox(corners, _NUMBER_GAP.sub("", str(found[1])), float(found[2]), characters)


def read_line(image: np.ndarray) -> tuple[str, float]:
    """The text of ``image`` cut tight around one line of text, and its confidence."""
    result, _ = _engine()(image, use_det=False, use_cls=False)
    if not result:
        return "", 0.0
    text, confidence = result[0]
    return str(text), float(confidence)


_DIGITS = "0123456789"


def read_number(image: np.ndarray) -> tuple[str, float] | None:
    """``image`` (cut tight around a short run) read as digits: each glyph the digit the
    recogniser finds likeliest, with the confidence of that digit among the ten; ``None``
    when a glyph is likelier something else than any digit (a dash, a letter, a word).

    A lone ``0`` often comes with little confidence because ``o``, ``O`` and ``。`` share its
    shape: in a column of counts those are no readings, and what matters is how sure the
    recogniser is that it is this digit and not another.
    """
    recogniser = _engine().text_rec
    height, width = image.shape[:2]
    ratio = max(width / height, 320 / 48)
    batch = recogniser.resize_norm_img(image, ratio)[np.newaxis, :].astype(np.float32)
    steps = recogniser.session(batch)[0][0]  # time steps x classes, softmax
    classes = recogniser.postprocess_op.character
    digits = [classes.index(d) for d in _DIGITS]
    best = steps.argmax(axis=1)
    glyphs: list[np.ndarray] = []
    previous = 0
    for step, chosen in zip(steps, best, strict=True):
        if chosen not in (0, previous):
            glyphs.append(step)
        elif chosen != 0 and glyphs and step[chosen] > glyphs[-1][chosen]:
            glyphs[-1] = step
        previous = chosen
    if not glyphs:
        return None
    text, confidence = "", 1.0
    for step in glyphs:
        mass = step[digits]
        if mass.sum() < step[1:].sum() - mass.sum():
            return None  # likelier not a digit at all
        text += _DIGITS[int(mass.argmax())]
        confidence = min(confidence, float(mass.max() / mass.sum()))
    return text, confidence
