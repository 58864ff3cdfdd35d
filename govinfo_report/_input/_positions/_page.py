"""A page as the layout reads it: characters with their boxes, and rule segments.

Boxes are in PDF points, top-down. A character's box spans its advance horizontally and its em
vertically, from the font's descent up by the font size (the typographic box, the same for
every glyph of a line), so that lines and gaps measure alike whatever the glyphs. A page read
by recognising an image (a scan) gives each character the confidence of its recognition; a
text layer's characters are certain.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import attrs


class Char(NamedTuple):
    """One character of the text layer and its box (a tuple: pages hold thousands)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: How sure the recogniser that read the character was (``None``: from a text layer).
    confidence: float | None = None


class Edge(NamedTuple):
    """A horizontal (``top == bottom``) or vertical (``x0 == x1``) rule segment."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        """True for a horizontal rule."""
        return self.top == self.bottom


@attrs.frozen
class PageContent:
    """A page's size, characters and rules."""

    width: float
    height: float
    chars: tuple[Char, ...]
    edges: tuple[Edge, ...]


#: How the bytes of a :class:`PageImage` hold its pixels.
ImageMode = Literal["encoded", "grey", "bgr", "bgra"]


@attrs.frozen
class PageImage:
    """A page, or a picture on one, as an image to recognise.

    ``mode`` "encoded": ``data`` is an image file (PNG, JPEG, TIFF, BMP). Otherwise ``data``
    holds raw pixel rows of ``stride`` bytes, ``width`` × ``height`` pixels of one ("grey"),
    three ("bgr") or four ("bgra") bytes. ``dpi``: pixels per inch, when known; the
    recogniser gives boxes in PDF points (72 a inch). ``origin``: where the image's top-left
    corner stands on its page, in points (a picture placed on a PDF page).
    """

    data: bytes
    mode: ImageMode = "encoded"
    width: int = 0
    height: int = 0
    stride: int = 0
    dpi: float | None = None
    page: int = 1
    origin: tuple[float, float] = (0.0, 0.0)
