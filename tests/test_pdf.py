"""PDF files and PDF text: the 淮安市人民政府 2024 report, checked against the PDF by hand."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from _support import CORPUS, SEEDS, without_recogniser
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report._keys import APPLICANTS
from govinfo_report.errors import InputError
from govinfo_report.rendering import Heading, TableBlock, blocks
from govinfo_report.testing import assert_exact_or_flagged, reports

if TYPE_CHECKING:
    from govinfo_report.testing.pdf import Layout

PDF = CORPUS / "samples" / "huaian_2024.pdf"
PDF_TEXT = CORPUS / "samples" / "huaian_2024_pdftext.txt"

# Read off the PDF's tables (pages 3-5).
ACTIVE = {
    "active.regulations.issued": 1,
    "active.regulations.repealed": 0,
    "active.regulations.in_force": 11,
    "active.normative_documents.issued": 8,
    "active.normative_documents.repealed": 26,
    "active.normative_documents.in_force": 66,
    "active.licensing.decisions": 447228,
    "active.punishment.decisions": 3985758,
    "active.enforcement.decisions": 88283,
}
APPLICATION_ROWS = {
    "received_new": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_over": (34, 0, 0, 0, 0, 0, 34),
    "granted": (1288, 21, 0, 0, 50, 3, 1362),
    "partially_granted": (447, 7, 0, 0, 0, 0, 454),
    "denied.state_secret": (2, 0, 0, 0, 0, 0, 2),
    "denied.prohibited_by_law": (30, 1, 0, 0, 0, 0, 31),
    "denied.third_party_rights": (6, 0, 0, 0, 0, 0, 6),
    "denied.administrative_query": (105, 0, 0, 0, 0, 0, 105),
    "unable.not_held": (746, 12, 0, 0, 10, 1, 769),
    "not_processed.complaint": (56, 6, 0, 0, 0, 0, 62),
    "not_processed.confirmation": (1, 0, 0, 0, 0, 0, 1),
    "other.no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other.fee_unpaid": (6, 0, 0, 0, 0, 0, 6),
    "other.other": (108, 2, 0, 0, 0, 0, 110),
    "total": (2932, 53, 0, 0, 61, 4, 3050),
    "carried_forward": (103, 0, 0, 0, 0, 0, 103),
}
REVIEW_LITIGATION = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)
COLUMNS = (*APPLICANTS, "total")


@pytest.mark.parametrize(
    ("source", "extractor"), [(PDF, "pdf"), (PDF_TEXT, "spaces")], ids=["pdf", "pdf-text"]
)
def test_pdf_report_values(source: Path, extractor: str) -> None:
    report = govinfo_report.parse(source)
    assert (report.agency, report.year, report.template) == ("淮安市人民政府", 2024, "2021")
    assert set(report.extractors.values()) == {extractor}
    assert len(report.cells) == 200
    assert {k: report[k] for k in ACTIVE} == ACTIVE
    assert str(report["active.fees.amount"]) == "96171.6"
    for row, values in APPLICATION_ROWS.items():
        assert tuple(report[f"applications.{row}.{c}"] for c in COLUMNS) == values, row
    keys = [k.key for k in govinfo_report.keys("2021") if k.section == "review_litigation"]
    assert tuple(report[k] for k in keys) == REVIEW_LITIGATION
    assert report.findings == ()  # every identity of the report holds


def test_pdf_provenance_gives_the_page() -> None:
    report = govinfo_report.parse(PDF)
    assert report.source.format == "pdf"
    assert report.cells["active.regulations.in_force"].provenance.line == 3
    assert report.cells["review_litigation.review.total"].provenance.line == 5


MINIMAL_PDF_WITHOUT_TEXT = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def test_scanned_pdf_without_a_text_layer_says_so() -> None:
    report = without_recogniser().parse(MINIMAL_PDF_WITHOUT_TEXT)
    assert report.source.format == "pdf"
    assert report.cells == {}
    (f,) = [f for f in report.findings if f.code == "GIR003"]
    assert "OCR" in f.message_en and "govinfo-report-ocr" in f.message_en


def test_broken_pdf_is_a_typed_error() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        govinfo_report.parse(b"%PDF-1.7\n this is not really a PDF at all")


# --- generated PDF files: the official tables drawn with reportlab, read back by position ----

# Drawing and reading a PDF takes ~0.5 s: 8 examples per layout in the ci profile, 200 in long.
PDF_EXAMPLES = max(8, settings().max_examples // 50)


def _same_cells(parsed: govinfo_report.Report, report: govinfo_report.Report) -> None:
    """Every value right; blank cells blank; anything not read is named by a finding."""
    assert_exact_or_flagged(report, parsed)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "text-positions"])
@settings(max_examples=PDF_EXAMPLES)
@given(data=st.data())
def test_generated_pdf_round_trips(ruled: bool, data: st.DataObject) -> None:
    from govinfo_report.testing.pdf import render_pdf

    report = data.draw(reports(blanks=True), label="report")
    pdf = render_pdf(
        report,
        ruled=ruled,
        break_row=data.draw(st.integers(1, 14), label="break before row"),
        repeat_header=data.draw(st.booleans(), label="repeat header"),
    )
    parsed = govinfo_report.parse(pdf)
    assert parsed.source.format == "pdf"
    assert set(parsed.extractors.values()) == {"pdf"}
    _same_cells(parsed, report)
    if ruled:  # a ruled grid knows every cell, blank ones included
        assert parsed.to_flat() == report.to_flat()


# --- reports as agencies' PDFs lay them out: tables split anywhere over pages with chrome ----


def _table_rows(report: govinfo_report.Report) -> dict[str, int]:
    """The number of grid rows (header rows included) of each official table drawn."""
    return {b.section: len(b.rows) for b in blocks(report) if isinstance(b, TableBlock)}


@st.composite
def pdf_layouts(draw: st.DrawFn, report: govinfo_report.Report, *, ruled: bool) -> Layout:
    """How an agency's word processor may lay ``report`` out: a page break before any row of
    any table (between a table's header and its first row, between part 二's small tables,
    before section 四's row of numbers), tables set at the foot of a page, page headers,
    footers and markers of every style, labels wrapped mid-word, text set in its cell, part
    二 as one table or as a small table per item, headings numbered by a word processor."""
    from govinfo_report.testing.pdf import HEADER_BREAKS, MARKERS, Chrome, Layout

    breaks: dict[str, set[int]] = {}
    for section, rows in _table_rows(report).items():
        row = st.one_of(st.just(HEADER_BREAKS[section]), st.integers(1, rows - 1))
        breaks[section] = draw(st.sets(row, max_size=2), label=f"breaks in {section}")
    agency = report.agency or ""
    header = st.sampled_from([None, agency, f"{agency}{report.year}年政府信息公开工作年度报告"])
    chrome = Chrome(
        header=draw(header, label="page header"),
        footer=draw(st.sampled_from([None, agency]), label="footer"),
        marker=draw(st.sampled_from(MARKERS), label="page marker"),
    )
    return Layout(
        ruled=ruled,
        break_row=None,
        repeat_header=draw(st.booleans(), label="repeat header"),
        breaks=breaks,
        foot=draw(st.booleans(), label="table at the foot of a page"),
        chrome=chrome,
        label_width=draw(st.sampled_from([None, 60.0, 90.0, 130.0]), label="label width"),
        valign=draw(st.sampled_from(["middle", "top", "bottom"]), label="vertical alignment"),
        halign=draw(st.sampled_from(["centre", "left"]), label="horizontal alignment"),
        portrait=draw(st.booleans(), label="portrait pages"),
        split_items=draw(st.booleans(), label="part 二 in small tables"),
        # Word's outline numbering sets a gap after the numeral of a heading.
        relabel={
            b.text: b.text.replace("、", "、\u3000", 1)
            for b in blocks(report)
            if isinstance(b, Heading)
        }
        if draw(st.booleans(), label="numbered headings")
        else {},
    )


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "text-positions"])
@settings(max_examples=PDF_EXAMPLES)
@given(data=st.data())
def test_pdf_split_over_pages_round_trips(ruled: bool, data: st.DataObject) -> None:
    """Every cell exact or flagged, whatever page breaks and chrome cut the tables; every cell
    exact when the tables are ruled, or when no cell is blank (a number stands in each)."""
    from govinfo_report.testing.pdf import render_pdf

    report = data.draw(reports(blanks=True), label="report")
    layout = data.draw(pdf_layouts(report, ruled=ruled), label="layout")
    parsed = govinfo_report.parse(render_pdf(report, layout))
    assert set(parsed.extractors.values()) == {"pdf"}
    _same_cells(parsed, report)
    # Known gap, flagged (GIR103) but not read: part 二 drawn as one ruled table per item, cut
    # by a page break between a table's rows, can lose the row carried to the next page.
    split_two = layout.split_items and bool(layout.breaks.get("active"))
    if (ruled and not split_two) or None not in report.to_flat().values():
        assert parsed.to_flat() == report.to_flat()


def test_a_ruled_item_table_of_part_two_cut_by_a_page_break_is_flagged() -> None:
    """The gap above, pinned: 行政强制 carried to the next page is missing, and said to be."""
    from govinfo_report.testing.pdf import Layout, render_pdf

    report = govinfo_report.parse(SEEDS[2])
    layout = Layout(ruled=True, split_items=True, breaks={"active": {10}})
    parsed = govinfo_report.parse(render_pdf(report, layout))
    missing = [k for k in report.cells if k not in parsed.cells]
    assert all(k.startswith("active.enforcement.") for k in missing)
    if missing:
        assert any(f.code == "GIR103" and f.location.row == "enforcement" for f in parsed.findings)
    flat = report.to_flat()
    assert all(parsed.to_flat()[k] == flat[k] for k in parsed.to_flat())


@settings(max_examples=PDF_EXAMPLES)
@given(data=st.data())
def test_pdf_labels_that_lost_a_character_are_read_or_flagged(data: st.DataObject) -> None:
    """A label that lost a character is read as its row, or its row is flagged: never wrong."""
    from govinfo_report.testing.pdf import render_pdf

    report = data.draw(reports(blanks=True), label="report")
    labels = sorted(
        {
            cell.text
            for b in blocks(report)
            if isinstance(b, TableBlock)
            for row in b.rows
            if any(c.key for c in row)
            for cell in row
            if cell.key is None and len(cell.text) > 3
        }
    )
    relabel: dict[str, str] = {}
    for label in data.draw(st.lists(st.sampled_from(labels), max_size=3, unique=True)):
        lost = data.draw(st.integers(0, len(label) - 1), label=f"lost from {label}")
        relabel[label] = label[:lost] + label[lost + 1 :]
    ruled = data.draw(st.booleans(), label="ruled")
    parsed = govinfo_report.parse(render_pdf(report, ruled=ruled, relabel=relabel))
    _same_cells(parsed, report)


# Cells left blank in the rows a page break puts at the top of a page (section 二's first
# row, section 三's rows, section 四's row of numbers): only the columns of the page before
# place the numbers of such a row when the table is drawn without rules.
_BLANK_AT_BREAKS = (
    "active.regulations.repealed",
    "applications.unable.not_held.natural_person",
    "applications.carried_over.research",
    "review_litigation.review.pending",
    "review_litigation.litigation_after_review.upheld",
)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "text-positions"])
@pytest.mark.parametrize(
    ("section", "row"),
    [
        ("active", 2),
        ("active", 13),
        ("applications", 3),
        ("applications", 15),
        ("review_litigation", 3),
    ],
    ids=["2-header|rows", "2-last-row", "3-header|rows", "3-mid-group", "4-header|numbers"],
)
def test_pdf_header_at_the_foot_rows_on_the_next_page(ruled: bool, section: str, row: int) -> None:
    """A table whose header (or all its rows but the last) ends a page, under the page's
    footer and marker, and whose rows, some cells blank, open the next: every cell exact."""
    from govinfo_report.testing.pdf import Chrome, Layout, render_pdf

    report = _blank_report(*_BLANK_AT_BREAKS)
    layout = Layout(
        ruled=ruled,
        break_row=None,
        breaks={section: {row}},
        foot=True,
        chrome=Chrome(header=report.agency, footer=report.agency, marker="第{page}页 共{pages}页"),
    )
    parsed = govinfo_report.parse(render_pdf(report, layout))
    assert parsed.to_flat() == report.to_flat()


def test_ruled_pdf_blank_cells_are_blank_and_pages_are_given() -> None:
    from govinfo_report.testing.pdf import render_pdf

    report = _blank_report()
    parsed = govinfo_report.parse(render_pdf(report, break_row=5, repeat_header=True))
    assert parsed.to_flat() == report.to_flat()
    blank = "applications.granted.research"
    assert parsed.cells[blank].value is None
    pages = [c.provenance.line for k, c in parsed.cells.items() if k.startswith("applications")]
    assert None not in pages  # blank cells too: the grid knows where they stand
    assert len(set(pages)) >= 2  # section 三's table runs over a page break
    assert parsed.cells["applications.received_new.total"].provenance.line == min(pages)  # type: ignore[type-var]
    assert parsed.cells["applications.carried_forward.total"].provenance.line == max(pages)  # type: ignore[type-var]


def test_unruled_pdf_row_left_blank_is_blank() -> None:
    from govinfo_report.testing.pdf import render_pdf

    report = _blank_report()
    parsed = govinfo_report.parse(render_pdf(report, ruled=False))
    assert parsed.to_flat() == report.to_flat()


def _blank_report(*keys: str) -> govinfo_report.Report:
    """A real report (a seed) with cells left blank: ``keys``, or one cell and one whole row
    of section 二."""
    report = govinfo_report.parse(SEEDS[0])
    assert report.template == "2021"
    cells = dict(report.cells)
    for key in keys or ("applications.granted.research", "active.enforcement.decisions"):
        cells[key] = attrs.evolve(cells[key], value=None)
    return attrs.evolve(report, cells=cells)


def test_image_only_pdf_says_it_needs_ocr() -> None:
    """A real scanned page: an image and no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 300), outline="black")
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawImage(ImageReader(image), 0, 0, 595, 842)
    page.save()
    report = without_recogniser().parse(out.getvalue())
    assert report.cells == {}
    assert [f.code for f in report.findings if f.code == "GIR003"] == ["GIR003"]


def test_numbers_over_two_columns_are_flagged_not_placed() -> None:
    """A table drawn without rules whose row's numbers sit between two columns."""
    from reportlab.pdfgen import canvas

    from govinfo_report.testing.pdf import FONT

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont(FONT, 10)
    lines = [
        ("某某市人民政府2024年政府信息公开工作年度报告", ()),
        ("二、主动公开政府信息情况", ()),
        ("三、收到和处理政府信息公开申请情况", ()),
        ("一、本年新收政府信息公开申请数量", (1, 2, 3, 4, 5, 6, 21)),
        ("二、上年结转政府信息公开申请数量", (1, 0, 0, 0, 0, 0, 1)),
        # The second number straddles the second and third columns.
        ("（一）予以公开", (2, None, None, 3, 0, 0, 6)),
        ("四、政府信息公开行政复议、行政诉讼情况", ()),
    ]
    y = 800.0
    for label, values in lines:
        page.drawString(40, y, label)
        for i, value in enumerate(values):
            if value is not None:
                page.drawString(260 + 40 * i, y, str(value))
        if label.startswith("（一）"):
            page.drawString(260 + 40 * 2 - 22, y, "7")
        y -= 30
    page.save()
    parsed = govinfo_report.parse(out.getvalue())
    assert parsed["applications.received_new.total"] == 21
    assert "applications.granted.total" not in parsed.cells
    (flag,) = [f for f in parsed.findings if f.code == "GIR104" and f.location.row == "granted"]
    assert flag.location.section == "三"


@settings(max_examples=4)
@given(data=st.data())
def test_text_extracted_from_a_generated_pdf_reads_as_spaces(data: st.DataObject) -> None:
    """The same PDF given as the text PDFium extracts (what a user pastes): the spaces
    extractor, never a wrong value."""
    import pypdfium2

    from govinfo_report.testing.pdf import render_pdf

    report = data.draw(reports(blanks=True), label="report")
    pdf = pypdfium2.PdfDocument(render_pdf(report))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    parsed = govinfo_report.parse(text)
    assert set(parsed.extractors.values()) == {"spaces"}
    _same_cells(parsed, report)


def _ruled_rows(rows: list[tuple[str, list[str]]]) -> bytes:
    """A ruled section 三 table drawn cell by cell: a label cell and one cell per value."""
    from reportlab.pdfgen import canvas

    from govinfo_report.testing.pdf import FONT

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont(FONT, 9)
    y = 800.0
    for text in ("某某市人民政府2024年政府信息公开工作年度报告", "二、主动公开政府信息情况"):
        page.drawString(40, y, text)
        y -= 20
    page.drawString(40, y, "三、收到和处理政府信息公开申请情况")
    y -= 30
    for label, cells in rows:
        page.rect(30, y - 6, 200, 20)
        page.drawString(34, y, label)
        x = 230.0
        for text in cells:
            width = 40.0 * (2 if " " in text else 1)  # one cell where two should be
            page.rect(x, y - 6, width, 20)
            page.drawString(x + 4, y, text)
            x += width
        y -= 20
    page.drawString(40, y - 20, "四、政府信息公开行政复议、行政诉讼情况")
    page.save()
    return out.getvalue()


def test_ruled_cell_holding_two_numbers_is_named_not_split() -> None:
    pdf = _ruled_rows(
        [
            ("一、本年新收政府信息公开申请数量", ["1", "2", "3", "4", "5", "6", "21"]),
            ("二、上年结转政府信息公开申请数量", ["1", "0", "0 0", "0", "0", "1"]),
        ]
    )
    report = govinfo_report.parse(pdf)
    assert report.extractors["applications"] == "pdf"
    assert report["applications.received_new.total"] == 21
    assert not any(k.startswith("applications.carried_over") for k in report.cells)
    flagged = [f for f in report.findings if f.location.row == "carried_over"]
    assert flagged
    assert all(f.code in ("GIR104", "GIR201") for f in flagged)
    assert any("0 0" in f.message_en for f in flagged)


def test_a_pdf_with_an_owner_password_only_reads_as_the_unencrypted_one() -> None:
    """No copying, no printing, no password to open: pdfminer read such files as (cid:N)."""
    from govinfo_report.testing.pdf import render_pdf

    report = govinfo_report.parse(SEEDS[2])
    plain = govinfo_report.parse(render_pdf(report))
    locked = render_pdf(report, encrypt=("", "owner-secret"))
    assert b"/Encrypt" in locked
    parsed = govinfo_report.parse(locked)
    assert parsed.to_flat() == plain.to_flat() == report.to_flat()


def test_a_pdf_that_needs_a_password_to_open_is_a_typed_error() -> None:
    from govinfo_report.testing.pdf import render_pdf

    locked = render_pdf(govinfo_report.parse(SEEDS[2]), encrypt=("user-secret", "owner-secret"))
    with pytest.raises(InputError, match="encrypted with a password"):
        govinfo_report.parse(locked)
