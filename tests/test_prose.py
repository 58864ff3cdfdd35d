"""Reports without tables: facts stated in prose, and nothing more."""

from __future__ import annotations

import govinfo_report

REPORT = """某某市司法局{year}年政府信息公开工作年度报告
一、总体情况
（二）依申请公开情况
{year}年，办理上年度结转政府信息公开申请{carried}件，新收到政府信息公开申请{new}件，办结{done}件，{forward}件结转至下年度继续办理。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
"""


def test_prose_facts_become_cells_marked_as_prose() -> None:
    report = govinfo_report.parse(
        REPORT.format(year=2022, carried=7, new=1203, done=1190, forward=20)
    )
    assert report.to_flat() == {
        "applications.received_new.total": 1203,
        "applications.carried_over.total": 7,
        "applications.total.total": 1190,
        "applications.carried_forward.total": 20,
    }
    cell = report.cells["applications.received_new.total"]
    assert cell.provenance.origin == "prose"
    assert cell.provenance.extractor == "prose"
    assert cell.provenance.text == "1203"
    assert report.extractors == {"applications": "prose"}


def test_prose_without_figures_gives_nothing() -> None:
    text = REPORT.format(year=2022, carried="若干", new="大量", done="全部", forward="少量")
    report = govinfo_report.parse(text)
    assert report.cells == {}
    assert sum(f.code == "GIR102" for f in report.findings) == 3
