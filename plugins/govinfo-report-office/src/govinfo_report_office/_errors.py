"""The plugin's typed errors: each is an ``InputError``, so a corpus run records it for its file
(with the class name as the error's type) and goes on with the next."""

from __future__ import annotations

from govinfo_report.errors import InputError

#: What a message says to install when LibreOffice is missing.
INSTALL_HINT = (
    "apt-get install libreoffice-writer-nogui (Debian, Ubuntu); in a clone of govinfo_report: "
    "sh scripts/install-office.sh"
)


class OfficeError(InputError):
    """An office document that could not be read: the base of this plugin's errors."""


class ConverterMissingError(OfficeError):
    """LibreOffice (``soffice``) is not installed, or the configured converter does not exist."""


class DamagedDocumentError(OfficeError):
    """The file says it is an office document but its structure is broken."""


class EncryptedDocumentError(OfficeError):
    """The document is encrypted: it cannot be read without its password."""


class NotADocumentError(OfficeError):
    """An office file that holds no text document (a spreadsheet, a presentation…)."""


class ConversionError(OfficeError):
    """LibreOffice crashed, failed, or wrote no document."""


class ConversionTimeoutError(ConversionError):
    """LibreOffice took longer than the timeout: it was killed with its whole process group."""
