"""Recognised text in the core: how values read from images are kept, flagged or refused.

The recogniser here is a plugin of the test: it answers each page image of an image-only PDF
with the characters of the page it was rendered from, at the confidence the test chooses, and
can misread a digit. The OCR package (plugins/govinfo-report-ocr) tests the real recogniser.
"""

from __future__ import annotations

import importlib.metadata
import io
from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs
import pypdfium2 as pdfium
import pytest
from govinfo_report_plugins import _pdfium

import govinfo_report
from govinfo_report import Parser, Report, RuleConfig, hookimpl
from govinfo_report.positions import Char, PageContent, PageImage
from govinfo_report.testing import parser_with
from govinfo_report.testing.pdf import render_pdf

SEED_TEMPLATE_KEYS = {k.key for k in govinfo_report.keys("2021")}


def _report() -> Report:
    """A 2021 report whose identities hold, with a few distinct figures."""
    values: dict[str, int | Decimal | None] = dict.fromkeys(SEED_TEMPLATE_KEYS, 0)
    values["active.fees.amount"] = Decimal("1.5")
    values["active.regulations.issued"] = 3
    values["active.regulations.in_force"] = 12
    for column, count in (("natural_person", 5), ("commercial", 2)):
        values[f"applications.received_new.{column}"] = count
        values[f"applications.total.{column}"] = count
        values[f"applications.granted.{column}"] = count
    values["review_litigation.review.upheld"] = 9
    values["review_litigation.review.total"] = 9
    values["applications.received_new.total"] = 7
    values["applications.total.total"] = 7
    values["applications.granted.total"] = 7
    cells = {
        k: govinfo_report.Cell(k, v, govinfo_report.Provenance("test", "table"))
        for k, v in values.items()
    }
    return Report(govinfo_report.Metadata("某某市司法局", 2023), cells)


def _image_only(pdf: bytes) -> bytes:
    """``pdf`` with each page replaced by a picture of it: a scan, no text layer."""
    source = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        bitmap = source[index].render(scale=1)
        page = out.new_page(width, height)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


@attrs.define
class PageReader:
    """A recogniser that knows the text layer of the PDF the scan was made from."""

    pdf: bytes
    confidence: Callable[[Char], float] = lambda char: 0.99
    misread: Mapping[str, str] = attrs.field(factory=dict)
    #: Characters misread at their first occurrence only.
    misread_once: Mapping[str, str] = attrs.field(factory=dict)
    seen: list[PageImage] = attrs.field(factory=list)

    @hookimpl
    def govinfo_report_recognise(self, image: PageImage) -> PageContent:
        self.seen.append(image)
        document = _pdfium.open_pdf(self.pdf)
        page = list(_pdfium.pages(document))[image.page - 1]
        document.close()
        once = dict(self.misread_once)
        chars = []
        for char in page.chars:
            text = once.pop(char.text, None) or self.misread.get(char.text, char.text)
            chars.append(char._replace(text=text, confidence=self.confidence(char)))
        return attrs.evolve(page, chars=tuple(chars))


def _parse(pdf: bytes, reader: PageReader | None) -> Report:
    plugins: list[object] = ["pdf", "pipe", "tab", "lines", "prose", "image"]
    if reader is not None:
        plugins.append(reader)
    return parser_with(*plugins).parse(_image_only(pdf))


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(_report())


def test_a_scan_with_a_recogniser_reads_every_value_with_its_confidence_and_box(pdf: bytes) -> None:
    parsed = _parse(pdf, PageReader(pdf))
    assert parsed.to_flat() == _report().to_flat()
    cell = parsed.cells["applications.granted.natural_person"]
    assert cell.provenance.confidence == pytest.approx(0.99)
    assert cell.provenance.box is not None and cell.provenance.line is not None
    data = Report.from_dict(parsed.to_dict())
    assert data == parsed  # confidence and box survive JSON
    assert not [f for f in parsed.findings if f.code in ("GIR003", "GIR205")]


def test_without_a_recogniser_a_scan_names_the_package_that_reads_it(pdf: bytes) -> None:
    parsed = _parse(pdf, None)
    assert parsed.cells == {}
    (found,) = parsed.findings  # the parts, tables and title it lacks follow from it
    assert found.code == "GIR003"
    assert "pip install govinfo-report-ocr" in found.message_en
    assert "pip install ./plugins/govinfo-report-ocr" in found.message_en  # from a clone


def test_with_the_root_cause_ignored_what_follows_from_it_is_reported(pdf: bytes) -> None:
    parser = Parser(entry_points=False, config=RuleConfig(ignore=("GIR003",)))
    installed = importlib.metadata.entry_points(group="govinfo_report")
    for name in ("pdf", "pipe", "tab", "lines", "prose", "image"):
        parser.register(installed[name].load(), name)
    codes = [f.code for f in parser.parse(_image_only(pdf)).findings]
    assert "GIR003" not in codes
    assert codes.count("GIR101") == 6 and "GIR401" in codes


def test_a_doubtful_value_is_kept_only_where_an_identity_confirms_it(pdf: bytes) -> None:
    """Every 5 and 3 read with little confidence: the 5 of section 三 is confirmed by the sums
    it is part of; the 3 of section 二 has no identity and stays unknown, with GIR205."""
    reader = PageReader(pdf, confidence=lambda char: 0.6 if char.text in "53" else 0.99)
    parsed = _parse(pdf, reader)
    assert parsed["applications.granted.natural_person"] == 5
    assert "active.regulations.issued" not in parsed.cells
    (found,) = [f for f in parsed.findings if f.location.key == "active.regulations.issued"]
    assert (found.code, found.actual) == ("GIR205", 3)
    assert "0.60" in found.message_zh and "no identity" in found.message_en


def test_a_confident_misreading_in_the_tables_identities_is_never_silent(pdf: bytes) -> None:
    """The recogniser reads every 2 as 7 with full confidence. Each misread value of sections
    三 and 四 breaks an identity and is named by a finding; section 二 has no identity, so a
    confident misreading there stands (the limit the OCR package's README states)."""
    parsed = _parse(pdf, PageReader(pdf, misread={"2": "7"}))
    expected = _report().to_flat()
    wrong = {k for k, v in parsed.to_flat().items() if v != expected[k]}
    named = {f.location.key for f in parsed.findings} | {
        o.key for f in parsed.findings for o in f.operands
    }
    in_identities = {k for k in wrong if not k.startswith("active.")}
    assert in_identities and in_identities <= named
    assert wrong - in_identities == {"active.regulations.in_force"}


def test_a_value_that_breaks_the_only_identity_it_is_in_is_unknown(pdf: bytes) -> None:
    """复议 维持 9 read as 6 (its total, 9, read right): the one identity of those cells breaks
    and no other confirms its cells, so they are unknown, each with GIR205 naming what was
    read."""
    parsed = _parse(pdf, PageReader(pdf, misread_once={"9": "6"}))
    for key in ("review_litigation.review.upheld", "review_litigation.review.total"):
        assert key not in parsed.cells
        (found,) = [f for f in parsed.findings if f.location.key == key]
        assert found.code == "GIR205" and "GIR304" in found.message_en
    # The whole block the identity covers is in doubt; the next block stands.
    assert "review_litigation.review.corrected" not in parsed.cells
    assert parsed["review_litigation.litigation_direct.upheld"] == 0


def test_money_read_without_its_decimal_point_is_not_kept(pdf: bytes) -> None:
    parsed = _parse(pdf, PageReader(pdf, misread={".": ""}))
    assert "active.fees.amount" not in parsed.cells
    (found,) = [f for f in parsed.findings if f.location.key == "active.fees.amount"]
    assert found.code == "GIR205" and "decimal point" in found.message_en


def test_an_image_file_goes_to_the_recogniser_and_without_one_says_so() -> None:
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a0a7b0d10000000049454e44ae426082"
    )
    bare = parser_with("image").parse(png)
    assert bare.source.format == "image"
    assert "govinfo-report-ocr" in next(f for f in bare.findings if f.code == "GIR003").message_en
    seen: list[PageImage] = []

    class Blind:
        @hookimpl
        def govinfo_report_recognise(self, image: PageImage) -> PageContent | None:
            seen.append(image)
            return None

    parser_with("image", Blind()).parse(png)
    assert [image.mode for image in seen] == ["encoded"]


def test_without_every_row_placed_by_its_label_section_two_keeps_no_recognised_value() -> None:
    """A row of part 二 printed with a label no template knows (GIR106): a row of numbers may
    then stand beside another row's label, and part 二 has no identity to tell."""
    report = _report()
    pdf = render_pdf(report, relabel={"规章": "规矩和章程"})
    parsed = _parse(pdf, PageReader(pdf))
    assert any(
        f.code in ("GIR103", "GIR106") and f.location.section == "二" for f in parsed.findings
    )
    assert not any(k.startswith("active.") for k in parsed.cells)
    assert {f.code for f in parsed.findings if (f.location.key or "").startswith("active.")} >= {
        "GIR205"
    }
    assert parsed["applications.total.total"] == 7  # the other tables are untouched
