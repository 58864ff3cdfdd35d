"""Word .docx files: generated reports round-trip; merged and nested tables; broken files."""

from __future__ import annotations

import io
import zipfile

import docx
import govinfo_report_docx
import pytest
from _docx_support import with_revision
from govinfo_report_docx import read_docx, render_docx
from hypothesis import given, settings

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import assert_round_trips, parser_with, reports

DOCX = parser_with(govinfo_report_docx)


# A Word file takes ~0.1 s to write and read: fewer examples than the text layouts.
@settings(deadline=None, max_examples=25)
@given(reports(max_count=10**7))
def test_generated_reports_round_trip(report: Report) -> None:
    parsed = assert_round_trips(DOCX, report, render_docx)
    assert parsed.source.format == "docx"
    assert set(parsed.extractors.values()) == {"docx"}


@settings(deadline=None, max_examples=15)
@given(reports(blanks=True))
def test_blank_cells_stay_blank_in_their_columns(report: Report) -> None:
    """Word shows every empty cell where it is: blanks round-trip exactly, as in HTML."""
    assert_round_trips(DOCX, report, render_docx)


@settings(deadline=None, max_examples=5)
@given(reports())
def test_installed_plugin_is_used_next_to_the_html_extractor(report: Report) -> None:
    """With every installed plugin (the html grid extractor too), the docx extractor reads."""
    parsed = assert_round_trips(govinfo_report.Parser(), report, render_docx)
    assert set(parsed.extractors.values()) == {"docx"}


def _merged_table() -> bytes:
    """A 3×3 table: a label and a value each merged down two rows, a label across two columns."""
    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=3, cols=3)
    label = table.cell(0, 0).merge(table.cell(1, 0))
    label.text = "三、本年度办理结果"
    value = table.cell(0, 1).merge(table.cell(1, 1))
    value.text = "5"
    table.cell(0, 2).text = "7"
    table.cell(1, 2).text = "8"
    total = table.cell(2, 0).merge(table.cell(2, 1))
    total.text = "总计"
    table.cell(2, 2).text = "9"
    document.add_paragraph("结语")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_merged_cells_appear_once_and_are_never_copied() -> None:
    read = read_docx(_merged_table())
    (table,) = read.tables
    rows = [[(read.text[c.start : c.end], c.spanned) for c in row] for row in table.rows]
    assert rows == [
        [("三、本年度办理结果", False), ("5", False), ("7", False)],
        # The label merged down is left out; the value merged down is there but not readable.
        [("", True), ("8", False)],
        [("总计", False), ("9", False)],
    ]
    assert read.text.startswith("前言\n三、本年度办理结果\t5\t7\n")
    assert read.text.endswith("总计\t9\n结语\n")
    # Lines are paragraph numbers: 前言 is 1, the first cell's paragraph 2.
    assert read.lines[:2] == ((0, 1), (3, 2))


def test_nested_table_is_read_as_a_table_inside_a_layout_table() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1).cell(0, 0)
    outer.paragraphs[0].text = "外框"
    inner = outer.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "行政复议"
    inner.cell(0, 1).text = "3"
    out = io.BytesIO()
    document.save(out)
    read = read_docx(out.getvalue())
    assert [[read.text[c.start : c.end] for c in row] for t in read.tables for row in t.rows] == [
        ["行政复议", "3"]
    ]
    assert read.text.startswith("外框\n行政复议\t3\n")


def _document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def _repack(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item))
    return out.getvalue()


def test_broken_files_are_typed_errors() -> None:
    good = _merged_table()
    with pytest.raises(govinfo_report.InputError, match=r"not a readable Word \.docx file"):
        DOCX.parse(good[: len(good) // 2])
    not_xml = _repack(good, "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(govinfo_report.InputError, match=r"not a readable Word \.docx file"):
        DOCX.parse(not_xml)
    assert b"word/document.xml" in not_xml and _document_xml(not_xml).startswith(b"<w:document")


def test_other_inputs_are_left_to_other_readers() -> None:
    assert govinfo_report_docx.govinfo_report_read_bytes(b"plain text", None) is None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert govinfo_report_docx.govinfo_report_read_bytes(out.getvalue(), None) is None
    with pytest.raises(govinfo_report.InputError, match="a ZIP archive"):
        DOCX.parse(out.getvalue())


def test_tracked_changes_are_read_as_accepted() -> None:
    data = with_revision(_merged_table(), "8", deleted="8", inserted="6")
    read = read_docx(data)
    assert read.text.split("\n")[2] == "\t6"  # row 2: the covered value, then the new value
    assert [f.code for f in read.findings] == ["DOCX001"]
