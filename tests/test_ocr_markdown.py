"""Markdown as OCR and LLM tools write tables: placeholder headers, a table per row group, a
stray header row, section 四 cut into small tables, -, — or ／ in empty cells."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import assert_exact_or_flagged, noise, reports

OCR = next(n for n in noise.NOISES if n.name == "ocr_markdown")
OTHERS = [n for n in noise.for_layout("markdown") if n is not OCR]


def ocr_markdown(report: Report, rng: random.Random, others: list[noise.Noise]) -> str:
    text = govinfo_report.render(report, "markdown")
    return noise.apply(OCR(text, rng), others, rng)


@given(data=st.data())
def test_ocr_markdown_round_trips(data: st.DataObject) -> None:
    report = data.draw(reports(), label="report")
    others = data.draw(st.lists(st.sampled_from(OTHERS), unique_by=lambda n: n.name, max_size=4))
    text = ocr_markdown(report, data.draw(st.randoms(use_true_random=False)), others)
    parsed = govinfo_report.parse(text)
    assert parsed.to_flat() == report.to_flat()
    assert parsed.errors == ()


@given(data=st.data())
def test_ocr_markdown_blank_cells_are_blank(data: st.DataObject) -> None:
    report = data.draw(reports(blanks=True), label="report")
    others = data.draw(st.lists(st.sampled_from(OTHERS), unique_by=lambda n: n.name, max_size=4))
    parsed = govinfo_report.parse(
        ocr_markdown(report, data.draw(st.randoms(use_true_random=False)), others)
    )
    # Every cell keeps its place (an empty cell is a cell), so every blank is read as blank.
    assert parsed.to_flat() == report.to_flat()


SECTION_FOUR = """\
某某县人民政府2023年政府信息公开工作年度报告
一、总体情况
无。
二、主动公开政府信息情况
| 数据1 | 数据2 | 数据3 | 数据4 |
|---|---|---|---|
| 规章 | 1 | - | 3 |
| 数据1 | 数据2 | 数据3 | 数据4 |
| 行政规范性文件 | 4 | 5 |
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
| 列1 | 列2 | 列3 | 列4 | 列5 |
|---|---|---|---|---|
| 1 | — |  | 2 | 3 |

| Column 1 | Column 2 | Column 3 | Column 4 | Column 5 |
|---|---|---|---|---|
| 1 | 1 | 0 | 0 | 2 |

| Column 1 | Column 2 | Column 3 | Column 4 | Column 5 |
|---|---|---|---|---|
| 0 | 0 | —— | 0 | ／ |
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""


def test_small_tables_and_a_short_row() -> None:
    report = govinfo_report.parse(SECTION_FOUR)
    assert report["active.regulations.issued"] == 1
    assert report.cells["active.regulations.repealed"].value is None  # "-" as a whole cell
    assert report["active.regulations.in_force"] == 3
    # Three cells for three columns is not the row: nothing of it is guessed.
    assert not any(k.startswith("active.normative_documents") for k in report.cells)
    (short,) = [
        f for f in report.findings if f.code == "GIR104" and f.location.row == "normative_documents"
    ]
    assert "4 | 5" in short.message_en
    four = [k.key for k in govinfo_report.keys("2021") if k.section == "review_litigation"]
    values = (1, None, None, 2, 3, 1, 1, 0, 0, 2, 0, 0, None, 0, None)
    assert tuple(report.cells[k].value for k in four) == values


def test_section_four_with_a_cell_too_few_is_flagged() -> None:
    text = SECTION_FOUR.replace("| 1 | 1 | 0 | 0 | 2 |", "| 1 | 1 | 0 | 2 |")
    report = govinfo_report.parse(text)
    assert not any(k.startswith("review_litigation") for k in report.cells)
    assert any(f.code == "GIR104" and f.location.section == "四" for f in report.findings)


@settings(max_examples=10)
@given(data=st.data())
def test_ocr_markdown_row_losing_a_cell_is_flagged_never_shifted(data: st.DataObject) -> None:
    report = data.draw(reports(blanks=True), label="report")
    text = ocr_markdown(report, data.draw(st.randoms(use_true_random=False)), [])
    rows = [i for i, line in enumerate(text.split("\n")) if line.startswith("| ") and "、" in line]
    lines = text.split("\n")
    i = data.draw(st.sampled_from(rows), label="row")
    cells = lines[i].split(" | ")
    del cells[data.draw(st.integers(1, len(cells) - 1), label="cell")]
    lines[i] = " | ".join(cells)
    assert_exact_or_flagged(report, govinfo_report.parse("\n".join(lines)))
