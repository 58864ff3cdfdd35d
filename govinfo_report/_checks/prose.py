"""Rules comparing the figures stated in the prose with the tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .._findings import Operand, Severity
from .._keys import all_keys
from .._model import Report, Statement
from ..hookspecs import hookimpl
from ..rules import Rule, Violation, rule
from ._cells import at, operand


def _stated(statement: Statement) -> Operand:
    p = statement.provenance
    return Operand(statement.key, statement.value, p.line, p.start, p.end)


def _table_value(report: Report, statement: Statement) -> int | None:
    cell = report.cells.get(statement.key)
    if cell is None or cell.provenance.origin != "table" or cell.value is None:
        return None
    return int(cell.value)


@rule(
    "GIR501",
    Severity.WARNING,
    "正文数字与表格不一致",
    "a figure stated in the prose disagrees with the table",
    example="正文“收到政府信息公开申请12件”，表格本年新收总计为10",
    name="prose-table-mismatch",
    messages=(
        (
            "",
            "正文为{stated}（第{line}行），表格“{label}”为{table}",
            "the prose says {stated} (line {line}), the table's {key} is {table}",
        ),
    ),
)
def prose_figure(report: Report) -> Iterator[Violation]:
    """A count the prose states (收到申请N件, 办结N件, 行政复议N件…) equals its table cell."""
    for statement in report.stated:
        table = _table_value(report, statement)
        if statement.phrase != "figure" or table is None or table == statement.value:
            continue
        label = all_keys()[statement.key].label
        yield prose_figure.violation(
            at(report, statement.key),
            expected=statement.value,
            actual=table,
            operands=(_stated(statement), operand(report, statement.key)),
            stated=statement.value,
            line=statement.provenance.line,
            label=label,
            key=statement.key,
            table=table,
        )


@rule(
    "GIR502",
    Severity.WARNING,
    "正文称未收到申请，表格却有申请",
    "the prose says no applications were received, the table shows some",
    example="正文“本年度未收到政府信息公开申请”，表格本年新收总计为3",
    name="prose-denies-applications",
    messages=(
        (
            "",
            "正文“{sentence}”（第{line}行），表格为{table}件",
            "the prose says «{sentence}» (line {line}), the table counts {table}",
        ),
    ),
)
def prose_says_none(report: Report) -> Iterator[Violation]:
    """Prose saying no applications came in, while the table counts new applications."""
    for statement in report.stated:
        table = _table_value(report, statement)
        if statement.phrase == "none" and table:
            yield prose_says_none.violation(
                at(report, statement.key),
                expected=0,
                actual=table,
                operands=(_stated(statement), operand(report, statement.key)),
                sentence=statement.provenance.text,
                line=statement.provenance.line,
                table=table,
            )


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """Provide the prose-against-table rules."""
    return (prose_figure, prose_says_none)
