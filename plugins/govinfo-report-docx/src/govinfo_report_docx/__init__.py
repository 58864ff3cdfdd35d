"""govinfo_report_docx: a govinfo_report plugin for annual reports drafted as Word .docx files.

Installed, it registers through the entry-point group ``govinfo_report``: ``govinfo_report.parse``
and ``govinfo-report parse report.docx`` then read .docx files, their tables from Word's own
table structure. ``render_docx(report)`` writes a report as a .docx (for tests and examples).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govinfo_report import Rule, hookimpl
from govinfo_report.tables import Extractor, GridExtractor, ReadDocument

from ._format import is_docx
from ._rules import COMMENTS, RULES, TRACKED_CHANGES

if TYPE_CHECKING:
    from ._read import read_docx
    from ._write import render_docx

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``read_docx`` and ``render_docx``, imported on first use: python-docx is imported only
    when a Word file is read or written, not whenever the host loads its plugins."""
    if name == "read_docx":
        from ._read import read_docx  # noqa: PLC0415

        return read_docx
    if name == "render_docx":
        from ._write import render_docx  # noqa: PLC0415

        return render_docx
    raise AttributeError(f"module 'govinfo_report_docx' has no attribute {name!r}")


@hookimpl
def govinfo_report_file_types() -> Sequence[str]:
    """Word files: ``.docx``."""
    return (".docx",)


@hookimpl
def govinfo_report_read_bytes(data: bytes, path: str | None) -> ReadDocument | None:
    """Read ``data`` when it is a Word .docx file (a ZIP package with ``word/document.xml``)."""
    if not is_docx(data):
        return None
    from ._read import read_docx  # noqa: PLC0415

    return read_docx(data)


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """The extractor of the grids the reader found in a .docx file."""
    return (GridExtractor("docx", "docx"),)


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """DOCX001 (tracked changes left in the file) and DOCX002 (comments left in it)."""
    return RULES


__all__ = ["COMMENTS", "TRACKED_CHANGES", "__version__", "is_docx", "read_docx", "render_docx"]
