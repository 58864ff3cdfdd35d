"""PDF files and PDF text: the 淮安市人民政府 2024 report, checked against the PDF by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from _support import CORPUS

import govinfo_report
from govinfo_report._keys import APPLICANTS
from govinfo_report.errors import InputError

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
    report = govinfo_report.parse(MINIMAL_PDF_WITHOUT_TEXT)
    assert report.source.format == "pdf"
    assert report.cells == {}
    (f,) = [f for f in report.findings if f.code == "GIR003"]
    assert "OCR" in f.message_en


def test_broken_pdf_is_a_typed_error() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        govinfo_report.parse(b"%PDF-1.7\n this is not really a PDF at all")
