"""DOCX001 and DOCX002: a report published with tracked changes or comments left in it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import govinfo_report_docx
from _docx_support import with_revision
from govinfo_report_docx import render_docx

import govinfo_report
from govinfo_report import Cell, Metadata, Report, RuleConfig, Severity
from govinfo_report.testing import GENERATED, parser_with

README = Path(__file__).parents[1] / "README.md"


def _report() -> Report:
    """A consistent 2021 report with a few non-zero counts."""
    cells = {k.key: Cell(k.key, 0, GENERATED) for k in govinfo_report.keys("2021")}
    for key, value in (
        ("applications.received_new.natural_person", 7),
        ("applications.received_new.total", 7),
        ("applications.granted.natural_person", 7),
        ("applications.granted.total", 7),
        ("applications.total.natural_person", 7),
        ("applications.total.total", 7),
    ):
        cells[key] = Cell(key, value, GENERATED)
    return Report(Metadata("某某市司法局", 2023, "2021", template_basis="labels"), cells)


def test_clean_document_has_no_docx_findings() -> None:
    report = parser_with(govinfo_report_docx).parse(render_docx(_report()))
    assert report.to_flat() == _report().to_flat()
    assert not [f for f in report.findings if f.code.startswith("DOCX")]


def test_tracked_change_in_a_table_cell_is_found_and_located() -> None:
    data = with_revision(render_docx(_report()), "7", deleted="7", inserted="9")
    parsed = parser_with(govinfo_report_docx).parse(data)
    (change,) = [f for f in parsed.findings if f.code == "DOCX001"]
    assert change.severity is Severity.WARNING
    assert "inserted '9', deleted '7'" in change.message_en
    assert "插入“9”，删除“7”" in change.message_zh
    paragraph = int(re.search(r"paragraph (\d+)", change.message_en)[1])  # type: ignore[index]
    assert change.location.line == paragraph
    # The first cell reading 7 is received_new.natural_person: read as accepted, 9.
    assert parsed["applications.received_new.natural_person"] == 9
    # The change breaks an identity the core checks: the draft's numbers do not add up.
    assert "GIR303" in {f.code for f in parsed.findings}
    # Kept when the report is checked again, and configurable like any rule.
    assert "DOCX001" in {f.code for f in govinfo_report.check(parsed).findings}
    quiet = govinfo_report.Parser(config=RuleConfig(ignore=("DOCX",))).parse(data)
    assert "DOCX001" not in {f.code for f in quiet.findings}


def test_comment_left_in_the_document_is_found() -> None:
    document = docx.Document(io.BytesIO(render_docx(_report())))
    paragraph = document.paragraphs[3]
    document.add_comment(paragraph.runs, text="数字待核实", author="审核人")
    out = io.BytesIO()
    document.save(out)
    parsed = parser_with(govinfo_report_docx).parse(out.getvalue())
    (comment,) = [f for f in parsed.findings if f.code == "DOCX002"]
    assert comment.location.line == 4
    assert parsed.to_flat() == _report().to_flat()
    assert "DOCX001" not in {f.code for f in parsed.findings}


def test_rules_are_listed_and_documented() -> None:
    parser = govinfo_report.Parser()
    ours = {r.code: r for r in parser.rules if r.code.startswith("DOCX")}
    assert set(ours) == {"DOCX001", "DOCX002"}
    page = README.read_text("utf-8")
    for r in ours.values():
        assert r.stage == "parse"
        assert (
            f"| {r.code} | {r.severity.value} | {r.stage} | {r.title_zh} | {r.title_en} |" in page
        )
