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

    Layouts as documents reach people, with keyword options that choose what the document
    does: ``crawler`` (a crawler's text dump of the page: its ``标题:``/``发布时间:``/
    ``原文链接:`` lines, page chrome, each part on one line or the whole page on one, each
    table's cells glued or spaced, e.g. ``cells=("glued", "spaced", "glued"), one_line=True``)
    and ``markdown_export`` (markdown from OCR, LLM or PDF conversion: marked headings,
    captions, section 三 cut by row groups, placeholder headers, floating labels, page
    footers, a renumbered outline, other wordings of the headings, e.g. ``mark="**",
    split_applications=True, floating_labels={"applications.granted": "after"}``). Their
    writers' docstrings (``write_crawler``, ``write_markdown_export``) list every option;
    ``govinfo_report.testing.noise.crawler_options()`` and ``markdown_export_options(report)``
    draw them with hypothesis.
    """
    try:
        writer = WRITERS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}") from None
    return writer(report, **options)


__all__ = ["LAYOUTS", "render"]
