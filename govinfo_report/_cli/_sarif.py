"""``check --format sarif``: the findings as a SARIF 2.1.0 log, for code-scanning tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from .._findings import Finding, Location, Severity
from .._outcomes import Outcome
from ..rules import Rule
from ._common import about, fail, in_language, message
from ._formats import Options

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Where one of this library's rules (``GIR`` codes) is explained: its anchor in the rule
#: catalogue, relative to the documentation site (the project publishes no address of its own).
RULE_HELP = "findings/#{anchor}"
_OURS = "GIR"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_anchor(code: str) -> str:
    """The anchor of a rule in the catalogue (``findings.md``): its code in lower case."""
    return code.lower()


def rule_help(code: str) -> str | None:
    """Where the catalogue explains rule ``code``; ``None`` for a plugin's rule (the plugin
    documents its own)."""
    return RULE_HELP.format(anchor=rule_anchor(code)) if code.startswith(_OURS) else None


def _title(rule: Rule, lang: str) -> str:
    return in_language(rule.title_zh, rule.title_en, lang)


def _descriptor(rule: Rule, options: Options) -> dict[str, Any]:
    """A rule as SARIF's ``reportingDescriptor``, at the severity the configuration gives."""
    config = options.config
    described: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name or rule.code,
        "shortDescription": {"text": _title(rule, options.lang)},
        "fullDescription": {"text": f"{rule.title_zh} | {rule.title_en}"},
        "help": {"text": f"{rule.title_en}. Example: {rule.example}"},
    }
    if (uri := rule_help(rule.code)) is not None:
        described["helpUri"] = uri
    return described | {
        "defaultConfiguration": {
            "level": _LEVELS[config.severity_of(rule.code, rule.severity)],
            "enabled": config.enabled(rule.code),
        },
        "properties": {
            "family": rule.family,
            "stage": rule.stage,
            "templates": sorted(rule.templates),
            "title_zh": rule.title_zh,
            "title_en": rule.title_en,
            "tags": list(dict.fromkeys((rule.family, rule.stage))),
        },
    }


def uri(file: str) -> str:
    """``file`` as a URI reference: a relative path stays relative, with ``/`` and escapes."""
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(PurePath(file).as_posix(), safe="/")


def _number(value: int | Decimal | None) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _logical(where: Location) -> list[dict[str, str]]:
    """Where in the report's tables: the key, else the part, row and column named."""
    parts = [p for p in (where.section, where.row, where.column) if p]
    if where.key:
        return [{"name": where.key, "fullyQualifiedName": where.key, "kind": "value"}]
    if parts:
        return [{"name": parts[-1], "fullyQualifiedName": ".".join(parts), "kind": "object"}]
    return []


def _result(file: str, finding: Finding, index: dict[str, int], lang: str) -> dict[str, Any]:
    where = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(file)}}
    if where.line:
        physical["region"] = {"startLine": where.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if logical := _logical(where):
        location["logicalLocations"] = logical
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {"text": message(finding, lang)},
        "locations": [location],
        "properties": {
            name: value
            for name, value in (
                ("section", where.section),
                ("row", where.row),
                ("column", where.column),
                ("key", where.key),
                ("expected", _number(finding.expected)),
                ("actual", _number(finding.actual)),
            )
            if value is not None
        },
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def sarif_log(outcomes: Iterable[Outcome], options: Options) -> dict[str, Any]:
    """The SARIF log of ``outcomes``: one run, every rule, a result per finding, and a
    notification per file that could not be read."""
    rules = list(options.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for outcome in outcomes:
        if outcome.report is None:
            fail(about(outcome))
            assert outcome.problem is not None
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": about(outcome)},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": uri(outcome.file)}}}
                    ],
                    "properties": {"type": outcome.problem.type},
                }
            )
            continue
        results.extend(
            _result(outcome.file, f, index, options.lang) for f in outcome.report.findings
        )
    driver = {
        "name": "govinfo-report",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_descriptor(rule, options) for rule in rules],
    }
    invocation = {
        "executionSuccessful": not options.tally.unread,
        "toolExecutionNotifications": notifications,
    }
    run = {"tool": {"driver": driver}, "invocations": [invocation], "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(outcomes: Iterable[Outcome], options: Options) -> None:
    """The SARIF log, indented."""
    log = sarif_log(outcomes, options)
    options.out.write(json.dumps(log, ensure_ascii=False, indent=1) + "\n")
