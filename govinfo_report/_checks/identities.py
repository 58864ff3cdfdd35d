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
    report: Report, template: Template, code: str, name_zh: Callable[[str], str], name_en: str
) -> Iterator[Violation]:
    """Each identity ``code`` checks whose total is not the sum of its parts (all known).

    The identity is named only for a violation: ``name_zh(total's key)``,
    ``name_en.format(scope)``.
    """
    for identity in identities_of(template, code):
        (target,) = identity.left
        keys = [*identity.right, target]
        found = values(report, keys)
        if found is None:
            continue
        *addends, result = found
        expected = total(addends)
        if (expected == result) if result is not None else (expected == 0):
            continue
        zh, en = name_zh(target), name_en.format(identity.scope)
        note_zh, note_en = blanks_note(found)
        yield Violation(
            f"{zh}：各项之和为{expected}，表中为{result}{note_zh}",
            f"{en}: the parts add up to {expected}, the table says {result}{note_en}",
            at(report, target),
            expected=expected,
            actual=result,
            operands=operands(report, keys),
        )


@rule(
    "GIR301",
    Severity.ERROR,
    "第三部分勾稽关系不成立：一+二≠（七）总计+四",
    "section 三: new + carried over ≠ total processed + carried forward",
    example="本年新收443件 + 上年结转2件 = 445, 但办结442件 + 结转下年1件 = 443",
    name="applications-balance",
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
        yield Violation(
            f"{column_label(keys[0])}列：一+二 = {new}+{carried} = {incoming}，"
            f"（七）+四 = {done}+{forward} = {outgoing}{note_zh}",
            f"column {column}: new {new} + carried over {carried} = {incoming}, but "
            f"total {done} + carried forward {forward} = {outgoing}{note_en}",
            at(report, f"applications.total.{column}"),
            expected=incoming,
            actual=outgoing,
            operands=operands(report, keys),
        )


@rule(
    "GIR302",
    Severity.ERROR,
    "第三部分（七）总计不等于各办理结果之和",
    "section 三: total processed ≠ sum of the result rows",
    example="（七）总计 自然人 12，但予以公开5 + 部分公开3 + 不予公开2 = 10",
    name="processed-total",
)
def results_total(report: Report) -> Iterator[Violation]:
    """Per column: （七）总计 = （一）予以公开 + … + （六）其他处理."""
    if report.template is None:
        return  # no template, no table read: nothing to check
    yield from _sum_violations(
        report, report.template, "GIR302", lambda key: f"{column_label(key)}列", "column {}"
    )


@rule(
    "GIR303",
    Severity.ERROR,
    "第三部分总计列不等于各类申请人之和",
    "section 三: the total column ≠ sum of the six applicant columns",
    example="予以公开：自然人4 + 商业企业1 = 5，总计栏却为6",
    name="applicants-total",
)
def applicants_total(report: Report) -> Iterator[Violation]:
    """Per row: 总计 = 自然人 + 五类法人或其他组织."""
    if report.template is None:
        return  # no template, no table read: nothing to check
    yield from _sum_violations(
        report, report.template, "GIR303", lambda key: f"“{row_label(key)}”行", "row {}"
    )


@rule(
    "GIR304",
    Severity.ERROR,
    "第四部分总计不等于各结果之和",
    "section 四: a block's total ≠ upheld + corrected + other + pending",
    example="行政复议：维持1 + 纠正1 + 其他1 + 尚未审结1 = 4，总计为3",
    name="review-litigation-total",
)
def review_litigation_totals(report: Report) -> Iterator[Violation]:
    """Per block of section 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    template = report.template or TEMPLATES[0]
    yield from _sum_violations(report, template, "GIR304", row_label, "block {}")


@hookimpl
def govinfo_report_rules() -> Sequence[Rule]:
    """Provide the identity rules."""
    return (balance, results_total, applicants_total, review_litigation_totals)
