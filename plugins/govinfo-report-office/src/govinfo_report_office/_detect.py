"""Telling an office document by its content, never by its name: an OLE2 compound file (Word
97–2003 ``.doc``, a Kingsoft WPS file in that format, a Works ``.wps``), RTF, OpenDocument text.

An OLE2 file is looked into before LibreOffice starts: its streams tell a Word document from a
spreadsheet, and the Word header (the FIB) says whether it is encrypted. A ``.docx`` is not
ours (the docx plugin reads it), nor is an HTML page saved under a ``.doc`` name.
"""

from __future__ import annotations

import codecs
import io
from pathlib import PurePath

import attrs

from ._errors import DamagedDocumentError, EncryptedDocumentError, NotADocumentError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
#: The Word header's magic numbers: Word 97 and later, Word 6 and 95.
WORD_IDENTS = (0xA5EC, 0xA5DC)
#: ``fEncrypted`` in the FIB's flags (offset 10): set by Word's XOR obfuscation and by RC4.
F_ENCRYPTED = 0x0100
_STREAMS_SHOWN = 6


@attrs.frozen
class OfficeFormat:
    """A format LibreOffice converts: its short name (the report's ``source.format``)."""

    name: str
    description: str

    @property
    def suffix(self) -> str:
        """The suffix the private copy handed to LibreOffice is given (``.doc``)."""
        return f".{self.name}"


DOC = OfficeFormat("doc", "a Word 97–2003 document")
WPS = OfficeFormat("wps", "a Works word-processor document")
RTF = OfficeFormat("rtf", "an RTF document")
ODT = OfficeFormat("odt", "an OpenDocument text")
#: The suffixes of the files this plugin reads, taken from directories.
SUFFIXES = (".doc", ".wps", ".rtf", ".odt")


def is_rtf(data: bytes) -> bool:
    """True for RTF: ``{\\rtf`` after an optional byte-order mark and white space."""
    return data[:16].lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{\\rtf")


def is_odt(data: bytes) -> bool:
    """True for a ZIP whose first member is ``mimetype`` naming an OpenDocument text (or its
    template or master document), as the OpenDocument standard places it."""
    if not data.startswith(ZIP) or len(data) < 30:
        return False
    name_length = int.from_bytes(data[26:28], "little")
    content = 30 + name_length + int.from_bytes(data[28:30], "little")
    return data[30 : 30 + name_length] == b"mimetype" and data[content:].startswith(ODT_MIMETYPE)


def detect(data: bytes, path: str | None = None) -> OfficeFormat | None:
    """The office format of ``data``, ``None`` when it is none of them.

    An OLE2 file that holds no text document, is damaged or is encrypted raises its typed
    error; so does an empty file whose name says it is an office document.
    """
    if data.startswith(OLE2):
        return _compound(data)
    if is_rtf(data):
        return RTF
    if is_odt(data):
        return ODT
    if path is not None and not data.strip() and PurePath(path).suffix.lower() in SUFFIXES:
        raise DamagedDocumentError("an empty file: no office document to read")
    return None


def _compound(data: bytes) -> OfficeFormat:
    """The text document an OLE2 compound file holds, by its streams."""
    import olefile  # type: ignore[import-untyped]  # noqa: PLC0415 - only for OLE2 input

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(p).lower(): p for p in ole.listdir(streams=True, storages=False)}
        word = streams.get("worddocument")
        fib = ole.openstream(word).read(12) if word is not None else b""
    # olefile refuses a malformed file with OleFileError, and a few corruptions with other
    # errors (struct, index): any of them means the compound file cannot be read.
    except Exception as exc:
        raise DamagedDocumentError(
            f"not a readable legacy Office file (.doc, .wps): {type(exc).__name__}: {exc}"
        ) from exc
    if "encryptioninfo" in streams and "encryptedpackage" in streams:
        raise EncryptedDocumentError(
            "a password-protected Office document (an encrypted .docx, .xlsx or .pptx): "
            "it cannot be read without its password"
        )
    if "worddocument" in streams:
        return _word(fib)
    if "workbook" in streams or "book" in streams:
        raise NotADocumentError("an Excel workbook (.xls), not a report document")
    if "powerpoint document" in streams:
        raise NotADocumentError("a PowerPoint presentation (.ppt), not a report document")
    if "matost" in streams or "contents" in streams:
        return WPS  # Works' streams: LibreOffice's libwps filter tells the rest
    shown = ", ".join(sorted(streams)[:_STREAMS_SHOWN]) or "none"
    raise NotADocumentError(
        f"a legacy Office file (OLE2) that holds no Word or WPS document (streams: {shown})"
    )


def _word(fib: bytes) -> OfficeFormat:
    """A Word document whose header (FIB) is sound and that is not encrypted."""
    if len(fib) < 12 or int.from_bytes(fib[0:2], "little") not in WORD_IDENTS:
        raise DamagedDocumentError("a damaged legacy Office file (.doc): its Word header is broken")
    if int.from_bytes(fib[10:12], "little") & F_ENCRYPTED:
        raise EncryptedDocumentError(
            "a password-protected Word document (.doc): it cannot be read without its password"
        )
    return DOC
