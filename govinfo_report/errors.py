"""Typed errors raised by govinfo_report; every one derives from :class:`GovInfoReportError`."""

from __future__ import annotations


class GovInfoReportError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(GovInfoReportError):
    """The input could not be read: missing file, unreadable path, unsupported type."""


class LimitError(InputError):
    """The input is beyond a safety limit (size, nesting): refused rather than half read."""


class DecodeError(GovInfoReportError):
    """The input bytes could not be decoded as text in any supported encoding."""


class PluginError(GovInfoReportError):
    """A plugin could not be registered (bad object, duplicate name)."""


class CorpusError(GovInfoReportError):
    """A corpus run cannot go on (its worker processes cannot start)."""


class OutputError(GovInfoReportError):
    """A corpus run cannot write its output (missing folder, no permission, disk full)."""


class ConfigError(GovInfoReportError):
    """The rule configuration (``[tool.govinfo-report]``, ``--select``…) is invalid."""


__all__ = [
    "ConfigError",
    "CorpusError",
    "DecodeError",
    "GovInfoReportError",
    "InputError",
    "LimitError",
    "OutputError",
    "PluginError",
]
