"""The plugins a run needs on every worker: the client's, by name and version.

Extractors and rules are discovered on each worker from its own environment, so a worker
without one of the client's plugins, or with another version of it (or of this library),
would parse differently: such a worker is an error before the run, and again in any task that
lands on a worker that joined later.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Mapping
from typing import Any

from .. import __version__
from .._parser import Parser
from ..errors import PluginError
from ..rules import RuleConfig

#: The library itself, in a fingerprint beside its plugins.
LIBRARY = "govinfo-report"

#: ``{plugin name: version}`` of a parser (``None`` for a plugin of no distribution), and of
#: the library.
Fingerprint = Mapping[str, str | None]


def _version(distribution: str | None) -> str | None:
    if distribution is None:
        return None
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def fingerprint(parser: Parser) -> dict[str, str | None]:
    """The plugins ``parser`` loaded, with their distributions' versions, and the library's;
    a plugin that failed to load counts as missing."""
    failed = {problem.name for problem in parser.problems}
    found: dict[str, str | None] = {LIBRARY: __version__}
    for info in parser.plugins:
        if info.name not in failed:
            found[info.name] = _version(info.distribution)
    return found


def worker_fingerprint(config: RuleConfig | None = None) -> dict[str, str | None]:
    """The fingerprint of a fresh parser in this process (run on each worker)."""
    return fingerprint(Parser(config=config))


def differences(expected: Fingerprint, found: Fingerprint) -> list[str]:
    """What ``found`` lacks, adds or holds in another version than ``expected``."""
    said = [f"lacks {name}" for name in sorted(set(expected) - set(found))]
    said += [f"has {name}, which the client lacks" for name in sorted(set(found) - set(expected))]
    said += [
        f"has {name} {found[name]} where the client has {expected[name]}"
        for name in sorted(set(expected) & set(found))
        if found[name] != expected[name]
    ]
    return said


def mismatch_error(worker: str, said: list[str]) -> PluginError:
    """The error of a worker whose plugins differ from the client's."""
    return PluginError(
        f"worker {worker} {'; '.join(said)}: install the same plugins (and versions) on every "
        "worker as on the client, or results would depend on the worker"
    )


def check_workers(client: Any, expected: Fingerprint, config: RuleConfig | None = None) -> None:
    """Raise :class:`PluginError` naming each worker whose plugins are not ``expected``."""
    # A worker that joins later (an adaptive cluster) is checked by its first task instead.
    per_worker: dict[str, Fingerprint] = client.run(worker_fingerprint, config)
    wrong = [
        mismatch_error(worker, said)
        for worker, found in sorted(per_worker.items())
        if (said := differences(expected, found))
    ]
    if wrong:
        raise PluginError("; ".join(str(error) for error in wrong))
