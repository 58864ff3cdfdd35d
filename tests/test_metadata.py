"""Part splitting and metadata: headings, page chrome, agency, year, template, date."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report
from govinfo_report._metadata import _TITLE, _title_match, detect_template
from govinfo_report._sections import _HEADING_LINE, _headings, split_parts

SKELETON = """\
首页 > 政务公开 > 年度报告
发布日期：2022-01-20  来源：某某县教育局
某某县教育局2021年政府信息公开工作年度报告
本报告统计数据时间从2021年1月1日起至2021年12月31日止。
一、总体情况
（一）主动公开情况
2021年主动公开信息12条。二是做好解读。
二、主动公开政府信息情况
{active}
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、政府信息公开工作存在的主要问题及改进情况
问题一。
六、其他需要报告的事项
无。
某某县教育局
2022年1月20日
扫一扫在手机打开当前页
主办：某某县人民政府
"""


def test_parts_found_despite_chrome_and_table_rows_that_look_like_headings() -> None:
    text = SKELETON.format(active="三、本年度办理结果\n四、结转下年度继续办理")
    parts = split_parts(text)
    assert list(parts.parts) == ["一", "二", "三", "四", "五", "六"]
    assert "结转下年度" in parts.body(text, "二")
    assert parts.body(text, "六").strip().startswith("无。")
    assert "主办" not in parts.body(text, "六")
    assert text[: parts.preamble_end].startswith("首页")


def test_metadata_from_the_page() -> None:
    report = govinfo_report.parse(SKELETON.format(active="规章\t0\t0\t0"))
    assert report.agency == "某某县教育局"
    assert report.year == 2021
    assert report.published == datetime.date(2022, 1, 20)
    assert report.template == "2021"
    assert report.metadata.template_basis == "year"
    assert report.prose["六"].startswith("无。")


@pytest.mark.parametrize(
    ("labels", "year", "template", "basis"),
    [
        ("本年制发件数 本年废止件数 现行有效件数", 2020, "2021", "labels"),
        ("本年新制作数量 本年新公开数量 对外公开总数量 政府集中采购", 2022, "2019", "labels"),
        ("国办公开办函〔2019〕60号", 2023, "2019", "notice"),
        ("国办公开办函【2024】30号", 2020, "2021", "notice"),
        ("", 2020, "2019", "year"),
        ("", None, None, "unknown"),
    ],
)
def test_template_decided_by_labels_then_notice_then_year(
    labels: str, year: int | None, template: str | None, basis: str
) -> None:
    assert detect_template(labels, year) == (template, basis)


def test_agency_on_the_line_above_the_title() -> None:
    report = govinfo_report.parse(
        "红寺堡区司法局\n\n2024 年政府信息公开工作年度报告\n一、总体情况\n"
    )
    assert (report.agency, report.year) == ("红寺堡区司法局", 2024)


def test_statistics_period_is_not_the_publication_date() -> None:
    report = govinfo_report.parse(
        "现发布《某局2023年政府信息公开工作年度报告》,本报告统计数据从2023年1月1日至2023年12月31日。\n"
        "一、总体情况\n"
    )
    assert report.published is None
    assert report.agency == "某局"


def test_missing_parts_and_metadata_are_findings() -> None:
    report = govinfo_report.parse("这不是一份年度报告。\n只有一些文字。")
    codes = {f.code for f in report.findings}
    assert {"GIR101", "GIR401", "GIR402", "GIR403"} <= codes
    assert report.cells == {}


@pytest.mark.parametrize(
    "heading",
    [
        "二、主动公开政府信息情况",
        "二.主动公开政府信息情况",
        "二 主动公开政府信息情况",
        "第二部分 主动公开政府信息情况",
    ],
)
def test_heading_variants(heading: str) -> None:
    parts = split_parts(
        f"一、总体情况\n文字\n{heading}\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n"
    )
    assert (
        parts.body(
            f"一、总体情况\n文字\n{heading}\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n",
            "二",
        ).strip()
        == "规章\t0\t0\t0"
    )


def test_title_after_guanyu() -> None:
    report = govinfo_report.parse(
        "关于某某区人民政府2022年度政府信息公开工作年度报告\n一、总体情况\n"
    )
    assert (report.agency, report.year) == ("某某区人民政府", 2022)


# Text made of near-titles and the marks around them: agencies of every length, spaces,
# marks that cannot stand in an agency, years, and endings that are or are not a title's.
_NOISE = st.sampled_from(["《", "》", "“", "。", ",", "\n", " ", "\t", "关于", "现公布", "x" * 30])
_AGENCY = st.text(alphabet="某县司法局 x", max_size=50)
_ENDING = st.tuples(
    st.sampled_from(["2023", "1999", "2021", "20232", "123"]),
    st.sampled_from(["", " ", "\t "]),
    st.sampled_from(["年", "年度", "年的", "年 度 的", "月"]),
    st.sampled_from(["政府信息公开", "政府信息"]),
    st.sampled_from(["", "工作", "年度", "工作年度"]),
    st.sampled_from(["报告", "报", ""]),
).map("".join)
_TEXT = st.lists(st.one_of(_NOISE, _AGENCY, _ENDING), max_size=12).map("".join)


@given(_TEXT)
def test_the_title_shortcut_finds_what_a_full_search_finds(text: str) -> None:
    # _title_match skips the search from every character; it must find the same first title.
    full = _TITLE.search(text)
    found = _title_match(text)
    assert (found and (found.span(), found.group("agency"))) == (
        full and (full.span(), full.group("agency"))
    )


_HEADING_TEXT = st.lists(
    st.sampled_from(
        [
            "\n",
            " ",
            "\t",
            "第",
            "一",
            "三",
            "六",
            "七",
            "、",
            ".",
            "部分",
            "总体情况",
            "主动公开",
            "x",
        ]
    ),
    max_size=25,
).map("".join)


@given(_HEADING_TEXT)
def test_the_heading_search_finds_every_heading_line(text: str) -> None:
    # _headings looks for a line break first; it must find what a line-anchored search finds.
    anchored = re.compile("^" + _HEADING_LINE, re.MULTILINE)
    expected = [(m.start(), m.end(), m["numeral"], m["title"]) for m in anchored.finditer(text)]
    assert list(_headings(text)) == expected
