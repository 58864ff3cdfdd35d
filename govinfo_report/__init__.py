"""govinfo_report: Chinese government information-disclosure annual reports as canonical data.

>>> import govinfo_report
>>> report = govinfo_report.parse(text_or_bytes_or_path)          # doctest: +SKIP
>>> report.agency, report.year, report["applications.total.total"]  # doctest: +SKIP
"""

from __future__ import annotations

import os
from functools import cache

from . import errors, hookspecs, tables
from ._findings import CATALOGUE, Finding, Location, Severity
from ._keys import TABLE_SECTIONS, CanonicalKey, keys
from ._model import Cell, Metadata, Provenance, Report, Source
from ._parser import Parser
from ._plugins import PluginInfo, PluginProblem
from .errors import DecodeError, GovInfoReportError, InputError, PluginError
from .hookspecs import hookimpl

__version__ = "0.1.0"


@cache
def _default_parser() -> Parser:
    return Parser()


def parse(source: str | bytes | os.PathLike[str]) -> Report:
    """Parse one report (text, bytes, or a path) with the installed plugins.

    A ``str`` is the report's text, unless it is a single line naming an existing file.
    """
    return _default_parser().parse(source)


__all__ = [
    "CATALOGUE",
    "TABLE_SECTIONS",
    "CanonicalKey",
    "Cell",
    "DecodeError",
    "Finding",
    "GovInfoReportError",
    "InputError",
    "Location",
    "Metadata",
    "Parser",
    "PluginError",
    "PluginInfo",
    "PluginProblem",
    "Provenance",
    "Report",
    "Severity",
    "Source",
    "__version__",
    "errors",
    "hookimpl",
    "hookspecs",
    "keys",
    "parse",
    "tables",
]
