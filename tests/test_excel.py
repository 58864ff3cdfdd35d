"""Excel outputs read back with another library (openpyxl): the corpus workbook of
``--out results.xlsx`` and ``official_workbook(report)``, one report laid out as printed.

The official workbook is also drawn as an HTML table from what openpyxl reads (merges, fills)
and photographed in Chromium for the docs (``official-xlsx.png``).
"""

from __future__ import annotations

import io
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from _browser import Visit, keep_screenshot
from _review_support import changed_seed, offending_keys
from _support import SEEDS, cli
from _wide_support import BLANK_KEY, write_documents
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

import govinfo_report
from govinfo_report import Report
from govinfo_report._excel import wide_workbook
from govinfo_report._keys import TABLE_SECTIONS, all_keys, key_index
from govinfo_report._render._document import HEADINGS
from govinfo_report._render._official import (
    active_table,
    applications_table,
    placed,
    review_litigation_table,
)
from govinfo_report._render._xlsx import MARK_FILLS
from govinfo_report._wide import COLUMNS, FINDING_COLUMNS, HEAD, KEY_COLUMNS, wide_row

TABLES = {
    "active": active_table,
    "applications": applications_table,
    "review_litigation": review_litigation_table,
}
UNKNOWN_GREY = "FF808080"
MARKS = {colour.lstrip("#") for colour in MARK_FILLS.values()}


def workbook_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def exact(cell: SheetCell) -> int | Decimal | None:
    """The value a number cell holds, as the report's type (a double read back as decimal)."""
    value = cell.value
    if isinstance(value, float):
        return Decimal(repr(value))
    assert value is None or isinstance(value, int), (cell.coordinate, value)
    return value


def decimals_shown(number_format: str) -> int:
    """How many decimals a ``#,##0.00" 万元"`` format shows."""
    digits = number_format.split('"', maxsplit=1)[0]
    return len(digits.split(".")[1]) if "." in digits else 0


# --- the corpus workbook --------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, openpyxl.Workbook]:
    """``parse DOCS --out out.xlsx`` over the seeds, seed 002 with a blank cell and without a
    row, and an undecodable file; the first three files first, then the rest resumed."""
    root = tmp_path_factory.mktemp("xlsx")
    docs = write_documents(root / "docs")
    out = root / "out.xlsx"
    first = sorted(docs.iterdir())[:3]
    assert cli("parse", *map(str, first), "--out", str(out), "-j", "1").returncode == 0
    resumed = cli("parse", str(docs), "--out", str(out), "-j", "2")
    assert "4 parsed, 1 failed, 3 already done" in resumed.stderr
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".partial")]
    return docs, openpyxl.load_workbook(out)


def rows_by_file(sheet: Worksheet) -> dict[str, dict[str, SheetCell]]:
    """Each data row of sheet 报告 as ``{column name: cell}``, by file."""
    names = [c.value for c in sheet[1]]
    rows = {}
    for row in sheet.iter_rows(min_row=3):
        cells = dict(zip(names, row, strict=True))
        rows[str(cells["file"].value)] = cells
    return rows


def test_the_reports_sheet_is_the_wide_table_with_typed_cells(
    corpus_workbook: tuple[Path, openpyxl.Workbook],
) -> None:
    docs, book = corpus_workbook
    assert book.sheetnames == ["报告", "问题"]
    sheet = book["报告"]
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    labels = [c.value for c in sheet[2]]
    assert labels[: len(HEAD)] == [
        "文件",
        "SHA-256",
        "机关",
        "年度",
        "模板",
        "发布日期",
        "错误",
        "未知单元格",
    ]
    assert labels[len(HEAD) :] == [all_keys()[k].label for k in KEY_COLUMNS]
    assert sheet.freeze_panes == "B3"
    assert sheet.auto_filter.ref == f"A2:{get_column_letter(len(COLUMNS))}{2 + 8}"

    rows = rows_by_file(sheet)
    assert sorted(rows) == sorted(str(p) for p in docs.iterdir())
    for path in docs.iterdir():
        row = rows[str(path)]
        if path.name == "undecodable.txt":
            assert str(row["error"].value).startswith("DecodeError: ")
            assert all(row[k].value is None for k in KEY_COLUMNS)
            continue
        report = govinfo_report.parse(path)
        assert (row["agency"].value, row["year"].value) == (report.agency, report.year)
        assert row["sha256"].value == report.source.sha256 and row["error"].value is None
        published = row["published"].value
        assert (published.date() if published else None) == report.published
        own = key_index(report.template)  # type: ignore[arg-type]
        for key in KEY_COLUMNS:
            cell = row[key]
            if key in report.cells:
                assert exact(cell) == report.cells[key].value, (path.name, key)
                if isinstance(cell.value, float):  # money: its 万元 format shows every decimal
                    assert cell.number_format.endswith('" 万元"')
                    stated = report.cells[key].value
                    assert isinstance(stated, Decimal)
                    assert decimals_shown(cell.number_format) == -stated.as_tuple().exponent
            elif key in own:  # unknown: marked, never empty like a blank cell
                assert cell.value == "未知" and cell.font.color.rgb == UNKNOWN_GREY, key
            else:  # not a key of this template: empty and shaded
                assert cell.value is None and cell.fill.fgColor.rgb == "FFEDEDED", key
        assert set(str(row["unknown"].value or "").split()) == {
            k for k in own if k not in report.cells
        }
    blank, unknown = rows[str(docs / "blank.txt")], rows[str(docs / "unknown.txt")]
    assert blank[BLANK_KEY].value is None and blank["unknown"].value is None
    assert unknown[BLANK_KEY].value == "未知" and BLANK_KEY in unknown["unknown"].value
    fee = rows[str(docs / SEEDS[0].name)]["active.fees.amount"]
    assert fee.value == 6.83 and fee.number_format == '#,##0.00" 万元"'


def test_the_findings_sheet_lists_every_finding(
    corpus_workbook: tuple[Path, openpyxl.Workbook],
) -> None:
    docs, book = corpus_workbook
    sheet = book["问题"]
    assert tuple(c.value for c in sheet[1]) == FINDING_COLUMNS
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref is not None
    listed = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=3)]
    expected = []
    for path in sorted(docs.iterdir()):
        if path.name == "undecodable.txt":
            continue
        for f in govinfo_report.parse(path).findings:
            where = f.location
            place = (where.section, where.row, where.column, where.key, where.line)
            values = (f.expected, f.actual, f.message_zh, f.message_en)
            expected.append((str(path), f.code, f.severity.value, *place, *values))
    assert listed == expected
    assert any(row[1] == "GIR103" for row in listed)  # the row 规章 removed


def test_a_value_excel_cannot_hold_exactly_is_written_as_text(tmp_path: Path) -> None:
    report = govinfo_report.parse(SEEDS[0])
    long = Decimal("1234567890.1234567")  # 17 significant digits: no double holds it
    cells = dict(report.cells)
    cells["active.fees.amount"] = attrs.evolve(cells["active.fees.amount"], value=long)
    sheet = workbook_of(govinfo_report.official_workbook(attrs.evolve(report, cells=cells)))
    found = [c for row in sheet["报告"].iter_rows() for c in row if c.value == str(long)]
    assert len(found) == 1 and "15" in found[0].comment.text


def test_text_from_a_document_stays_text_never_a_formula() -> None:
    report = govinfo_report.parse(SEEDS[0])
    hostile = attrs.evolve(report, metadata=attrs.evolve(report.metadata, agency="=1+1"))
    buffer = io.BytesIO()
    wide_workbook(buffer, [(wide_row("=2+2.txt", None, hostile), hostile.findings)])
    row = workbook_of(buffer.getvalue())["报告"][3]
    title = workbook_of(govinfo_report.official_workbook(hostile))["报告"]["A1"]
    for cell, text in ((row[0], "=2+2.txt"), (row[2], "=1+1"), (title, "=1+1")):
        assert cell.data_type == "s" and str(cell.value).startswith(text)


def test_an_excel_output_that_cannot_be_written_is_a_typed_error(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "out.xlsx"
    done = cli("parse", str(SEEDS[0]), "--out", str(out))
    assert done.returncode == 2
    assert f"cannot write {out}" in done.stderr and "Traceback" not in done.stderr


def test_a_workbook_output_without_xlsxwriter_is_a_typed_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from govinfo_report._corpus._sinks import open_sink
    from govinfo_report.errors import OutputError

    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # as if it were not installed
    with pytest.raises(OutputError, match=r"govinfo-report\[xlsx\]"):
        open_sink(tmp_path / "out.xlsx")
    with pytest.raises(ImportError, match=r"govinfo-report\[xlsx\]"):
        govinfo_report.official_workbook(govinfo_report.parse(SEEDS[0]))


# --- one report as printed ------------------------------------------------------------------


def table_tops(sheet: Worksheet) -> dict[str, int]:
    """The sheet row (1-based) where each official table starts: the row after its heading."""
    headings = {HEADINGS[numeral]: section for section, numeral in TABLE_SECTIONS.items()}
    return {
        headings[cell.value]: cell.row + 1
        for cell in sheet["A"]
        if isinstance(cell.value, str) and cell.value in headings
    }


def grids(report: Report) -> dict[str, list[Any]]:
    template = report.template or "2021"
    return {s: placed(TABLES[s](report, template))[0] for s in TABLE_SECTIONS}


@pytest.mark.parametrize("path", [SEEDS[0], SEEDS[3], SEEDS[4]], ids=["2021", "2019", "prose"])
def test_the_official_tables_are_laid_out_as_the_grid_with_the_reports_values(
    path: Path,
) -> None:
    report = govinfo_report.parse(path)
    book = workbook_of(govinfo_report.official_workbook(report))
    sheet = book["报告"]
    assert sheet["A1"].value == f"{report.agency}{report.year}年政府信息公开工作年度报告"
    assert f"发布机关：{report.agency}" in sheet["A2"].value
    assert f"年度：{report.year}" in sheet["A2"].value
    tops = table_tops(sheet)
    assert list(tops) == list(TABLE_SECTIONS)
    end = get_column_letter(sheet.max_column)  # the title, its line and headings span all
    expected = {f"A1:{end}1", f"A2:{end}2", *(f"A{t - 1}:{end}{t - 1}" for t in tops.values())}
    for section, cells in grids(report).items():
        top = tops[section]
        for p in cells:
            first = sheet.cell(top + p.row, p.column + 1)
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                last = sheet.cell(top + p.row + p.cell.rowspan - 1, p.column + p.cell.colspan)
                expected.add(f"{first.coordinate}:{last.coordinate}")
            if p.cell.key is None:
                assert first.value == (p.cell.text or None), first.coordinate
            elif p.cell.key in report.cells:
                assert exact(first) == report.cells[p.cell.key].value, p.cell.key
            else:
                assert first.value == "未知" and first.font.color.rgb == UNKNOWN_GREY
                assert first.comment is not None and "unknown" in first.comment.text
    assert {str(r) for r in sheet.merged_cells.ranges} == expected
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0)
    assert setup.fitToWidth in (None, 1)  # one page wide (1, the default, is left unwritten)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    findings = book["问题"]
    assert findings.max_row - 2 == len(report.findings)


def test_the_cells_of_each_finding_are_marked_with_its_messages() -> None:
    report = changed_seed()
    assert report.findings
    sheet = workbook_of(govinfo_report.official_workbook(report))["报告"]
    tops = table_tops(sheet)
    marked = {}
    for section, cells in grids(report).items():
        for p in cells:
            if p.cell.key is None:
                continue
            cell = sheet.cell(tops[section] + p.row, p.column + 1)
            if cell.fill.fill_type == "solid":
                marked[p.cell.key] = cell
    assert set(marked) == offending_keys(report)
    for number, finding in enumerate(report.findings, start=1):
        for key in {finding.location.key, *(o.key for o in finding.operands)} - {None}:
            note = marked[key].comment.text  # type: ignore[index]
            assert f"#{number}" in note and finding.code in note
            assert finding.message_zh in note and finding.message_en in note
            assert marked[key].border.left.style == "thick"  # an error: not colour alone


# --- the screenshot for the docs ------------------------------------------------------------


def sheet_html(sheet: Worksheet) -> str:
    """The sheet as openpyxl reads it, drawn as an HTML table: merges as spans, fills as
    backgrounds, bold and grey text, numbers with the decimals their format shows."""
    spans: dict[str, tuple[int, int]] = {}
    covered: set[str] = set()
    for merged in sheet.merged_cells.ranges:
        spans[merged.start_cell.coordinate] = (merged.size["rows"], merged.size["columns"])
        covered |= {sheet.cell(r, c).coordinate for r, c in merged.cells} - {
            merged.start_cell.coordinate
        }
    widths = [
        (sheet.column_dimensions[get_column_letter(c)].width or 9) * 7
        for c in range(1, sheet.max_column + 1)
    ]
    out = ["<table><colgroup>", *(f'<col style="width:{w:.0f}px">' for w in widths), "</colgroup>"]
    for row in sheet.iter_rows():
        out.append("<tr>")
        for cell in row:
            if cell.coordinate in covered:
                continue
            rows, columns = spans.get(cell.coordinate, (1, 1))
            style = []
            if cell.fill.fill_type == "solid":
                style.append(f"background:#{cell.fill.fgColor.rgb[2:]}")
            if cell.border.left.style:
                line = {"thick": "3px solid", "dashed": "2px dashed", "dotted": "2px dotted"}
                style.append(f"border:{line.get(cell.border.left.style, '1px solid')} #555")
            if cell.alignment.horizontal == "center":
                style.append("text-align:center")
            if cell.font.b:
                style.append("font-weight:bold")
            if cell.font.color is not None and cell.font.color.rgb == UNKNOWN_GREY:
                style.append("color:#808080;font-style:italic")
            text = cell.value
            if isinstance(text, (int, float)) and not isinstance(text, bool):
                places = decimals_shown(cell.number_format)
                text = f"{text:,.{places}f}" + (" 万元" if "万元" in cell.number_format else "")
                style.append("text-align:right")
            shown = escape(str(text if text is not None else ""))
            if cell.alignment.textRotation == 255:  # stacked: one character a line
                shown = "<br>".join(shown)
            title = f' title="{escape(cell.comment.text)}"' if cell.comment else ""
            if cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb[2:] in MARKS:
                title += " data-mark"
            mark = " ◤" if cell.comment else ""
            out.append(
                f'<td rowspan="{rows}" colspan="{columns}" style="{";".join(style)}"{title}>'
                f"{shown}{mark}</td>"
            )
        out.append("</tr>")
    out.append("</table>")
    css = (
        "body{font:13px sans-serif;margin:12px}table{border-collapse:collapse;table-layout:fixed}"
        "td{padding:2px 4px;vertical-align:middle}"
    )
    return f'<!doctype html><meta charset="utf-8"><style>{css}</style>{"".join(out)}'


def test_screenshot_of_the_official_workbook(browser: Any, tmp_path: Path) -> None:
    report = changed_seed()
    sheet = workbook_of(govinfo_report.official_workbook(report))["报告"]
    page = tmp_path / "official-xlsx.html"
    page.write_text(sheet_html(sheet), "utf-8")
    visit = Visit(browser, page)
    assert visit.page.locator("td[data-mark]").count() == len(offending_keys(report))
    assert visit.page.locator("td[colspan='15']").count() == 5  # title, line, three headings
    visit.assert_clean()
    picture = tmp_path / "official-xlsx.png"
    visit.page.screenshot(path=str(picture), full_page=True)
    visit.close()
    keep_screenshot(picture)
