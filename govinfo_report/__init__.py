"""govinfo_report: Chinese government information-disclosure annual reports as canonical data.

>>> import govinfo_report
>>> report = govinfo_report.parse(text_or_bytes_or_path)          # doctest: +SKIP
>>> report.agency, report.year, report["applications.total.total"]  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from . import errors, limits, rules
from ._findings import Finding, Location, Operand, Severity
from ._keys import TABLE_SECTIONS, CanonicalKey, keys
from ._model import Cell, Metadata, Provenance, Report, Source, Statement, show_in_notebooks
from .errors import ConfigError, DecodeError, GovInfoReportError, InputError, PluginError
from .rules import Rule, RuleConfig, Violation, rule

if TYPE_CHECKING:
    from . import hookspecs, tables
    from ._config import load_config
    from ._corpus import parse_many
    from ._frames import to_dataframe
    from ._json_schema import json_schema
    from ._parser import Parser
    from ._plugins import PluginInfo, PluginProblem
    from ._render import LAYOUTS, render
    from ._render._xlsx import official_workbook
    from ._review import review_page
    from .hookspecs import hookimpl

__version__ = "0.1.0"

# Imported on first use, so that ``import govinfo_report`` stays cheap: the parser brings
# pluggy, regex and the plugins; the corpus runner multiprocessing; the frames pandas.
_LAZY = {
    "LAYOUTS": ("._render", "LAYOUTS"),
    "Parser": ("._parser", "Parser"),
    "PluginInfo": ("._plugins", "PluginInfo"),
    "PluginProblem": ("._plugins", "PluginProblem"),
    "hookimpl": (".hookspecs", "hookimpl"),
    "hookspecs": (".hookspecs", None),
    "json_schema": ("._json_schema", "json_schema"),
    "load_config": ("._config", "load_config"),
    "official_workbook": ("._render._xlsx", "official_workbook"),
    "parse_many": ("._corpus", "parse_many"),
    "render": ("._render", "render"),
    "review_page": ("._review", "review_page"),
    "tables": (".tables", None),
    "to_dataframe": ("._frames", "to_dataframe"),
}


def __getattr__(name: str) -> Any:
    """The names of :data:`_LAZY`, imported on first use."""
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'govinfo_report' has no attribute {name!r}") from None
    module = importlib.import_module(module_name, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


@cache
def _default_parser() -> Parser:
    from ._parser import Parser  # noqa: PLC0415

    return Parser()


def parse(source: str | bytes | os.PathLike[str]) -> Report:
    """Parse and check one report (text, bytes, or a path) with the installed plugins.

    A ``str`` is the report's text, unless it is one line that names a file: an existing
    one, or one ending in a file suffix or holding a path separator, which is
    :class:`InputError` when it cannot be read.
    """
    return _default_parser().parse(source)


def check(report: Report, config: RuleConfig | None = None) -> Report:
    """``report`` with its rule findings made anew (all rules, or as ``config`` selects)."""
    if config is None:
        return _default_parser().check(report)
    from ._parser import Parser  # noqa: PLC0415

    return Parser(config=config).check(report)


def _notebook_html(report: Report) -> str:
    """The review tables of ``report`` for notebooks, imported when a notebook first asks."""
    view: Callable[[Report], str] = importlib.import_module(
        "._review._notebook", __name__
    ).notebook_html
    return view(report)


show_in_notebooks(_notebook_html)


def __dir__() -> list[str]:
    """The public names, without the modules and helpers this module itself uses."""
    return sorted(__all__)


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
    "json_schema",
    "keys",
    "limits",
    "load_config",
    "official_workbook",
    "parse",
    "parse_many",
    "render",
    "review_page",
    "rule",
    "rules",
    "tables",
    "to_dataframe",
]
