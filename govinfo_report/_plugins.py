"""Plugin management: one pluggy ``PluginManager`` per parser, entry points loaded one by one."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable
from typing import TypeVar

import attrs
import pluggy

from . import hookspecs
from ._intermediate import Extractor
from .errors import PluginError

T = TypeVar("T")

#: The entry-point group plugins announce themselves in (the built-ins too).
ENTRY_POINT_GROUP = "govinfo_report"


@attrs.frozen
class PluginProblem:
    """A plugin that could not be loaded or that failed when asked for its extractors."""

    name: str
    target: str
    error: str


@attrs.frozen
class PluginInfo:
    """A registered plugin: its name, where it comes from and the extractors it provides."""

    name: str
    module: str
    distribution: str | None
    extractors: tuple[str, ...]


def new_manager() -> pluggy.PluginManager:
    """A fresh plugin manager that knows the govinfo_report hook specifications."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def load_entry_points(manager: pluggy.PluginManager) -> list[PluginProblem]:
    """Register every plugin of the entry-point group; a broken one is reported, not raised."""
    problems = []
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if manager.get_plugin(ep.name) is not None or manager.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
            manager.register(plugin, name=ep.name)
        except Exception as exc:  # a third party's import error must not stop the host
            problems.append(PluginProblem(ep.name, ep.value, _describe(exc)))
    return problems


def register(manager: pluggy.PluginManager, plugin: object, name: str | None = None) -> str:
    """Register ``plugin``; raise :class:`PluginError` when pluggy refuses it."""
    try:
        registered = manager.register(plugin, name=name)
    except (ValueError, pluggy.PluginValidationError) as exc:
        raise PluginError(_describe(exc)) from exc
    if registered is None:
        raise PluginError(f"plugin {name or plugin!r} is blocked")
    return registered


def collect(
    manager: pluggy.PluginManager, hook: str, kind: type[T]
) -> tuple[list[tuple[str, T]], list[PluginProblem]]:
    """Ask each plugin, in hook call order, for what ``hook`` provides; report the failures."""
    found: list[tuple[str, T]] = []
    problems: list[PluginProblem] = []
    # pluggy calls the last registered first and trylast implementations at the end.
    for impl in reversed(getattr(manager.hook, hook).get_hookimpls()):
        try:
            provided: Iterable[object] = impl.function()
            items = list(provided)
            accepted = [item for item in items if isinstance(item, kind)]
            if len(accepted) != len(items):
                wrong = next(item for item in items if not isinstance(item, kind))
                raise TypeError(f"expected {kind.__name__} objects, got {wrong!r}")
            found.extend((impl.plugin_name, item) for item in accepted)
        except Exception as exc:  # a plugin's bug must not stop the host
            problems.append(PluginProblem(impl.plugin_name, repr(impl.plugin), _describe(exc)))
    return found, problems


def describe_plugins(
    manager: pluggy.PluginManager, extractors: Iterable[tuple[str, Extractor]]
) -> list[PluginInfo]:
    """Describe every registered plugin with the names of the extractors it provides."""
    by_plugin: dict[str, list[str]] = {}
    for plugin_name, extractor in extractors:
        by_plugin.setdefault(plugin_name, []).append(extractor.name)
    distributions = {
        ep.name: ep.dist.name if ep.dist else None
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    }
    infos = []
    for name, plugin in manager.list_name_plugin():
        if plugin is None:
            continue
        module = getattr(plugin, "__name__", None) or type(plugin).__module__
        infos.append(
            PluginInfo(name, module, distributions.get(name), tuple(by_plugin.get(name, ())))
        )
    return infos
