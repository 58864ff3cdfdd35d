"""Telling a Word .docx file from other input, without importing python-docx."""

from __future__ import annotations

ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_PART = "word/document.xml"


def is_docx(data: bytes) -> bool:
    """True for a ZIP package that names Word's body part (``word/document.xml``)."""
    return data.startswith(ZIP_MAGIC) and DOCUMENT_PART.encode() in data
