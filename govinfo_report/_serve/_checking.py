"""Checking an upload's files in a worker process, with the budget of a corpus run: a file
that takes longer than the timeout, or kills its worker, costs that file and nothing else.

What a file came to is named by the sender's name, never by the path this server wrote it to:
the report's source, and the messages of a file that could not be read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from .._config import chosen
from .._corpus._pool import Result, parse_files
from .._model import Report
from .._outcomes import Failure, Outcome
from .._parser import Parser
from ..errors import ConfigError
from ..rules import RuleConfig
from ._uploads import RefusedError, Uploaded
from ._workers import Workers


def configured(base: RuleConfig, select: str, ignore: str) -> RuleConfig:
    """``base`` with the form's ``select`` (replaces) and ``ignore`` (adds), as the command
    line's options: comma-separated codes, prefixes, rule or family names; an unknown one is
    refused (400) naming the nearest."""
    # A form field left empty chooses nothing (an empty --select would select no rule), and
    # a Chinese keyboard separates the codes with a full-width comma.
    config = chosen(
        base,
        select.replace("，", ",") if select.strip() else None,
        ignore.replace("，", ",") if ignore.strip() else None,
    )
    if config is base:  # checked when the server started
        return base
    try:
        Parser(config=config).check_config()
    except ConfigError as exc:
        raise RefusedError(
            400, "BadRules", f"规则设置有误：{exc}", f"bad rule selection: {exc}"
        ) from exc
    return config


def check_files(
    files: Sequence[Uploaded], config: RuleConfig, timeout: float, warm: Workers | None = None
) -> list[Outcome]:
    """Each file parsed and checked in a worker process (killed past ``timeout`` seconds a
    file, replaced when it dies), in the order of ``files``: by one of the ``warm`` workers
    when they are for ``config``, else by a worker started for these files."""
    sent = {str(f.path): f for f in files}
    if warm is not None and warm.config == config:
        results: Iterable[Result] = warm.parse(list(sent))
    else:
        results = parse_files(list(sent), workers=1, timeout=timeout, config=config)
    outcomes: dict[str, Outcome] = {}
    for result in results:
        file = sent[result.path]
        if result.report is not None:
            outcomes[result.path] = Outcome(file.name, _named(result.report, file.name))
        else:
            assert result.failure is not None
            message = _unpathed(result.failure.message, file)
            problem = Failure(result.failure.type, message)
            outcomes[result.path] = Outcome(file.name, problem=problem, unread=True)
    return [outcomes[str(f.path)] for f in files]


def _named(report: Report, name: str) -> Report:
    """``report`` with its source named by the sender's name."""
    return attrs.evolve(report, source=attrs.evolve(report.source, path=name))


def _unpathed(message: str, file: Uploaded) -> str:
    """``message`` with this server's path of ``file`` replaced by the sender's name, and any
    other mention of the request's directory dropped."""
    message = message.replace(str(file.path), file.name)
    return message.replace(f"{file.path.parent}/", "").replace(str(file.path.parent), "")
