"""Damaged Word files parse or raise a typed error: never a bare traceback, never a hang."""

from __future__ import annotations

import io
import zipfile

import govinfo_report_docx
import pytest
from _support import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import govinfo_report
from govinfo_report import Report, limits
from govinfo_report.errors import LimitError
from govinfo_report.testing import assert_reads_or_refuses, hostile, parser_with, reports

DOCX = parser_with(govinfo_report_docx)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE_PARTS = ("tc", "tr", "tbl", "gridSpan", "vMerge", "hMerge", "p", "r", "t", "tcPr")
ATTRIBUTE_VALUES = st.sampled_from(["0", "-3", "abc", "", "restart", "continue", "99999999"])


def _repack(data: bytes, body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = body if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, part)
    return out.getvalue()


def parses_or_typed_error(data: bytes) -> None:
    assert_reads_or_refuses(DOCX, data)


@settings(deadline=None, max_examples=30)
@given(
    report=reports(),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["remove", "set_val", "nest"]),
            st.sampled_from(TABLE_PARTS),
            st.integers(0, 10**6),
            ATTRIBUTE_VALUES,
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_damaged_table_structure(report: Report, edits: list[tuple[str, str, int, str]]) -> None:
    data = govinfo_report_docx.render_docx(report)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    for kind, tag, where, value in edits:
        found = list(root.iter(W + tag))
        if not found:
            continue
        element = found[where % len(found)]
        if kind == "remove" and element.getparent() is not None:
            element.getparent().remove(element)
        elif kind == "set_val":
            element.set(W + "val", value)
        elif kind == "nest" and tag == "tbl" and element.getparent() is not None:
            cell = next(element.iter(W + "tc"), None)
            if cell is not None:  # a copy of the table inside its own first cell
                cell.append(etree.fromstring(etree.tostring(element)))
    parses_or_typed_error(_repack(data, etree.tostring(root)))


@settings(deadline=None, max_examples=30)
@given(cut=st.integers(0, 10**6), garbage=st.binary(max_size=40))
def test_truncated_or_spliced_bytes(cut: int, garbage: bytes) -> None:
    data = govinfo_report_docx.render_docx(Report(govinfo_report.Metadata("某某市司法局", 2023)))
    at = cut % len(data)
    parses_or_typed_error(data[:at] + garbage + data[at + len(garbage) :])
    parses_or_typed_error(data[:at])


def test_a_member_that_inflates_past_the_budget_is_refused_before_unpacking() -> None:
    docx = govinfo_report_docx.render_docx(govinfo_report.parse(SEEDS[2]))
    bomb = hostile.docx_member_bomb(docx, limits.MAX_ARCHIVE_BYTES + (1 << 20))
    assert len(bomb) < limits.MAX_ARCHIVE_BYTES // 500
    with pytest.raises(LimitError, match="unpacks to"):
        DOCX.parse(bomb)


def test_a_table_whose_spans_cover_past_the_budget_is_refused() -> None:
    docx = govinfo_report_docx.render_docx(govinfo_report.parse(SEEDS[2]))
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    wide = body.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000"/>')
    with pytest.raises(LimitError, match="grid"):
        DOCX.parse(_repack(docx, wide))
