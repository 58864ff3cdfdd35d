"""Broken, encrypted and empty files, and a converter that hangs, crashes or is missing: each
a typed error for that file, within the timeout, leaving no process and no file behind."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import govinfo_report_office
import pytest
from _office_support import (
    FakeConverter,
    Made,
    encrypted,
    needs_soffice,
    renamed_stream,
    word_header_offset,
)
from govinfo_report_office import (
    DOC,
    ConversionError,
    ConversionTimeoutError,
    ConverterMissingError,
    DamagedDocumentError,
    EncryptedDocumentError,
    NotADocumentError,
    OfficeError,
    _convert,
    _profile,
)

import govinfo_report
from govinfo_report.errors import InputError

pytestmark = needs_soffice

#: The conversion timeout of these tests: a broken file must be an error well within it.
QUICK = 10.0


@pytest.fixture
def word(made: Made) -> bytes:
    """A real Word 97 .doc of a generated 2019 report."""
    return made.files[("r2019", "doc")].read_bytes()


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every conversion of these tests with the timeout :data:`QUICK`."""
    monkeypatch.setenv(_convert.TIMEOUT_VARIABLE, str(QUICK))


def refused(data: bytes, path: str, error: type[OfficeError]) -> OfficeError:
    """The typed error parsing ``data`` (named ``path``) raises, within :data:`QUICK` s."""
    start = time.monotonic()
    with pytest.raises(error) as raised:
        govinfo_report.Parser().parse(_written(data, path))
    assert time.monotonic() - start < QUICK
    assert isinstance(raised.value, InputError)  # what a corpus run records for its file
    assert str(raised.value).startswith(f"{path}: ")
    return raised.value


def _written(data: bytes, path: str) -> Path:
    target = Path(path)
    target.write_bytes(data)
    return target


def test_a_truncated_doc_is_refused_before_libreoffice_starts(word: bytes, tmp_path: Path) -> None:
    error = refused(word[: len(word) // 2], str(tmp_path / "cut.doc"), DamagedDocumentError)
    assert "not a readable legacy Office file (.doc, .wps)" in str(error)
    header_only = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    refused(header_only, str(tmp_path / "header.doc"), DamagedDocumentError)


def test_a_garbled_doc_is_an_error(word: bytes, tmp_path: Path) -> None:
    """Its compound file is sound and its Word header starts right, the rest of the header is
    garbage: LibreOffice makes an empty document of it, which is the error."""
    garbled = bytearray(word)
    header = word_header_offset(word)
    rng = random.Random(1)
    for at in range(header + 12, header + 1024):
        garbled[at] = rng.randrange(256)
    assert govinfo_report_office.detect(bytes(garbled)) == DOC
    error = refused(bytes(garbled), str(tmp_path / "garbled.doc"), DamagedDocumentError)
    assert "found nothing in it (no text, no picture)" in str(error)


def test_an_encrypted_doc_says_it_needs_its_password(word: bytes, tmp_path: Path) -> None:
    """The FIB's fEncrypted flag, as Word's XOR and RC4 encryption set it."""
    locked = encrypted(word)
    error = refused(locked, str(tmp_path / "locked.doc"), EncryptedDocumentError)
    assert "password-protected Word document" in str(error)
    # LibreOffice itself, handed the file, fails at once too: it asks no password headless.
    start = time.monotonic()
    with pytest.raises(ConversionError, match="wrote no document"):
        govinfo_report_office.convert(locked, DOC, timeout=QUICK)
    assert time.monotonic() - start < QUICK


def test_an_encrypted_docx_and_a_spreadsheet_are_told_apart(word: bytes, tmp_path: Path) -> None:
    """An encrypted .docx is an OLE2 file with EncryptionInfo and EncryptedPackage streams;
    a .xls holds a Workbook stream: neither is handed to LibreOffice as a report."""
    package = renamed_stream(
        renamed_stream(word, "WordDocument", "EncryptedPackage"), "1Table", "EncryptionInfo"
    )
    error = refused(package, str(tmp_path / "locked.docx"), EncryptedDocumentError)
    assert "encrypted .docx" in str(error)
    workbook = renamed_stream(word, "WordDocument", "Workbook")
    error = refused(workbook, str(tmp_path / "book.doc"), NotADocumentError)
    assert "an Excel workbook (.xls)" in str(error)
    other = renamed_stream(word, "WordDocument", "Something")
    assert "holds no Word or WPS document" in str(
        refused(other, str(tmp_path / "other.doc"), NotADocumentError)
    )


def test_an_empty_office_file_is_an_error(tmp_path: Path) -> None:
    for name in ("empty.doc", "EMPTY.WPS", "blank.rtf", "nothing.odt"):
        error = refused(b"", str(tmp_path / name), DamagedDocumentError)
        assert "an empty file" in str(error)
    # Without a name, empty bytes are no office document: the core reads them as it does.
    assert govinfo_report_office.read_office(b"") is None
    assert govinfo_report_office.read_office(b"  \n", "notes.txt") is None


def _gone(pid: int) -> bool:
    """True once ``pid`` has exited (a zombie no one reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_a_hanging_converter_is_killed_with_its_process_group(
    word: bytes, tmp_path: Path, fake_soffice: FakeConverter, monkeypatch: pytest.MonkeyPatch
) -> None:
    converter = fake_soffice('sleep 300 &\necho "$$ $! $PWD" > "$RECORD"\nwait')
    monkeypatch.setenv(govinfo_report_office.SOFFICE_VARIABLE, str(converter))
    monkeypatch.setenv(_convert.TIMEOUT_VARIABLE, "2")
    start = time.monotonic()
    with pytest.raises(ConversionTimeoutError, match="longer than 2 s"):
        govinfo_report.Parser().parse(_written(word, str(tmp_path / "hangs.doc")))
    assert time.monotonic() - start < 2 + 3
    script, child, work = (tmp_path / "record.txt").read_text().split()
    deadline = time.monotonic() + 5
    while not (_gone(int(script)) and _gone(int(child))) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(int(script)) and _gone(int(child)), "a process of the converter's group lives"
    assert not Path(work).exists(), "the private temporary directory was left behind"
    # The profile a killed LibreOffice may have left half written is not used again.
    assert not (_profile.base() / f"profile-{os.getpid()}").exists()


def test_a_crashing_converter_is_an_error_naming_what_it_said(
    word: bytes, tmp_path: Path, fake_soffice: FakeConverter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        govinfo_report_office.SOFFICE_VARIABLE,
        str(fake_soffice('echo "$PWD" > "$RECORD"; echo "boom: no filter" >&2; exit 1')),
    )
    error = refused(word, str(tmp_path / "crash.doc"), ConversionError)
    assert "FakeOffice 9.9.9 exited with status 1: boom: no filter" in str(error)
    assert not Path((tmp_path / "record.txt").read_text().strip()).exists()
    monkeypatch.setenv(govinfo_report_office.SOFFICE_VARIABLE, str(fake_soffice("kill -SEGV $$")))
    error = refused(word, str(tmp_path / "segv.doc"), ConversionError)
    assert "was killed by signal 11" in str(error)


def test_a_missing_converter_names_the_package_to_install(
    word: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(govinfo_report_office.SOFFICE_VARIABLE, str(tmp_path / "no-soffice"))
    error = refused(word, str(tmp_path / "a.doc"), ConverterMissingError)
    assert "apt-get install libreoffice-writer-nogui" in str(error)
    assert "scripts/install-office.sh" in str(error)
    monkeypatch.delenv(govinfo_report_office.SOFFICE_VARIABLE)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice, no libreoffice
    error = refused(word, str(tmp_path / "b.doc"), ConverterMissingError)
    assert "LibreOffice (soffice) is not installed" in str(error)
    assert "libreoffice-writer-nogui" in str(error)


def test_the_converter_runs_sandboxed(
    word: bytes, tmp_path: Path, fake_soffice: FakeConverter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A private directory (0700) holding ``input.doc``, whatever the file's name; HOME in
    it; none of the caller's proxy settings; stdin closed; a profile of this process."""
    converter = fake_soffice(
        'printf "%s\\n" "$@" > "$RECORD"; stat -c "mode=%a" "$PWD" >> "$RECORD"; '
        'env >> "$RECORD"; cat >> "$RECORD"; echo "$PWD" >> "$RECORD"; exit 3'
    )
    monkeypatch.setenv(govinfo_report_office.SOFFICE_VARIABLE, str(converter))
    monkeypatch.setenv("http_proxy", "http://proxy.invalid:3128")
    monkeypatch.setenv("DISPLAY", ":0")
    refused(word, str(tmp_path / "报告 (final; v2).doc"), ConversionError)
    seen = (tmp_path / "record.txt").read_text().splitlines()
    work = Path(seen[-1])
    assert "mode=700" in seen and f"HOME={work}" in seen
    assert f"{work}/input.doc" in seen and f"TMPDIR={work}" in seen
    assert not any(line.startswith(("http_proxy", "DISPLAY")) for line in seen)
    flags = {"--headless", "--invisible", "--nologo", "--nodefault", "--nolockcheck"}
    assert flags <= set(seen) and "docx:MS Word 2007 XML" in seen
    (profile,) = [line for line in seen if line.startswith("-env:UserInstallation=file://")]
    assert profile.endswith(f"/profile-{os.getpid()}")
    assert not work.exists()


def test_the_timeout_comes_from_the_argument_the_environment_or_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _convert.timeout_seconds(3) == 3
    monkeypatch.setenv(_convert.TIMEOUT_VARIABLE, "12.5")
    assert _convert.timeout_seconds() == 12.5
    monkeypatch.setenv(_convert.TIMEOUT_VARIABLE, "soon")
    assert _convert.timeout_seconds() == _convert.DEFAULT_TIMEOUT == 30
