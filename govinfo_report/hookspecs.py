"""The hooks a govinfo_report plugin implements (pluggy project name ``govinfo_report``).

A plugin is any module or object with functions marked ``@hookimpl``; packages announce theirs
in the entry-point group ``govinfo_report``. The built-in extractors use these same hooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .positions import PageContent, PageImage, Recognise
    from .rules import Rule
    from .tables import Extractor, ReadDocument

PROJECT = "govinfo_report"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Return the table extractors this plugin provides (each scores and reads one layout)."""
    raise NotImplementedError  # a specification: pluggy calls the implementations


@hookspec
def govinfo_report_rules() -> Sequence[Rule]:
    """Return the rules this plugin provides (each with its own stable code)."""
    raise NotImplementedError


@hookspec
def govinfo_report_file_types() -> Sequence[str]:
    """Return the file suffixes your readers read (``".docx"``), taken from directories.

    ``govinfo-report check reports/`` and corpus runs read, of a directory's files and of
    what a glob matches, those whose suffix (in any case) some plugin declares; a file named
    on the command line is read whatever its suffix.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def govinfo_report_read_text(
    text: str, path: str | None, recognise: Recognise
) -> ReadDocument | None:
    """Read a document whose text is markup (an HTML page…); ``None`` when not yours.

    ``recognise`` reads a picture the page carries (a table pasted as an image).
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def govinfo_report_read_bytes(
    data: bytes, path: str | None, recognise: Recognise
) -> ReadDocument | None:
    """Read a binary document (a PDF, a Word file…); ``None`` when the format is not yours.

    ``recognise`` reads a page image (a scan, a picture of a table) with the installed
    recogniser; it returns ``None`` when there is none.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def govinfo_report_recognise(image: PageImage) -> PageContent | None:
    """Recognise the text of ``image``: its characters with their boxes and confidences and
    the table rules it shows, in PDF points on its page; ``None`` when you cannot."""
    raise NotImplementedError
