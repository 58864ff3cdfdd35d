"""A page as the layout reads it: characters with their boxes, and rule segments.

Boxes are in PDF points, top-down. A character's box spans its advance horizontally and its em
vertically, from the font's descent up by the font size (the typographic box, the same for
every glyph of a line), so that lines and gaps measure alike whatever the glyphs. A page read
by recognising an image (a scan) gives each character the confidence of its recognition; a
text layer's characters are certain.
"""

from __future__ import annotations

from typing import NamedTuple

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
