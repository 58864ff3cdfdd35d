"""The six parts found wherever their headings stand, and the tables by their own labels."""

from __future__ import annotations

import re

import pytest
from _support import SEEDS
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report
from govinfo_report._structure._sections import _HEADING_LINE, _headings, split_parts
from govinfo_report._structure._vocabulary import table_runs

ACTIVE = (
    "第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件2015"
    "第二十条第(五)项信息内容本年处理决定数量行政许可12"
)
APPLICATIONS = (
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况自然人法人或其他组织"
    "总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量2000002"
)
REVIEW = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000"


def test_headings_mid_line_as_crawlers_join_them() -> None:
    text = (
        "当前位置:首页 > 政务公开 微信 微博 某某局2023年政府信息公开工作年度报告一、总体情况2023年,"
        f"我局扎实推进。二、主动公开政府信息情况{ACTIVE}三、收到和处理政府信息公开申请情况"
        f"{APPLICATIONS}四、政府信息公开行政复议、行政诉讼情况{REVIEW}五、存在的主要问题及改进"
        "情况问题。六、其他需要报告的事项无。"
    )
    parts = split_parts(text)
    assert list(parts.parts) == ["一", "二", "三", "四", "五", "六"]
    assert parts.body(text, "二") == ACTIVE
    assert parts.body(text, "三") == APPLICATIONS
    assert parts.body(text, "四") == REVIEW  # the heading ends where the table header begins
    assert parts.body(text, "六") == "无。"
    assert parts.departures == ()


def test_heading_glued_after_a_number_and_a_page_marker() -> None:
    text = (
        f"一、总体情况\n文字。\n二、主动公开政府信息情况\n{ACTIVE}"
        f"- 4 -三、收到和处理政府信息公开申请情况\n{APPLICATIONS}"
    )
    parts = split_parts(text)
    assert parts.body(text, "二").strip() == ACTIVE + "- 4 -"
    assert parts.body(text, "三").strip() == APPLICATIONS


@pytest.mark.parametrize(
    "heading",
    [
        "## 二、主动公开政府信息情况",
        "**二、主动公开政府信息情况**",
        "### **二、主动公开政府信息情况**",
        "## 主动公开政府信息情况",
        "表二:主动公开政府信息情况",
        "## 表二:主动公开政府信息情况",
        "第二部分 主动公开政府信息情况",
    ],
)
def test_markdown_headings_and_captions(heading: str) -> None:
    text = f"# 某某局2023年政府信息公开工作年度报告\n## 一、总体情况\n文字。\n{heading}\n{ACTIVE}\n"
    parts = split_parts(text)
    assert list(parts.parts) == ["一", "二"]
    assert parts.body(text, "二").strip() == ACTIVE
    assert parts.departures == ()


def test_renumbered_outline_is_read_by_the_headings_words() -> None:
    text = (
        "某某局2023年政府信息公开工作年度报告\n本局扎实推进政务公开。\n"
        f"一、主动公开政府信息情况\n{ACTIVE}\n二、收到和处理政府信息公开申请情况\n{APPLICATIONS}\n"
        f"三、政府信息公开行政复议、行政诉讼情况\n{REVIEW}\n四、存在的主要问题及改进情况\n问题。\n"
        "五、其他需要报告的事项\n无。\n"
    )
    parts = split_parts(text)
    assert list(parts.parts) == ["二", "三", "四", "五", "六"]
    assert parts.body(text, "四").strip() == REVIEW
    assert [(d.kind, d.numeral, d.printed) for d in parts.departures] == [
        ("renumbered", n, printed) for n, printed in zip("二三四五六", "一二三四五", strict=True)
    ]
    report = govinfo_report.parse(text)
    assert sum(f.code == "GIR121" for f in report.findings) == 5
    assert report["review_litigation.review.total"] == 0


def test_a_table_whose_heading_is_missing_is_found_by_its_labels() -> None:
    text = (
        "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本局扎实推进。\n"
        "第二十条第(一)项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t0\t0\n行政规范性文件\t2\t0\t15\n"
        "三、收到和处理政府信息公开申请情况\n正文。\n"
    )
    parts = split_parts(text)
    assert list(parts.parts) == ["一", "二", "三"]
    assert parts.body(text, "一").strip() == "本局扎实推进。"
    assert parts.body(text, "二").startswith("第二十条第(一)项")
    assert [(d.kind, d.numeral) for d in parts.departures] == [("by_table", "二")]
    report = govinfo_report.parse(text)
    assert report["active.normative_documents.in_force"] == 15
    assert [f.location.section for f in report.findings if f.code == "GIR120"] == ["二"]
    assert not any(f.code == "GIR101" and f.location.section == "二" for f in report.findings)


def test_a_table_belongs_to_its_vocabulary_not_to_the_heading_before_it() -> None:
    # Part 三's heading is lost; its table follows part 二's table under part 二's heading.
    text = (
        "某某局2023年政府信息公开工作年度报告\n一、总体情况\n文字。\n二、主动公开政府信息情况\n"
        f"{ACTIVE}\n{APPLICATIONS}\n"
    )
    parts = split_parts(text)
    assert parts.body(text, "二").strip() == ACTIVE
    assert parts.body(text, "三").strip() == APPLICATIONS
    assert [(d.kind, d.numeral) for d in parts.departures] == [("by_table", "三")]


def test_prose_that_names_a_few_labels_is_not_a_table() -> None:
    prose = (
        "本年新收政府信息公开申请5件,其中自然人4件,法人或其他组织1件;予以公开3件,部分公开1件,"
        "不予公开1件。行政复议0件,行政诉讼0件,结果维持0件。"
    )
    assert table_runs(prose, "applications") == []
    assert table_runs(prose, "review_litigation") == []
    assert table_runs(APPLICATIONS, "applications") == [1]  # 本列数据…, after its bracket


def test_an_outline_in_the_preamble_does_not_take_part_one() -> None:
    text = (
        "某某局2023年政府信息公开工作年度报告\n本报告包括一、总体情况;二、主动公开政府信息情况等内容。\n"
        f"一、总体情况\n本局扎实推进。\n二、主动公开政府信息情况\n{ACTIVE}\n"
    )
    parts = split_parts(text)
    assert parts.body(text, "一").strip() == "本局扎实推进。"
    assert parts.body(text, "二").strip() == ACTIVE


@pytest.mark.parametrize(
    "wording",
    [
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政法复议、行政诉讼情况",
        "四、行政复议和行政诉讼情况",
    ],
)
def test_part_four_in_the_wordings_agencies_use(wording: str) -> None:
    text = f"一、总体情况\n文字。{wording}{REVIEW}五、存在的主要问题及改进情况问题。"
    parts = split_parts(text)
    assert parts.body(text, "四") == REVIEW


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_seeds_joined_into_one_line_keep_their_parts(seed: object) -> None:
    report = govinfo_report.parse(seed)  # type: ignore[arg-type]
    text = govinfo_report.render(report, "glued", breaks=False).replace("\n", "")
    assert list(split_parts(text).parts) == list(
        split_parts(govinfo_report.render(report, "tab")).parts
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


def test_headings_wrapped_over_two_lines() -> None:
    text = (
        "一、总体情况\n文字。\n五、存在的主\n要问题及改进情况\n问题。\n"
        "六、其他需要\n报告的事项\n无。\n"
    )
    parts = split_parts(text)
    assert list(parts.parts) == ["一", "五", "六"]
    assert parts.body(text, "五").strip() == "问题。"
    assert parts.body(text, "六").strip() == "无。"


@pytest.mark.parametrize("layout", ["tab", "crawler"])
def test_a_second_report_in_the_same_file_is_reported(layout: str) -> None:
    first, second = (govinfo_report.parse(seed) for seed in (SEEDS[2], SEEDS[1]))
    both = govinfo_report.render(first, layout) + "\n" + govinfo_report.render(second, layout)
    parsed = govinfo_report.parse(both)
    assert parsed.to_flat() == first.to_flat()  # the first report, none of the second's rows
    (found,) = [f for f in parsed.findings if f.code == "GIR130"]
    assert f"{second.agency}{second.year}年政府信息公开工作年度报告" in found.message_zh
