"""govinfo_report_office: a govinfo_report plugin for reports attached as .doc, .wps, .rtf and
.odt files.

Installed, it registers through the entry-point group ``govinfo_report``: ``govinfo_report.parse``
and ``govinfo-report parse report.doc`` then read these files by converting each with
LibreOffice headless (``soffice --convert-to docx``) and reading the result with the docx
plugin, so that tables keep their real structure, merged cells included.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report import Rule, hookimpl
from govinfo_report.tables import Extractor, ReadDocument

from ._convert import DEFAULT_TIMEOUT, TIMEOUT_VARIABLE, Conversion, convert
from ._detect import DOC, ODT, RTF, SUFFIXES, WPS, OfficeFormat, detect
from ._errors import (
    ConversionError,
    ConversionTimeoutError,
    ConverterMissingError,
    DamagedDocumentError,
    EncryptedDocumentError,
    NotADocumentError,
    OfficeError,
)
from ._extract import ConvertedGrids
from ._read import read_office
from ._rules import CONVERTED, RULES
from ._soffice import SOFFICE_VARIABLE

__version__ = "0.1.0"

#: The extractor of the grids read from converted documents (``provenance.extractor``).
EXTRACTOR = ConvertedGrids("libreoffice", frozenset(f.name for f in (DOC, WPS, RTF, ODT)))


@hookimpl
def govinfo_report_file_types() -> Sequence[str]:
    """Office documents: ``.doc``, ``.wps``, ``.rtf``, ``.odt``."""
    return SUFFIXES


@hookimpl
def govinfo_report_read_bytes(data: bytes, path: str | None) -> ReadDocument | None:
    """Read ``data`` when its content is a .doc/.wps (OLE2), RTF or OpenDocument text."""
    return read_office(data, path)


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """The extractor of the grids the docx reader found in a converted document."""
    return (EXTRACTOR,)


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """OFFICE001 (the document was converted before it was read, and by what)."""
    return RULES


__all__ = [
    "CONVERTED",
    "DEFAULT_TIMEOUT",
    "DOC",
    "EXTRACTOR",
    "ODT",
    "RTF",
    "SOFFICE_VARIABLE",
    "SUFFIXES",
    "TIMEOUT_VARIABLE",
    "WPS",
    "Conversion",
    "ConversionError",
    "ConversionTimeoutError",
    "ConvertedGrids",
    "ConverterMissingError",
    "DamagedDocumentError",
    "EncryptedDocumentError",
    "NotADocumentError",
    "OfficeError",
    "OfficeFormat",
    "__version__",
    "convert",
    "detect",
    "read_office",
]
