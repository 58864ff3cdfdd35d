"""Where a span of the normalised text stands in the source the user gave us."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from typing import NamedTuple

import attrs

from .._intermediate import Recognised
from ._normalise import NormalisedText


class Place(NamedTuple):
    """A span's place in the source: its line, its offsets (text sources) and its text."""

    line: int | None
    start: int | None
    end: int | None
    text: str


_Placer = Callable[[int, int], tuple[int | None, int | None, int | None, str]]


@attrs.frozen
class Locator:
    """Maps spans of the normalised text back to the source document.

    For a text source, offsets and lines are those of the text itself. For a document a reader
    turned into text (an HTML page), ``anchors`` give the source line of each stretch of the
    text; offsets into the page's markup are not kept, so places have a line but no offsets.
    """

    doc: NormalisedText
    anchors: tuple[tuple[int, int], ...] | None = None
    #: The spans of the source text a recogniser read from images, in order.
    recognised: tuple[Recognised, ...] = ()

    @functools.cached_property
    def _anchor_offsets(self) -> tuple[int, ...]:
        return tuple(o for o, _ in self.anchors) if self.anchors else ()

    @functools.cached_property
    def _recognised_ends(self) -> tuple[int, ...]:
        return tuple(r.end for r in self.recognised)

    def recognition(self, start: int, end: int) -> Recognised | None:
        """How span ``start:end`` of the normalised text was recognised, when it was: the
        least confidence of the recognised spans it overlaps, with the first one's page and
        box; ``None`` for text from a text layer."""
        if not self.recognised:
            return None
        start, end = self._to_original(start, end)
        i = bisect.bisect_right(self._recognised_ends, start)
        overlapped = []
        for span in self.recognised[i:]:
            if span.start >= max(end, start + 1):
                break
            overlapped.append(span)
        if not overlapped:
            return None
        least = min(span.confidence for span in overlapped)
        return overlapped[0]._replace(confidence=least)

    @functools.cached_property
    def _to_original(self) -> Callable[[int, int], tuple[int, int]]:
        return self.doc.span_mapper()

    def line_of(self, offset: int) -> int | None:
        """The source line of offset ``offset`` of the normalised text."""
        return self._source_line(self.doc.original_offset(offset))

    def _source_line(self, original: int) -> int | None:
        if self.anchors is None:
            return self.doc.original_line(original)
        i = bisect.bisect_right(self._anchor_offsets, original) - 1
        return self.anchors[i][1] if i >= 0 else None

    def place(self, start: int, end: int) -> Place:
        """The place in the source of span ``start:end`` of the normalised text."""
        return Place(*self.placer()(start, end))

    def placer(self) -> _Placer:
        """A function giving the place in the source of a span of the normalised text, as a
        plain tuple of :class:`Place`'s fields: made once per locator, then called for each
        cell and finding."""
        return self._placer

    @functools.cached_property
    def _placer(self) -> _Placer:
        if self.anchors is None:
            return self.doc.span_placer()
        original = self.doc.original
        to_original = self._to_original
        source_line = self._source_line

        def read_place(start: int, end: int) -> tuple[int | None, None, None, str]:
            start, end = to_original(start, end)
            return source_line(start), None, None, original[start:end]

        return read_place
