"""Markdown that carries HTML, as PDF-conversion and OCR pipelines write it.

Converters keep a table's merged cells by writing it as ``<table>`` markup inside the markdown
(one line per table), and break a cell's text with ``<br>`` inside pipe tables (``商业企<br>业``,
``三、<br>本<br>年<br>度…``). Read as an HTML page, the markdown's lines would run together;
read as plain text, the markup would hide the cells. This reader keeps the markdown's lines,
drops each ``<br>`` (a line wrapped inside a cell), and turns each ``<table>`` into a grid, as
the ``html`` reader does, so that its merged cells are known.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

from .html import looks_like_document, render_table

FORMAT = "markdown"
# A markdown table row or heading: the document is markdown, whatever markup it holds.
_MARKDOWN_LINE = regex.compile(r"^[ \t]*(?:\|.*\||#{1,6}[ \t]+\S)", regex.MULTILINE)
_MIN_MARKDOWN_LINES = 3
_MARKUP = regex.compile(r"<(?:br|table)\b", regex.IGNORECASE)
_BREAK = regex.compile(r"<br[ \t]*/?>", regex.IGNORECASE)
_TABLE = regex.compile(r"<table\b.*?</table\s*>", regex.IGNORECASE | regex.DOTALL)
# Pieces of a table a converter leaves around it (MinerU wraps each in <html><body>).
_WRAPPER = regex.compile(r"</?(?:html|body)\s*>", regex.IGNORECASE)


def is_markdown_with_markup(text: str) -> bool:
    """True for markdown (pipe rows, ``#`` headings) that holds ``<br>`` or ``<table>``."""
    if looks_like_document(text) or _MARKUP.search(text) is None:
        return False
    lines = _MARKDOWN_LINE.finditer(text)
    return all(next(lines, None) is not None for _ in range(_MIN_MARKDOWN_LINES))


def read_markdown(text: str) -> ReadDocument:
    """The markdown's text with its ``<br>`` dropped and its ``<table>`` markup as grids."""
    out: list[str] = []
    length = 0
    anchors: list[tuple[int, int]] = []
    tables = []
    pos = 0

    def write(piece: str, line: int) -> None:
        nonlocal length
        for i, part in enumerate(_WRAPPER.sub("", _BREAK.sub("", piece)).split("\n")):
            if i:
                out.append("\n")
                length += 1
            anchors.append((length, line + i))
            out.append(part)
            length += len(part)

    for m in _TABLE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        write(text[pos : m.start()], text.count("\n", 0, pos) + 1)
        if length and not "".join(out[-1:]).endswith("\n"):
            out.append("\n")
            length += 1
        grid_text, grid = render_table("\n" * (line - 1) + m.group())
        if grid is not None:
            tables.append(grid.moved(_shift(length)))
            anchors.append((length, line))
            out.append(grid_text)
            length += len(grid_text)
        pos = m.end()
    write(text[pos:], text.count("\n", 0, pos) + 1)
    return ReadDocument("".join(out), tuple(tables), tuple(anchors), format=FORMAT)


def _shift(by: int) -> Callable[[int], int]:
    return lambda offset: offset + by


# Before the HTML reader: markdown full of <br> would otherwise be taken for a page.
@hookimpl
def govinfo_report_file_types() -> Sequence[str]:
    """Markdown files (plain text files, ``.txt``, the core reads itself)."""
    return (".md", ".markdown")


@hookimpl(tryfirst=True)
def govinfo_report_read_text(text: str, path: str | None) -> ReadDocument | None:
    """Read ``text`` when it is markdown that carries HTML."""
    return read_markdown(text) if is_markdown_with_markup(text) else None


@hookimpl(tryfirst=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the extractor of the grids of ``<table>`` markup inside markdown."""
    return (GridExtractor(FORMAT, FORMAT),)
