"""govinfo_report: Chinese government information-disclosure annual reports as canonical data.

>>> import govinfo_report
>>> report = govinfo_report.parse(text_or_bytes_or_path)          # doctest: +SKIP
>>> report.agency, report.year, report["applications.total.total"]  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
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
    from ._corpus import Result

__version__ = "0.1.0"


@cache
def _default_parser() -> Parser:
    return Parser()


def parse(source: str | bytes | os.PathLike[str]) -> Report:
    """Parse and check one report (text, bytes, or a path) with the installed plugins.

    A ``str`` is the report's text, unless it is a single line naming an existing file.
    """
    return _default_parser().parse(source)


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    config: RuleConfig | None = None,
) -> Iterator[Result]:
    """Parse ``paths`` in worker processes (default: one per core), yielding each result as
    it finishes: the report, or the typed error, timeout or crash that stopped its file."""
    from ._corpus import parse_many as run  # noqa: PLC0415 - keeps multiprocessing off import

    return run(paths, workers=workers, timeout=timeout, config=config)


def to_dataframe(items: Iterable[Report | Result]) -> Any:
    """A pandas DataFrame of reports or results: one row each, one column per canonical key."""
    from ._frames import to_dataframe as frame  # noqa: PLC0415 - pandas is optional

    return frame(items)


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
