"""govinfo_report_docx: a govinfo_report plugin for annual reports drafted as Word .docx files.

Installed, it registers through the entry-point group ``govinfo_report``: ``govinfo_report.parse``
and ``govinfo-report parse report.docx`` then read .docx files, their tables from Word's own
table structure. ``render_docx(report)`` writes a report as a .docx (for tests and examples).
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report import Rule, hookimpl
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

from ._read import is_docx, read_docx
from ._rules import COMMENTS, RULES, TRACKED_CHANGES
from ._write import render_docx

__version__ = "0.1.0"


@hookimpl
def govinfo_report_read_bytes(data: bytes, path: str | None) -> ReadDocument | None:
    """Read ``data`` when it is a Word .docx file (a ZIP package with ``word/document.xml``)."""

    return read_docx(data) if is_docx(data) else None


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """The extractor of the grids the reader found in a .docx file."""
    return (GridExtractor("docx", "docx"),)


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """DOCX001 (tracked changes left in the file) and DOCX002 (comments left in it)."""
    return RULES


__all__ = ["COMMENTS", "TRACKED_CHANGES", "__version__", "is_docx", "read_docx", "render_docx"]
