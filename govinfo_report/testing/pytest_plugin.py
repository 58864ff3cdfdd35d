"""The pytest plugin of govinfo_report (entry point ``pytest11``): the ``govinfo_parser`` fixture.

Loaded by pytest wherever govinfo-report is installed, so it imports nothing heavy up front.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .. import Parser


@pytest.fixture
def govinfo_parser() -> Callable[..., Parser]:
    """``parser_with``: ``govinfo_parser("pipe", my_plugin)`` is a parser with only those."""
    from ._kit import parser_with  # noqa: PLC0415 - kept off pytest's start-up path

    return parser_with
