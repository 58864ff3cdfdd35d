"""Fixtures and hypothesis profiles.

``ci`` (the default) is derandomised and sized for every commit; ``long`` tries many more
examples: ``pytest --hypothesis-profile=long``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _browser import browser  # noqa: F401 - the suite's Chromium, a fixture for every test
from _support import SEEDS
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", deadline=None, max_examples=10_000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(params=SEEDS, ids=[p.stem[:3] for p in SEEDS])
def seed(request: pytest.FixtureRequest) -> Path:
    """Each real seed report in turn."""
    path: Path = request.param
    return path
