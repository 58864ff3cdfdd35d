"""How to install what a message asks for, from PyPI and from a clone of this repository.

The plugin packages live in ``plugins/`` of the repository; ``pip install NAME`` alone finds
them only once published, so every hint names both ways.
"""

from __future__ import annotations


def plugin_hint(package: str) -> str:
    """``pip install`` of a plugin package, from an index or from a clone's ``plugins/``."""
    return f"pip install {package}; in a clone of govinfo_report: pip install ./plugins/{package}"


def extra_hint(extra: str) -> str:
    """``pip install`` of one of the library's extras, from an index or from a clone."""
    return (
        f"pip install 'govinfo-report[{extra}]'; in a clone of govinfo_report: "
        f"pip install '.[{extra}]'"
    )
