"""govinfo_report: Chinese government information-disclosure annual reports as canonical data.

>>> import govinfo_report
>>> report = govinfo_report.parse(text_or_bytes_or_path)          # doctest: +SKIP
>>> report.agency, report.year, report["applications.total.total"]  # doctest: +SKIP
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Any

from . import errors, hookspecs, rules, tables
from ._config import load_config
from ._findings import Finding, Location, Operand, Severity
from ._keys import TABLE_SECTIONS, CanonicalKey, keys
from ._model import Cell, Metadata, Provenance, Report, Source, Statement
from ._parser import Parser
from ._plugins import PluginInfo, PluginProblem
from ._render import LAYOUTS, render
from .errors import ConfigError, DecodeError, GovInfoReportError, InputError, PluginError
from .hookspecs import hookimpl
from .rules import Rule, RuleConfig, Violation, rule

if TYPE_CHECKING:
    from ._corpus import parse_many
    from ._frames import to_dataframe

__version__ = "0.1.0"


@cache
def _default_parser() -> Parser:
    return Parser()


def parse(source: str | bytes | os.PathLike[str]) -> Report:
    """Parse and check one report (text, bytes, or a path) with the installed plugins.

    A ``str`` is the report's text, unless it is a single line naming an existing file.
    """
    return _default_parser().parse(source)


def __getattr__(name: str) -> Any:
    """``parse_many`` and ``to_dataframe``, imported on first use: they bring multiprocessing
    and pandas, which a single parse does not need."""
    if name == "parse_many":
        from ._corpus import parse_many  # noqa: PLC0415

        return parse_many
    if name == "to_dataframe":
        from ._frames import to_dataframe  # noqa: PLC0415

        return to_dataframe
    raise AttributeError(f"module 'govinfo_report' has no attribute {name!r}")


def check(report: Report, config: RuleConfig | None = None) -> Report:
    """``report`` with its rule findings made anew (all rules, or as ``config`` selects)."""
    parser = _default_parser() if config is None else Parser(config=config)
    return parser.check(report)


__all__ = [
    "LAYOUTS",
    "TABLE_SECTIONS",
    "CanonicalKey",
    "Cell",
    "ConfigError",
    "DecodeError",
    "Finding",
    "GovInfoReportError",
    "InputError",
    "Location",
    "Metadata",
    "Operand",
    "Parser",
    "PluginError",
    "PluginInfo",
    "PluginProblem",
    "Provenance",
    "Report",
    "Rule",
    "RuleConfig",
    "Severity",
    "Source",
    "Statement",
    "Violation",
    "__version__",
    "check",
    "errors",
    "hookimpl",
    "hookspecs",
    "keys",
    "load_config",
    "parse",
    "parse_many",
    "render",
    "rule",
    "rules",
    "tables",
    "to_dataframe",
]
