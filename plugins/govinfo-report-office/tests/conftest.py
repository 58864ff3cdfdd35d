"""Fixtures of the office plugin's tests: office files LibreOffice made from generated reports
(once per session: each conversion costs about two seconds), and fake converters."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from _office_support import (
    FORMATS,
    SOFFICE,
    FakeConverter,
    Made,
    soffice_convert,
    typical_report,
)
from govinfo_report_docx import render_docx


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """Both templates (the 2021 report with blank cells) as .doc, .rtf and .odt, and the
    2019 report's .doc once more named as Kingsoft WPS names its files (it writes Word 97's
    format under the suffix .wps)."""
    if SOFFICE is None:  # under CI: fail, naming what is missing
        pytest.fail("LibreOffice (soffice) is not installed: sh scripts/install-office.sh")
    work = tmp_path_factory.mktemp("office")
    reports = {"r2019": typical_report("2019", 1), "r2021": typical_report("2021", 2, blanks=True)}
    docx = {name: render_docx(report) for name, report in reports.items()}
    corpus = work / "corpus"
    corpus.mkdir()
    files = {}
    for target in FORMATS:  # one LibreOffice call converts every report to one format
        for name, data in soffice_convert(docx, target, work).items():
            files[(name, target)] = corpus / f"{name}.{target}"
            files[(name, target)].write_bytes(data)
    files[("r2019", "wps")] = corpus / "r2019-kingsoft.wps"
    files[("r2019", "wps")].write_bytes(files[("r2019", "doc")].read_bytes())
    return Made(reports, docx, files)


@pytest.fixture
def fake_soffice(tmp_path: Path) -> FakeConverter:
    """Write a fake ``soffice``: a shell script that answers ``--version`` and otherwise runs
    ``body`` (with ``$RECORD``, a file in the test's directory, to write what it saw)."""

    def write(body: str) -> Path:
        script = tmp_path / "bin" / "soffice"
        script.parent.mkdir(exist_ok=True)
        record = tmp_path / "record.txt"
        script.write_text(
            "#!/bin/sh\n"
            f"RECORD='{record}'\n"
            'case "$1" in --version) echo "FakeOffice 9.9.9"; exit 0;; esac\n'
            f"{body}\n"
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        return script

    return write
