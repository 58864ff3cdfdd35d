"""What a conversion must not do: fetch what a document links to, or leave a profile behind
(that workers' profiles go when they exit is shown by the corpus run in test_office_reader)."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import govinfo_report_office
import pytest
from _office_support import SOFFICE, needs_soffice
from govinfo_report_office import ODT, OfficeError, _profile, _soffice

from govinfo_report.testing import loopback_server

pytestmark = needs_soffice

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"><office:body><office:text>
<text:p>某某县2023年政府信息公开工作年度报告</text:p>
<text:p><draw:frame draw:name="logo" svg:width="2cm" svg:height="2cm"><draw:image
 xlink:href="{url}/logo.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>
</draw:frame></text:p></office:text></office:body></office:document-content>"""
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
<manifest:file-entry manifest:full-path="/"
 manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def linking_odt(url: str) -> bytes:
    """An .odt whose picture is linked, not embedded: a reader that loads it fetches ``url``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("META-INF/manifest.xml", MANIFEST)
        package.writestr("content.xml", CONTENT.replace("{url}", url))
    return out.getvalue()


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on the loopback interface: its address and the paths asked of it."""
    with loopback_server(status=404) as running:
        yield running.url, running.asked


def test_a_linked_picture_is_not_fetched(
    server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice with a profile of its own fetches it (the test can see a fetch); with the
    plugin's profile it does not, even where no network namespace keeps it off the network."""
    url, asked = server
    document = tmp_path / "linked.odt"
    document.write_bytes(linking_odt(url))
    assert SOFFICE is not None
    profile = f"-env:UserInstallation={(tmp_path / 'plain').as_uri()}"
    out = str(tmp_path / "plain-out")
    subprocess.run(
        [SOFFICE, "--headless", profile, "--convert-to", "docx", "--outdir", out, str(document)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert asked == ["/logo.png"]
    asked.clear()
    monkeypatch.setattr(_soffice, "network_isolation", lambda: ())
    conversion = govinfo_report_office.convert(document.read_bytes(), ODT, timeout=30)
    assert conversion.docx.startswith(b"PK")
    assert asked == []
    # What kept it off: the profile's settings, still there once LibreOffice has written its
    # own back; with them, macros off at the highest security and links never updated.
    settings = (_profile.profile() / "user" / "registrymodifications.xcu").read_text("utf-8")
    for name, value in (
        ("BlockUntrustedRefererLinks", "true"),
        ("DisableMacrosExecution", "true"),
        ("MacroSecurityLevel", "3"),
    ):
        assert f'<prop oor:name="{name}" oor:op="fuse"><value>{value}</value>' in settings
    assert 'oor:path="/org.openoffice.Office.Writer/Content/Update"' in settings


def test_what_a_killed_process_left_is_swept_by_the_next() -> None:
    """Its profile and the working directory of the conversion it was killed in."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = [_profile.base() / f"profile-{gone.pid}", _profile.base() / f"work-{gone.pid}-x1"]
    for directory in stale:
        (directory / "user").mkdir(parents=True)
    living = _profile.base() / f"work-{os.getppid()}-x2"
    living.mkdir()
    try:
        _profile.sweep(_profile.base())
        assert not any(directory.exists() for directory in stale)
        assert living.exists()  # a running process's files are never touched
    finally:
        living.rmdir()


def test_a_profile_directory_others_could_plant_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_profile.tempfile, "gettempdir", lambda: str(tmp_path))
    (tmp_path / f"govinfo-report-office-{os.getuid()}").mkdir(mode=0o777)
    os.chmod(tmp_path / f"govinfo-report-office-{os.getuid()}", 0o777)
    with pytest.raises(OfficeError, match="not a private directory"):
        _profile.base()
