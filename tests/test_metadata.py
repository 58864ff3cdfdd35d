"""Part splitting and metadata: headings, page chrome, agency, year, template, date.

The agency, year and publication date are read wherever real documents put them: titles with
the year first or split over lines, crawler dumps that glue breadcrumbs, share buttons and the
crawler's own lines to the title on one line, 发布机构/来源 labels, and the signature after
part 六. A wrong agency is worse than none: every agency read is exactly a name or ``None``.
"""

from __future__ import annotations

import datetime
import re
import time

import attrs
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report
from govinfo_report._input._normalise import normalise
from govinfo_report._model import Metadata
from govinfo_report._structure._metadata import _period, detect_template, read_metadata
from govinfo_report._structure._metadata_places import find_titles, is_agency
from govinfo_report._structure._sections import split_parts

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


def without_parts(text: str) -> Metadata:
    """The metadata read as when no part's heading is found (a one-line dump, today)."""
    doc = normalise(text)
    parts = attrs.evolve(split_parts(""), trailer_start=len(doc.text))
    return read_metadata(doc.text, parts, doc.script, lambda _: None)


def both_ways(text: str) -> list[Metadata]:
    """The metadata of ``text`` parsed, and read with no part found: both must be right."""
    return [govinfo_report.parse(text).metadata, without_parts(text)]


BODY = (
    "根据《中华人民共和国政府信息公开条例》规定，现发布本报告。\n一、总体情况\n2023年，我局扎实推进。\n"
    "五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。\n"
)
# The report's text as a crawler joins its text nodes: one line.
DUMP_BODY = (
    "根据《中华人民共和国政府信息公开条例》规定，现发布本报告。一、总体情况 2023年，我局扎实推进。"
    "五、存在的主要问题及改进情况 问题。六、其他需要报告的事项 无。"
)


# 1. The year before the agency.


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
        ("2022年度某某区教育局政府信息公开工作年度报告", "某某区教育局", 2022),
        ("2021 年 某某市卫生健康委员会政府信息公开工作年度报告", "某某市卫生健康委员会", 2021),
        ("2023年某某街道办事处政府信息公开年度报告", "某某街道办事处", 2023),
        ("现将2020年某某县人民政府政府信息公开工作年度报告公布如下。", "某某县人民政府", 2020),
    ],
)
def test_year_before_the_agency(title: str, agency: str, year: int) -> None:
    for meta in both_ways(f"{title}\n{BODY}"):
        assert (meta.agency, meta.year) == (agency, year)
        assert meta.title is not None
        assert meta.title.count(agency) == 1


def test_a_sentence_with_the_year_first_is_no_title() -> None:
    meta = without_parts("2023年以来我局认真编制了政府信息公开工作年度报告。")
    assert (meta.agency, meta.title) == (None, None)


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("某某市司法局172023年政府信息公开工作年度报告", "某某市司法局17"),  # a numbered body
        # where a name glued to a number starts is not known: no agency rather than 线服务中心
        ("某某市12345热线服务中心2023年政府信息公开工作年度报告", None),
        ("截至2022年某某局2023年政府信息公开工作年度报告", "某某局"),  # 年 ends a number
    ],
)
def test_digits_before_the_agency_or_in_it(title: str, agency: str | None) -> None:
    for meta in both_ways(f"{title}\n{BODY}"):
        assert (meta.agency, meta.year) == (agency, 2023)


# 2. Titles split over lines, and chrome before them.


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("某某市交通运输局\n2022年政府信息公开\n工作年度报告", "某某市交通运输局"),
        ("某某县人民政府办公室2023年度政府信息\n公开工作年度报告", "某某县人民政府办公室"),
        ("正文\n某某市交通运输局\n2022年政府信息公开\n工作年度报告", "某某市交通运输局"),
        ("**某某区教育局**\n\n2022 年政府信息公开工作\n年度报告", "某某区教育局"),
        ("某某县发展和改革局\n2022年\n政府信息公开工作年度报告", "某某县发展和改革局"),
        ("# 某某县人民政府办公室\n# 2023年政府信息公开工作年度报告", "某某县人民政府办公室"),
        ("# 2019年某某市司法局\n# 政府信息公开工作年度报告", "某某市司法局"),
        ("**2021年度某某区教育局**\n**政府信息公开工作年度报告**", "某某区教育局"),
        (
            "当前位置：首页 > 政务公开 > 政府信息公开年报\n微信 微博 QQ空间\n"
            "字号：大 中 小 【打印】\n某某市交通运输局\n2022年政府信息公开工作年度报告",
            "某某市交通运输局",
        ),
    ],
)
def test_title_split_over_lines(title: str, agency: str) -> None:
    for meta in both_ways(f"{title}\n{BODY}"):
        assert (meta.agency, meta.year) == (agency, int(re.findall(r"\d{4}", title)[0]))
        assert meta.title is not None
        assert "\n" not in meta.title
        assert "#" not in meta.title
        assert "*" not in meta.title
        assert agency in meta.title


@pytest.mark.parametrize(
    "above", ["分享到：", "正文", "【字号：大 中 小】", "微信 微博 QQ空间", "标题:"]
)
def test_chrome_on_the_line_above_a_title_is_no_agency(above: str) -> None:
    for meta in both_ways(f"{above}\n2022年政府信息公开工作年度报告\n{BODY}"):
        assert (meta.agency, meta.year) == (None, 2022)


@pytest.mark.parametrize(
    ("dump", "agency"),
    [
        (
            "当前位置：首页 > 政务公开 > 年报 微信 微博 QQ空间 "
            "平顶山市司法局2023年政府信息公开工作年度报告",
            "平顶山市司法局",
        ),
        (
            "首页 > 信息公开 > 政府信息公开年报 某某镇人民政府2023年政府信息公开工作年度报告",
            "某某镇人民政府",
        ),
        (
            "分享到： 微信 微博 字号：大 中 小 【打印】 某某市司法局2023年政府信息公开工作年度报告",
            "某某市司法局",
        ),
        (
            "• 长者助手• 无障碍广州市增城区司法局2023年政府信息公开工作年度报告",
            "广州市增城区司法局",
        ),
        ("正文某某市交通运输局2023年政府信息公开工作年度报告", "某某市交通运输局"),
        (
            "打印本页 关闭窗口 某某县人民政府办公室2023年度政府信息公开工作年度报告",
            "某某县人民政府办公室",
        ),
        (
            "标题:某某市统计局2023年政府信息公开工作年度报告 发布时间:2024-01-10 09:30 "
            "原文链接:http://www.example.gov.cn/art/2024/1/10/art_1.html 当前位置：首页 > 年报 "
            "微信 微博 某某市统计局2023年政府信息公开工作年度报告",
            "某某市统计局",
        ),
        ("年报 微信 微博 某某县政务公开办2023年政府信息公开工作年度报告", "某某县政务公开办"),
        (
            "当前位置:首页>年报 某某市人民政府办公室(市政务公开办)2023年政府信息公开工作年度报告",
            "某某市人民政府办公室(市政务公开办)",
        ),
    ],
)
def test_chrome_glued_to_the_title_in_a_crawler_dump(dump: str, agency: str) -> None:
    for meta in both_ways(dump + DUMP_BODY):
        assert (meta.agency, meta.year) == (agency, 2023)
        assert meta.title == f"{agency}2023年{meta.title.split('2023年')[1]}"


@pytest.mark.parametrize(
    "sentence",
    [
        "根据《条例》要求，现向社会公布某某县发展和改革局2023年度政府信息公开年度报告。",
        "现将某某县发展和改革局2023年政府信息公开工作年度报告公布如下。",
        "现发布《某某县发展和改革局2023年政府信息公开工作年度报告》。",
    ],
)
def test_the_sentence_announcing_the_title(sentence: str) -> None:
    for meta in both_ways(sentence + DUMP_BODY):
        assert (meta.agency, meta.year) == ("某某县发展和改革局", 2023)


# 3. The agency's other places: labels, the crawler's 标题 line, the signature.


@pytest.mark.parametrize(
    ("page", "agency"),
    [
        ("发布时间：2023-01-20 来源：朝阳区政府办 字号：大 中 小 ", "朝阳区政府办"),
        ("发布机构：某某县教育局\n", "某某县教育局"),
        ("发文机关:某某市统计局 成文日期:2023-01-18 ", "某某市统计局"),
        ("信息来源：某某市人民政府办公室【打印】", "某某市人民政府办公室"),
        (
            "索引号:014314799/2024-00002 发布机构 某某县发展和改革局 公开日期 2024-01-17 ",
            "某某县发展和改革局",
        ),
        (
            "标题:某某市统计局2022年政府信息公开工作年度报告\n发布时间:2023-01-10 09:30\n",
            "某某市统计局",
        ),
    ],
)
def test_agency_from_the_page_when_the_title_has_none(page: str, agency: str) -> None:
    for meta in both_ways(f"{page}2022年政府信息公开工作年度报告 {DUMP_BODY}"):
        assert (meta.agency, meta.year) == (agency, 2022)


@pytest.mark.parametrize(
    "signature",
    [
        "\n北京市朝阳区人民政府办公室\n2023年1月18日\n",
        "\n北京市朝阳区人民政府办公室    2023年1月18日\n扫一扫在手机打开当前页\n",
        "特此报告。北京市朝阳区人民政府办公室2023年1月18日 扫一扫在手机打开当前页 主办：某某",
        "特此报告。 北京市朝阳区人民政府办公室 2023年1月18日",
    ],
)
def test_agency_and_date_from_the_signature(signature: str) -> None:
    for meta in both_ways(f"微信 微博\n2022年政府信息公开工作年度报告\n{BODY}{signature}"):
        assert (meta.agency, meta.published) == (
            "北京市朝阳区人民政府办公室",
            datetime.date(2023, 1, 18),
        )


def test_a_signature_glued_to_the_chrome_decides_where_the_title_agency_starts() -> None:
    # 智能客服 is chrome no list holds: the signature's name says where the agency starts.
    dump = "分享到微信 智能客服某某市司法局2023年政府信息公开工作年度报告" + DUMP_BODY
    for meta in both_ways(dump + "特此报告。某某市司法局2024年1月15日 相关附件"):
        assert (meta.agency, meta.published) == ("某某市司法局", datetime.date(2024, 1, 15))
    for meta in both_ways(
        dump + "附件:某某市司法局2023年报告.pdf某某市司法局2024年1月15日相关新闻"
    ):
        assert meta.agency == "某某市司法局"


def test_a_clean_title_wins_over_the_other_places() -> None:
    page = "2021-01-14 来源: 增城区司法局\n广州市增城区司法局2020年政府信息公开工作年度报告\n"
    for meta in both_ways(page + BODY + "某某区司法局\n2021年1月14日\n"):
        assert meta.agency == "广州市增城区司法局"
        assert meta.published == datetime.date(2021, 1, 14)


def test_a_title_glued_to_chrome_gives_way_to_a_clean_place() -> None:
    dump = (
        "年报 微信 微博 某某市司法局2023年政府信息公开工作年度报告 "
        "来源：某某市人民政府办公室 【打印】"
    )
    for meta in both_ways(dump + DUMP_BODY):
        assert meta.agency == "某某市人民政府办公室"


def test_places_that_share_only_a_suffix_do_not_agree() -> None:
    # 司法局 ends both names: it is no agreement, and no agency is cut down to it.
    dump = "年报 微信 微博 某某市司法局2023年政府信息公开工作年度报告" + DUMP_BODY
    for meta in both_ways(dump + "特此报告。某某县司法局2024年1月15日"):
        assert meta.agency == "某某县司法局"


def test_no_place_names_the_agency() -> None:
    for text in (
        f"2022年政府信息公开工作年度报告\n{BODY}",
        f"首页 > 年报\n2022年政府信息公开工作年度报告 来源：本网 {DUMP_BODY}",
        # a run of prose glued before the title: where a name would start is not known
        "深入贯彻落实上级部署全面推进各项工作编制了某某局2022年政府信息公开工作年度报告"
        + DUMP_BODY,
        # part 六's heading and body glued before the signature: 事项无某某局 is no name
        f"2022年政府信息公开工作年度报告 {DUMP_BODY}六、其他需要报告的事项无某某局2023年1月5日",
    ):
        for meta in both_ways(text):
            assert (meta.agency, meta.year) == (None, 2022), text


# 4. The publication date.


@pytest.mark.parametrize(
    ("page", "published"),
    [
        ("标题:某某局2023年政府信息公开工作年度报告\n发布时间:2024-01-10 09:30\n", (2024, 1, 10)),
        ("发布日期：2024年01月12日 浏览次数：120 ", (2024, 1, 12)),
        ("公开日期：2024-01-17 【打印】", (2024, 1, 17)),
        (
            "采集时间：2025-12-30T21:37:37+08:00 某某县人民政府 2025年12月30日 星期二 "
            "公开日期 2024-01-17 ",
            (2024, 1, 17),
        ),
        ("更新时间：2024-03-01 发布时间：2024-01-05", (2024, 1, 5)),
        ("2024-01-09 来源：某某局 字号：大 中 小", (2024, 1, 9)),
    ],
)
def test_published_from_the_page(page: str, published: tuple[int, int, int]) -> None:
    text = f"{page}某某局2023年政府信息公开工作年度报告 {DUMP_BODY}"
    for meta in both_ways(text):
        assert meta.published == datetime.date(*published)
    for meta in both_ways(text.replace(" ", "\n")):
        assert meta.published == datetime.date(*published)


@pytest.mark.parametrize(
    "text",
    [
        "采集时间:2024-05-01 10:00 某某局2023年政府信息公开工作年度报告 " + DUMP_BODY,
        "某某县人民政府 2025年12月30日 星期二 某某局2023年政府信息公开工作年度报告 " + DUMP_BODY,
        "某某局2023年政府信息公开工作年度报告 本报告统计数据从2023年1月1日至2023年12月31日止。"
        + DUMP_BODY,
        "某某局2023年政府信息公开工作年度报告 " + DUMP_BODY + "2024年1月5日，我局召开会议。",
        "某某局2023年政府信息公开工作年度报告 " + DUMP_BODY + "会议于2024年1月5日召开。",
        "某某局2023年政府信息公开工作年度报告 " + DUMP_BODY + "附件:采集时间 2024-05-01",
        "更新时间：2024-03-01\n某某局2023年政府信息公开工作年度报告\n" + BODY,
    ],
)
def test_never_the_scrape_time_the_period_or_a_date_in_the_prose(text: str) -> None:
    for meta in both_ways(text):
        assert meta.published is None


def test_the_signature_date_glued_after_the_report() -> None:
    text = (
        "某某局2023年政府信息公开工作年度报告 " + DUMP_BODY + "特此报告。某某市司法局2024年1月15日"
    )
    for meta in both_ways(text):
        assert meta.published == datetime.date(2024, 1, 15)


# Properties: bounded time, names only, the same period as a full search.


def test_a_megabyte_on_one_line_stays_fast() -> None:
    seed = DUMP_BODY + "特此报告。某某市司法局2024年1月15日"
    texts = [
        ("当前位置：首页 > 年报 微信 微博 某某局2023年政府信息公开工作年度报告" + seed * 20_000)[
            :1_000_000
        ],
        "2023年政府信息公开" * 100_000,
        "政 府 信 息 公 开" * 100_000,
        "2023年" * 200_000,
        "2023年1月5日" * 100_000,
        "来源:某某局" * 150_000,
        "某" * 1_000_000,
        "局\n" * 500_000,
    ]
    for text in texts:
        doc = normalise(text)
        parts = attrs.evolve(split_parts(""), trailer_start=len(doc.text))  # a dump: no part
        start = time.process_time()
        read_metadata(doc.text, parts, doc.script, lambda _: None)
        assert time.process_time() - start < 0.5, text[:30]  # ≈15–45 ms on the dev machine


_CHROME = [
    *re.split(
        " ",
        "当前位置: 首页 政务公开 年报 微信 微博 QQ空间 分享到: 字号: 大中小 【打印】 正文 标题: "
        "发布时间: 原文链接:http://x.gov.cn/a.html 无障碍 长者助手",
    ),
    " > ",
]
_NAMES = [
    "平顶山市司法局",
    "某某县人民政府办公室",
    "上海市人民政府办公厅",
    "朝阳区政府办",
    "某某镇",
]
_PIECES = st.sampled_from(
    [
        *_CHROME,
        *_NAMES,
        " ",
        "\n",
        "。",
        ",",
        "•",
        "来源:",
        "发布机构:",
        "特此报告。",
        "2023年",
        "2023年度",
        "政府信息公开工作年度报告",
        "政府信息\n公开",
        "工作年度报告",
        "2024年1月15日",
        "2024-01-10 09:30",
        "六、其他需要报告的事项",
        "根据《条例》,现发布",
        "相关附件",
    ]
)
_NAME_RUN = regex.compile("(?:" + "|".join(_NAMES) + ")+")


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_an_agency_is_a_name_or_none(text: str) -> None:
    # Chrome, names, titles, labels and signatures glued in any order: the agency read is one
    # of the names (or names glued together: nothing can tell those apart), never chrome.
    for meta in both_ways(text):
        assert meta.agency is None or _NAME_RUN.fullmatch(meta.agency), meta.agency


# Near-titles and the marks around them: agencies, spaces and line breaks, marks that cannot
# stand in an agency, years, and endings that are or are not a title's.
_NOISE = st.sampled_from(
    ["《", "》", "。", ",", "\n", " ", "\t", "#", "**", "关于", "现公布", "微信", "x" * 3]
)
_AGENCY = st.sampled_from(["某县司法局", "某局", "上海市人民政府办公厅", "我局", "司法", ""])
_ENDING = st.tuples(
    st.sampled_from(["2023", "1999", "20232", "123"]),
    st.sampled_from(["", " ", "\n"]),
    st.sampled_from(["年", "年度", "年的", "年 度 的", "月"]),
    _AGENCY,
    st.sampled_from(["", "\n# ", "**\n**"]),
    st.sampled_from(["政府信息公开", "政府信息\n公开", "政府信息"]),
    st.sampled_from(["", "工作", "年度", "工作年度"]),
    st.sampled_from(["报告", "报", ""]),
).map("".join)
_TEXT = st.lists(st.one_of(_NOISE, _AGENCY, _ENDING), max_size=12).map("".join)
_WS = r"[ \t\n#*]*"
_FULL_TITLE = regex.compile(
    rf"(?P<year>(?:19|20)\d{{2}})[ \t]*年{_WS}(?:度{_WS})?"
    rf"(?:的{_WS}|(?P<inner>[\p{{Han}}()]{{1,40}}?){_WS})?"
    + _WS.join("政府信息公开")
    + _WS
    + rf"(?:工{_WS}作{_WS})?(?:年{_WS}度{_WS})?报{_WS}告"
)


def _full_search(text: str) -> tuple[int, int] | None:
    """The first title as one search over every start finds it: (year offset, end)."""
    for m in _FULL_TITLE.finditer(text, overlapped=True):
        inner = (m.group("inner") or "").removeprefix("度").removesuffix("的")
        if not inner or is_agency(inner):
            return m.start("year"), m.end()
    return None


@given(_TEXT)
def test_the_title_search_finds_what_a_full_search_finds(text: str) -> None:
    # find_titles looks for the closing words first and matches the year backwards from them.
    title = next(find_titles(text), None)
    found = (title.year_at, title.end) if title else None
    assert found == _full_search(text)


_PERIOD_TEXT = st.lists(
    st.sampled_from(
        re.split(
            " ", "2023年 12023年 2023_年_ 1月1日 11月1日 1_月_1_日 至 起 - 2023 1 年 月 日 _ x"
        )
    ),
    max_size=12,
).map(lambda pieces: "".join(pieces).replace("_", " "))
_FULL_PERIOD = regex.compile(
    r"(?P<year>(?:19|20)\d{2})[ \t]*年[ \t]*1[ \t]*月[ \t]*1[ \t]*日[ \t]*(?:起)?[ \t]*"
    r"(?:至|到|-|—)"
)


@given(_PERIOD_TEXT)
def test_the_period_search_finds_what_a_full_search_finds(text: str) -> None:
    # _period looks for the day (1月1日至) first and matches the year backwards from it.
    full = _FULL_PERIOD.search(text)
    found = _period(text)
    assert (found and (found.start(), found["year"])) == (full and (full.start(), full["year"]))
