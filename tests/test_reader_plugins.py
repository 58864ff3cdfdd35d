"""Reader plugins: a format no plugin reads, and the findings a reader raises."""

from __future__ import annotations

import importlib.metadata
import io
import zipfile
from collections.abc import Sequence

import pytest

import govinfo_report
from govinfo_report import Location, Parser, Rule, RuleConfig, Severity, hookimpl
from govinfo_report.rules import Violation
from govinfo_report.tables import (
    Document,
    GridCell,
    GridExtractor,
    ReadDocument,
    SectionText,
    SourceTable,
)
from govinfo_report.testing import parser_with

BUILTIN = [
    ep.name
    for ep in importlib.metadata.entry_points(group="govinfo_report")
    if ep.dist is not None and ep.dist.name == "govinfo-report"
]
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>某某市司法局2023年政府信息公开工作年度报告</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def package(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_docx_without_its_plugin_is_a_clear_error_not_mojibake() -> None:
    docx = package({"[Content_Types].xml": "<Types/>", "word/document.xml": DOCUMENT_XML})
    with pytest.raises(govinfo_report.InputError, match=r"a Word \.docx file.*govinfo-report-docx"):
        parser_with(*BUILTIN).parse(docx)
    with pytest.raises(govinfo_report.InputError, match="a ZIP archive, which no installed reader"):
        parser_with(*BUILTIN).parse(package({"data.csv": "a,b"}))
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(
        govinfo_report.InputError,
        match=r"legacy Office file \(\.doc, \.wps, \.xls\).*govinfo-report-office",
    ):
        parser_with(*BUILTIN).parse(legacy)
    # RTF and OpenDocument text, which text decoding would read as words: refused the same way.
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    for data, what in ((odt.getvalue(), "OpenDocument text"), (b"{\\rtf1 ok}", "RTF document")):
        with pytest.raises(govinfo_report.InputError, match=f"an {what}.*govinfo-report-office"):
            parser_with(*BUILTIN).parse(data)


DRAFT = Rule("RDR001", Severity.WARNING, "草稿", "a draft")
TITLE = "某某市司法局2023年政府信息公开工作年度报告"


class _DraftReader:
    """A reader of "DRAFT:"-prefixed bytes that says so with a finding of its own rule."""

    @hookimpl
    def govinfo_report_read_bytes(self, data: bytes, path: str | None) -> ReadDocument | None:
        if not data.startswith(b"DRAFT:"):
            return None
        violation = Violation("草稿", "still a draft", Location(line=1))
        text = data[6:].decode("utf-8")
        return ReadDocument(text, format="draft", findings=(DRAFT.finding(violation),))

    @hookimpl
    def govinfo_report_rules(self) -> Sequence[Rule]:
        return (DRAFT,)


def test_a_readers_findings_are_kept_through_checks_and_configurable() -> None:
    parser = parser_with(_DraftReader())
    report = parser.parse(b"DRAFT:" + TITLE.encode())
    assert report.source.format == "draft"
    drafts = [f for f in report.findings if f.code == "RDR001"]
    assert [(f.severity, f.location.line, f.message_en) for f in drafts] == [
        (Severity.WARNING, 1, "a draft: still a draft")
    ]
    assert [f.code for f in parser.check(report).findings].count("RDR001") == 1
    assert DRAFT in parser.rules and DRAFT.stage == "parse"
    graded = Parser(
        [_DraftReader()], entry_points=False, config=RuleConfig(severity={"RDR": Severity.ERROR})
    )
    regraded = graded.parse(b"DRAFT:" + TITLE.encode()).findings
    assert [f.severity for f in regraded if f.code == "RDR001"] == [Severity.ERROR]
    ignored = Parser([_DraftReader()], entry_points=False, config=RuleConfig(ignore=("RDR",)))
    assert "RDR001" not in {f.code for f in ignored.parse(b"DRAFT:" + TITLE.encode()).findings}


def test_a_grid_extractor_claims_only_its_own_readers_tables() -> None:
    table = SourceTable(0, 3, ((GridCell(0, 1), GridCell(2, 3)),))
    for form, claims in (("html", (1.0, 0.0)), ("docx", (0.0, 1.0))):
        document = Document("1\t2\n", {}, tables=(table,), format=form)
        section = SectionText("review_litigation", "四", "1\t2\n", 0, "2021", document)
        scores = tuple(GridExtractor(n, n).score(section) for n in ("html", "docx"))
        assert scores == claims
    (raw,) = GridExtractor("docx", "docx").extract(section)
    assert [c.text for c in raw.rows[0].cells] == ["1", "2"]
    assert raw.aligned and raw.extractor == "docx"
