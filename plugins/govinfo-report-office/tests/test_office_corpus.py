"""A corpus run over bad office files from the command line: each one an error row naming its
typed error, found in the directory by the plugin's file types, the run carried on."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from _office_support import Made, encrypted, needs_soffice, renamed_stream

pytestmark = needs_soffice


def test_bad_office_files_are_error_rows_of_the_corpus_database(made: Made, tmp_path: Path) -> None:
    word = made.files[("r2019", "doc")].read_bytes()
    reports = tmp_path / "reports"
    reports.mkdir()
    files = {
        "cut.doc": word[: len(word) // 3],
        "locked.wps": encrypted(word),
        "empty.rtf": b"",
        "empty.odt": b"",
        "sheet.doc": renamed_stream(word, "WordDocument", "Workbook"),
    }
    for name, data in files.items():
        (reports / name).write_bytes(data)
    out = tmp_path / "corpus.sqlite"
    command = ["parse", str(reports), "--out", str(out), "-j", "1"]
    done = subprocess.run(
        [sys.executable, "-m", "govinfo_report", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1, 2), done.stderr
    rows = {
        Path(file).name: (error, message.split(": ", 1)[1])
        for file, error, message in sqlite3.connect(out).execute(
            "SELECT file, error_type, error_message FROM reports"
        )
    }
    assert rows == {
        "cut.doc": (
            "DamagedDocumentError",
            "not a readable legacy Office file (.doc, .wps): OleFileError: incomplete OLE sector",
        ),
        "locked.wps": (
            "EncryptedDocumentError",
            "a password-protected Word document (.doc): it cannot be read without its password",
        ),
        "empty.rtf": ("DamagedDocumentError", "an empty file: no office document to read"),
        "empty.odt": ("DamagedDocumentError", "an empty file: no office document to read"),
        "sheet.doc": ("NotADocumentError", "an Excel workbook (.xls), not a report document"),
    }
