"""Installed, the plugin is listed with its file types and rule; without it, office files are
refused with a message naming this package."""

from __future__ import annotations

import importlib.metadata
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import govinfo_report_office
import pytest

import govinfo_report
from govinfo_report.testing import parser_with

README = Path(__file__).parents[1] / "README.md"
TITLE = "某某县人民政府办公室2023年政府信息公开工作年度报告"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo_report", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def odt(text: str) -> bytes:
    """A minimal OpenDocument text: its ``mimetype`` first and stored, as the standard says."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        mimetype = zipfile.ZipInfo("mimetype")
        package.writestr(mimetype, "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        package.writestr(
            "content.xml", f"<office:document-content>{text}</office:document-content>"
        )
    return out.getvalue()


def test_entry_point_of_its_own_distribution() -> None:
    (entry,) = [
        ep
        for ep in importlib.metadata.entry_points(group="govinfo_report")
        if ep.dist is not None and ep.dist.name == "govinfo-report-office"
    ]
    assert (entry.name, entry.value) == ("office", "govinfo_report_office")
    info = {p.name: p for p in govinfo_report.Parser().plugins}["office"]
    assert (info.module, info.distribution, info.extractors) == (
        "govinfo_report_office",
        "govinfo-report-office",
        ("libreoffice",),
    )


def test_command_line_lists_the_plugin_its_file_types_and_its_rule() -> None:
    listed = cli("plugins")
    assert listed.returncode == 0, listed.stderr
    (line,) = [line for line in listed.stdout.splitlines() if line.startswith("office ")]
    assert "govinfo_report_office [govinfo-report-office]: libreoffice" in line
    assert "FAILED" not in listed.stdout
    (types,) = [line for line in listed.stdout.splitlines() if line.startswith("file types:")]
    assert {".doc", ".wps", ".rtf", ".odt"} <= set(types.split()[2:])
    rules = cli("rules").stdout
    (rule,) = [line.split() for line in rules.splitlines() if line.startswith("OFFICE001")]
    assert rule[:4] == ["OFFICE001", "converted-by-libreoffice", "info", "parse"]


def test_the_rule_is_documented() -> None:
    rule = govinfo_report_office.CONVERTED
    assert rule in govinfo_report.Parser().rules
    row = f"| {rule.code} | {rule.severity.value} | {rule.stage} | {rule.title_zh} |"
    assert f"{row} {rule.title_en} |" in README.read_text("utf-8")


@pytest.fixture
def without_office() -> govinfo_report.Parser:
    """A parser with every installed plugin but this one: what a user without it has."""
    names = [
        ep.name
        for ep in importlib.metadata.entry_points(group="govinfo_report")
        if ep.name != "office"
    ]
    return parser_with(*names)


def test_without_the_plugin_office_files_are_refused_naming_it(
    without_office: govinfo_report.Parser,
) -> None:
    rtf = b"{\\rtf1\\ansi " + TITLE.encode("gb18030") + b"\\par}"
    for data, what in (
        (OLE2 + bytes(504), r"a legacy Office file \(\.doc, \.wps, \.xls\)"),
        (odt(TITLE), r"an OpenDocument text \(\.odt\)"),
        (rtf, r"an RTF document \(\.rtf\)"),
        (b"\xef\xbb\xbf  {\\rtf1 " + TITLE.encode() + b"}", r"an RTF document \(\.rtf\)"),
    ):
        with pytest.raises(
            govinfo_report.InputError,
            match=f"{what}, which no installed reader plugin reads "
            r"\(pip install govinfo-report-office; in a clone of govinfo_report: "
            r"pip install \./plugins/govinfo-report-office\)",
        ):
            without_office.parse(data)
    # .doc and .wps are still taken from directories (and refused); .rtf and .odt come only
    # from this plugin's file types.
    assert {".doc", ".wps"} <= without_office.file_types
    assert not {".rtf", ".odt"} & without_office.file_types
    assert {".doc", ".wps", ".rtf", ".odt"} <= govinfo_report.Parser().file_types


def test_other_inputs_are_left_to_other_readers() -> None:
    read = govinfo_report_office.govinfo_report_read_bytes
    assert read(b"plain text", "report.doc") is None  # a text file named .doc: the core's
    assert read(b"<html><body>" + TITLE.encode() + b"</body></html>", "report.doc") is None
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    assert read(docx.getvalue(), "report.docx") is None  # the docx plugin's
    assert govinfo_report_office.detect(odt(TITLE)) == govinfo_report_office.ODT
    assert govinfo_report_office.detect(b"\n{\\rtf1}") == govinfo_report_office.RTF
