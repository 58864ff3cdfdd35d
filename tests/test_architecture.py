"""The modules form a strict chain: no import cycle, the model below every view.

Every import counts, at module level or inside a function: an import put in a function to
break a cycle still makes one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {
    "govinfo_report": ROOT / "govinfo_report",
    "govinfo_report_plugins": ROOT / "plugins" / "govinfo_report_plugins",
    "govinfo_report_docx": ROOT / "plugins" / "govinfo-report-docx" / "src" / "govinfo_report_docx",
}
VIEWS = ("govinfo_report._render", "govinfo_report._review", "govinfo_report._corpus")


def _modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _module_of(name: str) -> str:
    """The module of ours ``name`` is or lies in (``""`` for another distribution's)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imported(module: str, path: Path) -> Iterator[str]:
    """The modules of ours that ``module`` imports, anywhere in it."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from . import errors`` imports the module errors; ``from .x import y`` the
            # module x (the package above a module is already being imported).
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            ours = _module_of(name)
            if ours and ours != module:
                yield ours


GRAPH = {module: set(_imported(module, path)) for module, path in MODULES.items()}


def _reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in GRAPH[todo.pop()]:
            if name not in seen:
                seen.add(name)
                todo.append(name)
    return seen


def _is_package_of(package: str, module: str) -> bool:
    return module.startswith(package + ".")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_itself_through_others(module: str) -> None:
    # A package's __init__ importing its own submodules is how a package exposes them; a
    # submodule importing its package's __init__ back is the cycle that counts.
    back = {
        name
        for name in GRAPH[module]
        if module in _reachable(name) and not _is_package_of(module, name)
    }
    assert not back, f"{module} is in an import cycle through {sorted(back)}"


def test_the_model_knows_no_view() -> None:
    below = _reachable("govinfo_report._model")
    views = sorted(m for m in below if m.startswith(VIEWS) or m == "govinfo_report._cli")
    assert not views, f"the model imports views: {views}"


def test_the_graph_is_read() -> None:
    """The walk finds the imports it is meant to judge (a test of the test)."""
    assert "govinfo_report._model" in GRAPH["govinfo_report._review._page"]
    assert "govinfo_report._labels" in GRAPH["govinfo_report._tables._mapping"]
    assert "govinfo_report._parser" in GRAPH["govinfo_report._corpus._pool"]  # in a function
