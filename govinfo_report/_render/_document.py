"""A report laid out as the official document: title, the six parts, the three tables."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .._keys import TABLE_SECTIONS, Template
from .._model import Report
from ._official import TABLES, Table

NOTICES = {"2021": "国办公开办函〔2021〕30号", "2019": "国办公开办函〔2019〕60号"}
HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
# Neutral prose for parts a report does not carry: no figures, so no rule reads anything in it.
_DEFAULT_PROSE = {
    "一": "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。",
    "五": "政府信息公开工作仍有不足，下一步将持续改进。",
    "六": "无。",
}


@attrs.frozen
class Title:
    """The document's title."""

    text: str


@attrs.frozen
class Heading:
    """The heading of one of the six parts."""

    text: str


@attrs.frozen
class Paragraph:
    """A paragraph of prose."""

    text: str


@attrs.frozen
class TableBlock:
    """An official table."""

    section: str
    rows: Table


@attrs.frozen
class SignOff:
    """The agency and the date under the report."""

    agency: str
    date: str


Block = Title | Heading | Paragraph | TableBlock | SignOff


def title_of(report: Report) -> str:
    """The report's title as agencies write it."""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def _has_table(report: Report, section: str) -> bool:
    prefix = section + "."
    return any(
        k.startswith(prefix) and c.provenance.origin == "table" for k, c in report.cells.items()
    )


def blocks(report: Report) -> Iterator[Block]:
    """The report as a sequence of blocks every layout writer can print."""
    template: Template = report.template or "2021"
    title = title_of(report)
    yield Title(title)
    period = (
        f"本报告统计数据从{report.year}年1月1日至{report.year}年12月31日。" if report.year else ""
    )
    yield Paragraph(
        "根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
        f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{NOTICES[template]}）要求，"
        f"现发布本报告。{period}"
    )
    tables = {numeral: section for section, numeral in TABLE_SECTIONS.items()}
    for numeral, heading in HEADINGS.items():
        yield Heading(heading)
        section = tables.get(numeral)
        if section is None:
            for paragraph in (report.prose.get(numeral) or _DEFAULT_PROSE[numeral]).split("\n"):
                if paragraph.strip():
                    yield Paragraph(paragraph.strip())
        elif _has_table(report, section):
            yield TableBlock(section, TABLES[section](report, template))
    if report.published is not None:
        date = report.published
        yield SignOff(report.agency or "", f"{date.year}年{date.month}月{date.day}日")
