"""The OCR plugin on real and generated scans: every value exact or flagged, never silently
wrong; image files, pictures of tables in a PDF, tilted and degraded scans; hostile images."""

from __future__ import annotations

import base64
import io
import json
import zlib
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from govinfo_report_ocr.testing import (
    Scan,
    pictured_tables,
    rasterised,
    scanned_pdf,
    scanned_png,
    scans,
    tally,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import govinfo_report
from govinfo_report import limits
from govinfo_report.errors import GovInfoReportError, LimitError
from govinfo_report.testing import reports
from govinfo_report.testing.pdf import render_pdf

CORPUS = Path(__file__).parent / "corpus"
SAMPLE = CORPUS / "huaian_2024.pdf"
OCR = settings.get_profile("ocr")


def _golden() -> dict[str, object]:
    data: dict[str, object] = json.loads((CORPUS / "huaian_2024.json").read_text("utf-8"))
    return data


def _same(expected: object, read: object) -> bool:
    if isinstance(read, Decimal):
        return read == Decimal(str(expected))
    return read == expected


def test_the_plugin_is_installed_like_any_other() -> None:
    names = {p.name for p in govinfo_report.Parser().plugins}
    assert "ocr" in names


def test_the_real_pdf_sample_scanned_at_200_dpi_gives_its_golden_values() -> None:
    """The sample's pages rasterised at 200 dpi and saved as an image-only JPEG PDF."""
    scan = Scan(dpi=200, jpeg=85)
    parsed = govinfo_report.parse(scanned_pdf(SAMPLE.read_bytes(), scan))
    golden = _golden()
    assert (parsed.agency, parsed.year, parsed.template) == (
        golden["agency"],
        golden["year"],
        golden["template"],
    )
    assert parsed.source.format == "pdf"
    values = golden["values"]
    assert isinstance(values, dict)
    named = {f.location.key for f in parsed.findings}
    for key, value in values.items():
        if key in parsed.cells:
            assert _same(value, parsed[key]), (
                f"{key}: read {parsed[key]!r}, the report has {value!r}"
            )
        else:
            assert key in named, f"{key} is unknown and no finding names it"
    exact = sum(key in parsed.cells and _same(v, parsed[key]) for key, v in values.items())
    assert exact >= 0.99 * len(values)
    cell = parsed.cells["applications.received_new.total"]
    assert cell.provenance.confidence is not None and cell.provenance.box is not None
    assert cell.provenance.line == 4  # the page


@settings(OCR)
@given(reports(), st.sampled_from([150, 200, 300]))
def test_clean_scans_of_generated_reports_are_exact(
    report: govinfo_report.Report, dpi: int
) -> None:
    wrong: list[str] = []
    scored = tally(
        report, govinfo_report.parse(scanned_pdf(render_pdf(report), Scan(dpi=dpi))), wrong
    )
    assert not wrong and scored.unknown_silent == 0
    assert scored.exact >= 0.99 * scored.cells, scored


@settings(OCR)
@given(reports(), scans())
def test_degraded_scans_are_exact_or_flagged(report: govinfo_report.Report, scan: Scan) -> None:
    """Tilted up to 2°, blurred, JPEG at quality 50-70, salted, on grey paper, in colour."""
    wrong: list[str] = []
    scored = tally(report, govinfo_report.parse(scanned_pdf(render_pdf(report), scan)), wrong)
    assert not wrong and scored.unknown_silent == 0, (scan, wrong)


@settings(OCR)
@given(reports())
def test_tables_pasted_as_pictures_beside_text_are_read(report: govinfo_report.Report) -> None:
    parsed = govinfo_report.parse(pictured_tables(render_pdf(report), Scan(dpi=200)))
    wrong: list[str] = []
    scored = tally(report, parsed, wrong)
    assert not wrong and scored.unknown_silent == 0
    assert scored.exact >= 0.95 * scored.cells, scored
    assert parsed.metadata.title  # the title stayed text


def _table_page() -> tuple[govinfo_report.Report, bytes]:
    """A real report (a seed) printed on portrait pages, and the page holding all of its
    table 三 scanned at 300 dpi as a PNG file."""
    seed = govinfo_report.parse(CORPUS / "002_d7f401c4ad578c61.txt")
    pdf = render_pdf(seed, portrait=True, break_row=None)
    document = pdfium.PdfDocument(pdf)
    (index,) = [
        i
        for i in range(len(document))
        if "（七）总计" in document[i].get_textpage().get_text_range()
    ]
    (page,) = [p for i, p in enumerate(rasterised(pdf, Scan(dpi=300))) if i == index]
    return seed, scanned_png(page, Scan(dpi=300))


def _read_applications(seed: govinfo_report.Report, parsed: govinfo_report.Report) -> None:
    expected = {k: v for k, v in seed.to_flat().items() if k.startswith("applications.")}
    read = {k: v for k, v in parsed.to_flat().items() if k.startswith("applications.")}
    assert all(read[k] == expected[k] for k in read), {
        k: (v, expected[k]) for k, v in read.items() if v != expected[k]
    }
    assert len(read) >= 0.95 * len(expected)


def test_a_page_as_an_image_file_is_read() -> None:
    seed, png = _table_page()
    parsed = govinfo_report.parse(png)
    assert parsed.source.format == "image"
    _read_applications(seed, parsed)


def _png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes of PNG whose header declares ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return len(data).to_bytes(4, "big") + kind + data + crc.to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    body = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def test_a_small_image_declaring_billions_of_pixels_is_refused_before_decoding() -> None:
    with pytest.raises(LimitError):
        govinfo_report.parse(_png_declaring(100_000, 100_000))


def test_a_broken_image_is_a_typed_error() -> None:
    data = _png_declaring(400, 300)[:40]
    with pytest.raises(GovInfoReportError):
        govinfo_report.parse(data)


def test_a_large_blank_image_is_scaled_down_and_says_no_text() -> None:
    out = io.BytesIO()
    Image.new("L", (6000, 6000), 255).save(out, "PNG")
    parsed = govinfo_report.parse(out.getvalue())
    assert parsed.cells == {}
    (found,) = [f for f in parsed.findings if f.code == "GIR003"]
    assert "recognising its images read no text" in found.message_en


def _page_with_picture(src: str) -> str:
    return (
        "<html><head><title>某某县人民政府办公室2023年政府信息公开工作年度报告</title></head>"
        "<body><h1>某某县人民政府办公室2023年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><p>本机关认真贯彻落实条例。</p>"
        f'<p>三、收到和处理政府信息公开申请情况</p><p><img src="{src}"></p>'
        "<p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>"
    )


def test_a_web_page_whose_part_three_is_a_picture_is_read() -> None:
    """The table pasted into the page as a data: URI."""
    seed, png = _table_page()
    src = "data:image/png;base64," + base64.b64encode(png).decode()
    parsed = govinfo_report.parse(_page_with_picture(src).encode())
    assert parsed.source.format == "html"
    _read_applications(seed, parsed)
    cell = parsed.cells["applications.total.total"]
    assert cell.provenance.confidence is not None and cell.provenance.line is not None


def test_a_saved_page_reads_its_pictures_from_its_own_folder_only(tmp_path: Path) -> None:
    seed, png = _table_page()
    folder = tmp_path / "site"
    (folder / "report_files").mkdir(parents=True)
    (folder / "report_files" / "image001.png").write_bytes(png)
    page = folder / "report.html"
    page.write_text(_page_with_picture("report_files/image001.png"), "utf-8")
    _read_applications(seed, govinfo_report.parse(page))
    (tmp_path / "outside.png").write_bytes(png)
    page.write_text(_page_with_picture("../outside.png"), "utf-8")
    outside = govinfo_report.parse(page)
    assert not any(k.startswith("applications.") for k in outside.cells)


def test_a_pdf_of_more_blank_scanned_pages_than_the_budget_is_refused() -> None:
    """Each page without text is recognised; past ``MAX_RECOGNISED_PAGES`` the file is refused
    (blank pages cost a render each, never a run of the models)."""
    document = pdfium.PdfDocument.new()
    for _ in range(limits.MAX_RECOGNISED_PAGES + 1):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(LimitError, match="pages recognised"):
        govinfo_report.parse(out.getvalue())
