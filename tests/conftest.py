"""Fixtures: each real seed report in turn."""

from __future__ import annotations

from pathlib import Path

import pytest
from _support import SEEDS


@pytest.fixture(params=SEEDS, ids=[p.stem[:3] for p in SEEDS])
def seed(request: pytest.FixtureRequest) -> Path:
    """Each real seed report in turn."""
    path: Path = request.param
    return path
