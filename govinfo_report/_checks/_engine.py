"""The check stage: run the rules on a report and apply the rule configuration."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .._findings import Finding
from .._model import Report
from ..rules import PARSE_RULES, Rule, RuleConfig, finding


def run_rules(
    report: Report, rules: Iterable[tuple[str, Rule]], config: RuleConfig
) -> list[Finding]:
    """The findings of every enabled rule that applies to the report's template.

    A rule that raises becomes a ``GIR000`` finding naming it; the other rules still run.
    """
    findings: list[Finding] = []
    for plugin, rule in rules:
        if rule.check is None or not config.enabled(rule.code):
            continue
        if report.template is not None and report.template not in rule.templates:
            continue
        try:
            findings.extend(rule.finding(v) for v in rule.check(report))
        except Exception as exc:  # a rule's bug is reported, never a crash of the run
            error = f"{type(exc).__name__}: {exc}"
            findings.append(finding("GIR000", code=rule.code, plugin=plugin, error=error))
    return findings


def checked(report: Report, rules: Iterable[tuple[str, Rule]], config: RuleConfig) -> Report:
    """``report`` with its pipeline findings kept and its rule findings made anew.

    Findings raised while reading (the pipeline's, and a reader plugin's rules without a
    check) are kept; the others are made anew by running the rules.
    """
    rules = list(rules)
    raised = {**{r.code: r for _, r in rules if r.check is None}, **PARSE_RULES}
    every = {**{r.code: r for _, r in rules}, **PARSE_RULES}
    kept = [
        # undo an earlier configuration's severity
        f
        if f.severity == (default := raised[f.code].severity)
        else attrs.evolve(f, severity=default)
        for f in report.findings
        if f.code in raised and f.code != "GIR000"
    ]
    found = config.apply([*kept, *run_rules(report, rules, config)])
    return attrs.evolve(report, findings=unexplained(found, every))


def unexplained(findings: tuple[Finding, ...], rules: Mapping[str, Rule]) -> tuple[Finding, ...]:
    """``findings`` without those that a root cause among them explains (``Rule.explains``)."""
    explained = tuple(
        prefix for f in findings if (r := rules.get(f.code)) is not None for prefix in r.explains
    )
    if not explained:
        return findings
    return tuple(f for f in findings if not f.code.startswith(explained))
