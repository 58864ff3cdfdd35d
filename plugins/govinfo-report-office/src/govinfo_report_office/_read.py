"""Read an office document: convert it to .docx, then read that with the docx plugin.

The docx reader (``govinfo_report_docx.read_docx``, its public API) gives the text, the table
grids with their merged cells and the findings of the converted file; the result keeps the
original format (``source.format`` is ``doc``, ``wps``, ``rtf`` or ``odt``) and carries an
:data:`~govinfo_report_office._rules.CONVERTED` finding naming the converter and its version.
Source "lines" are the paragraph numbers of the converted document.
"""

from __future__ import annotations

import io
import zipfile

import attrs

from govinfo_report.tables import ReadDocument

from ._convert import convert
from ._detect import OfficeFormat, detect
from ._errors import DamagedDocumentError, OfficeError
from ._rules import CONVERTED


def _located(error: OfficeError, path: str | None) -> OfficeError:
    """``error`` again with the file it is about in front of its message."""
    located = type(error)(f"{path or 'input bytes'}: {error}")
    located.__cause__ = error.__cause__
    return located


def _has_pictures(docx: bytes) -> bool:
    """Whether the .docx package holds any image (``word/media/``)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return any(name.startswith("word/media/") for name in package.namelist())


def read_converted(
    data: bytes, form: OfficeFormat, *, timeout: float | None = None
) -> ReadDocument:
    """The document ``data`` of ``form`` as the docx reader reads its conversion."""
    # python-docx is imported when an office file is read, not whenever plugins load.
    from govinfo_report_docx import read_docx  # noqa: PLC0415

    conversion = convert(data, form, timeout=timeout)
    read = read_docx(conversion.docx)
    if not read.text.strip() and not _has_pictures(conversion.docx):
        # LibreOffice turns some damaged files into an empty document rather than failing;
        # a document of pictures only (a scan pasted into Word) is kept for its finding.
        raise DamagedDocumentError(
            f"{conversion.converter} found nothing in it (no text, no picture): "
            "the document is empty or damaged"
        )
    violation = CONVERTED.violation(converter=conversion.converter, source=form.name)
    return attrs.evolve(
        read, format=form.name, findings=(CONVERTED.finding(violation), *read.findings)
    )


def read_office(
    data: bytes, path: str | None = None, *, timeout: float | None = None
) -> ReadDocument | None:
    """``data`` read when it is a .doc, .wps, .rtf or .odt document, else ``None``.

    Raises a typed :class:`~govinfo_report_office.OfficeError` (an ``InputError``) naming
    ``path`` for a damaged, encrypted or empty document, a spreadsheet in OLE2 form, a missing
    LibreOffice, and a conversion that crashes, hangs past ``timeout`` or writes nothing.
    """
    try:
        form = detect(data, path)
        if form is None:
            return None
        return read_converted(data, form, timeout=timeout)
    except OfficeError as error:
        raise _located(error, path) from error.__cause__
