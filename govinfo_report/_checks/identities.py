"""The identities the official tables define between their cells."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from .._findings import Severity
from .._identities import identities_of
from .._keys import TEMPLATES, Template
from .._model import Report
from ..hookspecs import hookimpl
from ..rules import Rule, Violation, rule
from ._cells import at, blanks_note, column_label, operands, row_label, total, values


def _sum_violations(
    report: Report, template: Template, checked: Rule, where: Callable[[str], str]
) -> Iterator[Violation]:
    """Each identity ``checked`` checks whose total is not the sum of its parts (all known).

    The identity is named only for a violation: ``where(total's key)`` in Chinese, its scope
    in English.
    """
    for identity in identities_of(template, checked.code):
        (target,) = identity.left
        keys = [*identity.right, target]
        found = values(report, keys)
        if found is None:
            continue
        *addends, result = found
        expected = total(addends)
        if (expected == result) if result is not None else (expected == 0):
            continue
        note_zh, note_en = blanks_note(found)
        yield checked.violation(
            at(report, target),
            expected=expected,
            actual=result,
            operands=operands(report, keys),
            where=where(target),
            scope=identity.scope,
            sum=expected,
            result=result,
            note_zh=note_zh,
            note_en=note_en,
        )


@rule(
    "GIR301",
    Severity.ERROR,
    "第三部分勾稽关系不成立：一+二≠（七）总计+四",
    "section 三: new + carried over ≠ total processed + carried forward",
    example="本年新收443件 + 上年结转2件 = 445, 但办结442件 + 结转下年1件 = 443",
    name="applications-balance",
    messages=(
        (
            "",
            "{column_label}列：一+二 = {new}+{carried} = {incoming}，"
            "（七）+四 = {done}+{forward} = {outgoing}{note_zh}",
            "column {column}: new {new} + carried over {carried} = {incoming}, but "
            "total {done} + carried forward {forward} = {outgoing}{note_en}",
        ),
    ),
)
def balance(report: Report) -> Iterator[Violation]:
    """Per column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理."""
    for identity in identities_of(report.template or TEMPLATES[0], "GIR301"):
        column = identity.scope
        keys = identity.keys
        found = values(report, keys)
        if found is None:
            continue
        new, carried, done, forward = found
        incoming, outgoing = total((new, carried)), total((done, forward))
        if incoming == outgoing:
            continue
        note_zh, note_en = blanks_note(found)
        yield balance.violation(
            at(report, f"applications.total.{column}"),
            expected=incoming,
            actual=outgoing,
            operands=operands(report, keys),
            column_label=column_label(keys[0]),
            column=column,
            new=new,
            carried=carried,
            incoming=incoming,
            done=done,
            forward=forward,
            outgoing=outgoing,
            note_zh=note_zh,
            note_en=note_en,
        )


@rule(
    "GIR302",
    Severity.ERROR,
    "第三部分（七）总计不等于各办理结果之和",
    "section 三: total processed ≠ sum of the result rows",
    example="（七）总计 自然人 12，但予以公开5 + 部分公开3 + 不予公开2 = 10",
    name="processed-total",
    messages=(
        (
            "",
            "{where}：各项之和为{sum}，表中为{result}{note_zh}",
            "column {scope}: the parts add up to {sum}, the table says {result}{note_en}",
        ),
    ),
)
def results_total(report: Report) -> Iterator[Violation]:
    """Per column: （七）总计 = （一）予以公开 + … + （六）其他处理."""
    if report.template is None:
        return  # no template, no table read: nothing to check
    yield from _sum_violations(
        report, report.template, results_total, lambda key: f"{column_label(key)}列"
    )


@rule(
    "GIR303",
    Severity.ERROR,
    "第三部分总计列不等于各类申请人之和",
    "section 三: the total column ≠ sum of the six applicant columns",
    example="予以公开：自然人4 + 商业企业1 = 5，总计栏却为6",
    name="applicants-total",
    messages=(
        (
            "",
            "{where}：各项之和为{sum}，表中为{result}{note_zh}",
            "row {scope}: the parts add up to {sum}, the table says {result}{note_en}",
        ),
    ),
)
def applicants_total(report: Report) -> Iterator[Violation]:
    """Per row: 总计 = 自然人 + 五类法人或其他组织."""
    if report.template is None:
        return  # no template, no table read: nothing to check
    yield from _sum_violations(
        report, report.template, applicants_total, lambda key: f"“{row_label(key)}”行"
    )


@rule(
    "GIR304",
    Severity.ERROR,
    "第四部分总计不等于各结果之和",
    "section 四: a block's total ≠ upheld + corrected + other + pending",
    example="行政复议：维持1 + 纠正1 + 其他1 + 尚未审结1 = 4，总计为3",
    name="review-litigation-total",
    messages=(
        (
            "",
            "{where}：各项之和为{sum}，表中为{result}{note_zh}",
            "block {scope}: the parts add up to {sum}, the table says {result}{note_en}",
        ),
    ),
)
def review_litigation_totals(report: Report) -> Iterator[Violation]:
    """Per block of section 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    template = report.template or TEMPLATES[0]
    yield from _sum_violations(report, template, review_litigation_totals, row_label)


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """Provide the identity rules."""
    return (balance, results_total, applicants_total, review_litigation_totals)
