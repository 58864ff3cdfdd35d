"""The plugin author's kit: a parser with only the plugins named, and round-trip assertions."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import TypeAlias

from .._findings import Finding
from .._keys import TABLE_SECTIONS, all_keys
from .._model import Report, Value
from .._parser import Parser
from .._plugins import ENTRY_POINT_GROUP
from .._render import LAYOUTS, render
from ..errors import GovInfoReportError, PluginError
from ..rules import PARSE_RULES, RuleConfig

#: A built-in layout name, or a function writing a report in a format the core cannot render.
Layout: TypeAlias = "str | Callable[[Report], str | bytes]"

_ABSENT = "absent"


def parser_with(*plugins: str | object, rules: bool = True) -> Parser:
    """A parser with only ``plugins``: entry-point names (``"pipe"``…) or plugin objects.

    With ``rules=False`` no rule runs: the report carries only what the pipeline itself finds.
    """
    config = None if rules else RuleConfig(select=tuple(PARSE_RULES))
    parser = Parser(entry_points=False, config=config)
    installed = {ep.name: ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}
    for plugin in plugins:
        if not isinstance(plugin, str):
            parser.register(plugin)
            continue
        if plugin not in installed:
            known = ", ".join(sorted(installed)) or "none"
            raise PluginError(f"no installed plugin is named {plugin!r} (installed: {known})")
        try:
            loaded = installed[plugin].load()
        except Exception as exc:  # the author asked for this plugin: say why it is not there
            raise PluginError(
                f"plugin {plugin!r} failed to load: {type(exc).__name__}: {exc}"
            ) from exc
        parser.register(loaded, name=plugin)
    return parser


def same_value(expected: object, actual: object) -> bool:
    """Exact equality of a cell: money as decimals (a JSON string or number), counts as ints."""
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(actual, Decimal):
        return not isinstance(expected, bool) and actual == Decimal(str(expected))
    return type(expected) is type(actual) and expected == actual


def value_differences(
    expected: Mapping[str, object], actual: Mapping[str, Value]
) -> dict[str, tuple[object, object]]:
    """``{key: (expected, actual)}`` for every cell that differs, is missing or is extra.

    A missing or extra cell shows ``"absent"`` on the side that lacks it.
    """
    out: dict[str, tuple[object, object]] = {}
    for key, value in expected.items():
        if key not in actual:
            out[key] = (value, _ABSENT)
        elif not same_value(value, actual[key]):
            out[key] = (value, actual[key])
    out.update((key, (_ABSENT, actual[key])) for key in actual if key not in expected)
    return out


def report_differences(expected: Report, parsed: Report) -> list[str]:
    """Lines saying where ``parsed`` differs from ``expected``: metadata, then cells by key."""
    lines = [
        f"{name}: expected {want!r}, parsed {got!r}"
        for name, want, got in (
            ("template", expected.template, parsed.template),
            ("agency", expected.agency, parsed.agency),
            ("year", expected.year, parsed.year),
            ("published", expected.published, parsed.published),
        )
        if want != got
    ]
    for key, (want, got) in sorted(value_differences(expected.to_flat(), parsed.to_flat()).items()):
        if got == _ABSENT:
            lines.append(f"{key}: expected {want!r}, missing")
        elif want == _ABSENT:
            lines.append(f"{key}: not in the report, parsed {got!r}")
        else:
            lines.append(f"{key}: expected {want!r}, parsed {got!r}")
    return lines


def _place(finding: Finding) -> tuple[str, str | None, str | None, str | None]:
    where = finding.location
    return (finding.code, where.section, where.row, where.column)


def unexpected_errors(expected: Report, parsed: Report) -> list[str]:
    """Error findings of ``parsed`` that ``expected`` does not carry (same code and place)."""
    known = {_place(f) for f in expected.errors}
    return [
        " ".join(part for part in (*_place(f), f"— {f.message_en}") if part)
        for f in parsed.errors
        if _place(f) not in known
    ]


def assert_exact_or_flagged(
    expected: Report, parsed: Report, codes: Collection[str] = ("GIR103", "GIR104")
) -> None:
    """Every value ``parsed`` holds equals ``expected``'s, and every cell it lacks has a
    finding of one of ``codes`` in that cell's part: a layout that loses cells may leave them
    unknown, never wrong and never silently."""
    for key, value in expected.to_flat().items():
        if key in parsed.cells:
            assert same_value(value, parsed[key]), f"{key}: {parsed[key]!r}, not {value!r}"
            continue
        section = TABLE_SECTIONS[all_keys()[key].section]
        assert any(f.code in codes and f.location.section == section for f in parsed.findings), (
            f"{key} is not read and no finding ({', '.join(codes)}) names part {section}"
        )


def assert_reads_or_refuses(parser: Parser, source: str | bytes) -> Report | None:
    """Parse damaged or hostile ``source``: a report whose findings all carry a rule code, or a
    typed :class:`~govinfo_report.errors.GovInfoReportError` (returned as ``None``).

    Any other exception (a bare traceback from a plugin or the core) propagates and fails.
    """
    try:
        report = parser.parse(source)
    except GovInfoReportError:
        return None
    assert isinstance(report, Report), f"parse returned {type(report).__name__}, not a Report"
    uncoded = [f for f in report.findings if not f.code]
    assert not uncoded, f"findings without a rule code: {uncoded}"
    return report


def assert_round_trips(parser: Parser, report: Report, layout: Layout) -> Report:
    """Render ``report`` in ``layout``, parse it with ``parser``, and return the parsed report.

    Raises ``AssertionError`` listing every metadata field and cell that differs or is missing,
    and every error finding the report does not already carry.
    """
    if isinstance(layout, str):
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")
        name = layout
        document: str | bytes = render(report, layout)
    else:
        name = getattr(layout, "__name__", repr(layout))
        document = layout(report)
    parsed = parser.parse(document)
    problems = report_differences(report, parsed)
    problems.extend(f"unexpected error {line}" for line in unexpected_errors(report, parsed))
    if problems:
        extractors = ", ".join(f"{s}: {e}" for s, e in parsed.extractors.items()) or "none"
        raise AssertionError(
            f"the report does not round-trip through {name} (extractors {extractors}); "
            f"{len(problems)} difference(s):\n  " + "\n  ".join(problems)
        )
    return parsed
