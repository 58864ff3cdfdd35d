"""Testing helpers for plugin and rule authors: a parser with chosen plugins, round trips,
report strategies and real-world noise.

``parser_with("pipe", my_plugin)`` is a parser with only those plugins (the pytest fixture
``govinfo_parser`` returns it); ``assert_round_trips(parser, report, layout)`` renders a report,
parses it back and lists every difference. ``reports()`` draws canonical reports whose identities
hold (with blanks, large counts, money to four decimals); ``broken_reports()`` draws one with a
chosen cell changed; ``noise`` holds the transforms the real corpus shows, to apply to a rendered
report, and ``hostile`` the small inputs a reader must refuse within its budget. The strategies
need ``hypothesis`` (``pip install govinfo-report[test]``); they are imported on first use, so
the pytest plugin loads without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import hostile, noise
from ._kit import (
    Layout,
    assert_exact_or_flagged,
    assert_reads_or_refuses,
    assert_round_trips,
    parser_with,
    report_differences,
    same_value,
    unexpected_errors,
    value_differences,
)
from ._loopback import Loopback, loopback_server

if TYPE_CHECKING:
    from ._strategies import AGENCIES, GENERATED, broken_reports, identity_keys, money, reports

_STRATEGIES = frozenset(
    {"AGENCIES", "GENERATED", "broken_reports", "identity_keys", "money", "reports"}
)


def __getattr__(name: str) -> Any:
    """The hypothesis strategies, imported on first use (hypothesis is a test dependency)."""
    if name in _STRATEGIES:
        from . import _strategies  # noqa: PLC0415

        return getattr(_strategies, name)
    raise AttributeError(f"module 'govinfo_report.testing' has no attribute {name!r}")


__all__ = [
    "AGENCIES",
    "GENERATED",
    "Layout",
    "Loopback",
    "assert_exact_or_flagged",
    "assert_reads_or_refuses",
    "assert_round_trips",
    "broken_reports",
    "hostile",
    "identity_keys",
    "loopback_server",
    "money",
    "noise",
    "parser_with",
    "report_differences",
    "reports",
    "same_value",
    "unexpected_errors",
    "value_differences",
]
