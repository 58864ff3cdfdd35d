"""Web pages: real agency markup, every encoding agencies use, and pages that try to hurt us."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
from _support import CORPUS, SEEDS, golden, same
from govinfo_report_plugins.html import read_html

import govinfo_report
from govinfo_report import render
from govinfo_report.errors import DecodeError, LimitError
from govinfo_report.testing import loopback_server

PAGE = CORPUS / "samples" / "shuyang_fgj_2023_site.html"


def sample_expected() -> dict[str, int | None]:
    """The values of the 沭阳县发展和改革局 2023 page, as read off its tables by hand.

    Section 三 fills only 自然人 and 总计; the five columns of organisations are empty cells
    (``<o:p> </o:p>``), which the report leaves blank.
    """
    expected: dict[str, int | None] = {
        "active.regulations.issued": 0,
        "active.regulations.repealed": 0,
        "active.regulations.in_force": 0,
        "active.normative_documents.issued": 8,
        "active.normative_documents.repealed": 0,
        "active.normative_documents.in_force": 18,
        "active.licensing.decisions": 0,
        "active.punishment.decisions": 0,
        "active.enforcement.decisions": 0,
    }
    filled = {"received_new": 26, "granted": 26, "total": 26}
    for key in govinfo_report.keys("2021"):
        if key.section == "applications":
            if key.column in ("natural_person", "total"):
                expected[key.key] = filled.get(key.row, 0)
            else:
                expected[key.key] = None
        elif key.section == "review_litigation":
            expected[key.key] = (
                1 if key.row == "review" and key.column in ("pending", "total") else 0
            )
    return expected


def test_real_agency_page() -> None:
    report = govinfo_report.parse(PAGE)
    assert (report.agency, report.year, report.template) == ("沭阳县发展和改革局", 2023, "2021")
    assert report.published == datetime.date(2024, 1, 17)  # 公开日期, not the scraper's 采集时间
    assert (report.source.format, report.source.encoding) == ("html", "utf-8")
    assert set(report.extractors.values()) == {"html"}
    flat = report.to_flat()
    fees = flat.pop("active.fees.amount")
    assert fees == 0 and str(fees) == "0"
    assert flat == sample_expected()
    # Blank cells are reported, one finding each; nothing else is wrong with the page.
    # The page prints 2019's row label 规范性文件 in a 2021 table: read by its place, said so.
    assert sorted({f.code for f in report.findings}) == ["GIR107", "GIR204"]
    (near,) = [f for f in report.findings if f.code == "GIR107"]
    assert "«规范性文件»" in near.message_zh and near.location.row == "normative_documents"
    assert sum(f.code == "GIR204" for f in report.findings) == 125


def test_provenance_points_at_the_page_source() -> None:
    report = govinfo_report.parse(PAGE)
    source = PAGE.read_text("utf-8").splitlines()
    cell = report.cells["active.normative_documents.in_force"]
    assert cell.provenance.extractor == "html"
    assert cell.provenance.text == "18"
    assert cell.provenance.line is not None
    near = "".join(source[cell.provenance.line - 1 : cell.provenance.line + 3])
    assert "18" in near


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem[:3] for p in SEEDS])
@pytest.mark.parametrize("style", ["plain-utf8", "word-gbk", "gbk-undeclared", "big5-traditional"])
def test_seeds_as_agency_pages(seed: Path, style: str) -> None:
    want = golden(seed)
    original = govinfo_report.parse(seed)
    if style == "plain-utf8":
        data = render(original, "html").encode("utf-8")
    elif style == "word-gbk":
        data = render(original, "html", charset="gbk", word=True).encode("gbk")
    elif style == "gbk-undeclared":
        page = render(original, "html").replace("; charset=utf-8", "")
        data = page.encode("gbk")
    else:  # Taiwan's standard characters are the ones Big5 has
        page = opencc.OpenCC("s2tw").convert(render(original, "html", charset="big5"))
        data = page.encode("big5", errors="xmlcharrefreplace")  # a rare character as &#…;
    report = govinfo_report.parse(data)
    assert report.source.format == "html"
    assert (report.agency, report.year, report.template) == (
        want["agency"],
        want["year"],
        want["template"],
    )
    got = report.to_flat()
    wrong = {
        k: (v, got.get(k, "absent")) for k, v in want["values"].items() if not same(v, got.get(k))
    }
    assert not wrong
    assert set(got) <= set(want["values"])


def test_detection_is_not_believed_into_mojibake() -> None:
    with pytest.raises(DecodeError):
        govinfo_report.parse("Rapport annuel é à ü".encode("latin-1") * 20)
    with pytest.raises(DecodeError):
        govinfo_report.parse(b"\xff\xfe\x00\xd8" * 10 + b"\x81")


def test_html_is_recognised_and_text_with_angle_brackets_is_not(tmp_path: Path) -> None:
    page = render(govinfo_report.parse(SEEDS[2]), "html")
    assert govinfo_report.parse(page).source.format == "html"
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    assert govinfo_report.parse(path).source.format == "html"
    fragment = page[page.index("<p>") :]  # no doctype, no <html>: still markup
    assert govinfo_report.parse(fragment).source.format == "html"
    assert govinfo_report.parse(SEEDS[0]).source.format == "text"  # <中华人民共和国…格式>
    assert (
        govinfo_report.parse("一、总体情况\n若 a < b 且 c > d，则……<p>\n").source.format == "text"
    )


def test_table_split_by_the_page_and_layout_tables() -> None:
    page = render(govinfo_report.parse(SEEDS[2]), "html")
    row = '<tr><td rowspan="3">（四）无法提供'
    split = page.replace(row, "</tbody></table><p>- 3 -</p><table><tbody>" + row, 1)
    assert split != page
    wrapped = split.replace(
        '<div class="content">', '<table><tr><td><div class="content">'
    ).replace('</div><div class="share">', '</div></td></tr></table><div class="share">')
    for variant in (split, wrapped):
        report = govinfo_report.parse(variant)
        assert report.to_flat() == govinfo_report.parse(SEEDS[2]).to_flat()
        assert set(report.extractors.values()) == {"html"}


def test_values_with_units_and_signs() -> None:
    report = govinfo_report.parse(SEEDS[3])
    page = render(report, "html").replace(">101.8506<", ">1018506元<").replace(">-1<", ">+1036<")
    parsed = govinfo_report.parse(page)
    assert str(parsed["active.procurement.amount"]) == "101.8506"
    assert parsed["active.other_services.change"] == 1036


def test_value_spanning_two_rows_is_not_copied() -> None:
    page = render(govinfo_report.parse(SEEDS[2]), "html")
    row = "<tr><td>2. 其他法律行政法规禁止公开</td>"
    assert row not in page  # labels come from the official keys, without the seed's spaces
    start = page.index("<td>1.属于国家秘密</td>")
    first_value = page.index("<td>0</td>", start)
    merged = page[:first_value] + '<td rowspan="2">0</td>' + page[first_value + len("<td>0</td>") :]
    second_row = merged.index("<td>2.其他法律行政法规禁止公开</td>")
    cell = merged.index("<td>0</td>", second_row)
    merged = merged[:cell] + merged[cell + len("<td>0</td>") :]
    report = govinfo_report.parse(merged)
    assert report["applications.denied.state_secret.natural_person"] == 0
    assert "applications.denied.prohibited_by_law.natural_person" not in report
    assert report["applications.denied.prohibited_by_law.commercial"] == 0
    (f,) = [f for f in report.findings if f.code == "GIR104"]
    assert f.location.key == "applications.denied.prohibited_by_law.natural_person"


def test_unknown_table_layout_is_reported_and_nothing_invented() -> None:
    page = render(govinfo_report.parse(SEEDS[2]), "html")
    start = page.index("<table", page.index("三、收到和处理"))
    end = page.index("</table>", start) + len("</table>")
    transposed = (
        "<table><tr><td>项目</td><td>A</td><td>B</td><td>C</td></tr>"
        "<tr><td>数量一</td><td>2</td><td>0</td><td>2</td></tr>"
        "<tr><td>数量二</td><td>0</td><td>1</td><td>1</td></tr></table>"
    )
    report = govinfo_report.parse(page[:start] + transposed + page[end:])
    # Only what the prose states (共受理…申请2件) is kept, marked as prose; no table value.
    applications = {k: c for k, c in report.cells.items() if k.startswith("applications.")}
    assert {k: (c.value, c.provenance.origin) for k, c in applications.items()} == {
        "applications.received_new.total": (2, "prose")
    }
    (unread,) = [f for f in report.findings if f.code == "GIR102" and f.location.section == "三"]
    assert "no extractor could read" in unread.message_en
    assert {f.code for f in report.findings if f.location.section == "三"} >= {"GIR106", "GIR102"}
    tables = {k: c.value for k, c in report.cells.items() if c.provenance.origin == "table"}
    assert tables == {
        k: v
        for k, v in govinfo_report.parse(SEEDS[2]).to_flat().items()
        if not k.startswith("applications.")
    }


# -- safety ------------------------------------------------------------------------------------


@pytest.fixture
def listening() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    with loopback_server(status=200, body=b'<!ENTITY secret "LEAKED">') as server:
        yield server.url, server.asked


def test_parser_never_fetches_nor_expands_entities(listening: tuple[str, list[str]]) -> None:
    url, requests = listening
    page = render(govinfo_report.parse(SEEDS[2]), "html")
    hostile = (
        page.replace(
            "<!DOCTYPE html>",
            f'<!DOCTYPE html SYSTEM "{url}/dtd" [<!ENTITY % remote SYSTEM "{url}/entity"> %remote;'
            f'<!ENTITY local SYSTEM "file:///etc/passwd">]>',
        )
        .replace(
            "<title>",
            f'<link rel="stylesheet" href="{url}/css"><script src="{url}/js"></script><title>',
        )
        .replace("<p>", f'<p><img src="{url}/img">&local;&secret;', 1)
    )
    report = govinfo_report.parse(hostile)
    assert requests == []
    assert "LEAKED" not in "".join(report.prose.values())
    assert "root:" not in "".join(report.prose.values())
    assert report.to_flat() == govinfo_report.parse(SEEDS[2]).to_flat()


def test_deeply_nested_page_is_refused() -> None:
    with pytest.raises(LimitError, match="deeper"):
        govinfo_report.parse(
            "<html><body>" + "<div>" * 3000 + "x" + "</div>" * 3000 + "</body></html>"
        )


def test_huge_page_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from govinfo_report_plugins import html as html_plugin

    monkeypatch.setattr(html_plugin, "MAX_MARKUP_CHARACTERS", 1_000)
    with pytest.raises(LimitError, match="limit"):
        govinfo_report.parse(render(govinfo_report.parse(SEEDS[2]), "html").encode())


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ('<div style="DISPLAY : None">藏</div>', "甲\n乙"),
        ("<p\tHIDDEN>藏</p>", "甲\n乙"),
        ('<p class="x" hidden="hidden">藏</p>', "甲\n乙"),
        ("<p>hidden 与 display: block 只是正文</p>", "甲\nhidden 与 display: block 只是正文\n乙"),
    ],
)
def test_hidden_elements_are_dropped_in_any_spelling(markup: str, kept: str) -> None:
    page = f"<html><body><p>甲</p>{markup}<p>乙</p></body></html>"
    assert read_html(page).text == kept


@pytest.mark.parametrize(
    ("declared", "encoding", "script"),
    [("iso-8859-1", "gbk", "s2s"), ("gbk", "big5", "s2tw"), ("utf-8", "gb18030", "s2s")],
)
def test_a_page_declaring_the_wrong_charset_is_read_in_the_right_one(
    declared: str, encoding: str, script: str
) -> None:
    """GBK bytes declaring iso-8859-1, Big5 bytes declaring gbk: the declared charset gives
    mojibake with none of a report's words, so the bytes are detected instead."""
    report = govinfo_report.parse(SEEDS[2])
    page = render(report, "html", charset=declared)
    if script != "s2s":
        page = opencc.OpenCC(script).convert(page)
    parsed = govinfo_report.parse(page.encode(encoding))
    assert parsed.source.encoding not in (declared, "latin_1", "iso8859_1")
    assert parsed.agency == report.agency
    assert parsed.to_flat() == report.to_flat()


def test_bytes_no_charset_reads_as_a_report_are_a_decode_error() -> None:
    data = b"<html><head><meta charset='iso-8859-1'></head><body>" + bytes(range(0x80, 0x100)) * 4
    with pytest.raises(DecodeError):
        govinfo_report.parse(data)


@pytest.mark.parametrize("where", [0.3, 0.7])
def test_utf8_cut_mid_character_or_with_a_stray_byte_reads_with_a_finding(where: float) -> None:
    """A download cut inside a character, a byte flipped in transit: the text reads, each bad
    sequence as U+FFFD, with GIR004 naming the count and the first line."""
    data = render(govinfo_report.parse(SEEDS[2]), "html").encode("utf-8")
    at = int(len(data) * where)
    while data[at] < 0x80:  # inside a multi-byte character
        at += 1
    damaged = data[:at] + b"\xff" + data[at + 1 :]
    report = govinfo_report.parse(damaged)
    (found,) = [f for f in report.findings if f.code == "GIR004"]
    assert found.location.line == data[:at].count(b"\n") + 1
    assert report.agency == govinfo_report.parse(SEEDS[2]).agency


def test_text_in_another_encoding_is_not_taken_for_damaged_utf8() -> None:
    page = render(govinfo_report.parse(SEEDS[2]), "html", charset="gbk")
    report = govinfo_report.parse(page.encode("gbk"))
    assert report.source.encoding != "utf-8"
    assert "GIR004" not in {f.code for f in report.findings}


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe"])
def test_a_control_character_in_a_page_reads_as_a_space(char: str) -> None:
    """The HTML parser keeps characters XML cannot hold, and lxml refused to write them back
    (a reader crash, GIR002); found by the byte-level fuzz suite."""
    report = govinfo_report.parse(SEEDS[0])
    page = render(report, "html")
    at = page.index("<p>", len(page) // 10) + 3
    parsed = govinfo_report.parse(page[:at] + char + page[at:])
    assert parsed.to_flat() == report.to_flat()
    assert not [f for f in parsed.findings if f.code == "GIR002"]
