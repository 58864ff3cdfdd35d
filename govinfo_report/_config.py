"""Rule configuration from ``[tool.govinfo-report]`` in a ``pyproject.toml``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs

from .errors import ConfigError
from .rules import RuleConfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SECTION = "govinfo-report"


def codes(text: str) -> tuple[str, ...]:
    """The comma-separated codes of an option or a form field (``GIR3,GIR406``)."""
    return tuple(code.strip() for code in text.split(",") if code.strip())


def chosen(config: RuleConfig, select: str | None, ignore: str | None) -> RuleConfig:
    """``config`` with the rules a user chose, as ``--select`` and ``--ignore`` give them:
    ``select`` replaces the selection, ``ignore`` adds to what is ignored; ``None`` leaves
    either as it is."""
    if select is not None:
        config = attrs.evolve(config, select=codes(select))
    if ignore is not None:
        config = attrs.evolve(config, ignore=(*config.ignore, *codes(ignore)))
    return config


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has our section."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and SECTION in _tool(candidate):
            return candidate
    return None


def _tool(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def load_config(path: Path | None = None, start: Path | None = None) -> RuleConfig:
    """The configuration in ``path`` (or the nearest ``pyproject.toml``); defaults if none."""
    if path is None:
        path = find_pyproject(start or Path.cwd())
        if path is None:
            return RuleConfig()
    section = _tool(path).get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return RuleConfig.from_mapping(section)
