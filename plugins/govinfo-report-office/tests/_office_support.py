"""Helpers the office plugin's tests share: generated reports, LibreOffice run by the test
itself to make .doc/.rtf/.odt files, and OLE2 files edited the way damage and encryption
leave them."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import attrs
import olefile  # type: ignore[import-untyped]
import pytest
from hypothesis import Phase, find, settings

from govinfo_report import Report
from govinfo_report.testing import reports

#: The formats the tests have LibreOffice save generated reports in.
FORMATS = ("doc", "rtf", "odt")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Under CI a missing LibreOffice fails the tests (the CI script installs it); on a developer's
# machine without it they are skipped.
needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed: sh scripts/install-office.sh",
)


#: Writes a fake ``soffice`` running the given shell code; its path (fixture ``fake_soffice``).
FakeConverter = Callable[[str], Path]


@attrs.frozen
class Made:
    """Generated reports, their .docx, and the office files LibreOffice saved them as."""

    reports: dict[str, Report]
    docx: dict[str, bytes]
    files: dict[tuple[str, str], Path]


def typical_report(template: Literal["2019", "2021"], seed: int, *, blanks: bool = False) -> Report:
    """A report the core's strategy draws with ``seed``, the same every run: the first one
    with at least 60 distinct values (and a blank cell, with ``blanks``), never shrunk."""

    def typical(report: Report) -> bool:
        values = [c.value for c in report.cells.values()]
        return len(set(values)) > 60 and (not blanks or None in values)

    strategy = reports(template, max_count=10**7, blanks=blanks)
    found: Report = find(
        strategy,
        typical,
        settings=settings(phases=[Phase.generate], max_examples=500, database=None),
        random=random.Random(seed),
    )
    return found


def soffice_convert(documents: dict[str, bytes], target: str, work: Path) -> dict[str, bytes]:
    """``documents`` (``name: .docx bytes``) converted to ``target`` ("doc", "rtf", "odt") by
    one LibreOffice call, as a person saving the report in that format would."""
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    source = work / f"docx-for-{target}"
    out = work / target
    source.mkdir(parents=True, exist_ok=True)
    for name, data in documents.items():
        (source / f"{name}.docx").write_bytes(data)
    command = [
        SOFFICE,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={(work / 'test-profile').as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(out),
        *(str(source / f"{name}.docx") for name in documents),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return {name: (out / f"{name}.{target}").read_bytes() for name in documents}


def renamed_stream(data: bytes, old: str, new: str) -> bytes:
    """The OLE2 file ``data`` with its directory entry ``old`` renamed ``new`` (the stream's
    content unchanged): a Word file made to look like a spreadsheet or an encrypted package."""
    assert len(new) < 32
    encoded = old.encode("utf-16-le") + b"\0\0"
    at = data.index(encoded)
    assert at % 128 == 0 or data[at + 64 : at + 66] == len(encoded).to_bytes(2, "little")
    name = (new.encode("utf-16-le") + b"\0\0").ljust(64, b"\0")
    length = (len(new) * 2 + 2).to_bytes(2, "little")
    return data[:at] + name + length + data[at + 66 :]


def word_header_offset(data: bytes) -> int:
    """Where the WordDocument stream (its FIB) starts in the OLE2 file ``data``."""
    ole = olefile.OleFileIO(data)
    (entry,) = [e for e in ole.direntries if e is not None and e.name == "WordDocument"]
    return (entry.isectStart + 1) * ole.sectorsize  # sector n follows the 512-byte header


def encrypted(doc: bytes) -> bytes:
    """``doc`` with the FIB's ``fEncrypted`` flag set, as Word's XOR obfuscation and RC4
    encryption set it (the text stays as it was: the flag alone says "password")."""
    at = word_header_offset(doc) + 10
    flags = int.from_bytes(doc[at : at + 2], "little") | 0x0100
    return doc[:at] + flags.to_bytes(2, "little") + doc[at + 2 :]
