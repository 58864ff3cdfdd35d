"""Renderers: a canonical report written as a full document in each layout the library reads."""

from __future__ import annotations

from typing import Any

from .._model import Report
from ._writers import WRITERS

#: The layouts :func:`render` writes.
LAYOUTS = tuple(WRITERS)


def render(report: Report, layout: str = "html", **options: Any) -> str:
    """Write ``report`` as a whole document (title, six parts, official tables) in ``layout``.

    Layouts: ``html`` (a web page with the official rowspan/colspan; options ``charset`` for
    the encoding it declares and ``word=True`` for Word-pasted cell markup), ``pipe``, ``tab``,
    ``markdown``, ``lines`` (one cell per line), ``spaces`` (a PDF's text layer) and ``glued``
    (cells concatenated with no separator, as crawlers flatten tables; ``breaks=False`` puts
    each table on one line).
    """
    try:
        writer = WRITERS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}") from None
    return writer(report, **options)


__all__ = ["LAYOUTS", "render"]
