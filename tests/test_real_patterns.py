"""What real documents do to tables, pattern by pattern, on real seeds turned the same way."""

from __future__ import annotations

import pytest
from _support import SEEDS

import govinfo_report
from govinfo_report import Report

SEED = govinfo_report.parse(SEEDS[2])  # 平顶山市司法局 2023, 2021 template, clean tab rows
NONZERO = govinfo_report.parse(SEEDS[1])  # 红寺堡区司法局 2024: （六） rows are not all zero


def tab_lines(report: Report) -> list[str]:
    return govinfo_report.render(report, "tab").split("\n")


def with_other_as_one_row(report: Report, values: str) -> str:
    """The tab document with （六）其他处理's three rows printed as the 2019 template's one."""
    lines = tab_lines(report)
    at = next(
        i for i, line in enumerate(lines) if line.startswith(("(六)其他处理", "（六）其他处理"))
    )
    return "\n".join([*lines[:at], f"（六）其他处理\t{values}", *lines[at + 3 :]])


def test_a_2021_report_printing_other_as_one_row_of_zeros() -> None:
    parsed = govinfo_report.parse(with_other_as_one_row(SEED, "\t".join("0" * 7)))
    assert parsed.to_flat() == SEED.to_flat()  # the three rows are 0 by the template's sums
    assert [f.code for f in parsed.findings] == ["GIR108"]
    cell = parsed.cells["applications.other.fee_unpaid.total"]
    assert cell.provenance.text == "0"


def test_a_2021_report_printing_other_as_one_row_of_counts() -> None:
    parsed = govinfo_report.parse(with_other_as_one_row(NONZERO, "3\t0\t0\t0\t0\t0\t3"))
    assert not any(k.startswith("applications.other.") for k in parsed.cells)
    assert {f.location.row for f in parsed.findings if f.code == "GIR109"} == {
        "other.no_correction",
        "other.fee_unpaid",
        "other.other",
    }
    assert not any(f.code == "GIR103" for f in parsed.findings)
    flat = NONZERO.to_flat()
    for key, value in parsed.to_flat().items():
        assert value == flat[key], key


def test_a_label_that_lost_characters_is_read_by_its_place() -> None:
    text = "\n".join(tab_lines(SEED)).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    parsed = govinfo_report.parse(text)
    assert parsed.to_flat() == SEED.to_flat()
    (near,) = [f for f in parsed.findings if f.code == "GIR107"]
    assert "«2.其他法律行政止公开»" in near.message_zh
    assert near.location.row == "denied.prohibited_by_law"


def test_a_near_label_out_of_its_place_is_not_taken_for_that_row() -> None:
    lines = tab_lines(SEED)
    at = next(i for i, line in enumerate(lines) if line.startswith("2.其他法律行政法规禁止公开"))
    moved = lines[at].replace("2.其他法律行政法规禁止公开", "其他法律行政止公开")
    rest = lines[:at] + lines[at + 1 :]
    end = next(i for i, line in enumerate(rest) if line.startswith(("(七)总计", "（七）总计")))
    text = "\n".join([*rest[:end], moved, *rest[end:]])  # after 3.其他, before （七）总计
    parsed = govinfo_report.parse(text)
    assert not any(k.startswith("applications.denied.prohibited_by_law.") for k in parsed.cells)
    assert any(f.code == "GIR106" and "其他法律行政止公开" in f.message_zh for f in parsed.findings)


def test_a_short_label_is_not_the_start_of_a_longer_one() -> None:
    # 其他 (row 3 of （六）) must not take the cells of a label that merely starts with it.
    text = "\n".join(tab_lines(SEED)).replace("2.其他法律行政法规禁止公开", "2.其他法律禁止")
    parsed = govinfo_report.parse(text)
    flat = SEED.to_flat()
    assert all(parsed.to_flat()[k] == flat[k] for k in parsed.to_flat())


def markdown_of(report: Report) -> list[str]:
    return govinfo_report.render(report, "markdown").split("\n")


@pytest.mark.parametrize("side", ["before", "after"])
def test_labels_floating_beside_their_numbers(side: str) -> None:
    out = []
    for line in markdown_of(NONZERO):
        cells = [c.strip() for c in line.strip("|").split("|")]
        numbered = line.startswith("|") and len(cells) == 8 and cells[1].isdigit()
        if numbered and cells[0][:1] in "(（一二四":
            row = "| | " + " | ".join(cells[1:]) + " |"
            out.extend((cells[0], row) if side == "before" else (row, cells[0]))
        else:
            out.append(line)
    parsed = govinfo_report.parse("\n".join(out))
    assert parsed.to_flat() == NONZERO.to_flat()


def test_cells_a_converter_merged_are_read_apart() -> None:
    lines = []
    for line in tab_lines(NONZERO):
        cells = line.split("\t")
        if len(cells) == 8 and all(c.isdigit() for c in cells[1:]):
            # markitdown on a PDF: two columns in one cell, "3001 53"
            cells = [cells[0], f"{cells[1]} {cells[2]}", *cells[3:]]
        lines.append("\t".join(cells))
    parsed = govinfo_report.parse("\n".join(lines))
    assert parsed.to_flat() == NONZERO.to_flat()


def test_markdown_with_line_breaks_in_cells_and_html_tables() -> None:
    lines = markdown_of(NONZERO)
    text = "\n".join(lines).replace("其他法律行政法规禁止公开", "其他法律行政<br>法规禁止公开")
    html_table = govinfo_report.render(NONZERO, "html")
    start, end = html_table.index("<table"), html_table.rindex("</table>") + len("</table>")
    four = html_table[start:end].split("<table")[-1]
    at = text.index("| 行政复议")
    text = text[:at] + "<table" + four.replace("\n", "") + "\n"
    parsed = govinfo_report.parse(text)
    assert parsed.source.format == "markdown"
    assert parsed.to_flat() == NONZERO.to_flat()
    assert parsed.extractors["review_litigation"] == "markdown"


def _with_values(report: Report, **values: int) -> Report:
    data = report.to_dict()
    data["values"] = {**data["values"], **{k.replace("__", "."): v for k, v in values.items()}}
    return Report.from_dict(data)


def test_prose_decides_how_part_two_glued_digits_split() -> None:
    report = _with_values(
        SEED,
        active__normative_documents__issued=8,
        active__normative_documents__in_force=18,
    )
    dump = govinfo_report.render(report, "glued", breaks=False).replace("\n", "")
    assert "行政规范性文件8018" in dump
    alone = govinfo_report.parse(dump)
    assert "active.normative_documents.in_force" not in alone.cells  # 8|0|18 or 80|1|8 …
    stated = dump.replace("一、总体情况", "一、总体情况全年制发规范性文件8件。", 1)
    parsed = govinfo_report.parse(stated)
    assert parsed["active.normative_documents.issued"] == 8
    assert parsed["active.normative_documents.in_force"] == 18
    assert any(f.code == "GIR113" and f.location.section == "二" for f in parsed.findings)


def test_a_2019_label_in_a_2021_glued_table_is_read_by_its_place() -> None:
    dump = govinfo_report.render(SEED, "glued", breaks=False).replace("\n", "")
    parsed = govinfo_report.parse(dump.replace("行政规范性文件", "规范性文件"))
    assert parsed["active.normative_documents.in_force"] == 14
    assert any(f.code == "GIR107" and "«规范性文件»" in f.message_zh for f in parsed.findings)


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("一、年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
        ("二、上年结政府信息公开申请数量", "二、上年结转政府信息公开申请数量"),
    ],
)
def test_a_label_nearer_one_row_than_another_is_read_by_its_place(
    printed: str, official: str
) -> None:
    text = "\n".join(tab_lines(NONZERO)).replace(official, printed)
    parsed = govinfo_report.parse(text)
    assert parsed.to_flat() == NONZERO.to_flat()
    assert any(f.code == "GIR107" and printed in f.message_zh for f in parsed.findings)


def test_other_with_its_first_row_label_lost_is_not_one_row() -> None:
    """（六）其他处理 | 1.申请人… | 0 … losing its row label leaves 其他处理 with numbers; its
    other rows stand apart, so it is not the 2019 template's one row."""
    lines = tab_lines(NONZERO)
    at = next(
        i for i, line in enumerate(lines) if line.startswith(("(六)其他处理", "（六）其他处理"))
    )
    cells = lines[at].split("\t")
    lines[at] = "\t".join([cells[0], *cells[2:]])
    parsed = govinfo_report.parse("\n".join(lines))
    flat = NONZERO.to_flat()
    assert all(parsed.to_flat()[k] == flat[k] for k in parsed.to_flat())
    assert "applications.other.no_correction.total" not in parsed.cells
    assert parsed["applications.other.other.total"] == flat["applications.other.other.total"]
    assert not any(f.code in ("GIR108", "GIR109") for f in parsed.findings)
