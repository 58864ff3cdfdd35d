"""Rules: small objects with a stable code that find what is wrong with a report.

A rule's ``check`` takes a :class:`~govinfo_report.Report` and yields :class:`Violation` objects;
the engine turns each into a :class:`~govinfo_report.Finding` with the rule's code, severity and
title. Rules whose ``check`` is ``None`` are raised by the parsing pipeline itself (a table that
could not be read, say); they are listed, selected and configured like any other.

Plugins add rules with the ``govinfo_report_rules`` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._findings import Finding, Location, Number, Operand, Severity
from ._hints import plugin_hint
from ._keys import TEMPLATES, Template
from .errors import ConfigError

if TYPE_CHECKING:
    from ._model import Report

Stage = Literal["parse", "check", "corpus"]

#: The families of the ``GIR`` codes, by their hundreds digit: ``--select identities`` is GIR3.
_OCR_HINT = plugin_hint("govinfo-report-ocr")

FAMILIES: Mapping[str, str] = {
    "0": "engine",
    "1": "structure",
    "2": "values",
    "3": "identities",
    "4": "metadata",
    "5": "prose",
    "6": "corpus",
}


@attrs.frozen
class Violation:
    """What a rule's check reports: details, location, and the values that disagree."""

    detail_zh: str
    detail_en: str
    location: Location = attrs.field(factory=Location)
    expected: Number | None = None
    actual: Number | None = None
    operands: tuple[Operand, ...] = ()


Check = Callable[["Report"], Iterable[Violation]]


@attrs.frozen
class Rule:
    """A rule: code, default severity, templates it applies to, bilingual title and check."""

    code: str
    severity: Severity
    title_zh: str
    title_en: str
    check: Check | None = attrs.field(default=None, eq=False)
    templates: frozenset[Template] = frozenset(TEMPLATES)
    #: An example of what the rule finds, for the rule catalogue.
    example: str = ""
    #: ``corpus`` for rules over several reports (an agency's consecutive years).
    scope: Literal["report", "corpus"] = "report"
    #: A name that says what the rule finds (``row-missing``), accepted wherever a code is.
    name: str = ""
    #: The messages of its findings, after the title: ``(case, Chinese, English)`` templates
    #: that :meth:`violation` fills with the fields a call site passes.
    messages: tuple[tuple[str, str, str], ...] = ()
    #: Code prefixes of the findings this rule's finding explains (a document with no text
    #: misses every part): they follow from its root cause and are not reported beside it.
    explains: tuple[str, ...] = ()

    def violation(
        self,
        location: Location | None = None,
        /,
        *,
        case: str = "",
        expected: Number | None = None,
        actual: Number | None = None,
        operands: tuple[Operand, ...] = (),
        **fields: object,
    ) -> Violation:
        """A violation of this rule, its message the ``case`` templates filled with ``fields``."""
        detail_zh, detail_en = self.details(case, fields)
        return Violation(detail_zh, detail_en, location or Location(), expected, actual, operands)

    def details(self, case: str, fields: Mapping[str, object]) -> tuple[str, str]:
        """The Chinese and English message of ``case``, its templates filled with ``fields``."""
        for name, zh, en in self.messages:
            if name == case:
                return zh.format(**fields), en.format(**fields)
        raise KeyError(f"{self.code} has no message for the case {case!r}")

    @property
    def family(self) -> str:
        """The family of the code: :data:`FAMILIES` for ``GIR`` codes, else the code's letters
        in lower case (a plugin's own, ``docx``)."""
        if self.code.startswith("GIR") and len(self.code) > 3:
            return FAMILIES.get(self.code[3], "gir")
        return self.code.rstrip("0123456789").lower()

    @property
    def stage(self) -> Stage:
        """``parse`` for codes the pipeline raises, ``check`` for rules run on a report,
        ``corpus`` for rules run over a corpus database."""
        if self.scope == "corpus":
            return "corpus"
        return "parse" if self.check is None else "check"

    def finding(self, violation: Violation, severity: Severity | None = None) -> Finding:
        """Turn ``violation`` into a finding of this rule."""
        zh, en = violation.detail_zh, violation.detail_en
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message_zh=f"{self.title_zh}：{zh}" if zh else self.title_zh,
            message_en=f"{self.title_en}: {en}" if en else self.title_en,
            location=violation.location,
            expected=violation.expected,
            actual=violation.actual,
            operands=violation.operands,
        )


def rule(
    code: str,
    severity: Severity,
    title_zh: str,
    title_en: str,
    *,
    templates: Iterable[Template] = TEMPLATES,
    example: str = "",
    name: str = "",
    messages: tuple[tuple[str, str, str], ...] = (),
) -> Callable[[Check], Rule]:
    """Decorate a check function to make it a :class:`Rule`."""

    def make(check: Check) -> Rule:
        return Rule(
            code,
            severity,
            title_zh,
            title_en,
            check,
            frozenset(templates),
            example,
            name=name,
            messages=messages,
        )

    return make


#: Codes the parsing pipeline raises while it reads a document.
PARSE_RULES: Mapping[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "GIR000",
            Severity.ERROR,
            "规则运行出错",
            "a rule crashed",
            example="插件规则 ABC001 抛出 KeyError，其余规则照常运行",
            name="rule-crashed",
            messages=(("", "{code}（{plugin}）出错：{error}", "{code} ({plugin}) raised {error}"),),
        ),
        Rule(
            "GIR001",
            Severity.WARNING,
            "插件加载失败",
            "a plugin failed to load",
            example="入口点 semicolon = my_layout：ModuleNotFoundError",
            name="plugin-failed",
            messages=(("", "{plugin}（{target}）：{error}", "{plugin} ({target}): {error}"),),
        ),
        Rule(
            "GIR002",
            Severity.ERROR,
            "提取器运行出错",
            "an extractor raised an error",
            example="semicolon 读取第三部分失败：IndexError，改试下一个提取器",
            name="reader-failed",
            messages=(
                (
                    "extractor",
                    "{extractor} 读取第{numeral}部分失败：{error}",
                    "{extractor} failed on part {numeral}: {error}",
                ),
                ("reader", "读取文档失败：{error}", "a reader failed: {error}"),
                (
                    "unknown_code",
                    "提取器报告了未知代码 {code}：{detail_zh}",
                    "an extractor reported the unknown code {code}: {detail_en}",
                ),
            ),
        ),
        Rule(
            "GIR003",
            Severity.ERROR,
            "文档没有文本",
            "the document has no text layer",
            example="pdf文件没有文本层（扫描件需OCR）",
            name="no-text-layer",
            # nothing was read, so every part, table, value and title is missing
            explains=("GIR1", "GIR2", "GIR3", "GIR4", "GIR5"),
            messages=(
                (
                    "",
                    "{format}文件没有文本层（扫描件需OCR：" + _OCR_HINT + "）",
                    "the {format} has no text layer: a scanned document needs OCR ("
                    + _OCR_HINT
                    + ")",
                ),
                (
                    "recognised",
                    "{format}文件没有文本层，图像识别也没有读出文字",
                    "the {format} has no text layer, and recognising its images read no text",
                ),
            ),
        ),
        Rule(
            "GIR004",
            Severity.WARNING,
            "文本有无法解码的字节",
            "bytes of the text cannot be decoded",
            example="UTF-8文本中有3处无效字节（下载中断或文件损坏），按“�”读取，首处在第12行",
            name="undecodable-bytes",
            messages=(
                (
                    "",
                    "{encoding}文本中有{count}处无效字节，按“�”读取，首处在第{line}行",
                    "{count} byte sequences are not valid {encoding} and read as �, the first on "
                    "line {line}",
                ),
            ),
        ),
        Rule(
            "GIR101",
            Severity.ERROR,
            "缺少报告部分",
            "a part of the report is missing",
            example="未找到第四部分的标题（四、政府信息公开行政复议、行政诉讼情况）",
            name="part-missing",
            messages=(
                ("", "未找到第{numeral}部分的标题", "no heading of part {numeral} was found"),
            ),
        ),
        Rule(
            "GIR102",
            Severity.WARNING,
            "表格缺失或无法读取",
            "a table is missing or unreadable",
            example="第三部分的表格是图片，4个数值取自正文",
            name="table-unreadable",
            messages=(
                ("none", "第{numeral}部分没有表格", "part {numeral} has no table"),
                (
                    "unreadable",
                    "第{numeral}部分的表格无法读取",
                    "part {numeral} has a table no extractor could read",
                ),
                (
                    "none_prose",
                    "第{numeral}部分没有表格，{count}个数值取自正文",
                    "part {numeral} has no table; {count} values come from the prose",
                ),
                (
                    "unreadable_prose",
                    "第{numeral}部分的表格无法读取，{count}个数值取自正文",
                    "part {numeral} has a table no extractor could read; {count} values come from "
                    "the prose",
                ),
            ),
        ),
        Rule(
            "GIR103",
            Severity.ERROR,
            "表格缺少行",
            "a table row is missing",
            example="第三部分缺少“（二）部分公开”行",
            name="row-missing",
            messages=(("", "第{numeral}部分缺少“{label}”行", "table {numeral} has no row {row}"),),
        ),
        Rule(
            "GIR104",
            Severity.ERROR,
            "单元格无法定位",
            "cells could not be placed in columns",
            example="“（五）不予处理 2.重复申请 3 1”只有2个数值，该行有7列",
            name="cells-unplaced",
            messages=(
                (
                    "merged",
                    "{label}：与上一行的单元格合并，数值不重复计入",
                    "{key}: merged with the cell above (rowspan); its value is not repeated",
                ),
                (
                    "row",
                    "{label} 应有{count}个单元格，无法确定位置{cells_zh}",
                    "row {row} needs {count} cells and they cannot be placed exactly{cells_en}",
                ),
                (
                    "label_only",
                    "“{label}”行没有数值（空白单元格在此格式中无法定位）{cells_zh}",
                    "row {row} has a label but no cells (this layout drops empty cells){cells_en}",
                ),
                (
                    "table",
                    "应有{count}个数字，无法确定位置{cells_zh}",
                    "the table needs {count} numbers and they cannot be placed exactly{cells_en}",
                ),
            ),
        ),
        Rule(
            "GIR105",
            Severity.WARNING,
            "表格行重复",
            "a table row appears twice",
            example="“（一）予以公开”出现两次，取第一次",
            name="row-repeated",
            messages=(
                (
                    "",
                    "{label} 出现多次，取第一次",
                    "row {row} appears more than once; the first is kept",
                ),
            ),
        ),
        Rule(
            "GIR106",
            Severity.WARNING,
            "无法识别的表格行",
            "a table row was not recognised",
            example="«合计» 不是第三部分表格的行",
            name="row-unrecognised",
            messages=(
                (
                    "",
                    "«{label}» 不是{numeral}部分表格的行",
                    "«{label}» is not a row of table {numeral}",
                ),
            ),
        ),
        Rule(
            "GIR116",
            Severity.INFO,
            "无分隔数字的拆分由上年报告确定",
            "last year's report decided how glued digits split",
            example="上年现行有效10件：本年“行政规范性文件2111”只能拆为2、1、11",
            name="glued-decided-by-last-year",
            messages=(
                (
                    "",
                    "第{numeral}部分：上年报告现行有效件数{before}确定了{cells_zh}的拆分",
                    "part {numeral}: last year's report ({before} in force) decided {cells_en}",
                ),
            ),
        ),
        Rule(
            "GIR120",
            Severity.INFO,
            "部分按表格内容定位",
            "a part was found by its table, not its heading",
            example="第二部分没有标题，其表格（第二十条第（一）项…）按表格标签定位",
            name="part-found-by-table",
            messages=(
                (
                    "",
                    "第{numeral}部分没有标题，按其表格的标签定位",
                    "part {numeral} has no heading; it was found by its table's labels",
                ),
            ),
        ),
        Rule(
            "GIR121",
            Severity.INFO,
            "部分标题编号与模板不同",
            "a part's heading is numbered differently from the template",
            example="“一、主动公开政府信息情况”是第二部分的标题（提纲重新编号）",
            name="part-renumbered",
            messages=(
                (
                    "",
                    "“{heading}”是第{numeral}部分的标题，编号为“{printed}”",
                    "«{heading}» heads part {numeral} but is numbered {printed}",
                ),
            ),
        ),
        Rule(
            "GIR107",
            Severity.INFO,
            "行标签与模板不同，按位置读取",
            "a row label differs from the template's and was read by its place",
            example="«2.其他法律行政止公开» 按位置读作“2.其他法律行政法规禁止公开”",
            name="label-read-by-place",
            messages=(
                (
                    "",
                    "«{printed}» 按位置读作“{label}”",
                    "«{printed}» was read as row {row} by its place between its neighbours",
                ),
                (
                    "after",
                    "«{printed}» 按位置读作“{label}”",
                    "«{printed}» was read as row {row} by its place after the row before it",
                ),
            ),
        ),
        Rule(
            "GIR108",
            Severity.INFO,
            "（六）其他处理印作一行，全为0",
            "（六）其他处理 printed as one row, all zero",
            example="2021年模板的报告把（六）其他处理印作一行且全为0：其三个分项按模板的合计关系均为0",
            name="other-handling-one-row-zero",
            messages=(
                (
                    "",
                    "（六）其他处理印作一行且全为0，其三个分项均为0",
                    "（六）其他处理 is one row of zeros, so each of its three rows is 0",
                ),
            ),
        ),
        Rule(
            "GIR109",
            Severity.WARNING,
            "（六）其他处理印作一行，分项未知",
            "（六）其他处理 printed as one row: its three sub-rows are unknown",
            example="2021年模板的报告把（六）其他处理印作一行（3 0 0 0 0 0 3）：三个分项无法确定",
            name="other-handling-one-row-unknown",
            messages=(
                (
                    "",
                    "（六）其他处理印作一行（{cells}），“{label}”无法确定",
                    "（六）其他处理 is one row ({cells}); row {row} cannot be known",
                ),
            ),
        ),
        Rule(
            "GIR110",
            Severity.ERROR,
            "无分隔的数字有多种拆分",
            "glued digits split into cells in more than one way",
            example="行政规范性文件6233440：可拆为6、233、440或62、33、440等，三个单元格无法确定",
            name="glued-ambiguous",
            messages=(
                (
                    "",
                    "{label}：数字{digits}有{count}种拆分（{shown}{more_zh}），{listed}无法确定",
                    "row {row}: the digits {digits} split in {count} ways ({shown}{more_en}); "
                    "{listed} stay unknown",
                ),
            ),
        ),
        Rule(
            "GIR111",
            Severity.ERROR,
            "无分隔的数字无法拆分",
            "glued digits cannot be split into the row's cells",
            example="（七）总计12：7个单元格只有2位数字",
            name="glued-unsplittable",
            messages=(
                (
                    "",
                    "{label}：数字{digits}无法拆分为{count}个单元格",
                    "{name}: the digits {digits} cannot be split into its {count} cells",
                ),
            ),
        ),
        Rule(
            "GIR112",
            Severity.ERROR,
            "无分隔数字的拆分超出搜索上限",
            "splitting glued digits exceeded the search budget",
            example="第三部分一行有40位数字，拆分搜索超过上限，该行单元格未读取",
            name="glued-over-budget",
            messages=(
                (
                    "part",
                    "第{numeral}部分：无分隔数字的组合过多，只采用每行各种拆分都一致的单元格",
                    "part {numeral}: too many ways to split the glued digits; only the cells all "
                    "of a row's own readings agree on are kept",
                ),
                (
                    "run",
                    "{label}：数字{digits}的拆分方式过多，无法确定",
                    "{name}: the digits {digits} split in too many ways",
                ),
            ),
        ),
        Rule(
            "GIR113",
            Severity.INFO,
            "无分隔数字的拆分由正文数字确定",
            "the prose figures decided how glued digits split",
            example="正文“收到申请21件”确定本年新收总计为21",
            name="glued-decided-by-prose",
            messages=(
                (
                    "",
                    "第{numeral}部分：正文所述数字确定了{cells_zh}的拆分",
                    "part {numeral}: the figures stated in the prose decided {cells_en}",
                ),
            ),
        ),
        Rule(
            "GIR114",
            Severity.WARNING,
            "无分隔数字不符合表格勾稽关系",
            "no split of the glued digits satisfies the table's identities",
            example="第三部分无分隔数字的任何拆分都不满足（七）总计=各结果之和，只保留各拆分一致的单元格",
            name="glued-breaks-identities",
            messages=(
                (
                    "",
                    "第{numeral}部分：没有一种拆分满足表格的勾稽关系，不用勾稽关系拆分，只采用各种拆分都一致的单元格",
                    "part {numeral}: no split of the glued digits satisfies the table's "
                    "identities, so they decide nothing; only the cells every split agrees on are "
                    "kept",
                ),
            ),
        ),
        Rule(
            "GIR115",
            Severity.INFO,
            "无分隔数字按勾稽关系拆分",
            "glued digits were split by the table's identities",
            example="第三部分的无分隔数字按表格勾稽关系拆分；表中数字若本身有误，拆分可能随之有误",
            name="glued-decided-by-identities",
            messages=(
                (
                    "",
                    "第{numeral}部分的无分隔数字按表格勾稽关系拆分；表中数字若本身有误，拆分可能随之有误",
                    "part {numeral}: the glued digits were split by the table's identities; if "
                    "the report's own numbers are wrong, a split may be wrong too",
                ),
            ),
        ),
        Rule(
            "GIR130",
            Severity.WARNING,
            "一个文件中有两份报告",
            "a file holds two reports",
            example="第一份报告之后还有“某某局2022年政府信息公开工作年度报告”，只读取了第一份",
            name="second-report",
            messages=(
                (
                    "",
                    "文件中第一份报告之后还有一份报告（{title}），只读取了第一份",
                    "the file holds a second report after the first ({title}); only the first is "
                    "read",
                ),
            ),
        ),
        Rule(
            "GIR201",
            Severity.ERROR,
            "单元格不是数字",
            "a cell is not a number",
            example="行政处罚 本年处理决定数量 为«若干»",
            name="not-a-number",
            messages=(
                ("", "{label}：«{text}»", "{key}: «{text}»"),
                (
                    "too_long",
                    "{label}：«{text}…»（{digits}位数字）",
                    "{key}: «{text}…» ({digits} digits)",
                ),
                (
                    "not_money",
                    "{label}：«{text}»不是金额",
                    "{key}: «{text}» is not an amount of money",
                ),
                (
                    "money_in_count",
                    "{label}：«{text}»是金额，本栏计件数",
                    "{key}: «{text}» is money, the column counts items",
                ),
                (
                    "confusable",
                    "{label}：«{text}»含形似数字的字母，可能是{candidate}（识别或录入有误），未采用",
                    "{key}: «{text}» has letters that look like digits, perhaps {candidate} (a "
                    "recognition or typing slip); left unknown",
                ),
            ),
        ),
        Rule(
            "GIR202",
            Severity.ERROR,
            "件数不是整数",
            "a count is not a whole number",
            example="行政许可 本年处理决定数量 为«2.5»",
            name="count-not-whole",
            messages=(("", "{label}：«{text}»", "{key}: «{text}»"),),
        ),
        Rule(
            "GIR205",
            Severity.WARNING,
            "图像识别的数值未经印证",
            "a value recognised from an image is not confirmed",
            example="扫描件中（三）不予公开 自然人 识别为«6»（置信度0.71），无勾稽关系印证，未采用",
            name="recognised-unconfirmed",
            messages=(
                (
                    "unconfirmed",
                    "{label}：识别为«{text}»（置信度{confidence}），没有成立的勾稽关系印证，未采用",
                    "{key}: recognised as «{text}» (confidence {confidence}) and no identity "
                    "that holds confirms it; left unknown",
                ),
                (
                    "breaks",
                    "{label}：识别为«{text}»（置信度{confidence}），与{identity}不符，"
                    "可能识别有误，未采用",
                    "{key}: recognised as «{text}» (confidence {confidence}), which breaks "
                    "{identity}; perhaps misread, left unknown",
                ),
                (
                    "rows",
                    "{label}：识别为«{text}»（置信度{confidence}），该表格有未按标签对应的行，"
                    "数字可能在别行的标签旁，又无勾稽关系印证，未采用",
                    "{key}: recognised as «{text}» (confidence {confidence}), but rows of its "
                    "table were not placed by their labels, so the numbers may stand beside "
                    "another row's label, and no identity covers it; left unknown",
                ),
                (
                    "money",
                    "{label}：金额识别为«{text}»，小数点可能未识别出，未采用",
                    "{key}: the amount was recognised as «{text}», whose decimal point may have "
                    "been lost; left unknown",
                ),
            ),
        ),
        Rule(
            "GIR401",
            Severity.WARNING,
            "无法确定模板版本",
            "the template version is unknown",
            example="表格标签不属于任何一版模板，正文未引用格式通知，也没有年度",
            name="template-unknown",
            messages=(("", "表格无法映射", "the tables cannot be mapped"),),
        ),
        Rule(
            "GIR402",
            Severity.WARNING,
            "缺少报告年度",
            "the report year is missing",
            example="标题和统计期限中都没有年份（“政府信息公开工作年度报告”）",
            name="year-missing",
            messages=(("", "", "no year was found in the title or the statistics period"),),
        ),
        Rule(
            "GIR403",
            Severity.WARNING,
            "缺少机关名称",
            "the agency name is missing",
            example="标题只有“2023年政府信息公开工作年度报告”，没有机关名称",
            name="agency-missing",
            messages=(("", "", "no title naming the agency was found"),),
        ),
    )
}


#: Rules over a corpus: one agency's reports in consecutive years (see ``govinfo-report check``
#: on a corpus database).
CORPUS_RULES: Mapping[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "GIR601",
            Severity.WARNING,
            "上年结转与上一年度报告的结转下年度不一致",
            "carried over differs from last year's carried forward",
            example="2023年报告上年结转3件，2022年报告结转下年度2件",
            scope="corpus",
            name="carried-over-mismatch",
        ),
        Rule(
            "GIR602",
            Severity.WARNING,
            "现行有效件数与上年不衔接",
            "documents in force do not follow from last year's",
            templates=frozenset({"2021"}),
            example="上年现行有效10 + 本年制发2 − 废止1 = 11，本年现行有效为9（修订也会造成差异）",
            scope="corpus",
            name="in-force-discontinuity",
        ),
    )
}


def finding(
    code: str,
    location: Location | None = None,
    /,
    *,
    case: str = "",
    expected: Number | None = None,
    actual: Number | None = None,
    operands: tuple[Operand, ...] = (),
    **fields: object,
) -> Finding:
    """A finding of the pipeline code ``code`` (see :data:`PARSE_RULES`), its message the
    rule's template for ``case`` filled with ``fields``."""
    rule = PARSE_RULES[code]
    where = location or Location()
    violation = rule.violation(
        where, case=case, expected=expected, actual=actual, operands=operands, **fields
    )
    return rule.finding(violation)


def _longest_prefix(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@attrs.frozen
class RuleConfig:
    """Which rules run and at what severity: codes or code prefixes, as in ruff (a parser
    also takes rule names and family names, see :meth:`resolved`).

    The longest matching prefix decides; on a tie ``ignore`` wins. The default selects every
    rule, third-party ones included: the empty prefix matches every code.
    """

    select: tuple[str, ...] = ("",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    # Every parse asks about every rule: each code's answer is worked out once.
    _enabled: dict[str, bool] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def enabled(self, code: str) -> bool:
        """True when ``code`` is selected and not ignored."""
        known = self._enabled.get(code)
        if known is None:
            selected = _longest_prefix(code, self.select)
            known = self._enabled[code] = selected >= 0 and selected > _longest_prefix(
                code, self.ignore
            )
        return known

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity of ``code``: the override of the longest matching prefix, or ``default``."""
        matches = [p for p in self.severity if code.startswith(p)]
        return self.severity[max(matches, key=len)] if matches else default

    def apply(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """Drop findings of rules not enabled; set the configured severities."""
        out = []
        for f in findings:
            if self.enabled(f.code):
                severity = self.severity_of(f.code, f.severity) if self.severity else f.severity
                out.append(f if severity == f.severity else attrs.evolve(f, severity=severity))
        return tuple(out)

    def resolved(self, aliases: Mapping[str, str]) -> RuleConfig:
        """This configuration with rule names and family names (keys of ``aliases``) replaced
        by the codes and code prefixes they stand for."""

        def codes(selectors: Iterable[str]) -> tuple[str, ...]:
            return tuple(aliases.get(s, s) for s in selectors)

        severity = {aliases.get(s, s): level for s, level in self.severity.items()}
        return RuleConfig(codes(self.select), codes(self.ignore), severity)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleConfig:
        """Build from ``[tool.govinfo-report]`` data: ``select``, ``ignore``, ``severity``."""
        unknown = set(data) - {"select", "ignore", "severity"}
        try:
            if unknown:
                raise ValueError(f"unknown settings {sorted(unknown)}")
            return cls(
                select=_codes(data.get("select", ("",))),
                ignore=_codes(data.get("ignore", ())),
                severity=_severities(data.get("severity", {})),
            )
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"invalid [tool.govinfo-report] settings: {exc}") from exc


def _severities(value: object) -> dict[str, Severity]:
    """``severity = {CODE = "level"}`` as a mapping, saying what is wrong otherwise."""
    levels = ", ".join(repr(s.value) for s in Severity)
    if not isinstance(value, dict):
        raise TypeError(
            f'severity must be a table of codes and levels (severity = {{"GIR204" = "info"}}), '
            f"got {value!r}"
        )
    out = {}
    for code, level in value.items():
        try:
            out[str(code)] = Severity(level)
        except ValueError:
            raise ValueError(f"severity of {code}: {level!r} is not one of {levels}") from None
    return out


def _codes(value: object) -> tuple[str, ...]:
    """A code or a list of codes, as a tuple of strings."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"expected a code or a list of codes, got {value!r}")


__all__ = [
    "CORPUS_RULES",
    "FAMILIES",
    "PARSE_RULES",
    "Check",
    "Rule",
    "RuleConfig",
    "Stage",
    "Violation",
    "finding",
    "rule",
]
