"""Rules on single values: signs and blanks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .._findings import Severity
from .._keys import all_keys
from .._model import Report
from ..hookspecs import hookimpl
from ..rules import Rule, Violation, rule
from ._cells import at, operand


@rule(
    "GIR203",
    Severity.ERROR,
    "件数为负数",
    "a count is negative",
    example="行政许可 本年处理决定数量 -3（只有“本年增/减”可以为负）",
    name="count-negative",
    messages=(("", "{label} 为 {value}", "{key} is {value}"),),
)
def negative_count(report: Report) -> Iterator[Violation]:
    """A count below zero; only the 2019 template's 本年增/减 columns may be negative."""
    for key, value in report.to_flat().items():
        if value is None or value >= 0:  # tested first: it settles nearly every cell
            continue
        spec = all_keys()[key]
        if spec.kind == "count":
            yield negative_count.violation(
                at(report, key),
                actual=value,
                operands=(operand(report, key),),
                label=spec.label,
                key=key,
                value=value,
            )


@rule(
    "GIR204",
    Severity.WARNING,
    "应填数字的单元格为空",
    "a cell the template needs a number in is blank",
    example="规章 本年制发件数 留空（应填0）",
    name="cell-blank",
    messages=(("", "{label} 为空", "{key} is blank"),),
)
def blank_cell(report: Report) -> Iterator[Violation]:
    """A blank cell: the official tables want a number, 0 when there is nothing to count."""
    for key, value in report.to_flat().items():
        if value is None:
            spec = all_keys()[key]
            yield blank_cell.violation(at(report, key), label=spec.label, key=key)


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """Provide the value rules."""
    return (negative_count, blank_cell)
