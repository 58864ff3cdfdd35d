"""Where a span of the normalised text stands in the source the user gave us."""

from __future__ import annotations

import bisect
from typing import NamedTuple

import attrs

from ._normalise import NormalisedText


class Place(NamedTuple):
    """A span's place in the source: its line, its offsets (text sources) and its text."""

    line: int | None
    start: int | None
    end: int | None
    text: str


@attrs.frozen
class Locator:
    """Maps spans of the normalised text back to the source document.

    For a text source, offsets and lines are those of the text itself. For a document a reader
    turned into text (an HTML page), ``anchors`` give the source line of each stretch of the
    text; offsets into the page's markup are not kept, so places have a line but no offsets.
    """

    doc: NormalisedText
    anchors: tuple[tuple[int, int], ...] | None = None
    _anchor_offsets: tuple[int, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        offsets = tuple(o for o, _ in self.anchors) if self.anchors else ()
        object.__setattr__(self, "_anchor_offsets", offsets)

    def line_of(self, offset: int) -> int | None:
        """The source line of offset ``offset`` of the normalised text."""
        original = self.doc.original_offset(offset)
        if self.anchors is None:
            return self.doc.original_line(original)
        i = bisect.bisect_right(self._anchor_offsets, original) - 1
        return self.anchors[i][1] if i >= 0 else None

    def place(self, start: int, end: int) -> Place:
        """The place in the source of span ``start:end`` of the normalised text."""
        o_start, o_end = self.doc.original_span(start, end)
        text = self.doc.original[o_start:o_end]
        if self.anchors is None:
            return Place(self.doc.original_line(o_start), o_start, o_end, text)
        return Place(self.line_of(start), None, None, text)
