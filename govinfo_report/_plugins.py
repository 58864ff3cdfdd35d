"""Plugin management: one pluggy ``PluginManager`` per parser, entry points loaded one by one."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError
from .tables import Extractor

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


def collect_extractors(
    manager: pluggy.PluginManager,
) -> tuple[list[tuple[str, Extractor]], list[PluginProblem]]:
    """Ask each plugin, in hook call order, for its extractors; report the ones that fail."""
    found: list[tuple[str, Extractor]] = []
    problems: list[PluginProblem] = []
    # pluggy calls the last registered first and trylast implementations at the end.
    for impl in reversed(manager.hook.govinfo_report_extractors.get_hookimpls()):
        try:
            provided: Iterable[object] = impl.function()  # type: ignore[assignment]
            for extractor in provided:
                if not isinstance(extractor, Extractor):
                    raise TypeError(f"{extractor!r} is not an Extractor (name, score, extract)")
                found.append((impl.plugin_name, extractor))
        except Exception as exc:
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
