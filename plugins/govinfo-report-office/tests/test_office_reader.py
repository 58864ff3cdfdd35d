""".doc, .rtf and .odt reports made by LibreOffice from generated reports parse back exactly:
every cell, both templates, the merged cells of the official tables."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import govinfo_report_office
import pytest
from _office_support import FORMATS, Made, encrypted, needs_soffice
from govinfo_report_docx import read_docx
from govinfo_report_office import _profile

import govinfo_report
from govinfo_report.tables import ReadDocument
from govinfo_report.testing import report_differences, unexpected_errors

pytestmark = needs_soffice


def test_a_corpus_run_reads_every_cell_and_records_the_bad_files(
    made: Made, tmp_path: Path
) -> None:
    """Both templates, blanks too, as .doc, .rtf, .odt and a Kingsoft .wps, read in two worker
    processes (a LibreOffice profile each) beside broken files, which are each a failure."""
    word = made.files[("r2019", "doc")].read_bytes()
    bad = {"cut.doc": word[:5000], "locked.doc": encrypted(word), "empty.odt": b""}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    by_path = {str(path): key for key, path in made.files.items()}
    paths = sorted(by_path) + [str(tmp_path / name) for name in bad]
    results = {r.path: r for r in govinfo_report.parse_many(paths, workers=2, timeout=120)}
    assert set(results) == set(paths)
    failures = {Path(p).name: r.failure.type for p, r in results.items() if r.failure}
    assert failures == {
        "cut.doc": "DamagedDocumentError",
        "locked.doc": "EncryptedDocumentError",
        "empty.odt": "DamagedDocumentError",
    }
    for path, (name, form) in by_path.items():
        parsed = results[path].report
        assert parsed is not None
        expected = made.reports[name]
        problems = report_differences(expected, parsed) + unexpected_errors(expected, parsed)
        assert not problems, (path, problems)
        assert len(parsed.cells) == len(expected.cells) > 150
        # A Kingsoft .wps in Word's format is read as what its content is: a .doc.
        assert parsed.source.format == ("doc" if form == "wps" else form)
        assert set(parsed.extractors.values()) == {"libreoffice"}
        assert {c.provenance.extractor for c in parsed.cells.values()} == {"libreoffice"}
        cell = parsed.cells["applications.total.total"]
        assert cell.provenance.origin == "table" and cell.provenance.line is not None
        (converted,) = [f for f in parsed.findings if f.code == "OFFICE001"]
        assert converted.severity is govinfo_report.Severity.INFO
        assert f"from .{parsed.source.format} to .docx by LibreOffice " in converted.message_en
    # The workers have exited: their profiles went with them.
    assert all(_running(p.name) for p in _profile.base().glob("profile-*"))


def _running(profile: str) -> bool:
    try:
        os.kill(int(profile.removeprefix("profile-")), 0)
    except ProcessLookupError:
        return False
    return True


def _grid(read: ReadDocument) -> list[list[tuple[str, bool]]]:
    """Every table row as (text, spanned) cells: a merged cell appears once, where it starts."""
    return [
        [(read.text[c.start : c.end], c.spanned) for c in row]
        for table in read.tables
        for row in table.rows
    ]


def _merges(docx: bytes) -> tuple[int, int]:
    """How many cells of the body span columns and rows."""
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    return body.count(b"<w:gridSpan "), body.count(b"<w:vMerge")


@pytest.mark.parametrize("form", FORMATS)
def test_tables_keep_their_structure_merged_cells_included(made: Made, form: str) -> None:
    """The converted tables are the written tables: the same rows of the same cells, each
    merged header cell once in the column it starts in, so every value maps to its column."""
    original = read_docx(made.docx["r2021"])
    grid = _grid(original)
    assert len({len(row) for row in grid}) > 2  # merged cells: rows of different lengths
    assert all(count > 0 for count in _merges(made.docx["r2021"]))  # gridSpan, vMerge
    read = govinfo_report_office.read_office(made.files[("r2021", form)].read_bytes(), "r.x")
    assert read is not None and read.format == form
    assert _grid(read) == grid
    assert [f.code for f in read.findings] == ["OFFICE001"]
