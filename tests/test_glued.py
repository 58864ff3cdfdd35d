"""Tables glued with no separator (规章000行政规范性文件6233440): solved by identities or flagged.

``pytest --hypothesis-profile=long tests/test_glued.py`` runs 10,000 generated reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from govinfo_report_plugins import glued
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import broken_reports, reports

GLUED_CODES = {"GIR103", "GIR104", "GIR105", "GIR106", "GIR110", "GIR111", "GIR112"}
HEAD = "某某市司法局2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n"
ACTIVE_2021 = (
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n信息内容本年制发件数本年废止件数现行有效件数\n{regulations}\n"
    "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可5\n"
    "第二十条第（六）项\n信息内容本年处理决定数量\n行政处罚12行政强制0\n"
    "第二十条第（八）项\n信息内容本年收费金额（单位：万元）\n行政事业性收费0\n"
)
TAIL = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"


def applications_text(rows: Mapping[str, Sequence[int]], breaks: bool = True) -> str:
    """Section 三 of the 2021 template glued, rows ``{row: seven values}`` (others all 0)."""
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况自然人法人或其他组织总计"]
    table = []
    for row, keys in govinfo_report.tables.template_rows("2021", "applications").items():
        values = rows.get(row, (0,) * 7)
        table.append(keys[0].row_label + "".join(str(v) for v in values))
    lines.extend(table if breaks else ["".join(table)])
    return "\n".join(lines) + "\n"


def document(
    regulations: str = "规章000行政规范性文件123",
    applications: Mapping[str, Sequence[int]] | None = None,
    review: str = "000000000000000",
    prose: str = "本机关扎实推进政府信息公开工作。",
) -> str:
    """A 2021 report whose tables are glued, with the given section 二 rows and 四 digits."""
    return (
        HEAD.format(prose=prose)
        + ACTIVE_2021.format(regulations=regulations)
        + applications_text(applications or {})
        + "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n"
        + "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉\n"
        + f"{review}\n"
        + TAIL
    )


def row_of(key: str) -> str:
    return key.split(".", 1)[1].rsplit(".", 1)[0]


def flagged(parsed: Report, key: str) -> bool:
    """A finding of the reading stage names the cell's section and row (or the whole part)."""
    section = govinfo_report.TABLE_SECTIONS[key.split(".", maxsplit=1)[0]]
    return any(
        f.code in GLUED_CODES | {"GIR102"}
        and f.location.section == section
        and f.location.row in (None, row_of(key))
        for f in parsed.findings
    )


def test_the_examples_of_the_issue_are_read_exactly() -> None:
    """21710000218 as 总计 and 21317000001324019 as section 四 have one reading each."""
    parsed = govinfo_report.parse(
        document(
            applications={
                "received_new": (217, 1, 0, 0, 0, 0, 218),
                "granted": (217, 1, 0, 0, 0, 0, 218),
                "total": (217, 1, 0, 0, 0, 0, 218),
            },
            review="21317000001324019",
        )
    )
    assert set(parsed.extractors.values()) == {"glued"}
    assert [parsed[f"applications.total.{c}"] for c in ("natural_person", "commercial")] == [
        217,
        1,
    ]
    assert parsed["applications.total.total"] == 218
    assert parsed["applications.granted.total"] == 218
    review = govinfo_report.tables.template_rows("2021", "review_litigation")
    assert [parsed[k.key] for keys in review.values() for k in keys] == [
        *(2, 1, 3, 1, 7),
        *(0, 0, 0, 0, 0),
        *(13, 2, 4, 0, 19),
    ]
    assert parsed.cells["review_litigation.review.total"].provenance.extractor == "glued"
    assert parsed.cells["applications.total.total"].provenance.text == "218"
    assert not [
        f
        for f in parsed.findings
        if f.code.startswith("GIR11") and f.code != "GIR115" and f.location.section != "二"
    ]


def test_a_section_two_row_with_several_readings_is_flagged_with_its_candidates() -> None:
    """6233440 as three counts has many readings: unknown, and the finding lists them."""
    parsed = govinfo_report.parse(document(regulations="规章000\n行政规范性文件6233440"))
    for column in ("issued", "repealed", "in_force"):
        assert parsed[f"active.regulations.{column}"] == 0
        assert f"active.normative_documents.{column}" not in parsed.cells
    (finding,) = [f for f in parsed.findings if f.code == "GIR110"]
    assert finding.location.section == "二"
    assert finding.location.row == "normative_documents"
    assert finding.location.line == 8  # the line of 行政规范性文件6233440
    assert "6|233|440" in finding.message_zh or "6|2|33440" in finding.message_zh
    assert "6233440" in finding.message_en and "more" in finding.message_en
    assert parsed["active.licensing.decisions"] == 5
    assert parsed["active.punishment.decisions"] == 12


def test_a_row_with_too_few_digits_reads_its_blanks_only_when_certain() -> None:
    """A label followed directly by the next label: three blank cells; 1 and 2 in three
    cells (a blank somewhere) stay unknown."""
    parsed = govinfo_report.parse(document(regulations="规章12行政规范性文件"))
    normative = [f"active.normative_documents.{c}" for c in ("issued", "repealed", "in_force")]
    assert [parsed[key] for key in normative] == [None, None, None]
    assert not any(k.startswith("active.regulations.") for k in parsed.cells)
    assert any(f.code == "GIR110" and f.location.row == "regulations" for f in parsed.findings)


def test_digits_that_cannot_be_a_row_are_reported() -> None:
    """Seven cells summing to their total cannot be cut from 12."""
    text = document().replace("（七）总计0000000", "（七）总计12")
    parsed = govinfo_report.parse(text)
    assert "applications.total.total" not in parsed.cells
    assert any(f.code == "GIR111" and f.location.row == "total" for f in parsed.findings)
    assert parsed["applications.granted.total"] == 0


def test_the_columns_decide_a_row_its_own_sum_leaves_open() -> None:
    """予以公开 1010010012 reads as 10|1|0|0|1|0|12 or 1|0|10|0|1|0|12 alone; （七）总计
    10|3|0|0|1|0|14 reads one way only, and the columns decide 予以公开."""
    granted = (10, 1, 0, 0, 1, 0, 12)
    rows = {
        "received_new": (10, 3, 0, 0, 1, 0, 14),
        "granted": granted,
        "partially_granted": (0, 2, 0, 0, 0, 0, 2),
        "total": (10, 3, 0, 0, 1, 0, 14),
    }
    alone = govinfo_report.parse(document(applications={**rows, "total": granted}))
    assert "applications.granted.natural_person" not in alone.cells
    assert any(f.code == "GIR110" and f.location.row == "granted" for f in alone.findings)
    parsed = govinfo_report.parse(document(applications=rows))
    keys = govinfo_report.tables.template_rows("2021", "applications")["granted"]
    assert tuple(parsed[k.key] for k in keys) == granted
    assert not [f for f in parsed.findings if f.location.section == "三" and f.code != "GIR115"]


def test_prose_decides_only_what_it_pins_and_says_so() -> None:
    """Section 四 1201013002021220121054 has readings with 行政复议 总计 13 and 130; the
    prose states 13."""
    review = "1201013002021220121054"
    unclear = govinfo_report.parse(document(review=review))
    assert "review_litigation.review.total" not in unclear.cells
    prose = "本年度因政府信息公开申请行政复议13件。"
    parsed = govinfo_report.parse(document(review=review, prose=prose))
    assert parsed["review_litigation.review.total"] == 13
    (decided,) = [f for f in parsed.findings if f.code == "GIR113"]
    assert "review_litigation.review.total" in decided.message_en
    assert decided.severity is govinfo_report.Severity.INFO
    for key in ("review_litigation.review.upheld", "review_litigation.review.corrected"):
        assert key not in parsed.cells  # 1|2|0|10 or 12|0|1|0: the prose does not say
        assert flagged(parsed, key)


def test_digits_too_long_for_any_reading_are_reported() -> None:
    """Three hundred and sixty digits in one row of section 二: no hang, a finding."""
    parsed = govinfo_report.parse(document(regulations="规章" + "123456789" * 40))
    assert not any(k.startswith("active.regulations.") for k in parsed.cells)
    assert any(f.code == "GIR111" and f.location.row == "regulations" for f in parsed.findings)


def test_a_search_past_its_budget_gives_up_with_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run whose readings take more steps than the budget is left unknown and reported."""
    monkeypatch.setattr(glued, "_BUDGET", 20)
    rows = {"received_new": (217, 1, 0, 0, 0, 0, 218), "total": (217, 1, 0, 0, 0, 0, 218)}
    parsed = govinfo_report.parse(document(applications=rows))
    (gave_up,) = [f for f in parsed.findings if f.code == "GIR112" and f.location.row == "total"]
    assert gave_up.location.section == "三" and "21710000218" in gave_up.message_zh
    assert "applications.total.total" not in parsed.cells


def test_a_table_that_breaks_its_identities_keeps_only_rows_read_one_way() -> None:
    """本年新收 1 but nothing done or carried forward: no reading satisfies the identities;
    each row still has one reading, which is kept, and the rules report the imbalance."""
    parsed = govinfo_report.parse(document(applications={"received_new": (1, 0, 0, 0, 0, 0, 1)}))
    assert any(f.code == "GIR114" and f.location.section == "三" for f in parsed.findings)
    assert parsed["applications.received_new.natural_person"] == 1
    assert parsed["applications.total.total"] == 0
    assert "GIR301" in {f.code for f in parsed.findings}


@given(report=reports(), breaks=st.booleans())
def test_other_layouts_are_not_claimed(report: Report, breaks: bool) -> None:
    """The glued extractor reads only glued text."""
    for layout in ("pipe", "tab", "spaces", "lines", "markdown"):
        parsed = govinfo_report.parse(govinfo_report.render(report, layout))
        assert "glued" not in parsed.extractors.values(), layout
    glued = govinfo_report.parse(govinfo_report.render(report, "glued", breaks=breaks))
    assert set(glued.extractors.values()) <= {"glued"}


@given(data=st.data())
def test_glued_values_are_exact_or_flagged_never_wrong(data: st.DataObject) -> None:
    """Every value read equals the report's; every cell not read has a finding naming it."""
    report = data.draw(
        reports(
            max_count=data.draw(st.sampled_from([9, 1000]), label="max_count"),
            blanks=data.draw(st.booleans(), label="blanks"),
        ),
        label="report",
    )
    breaks = data.draw(st.booleans(), label="breaks")
    parsed = govinfo_report.parse(govinfo_report.render(report, "glued", breaks=breaks))
    expected = report.to_flat()
    for key, value in parsed.to_flat().items():
        assert value == expected[key], key
    for key in expected:
        if key not in parsed.cells:
            assert flagged(parsed, key), key


@settings(max_examples=6)  # seconds each: the searches of a broken table run long
@given(pair=broken_reports())
def test_a_report_with_a_wrong_number_is_read_wrong_only_where_it_says_so(
    pair: tuple[Report, str],
) -> None:
    """A report whose identities are broken (one cell changed): a split the identities chose
    can be wrong, and only in a part that says its digits were split by them (GIR115)."""
    report, _ = pair
    parsed = govinfo_report.parse(govinfo_report.render(report, "glued"))
    expected = report.to_flat()
    by_identities = {f.location.section for f in parsed.findings if f.code == "GIR115"}
    for key, value in parsed.to_flat().items():
        section = govinfo_report.TABLE_SECTIONS[key.split(".", 1)[0]]  # type: ignore[index]
        assert value == expected[key] or section in by_identities, key


def test_digits_split_by_the_identities_are_disclosed() -> None:
    """Parts whose multi-digit runs the sums split carry GIR115; section 二 (no sums) never
    does, nor a part whose runs have one digit a cell (digit counts decide those alone)."""
    split = govinfo_report.parse(
        document(applications={"total": (217, 1, 0, 0, 0, 0, 218)}, review="21317000001324019")
    )
    assert {f.location.section for f in split.findings if f.code == "GIR115"} == {"三", "四"}
    counted = govinfo_report.parse(document())
    assert not [f for f in counted.findings if f.code == "GIR115"]
