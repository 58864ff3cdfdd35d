"""``govinfo-report rules`` and ``plugins``: what the installation knows."""

from __future__ import annotations

import argparse

from .._parser import Parser
from ..rules import Rule, RuleConfig
from ._common import EXIT_OK, parser_of
from ._sarif import rule_help


def rules_command(args: argparse.Namespace) -> int:
    """List every rule, or explain the one ``CODE`` names (a prefix or family: list those)."""
    parser = parser_of(args)
    rules = parser.rules
    if args.code is not None:
        codes = {rule.code for rule in rules}
        wanted = _lookup(args.code.upper() if args.code.upper() in codes else args.code)
        exact = [rule for rule in rules if rule.code == wanted]
        if exact:
            print(explain(exact[0], parser.config))
            return EXIT_OK
        rules = tuple(rule for rule in rules if rule.code.startswith(wanted))
    for rule in rules:
        state = "" if parser.config.enabled(rule.code) else " (off)"
        severity = parser.config.severity_of(rule.code, rule.severity).value
        templates = "/".join(sorted(rule.templates))
        title = f"{rule.title_zh} | {rule.title_en}"
        print(
            f"{rule.code} {rule.name:<30} {severity:<7} {rule.stage:<6} {templates:<9} "
            f"{title}{state}"
        )
    return EXIT_OK


def _lookup(code: str) -> str:
    """The code or code prefix that ``code`` (a code, prefix, rule name or family) stands for;
    :class:`~govinfo_report.errors.ConfigError` with the nearest one when it names no rule."""
    lookup = Parser(config=RuleConfig(select=(code,)))
    lookup.check_config()
    return lookup.config.select[0]


def explain(rule: Rule, config: RuleConfig) -> str:
    """Everything the catalogue says of ``rule``, and how this configuration runs it."""
    severity = config.severity_of(rule.code, rule.severity)
    graded = "" if severity is rule.severity else f" (configured; default {rule.severity.value})"
    lines = [
        f"{rule.code} {rule.name}",
        "",
        f"  family     {rule.family}",
        f"  severity   {severity.value}{graded}",
        f"  stage      {rule.stage}",
        f"  templates  {', '.join(sorted(rule.templates))}",
        f"  enabled    {'yes' if config.enabled(rule.code) else 'no (--select/--ignore)'}",
        f"  规则       {rule.title_zh}",
        f"  rule       {rule.title_en}",
    ]
    if rule.messages:
        lines += ["", "  messages"]
        for case, zh, en in rule.messages:
            label = f"[{case}] " if case else ""
            lines += [f"    {label}{zh}", f"    {' ' * len(label)}{en}"]
    lines += ["", f"  example    {rule.example}"]
    if (where := rule_help(rule.code)) is not None:
        lines.append(f"  docs       {where} (the rule catalogue)")
    return "\n".join(lines)


def plugins_command(args: argparse.Namespace) -> int:
    """List the plugins loaded, their extractors and file types, and those that failed."""
    parser = Parser()
    for info in parser.plugins:
        origin = f" [{info.distribution}]" if info.distribution else ""
        extractors = ", ".join(info.extractors)
        print(f"{info.name:<20} {info.module}{origin}" + (f": {extractors}" if extractors else ""))
    print(f"file types: {' '.join(sorted(parser.file_types))}")
    for problem in parser.problems:
        print(f"FAILED {problem.name:<12} {problem.target}: {problem.error}")
    return EXIT_OK
