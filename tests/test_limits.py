"""The resource budget: small inputs that would cost gigabytes or minutes are refused or read
within bounds, with a typed error or a finding (time and memory are measured in
``benchmarks/bench_hostile.py``; here, the outcome)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from _budget import parse_within_budget
from _support import SEEDS, cli

import govinfo_report
from govinfo_report import limits, render
from govinfo_report.errors import LimitError
from govinfo_report.testing import hostile

SEED = govinfo_report.parse(SEEDS[2])
MILLION_DIGITS = "7" * 1_000_000


def with_long_count(layout: str) -> str:
    """The seed in ``layout`` with its first count of part 二 a run of a million digits."""
    text = render(SEED, layout)
    at = text.index("规章", text.index("二、"))
    while not text[at].isdigit():
        at += 1
    end = at
    while text[end].isdigit():
        end += 1
    return text[:at] + MILLION_DIGITS + text[end:]


def test_a_page_whose_cells_span_the_whole_grid_is_refused() -> None:
    with pytest.raises(LimitError, match="grid"):
        govinfo_report.parse(hostile.span_bomb())


def test_a_real_table_whose_every_cell_spans_a_thousand_columns_is_refused() -> None:
    page = render(SEED, "html").replace("<td", '<td colspan="1000000" rowspan="1000000"')
    with pytest.raises(LimitError, match="grid"):
        govinfo_report.parse(page)


def test_the_spans_of_the_official_tables_are_within_the_budget() -> None:
    read = govinfo_report.parse(render(SEED, "html"))
    assert {k: c.value for k, c in read.cells.items()} == {
        k: c.value for k, c in SEED.cells.items()
    }


@pytest.mark.parametrize("layout", ["glued", "crawler"])
def test_a_glued_run_of_a_million_digits_is_unreadable_not_searched(layout: str) -> None:
    report = govinfo_report.parse(with_long_count(layout))
    assert "active.regulations.issued" not in report.cells
    assert "GIR111" in {f.code for f in report.findings if f.location.row == "regulations"}
    assert len(report.cells) >= len(SEED.cells) - 3  # only the row of the long run is lost


@pytest.mark.parametrize("layout", ["tab", "spaces", "pipe", "html"])
def test_a_million_digit_cell_is_unreadable_with_a_finding(layout: str) -> None:
    report = govinfo_report.parse(with_long_count(layout))
    assert "active.regulations.issued" not in report.cells
    assert "GIR201" in {f.code for f in report.findings if f.location.row == "regulations"}


def test_a_pdf_whose_stream_inflates_past_the_budget_is_refused() -> None:
    bomb = hostile.pdf_stream_bomb(limits.MAX_PDF_INFLATED_BYTES + (1 << 20))
    assert len(bomb) < limits.MAX_PDF_INFLATED_BYTES // 500
    with pytest.raises(LimitError, match="inflate"):
        govinfo_report.parse(bomb)


def test_a_pdf_of_more_pages_than_the_budget_is_refused() -> None:
    with pytest.raises(LimitError, match="pages"):
        govinfo_report.parse(hostile.pdf_page_bomb(limits.MAX_PDF_PAGES + 1))


def test_a_small_pdf_stream_is_within_the_budget() -> None:
    report = govinfo_report.parse(hostile.pdf_stream_bomb(1 << 20))
    assert report.source.format == "pdf"
    assert not report.cells


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_file_that_never_ends_is_refused_at_the_byte_limit() -> None:
    with pytest.raises(LimitError, match="more bytes than the limit"):
        govinfo_report.parse(Path("/dev/zero"))


def test_the_command_line_names_the_limit_and_exits_2(tmp_path: Path) -> None:
    bomb = tmp_path / "spans.html"
    bomb.write_bytes(hostile.span_bomb())
    result = cli("parse", str(bomb), "--format", "json")
    assert result.returncode == 2  # a file that could not be read
    assert "over the limit" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_beyond_the_character_budget_is_refused() -> None:
    text = render(SEED, "tab")
    padding = "本机关推进政务公开。\n" * (limits.MAX_CHARACTERS // 10)
    with pytest.raises(LimitError, match="characters"):
        govinfo_report.parse(text + padding)


def test_a_corpus_run_records_a_refused_file_as_a_limit_error_and_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "spans.html").write_bytes(hostile.span_bomb())
    (docs / "report.txt").write_bytes(SEEDS[2].read_bytes())
    out = tmp_path / "out.jsonl"
    run = cli("parse", str(docs), "--out", str(out), "-j", "1")
    assert run.returncode == 2 and "1 parsed, 1 failed" in run.stderr, run.stderr
    records = {Path(r["file"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert records["spans.html"]["error"]["type"] == "LimitError"
    assert records["report.txt"]["values"] == SEED.to_dict()["values"]


@pytest.mark.skipif(sys.platform != "linux", reason="the budget harness forks and reads /proc")
def test_a_damaged_compressed_stream_is_read_without_a_quadratic_recovery() -> None:
    """A million digits inside a page's ASCII85 content stream (found by the byte fuzz suite):
    pdfminer recovered the damaged stream a byte at a time and ran for minutes; PDFium reads
    the page, or the file is refused, at once."""
    from govinfo_report.testing.pdf import render_pdf

    pdf = render_pdf(SEED)
    at = pdf.index(b"stream\n", pdf.index(b"/ASCII85Decode")) + 4000
    damaged = pdf[:at] + MILLION_DIGITS.encode() + pdf[at:]
    outcome = parse_within_budget(govinfo_report.Parser(), damaged)
    assert outcome.ok, f"{outcome.kind}: {outcome.detail}"


def test_a_text_layer_named_before_a_bomb_does_not_hide_it() -> None:
    """An ASCII85 filter in the dictionary of the object before a raw deflate bomb: the bomb
    is measured as what it is."""
    bomb = hostile.pdf_stream_bomb(limits.MAX_PDF_INFLATED_BYTES + (1 << 20))
    at = bomb.index(b"4 0 obj")
    decoy = b"9 0 obj\n<< /Filter /ASCII85Decode /Length 0 >>\nendobj\n"
    with pytest.raises(LimitError, match="inflate"):
        govinfo_report.parse(bomb[:at] + decoy + bomb[at:])
