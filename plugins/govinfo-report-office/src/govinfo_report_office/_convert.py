"""Converting an office document to .docx with LibreOffice headless, one file per call.

The bytes are written to a private temporary directory (0700, in the user's private directory of
:mod:`._profile`) as ``input.<format>`` (never the original name, which may hold anything),
converted there by ``soffice --convert-to docx``, and
the directory removed whatever happens. LibreOffice runs in its own session so that a hang is
killed with its whole process group (the launcher, oosplash and soffice.bin).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import attrs

from . import _profile, _soffice
from ._detect import OfficeFormat
from ._errors import ConversionError

#: The environment variable that sets the conversion timeout in seconds.
TIMEOUT_VARIABLE = "GOVINFO_REPORT_OFFICE_TIMEOUT"
#: Seconds a conversion may take by default: a report converts in one or two, and a corpus
#: run's own per-file timeout (60 s by default) must not be reached first.
DEFAULT_TIMEOUT = 30.0
# No shell between: the filter name is one argument, its spaces unquoted.
_FILTER = "docx:MS Word 2007 XML"
_STDERR_SHOWN = 300
# Lines LibreOffice's launcher prints on every start, which say nothing about the file.
_NOISE = ("javaldx", "failed to launch javaldx")


@attrs.frozen
class Conversion:
    """A document converted to .docx: its bytes, what converted it, and how long it took."""

    docx: bytes
    converter: str
    seconds: float


def timeout_seconds(timeout: float | None = None) -> float:
    """``timeout``, else ``$GOVINFO_REPORT_OFFICE_TIMEOUT``, else :data:`DEFAULT_TIMEOUT`."""
    if timeout is not None:
        return timeout
    configured = os.environ.get(TIMEOUT_VARIABLE)
    if configured:
        try:
            return max(float(configured), 1.0)
        except ValueError:
            pass
    return DEFAULT_TIMEOUT


def command(
    executable: str, profile: Path, source: Path, outdir: Path, timeout: float
) -> list[str]:
    """The command line of one conversion, inside its sandbox (see :mod:`._soffice`)."""
    return [
        *_soffice.backstop(timeout),
        *_soffice.network_isolation(),
        executable,
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--norestore",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        _FILTER,
        "--outdir",
        str(outdir),
        str(source),
    ]


def _summary(stderr: bytes) -> str:
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and not any(noise in line for noise in _NOISE)
    ]
    text = "; ".join(lines)
    if not text:
        return "it printed no error"
    return text if len(text) <= _STDERR_SHOWN else text[:_STDERR_SHOWN] + "…"


def convert(
    data: bytes,
    form: OfficeFormat,
    *,
    executable: str | None = None,
    timeout: float | None = None,
) -> Conversion:
    """``data`` (a document of ``form``) converted to .docx by LibreOffice.

    ``executable`` overrides the converter (else ``$GOVINFO_REPORT_SOFFICE``, else LibreOffice
    on PATH); ``timeout`` the seconds it may take. A missing converter, a crash, a hang or a
    conversion that writes nothing raises a typed error; the temporary files are removed.
    """
    soffice = _soffice.locate(executable)
    seconds = timeout_seconds(timeout)
    converter = _soffice.version(soffice, seconds)
    work = _profile.workspace()
    try:
        source = work / f"input{form.suffix}"
        source.write_bytes(data)
        outdir = work / "out"
        outdir.mkdir()
        with _profile.LOCK:
            profile = _profile.profile()
            argv = command(soffice, profile, source, outdir, seconds)
            start = time.perf_counter()
            try:
                env = _soffice.environment(work)
                code, _, stderr = _soffice.run_group(argv, env, work, seconds)
            except ConversionError:
                _profile.discard()  # a LibreOffice killed mid-write may leave it broken
                raise
            elapsed = time.perf_counter() - start
            if code != 0:
                _profile.discard()
        result = outdir / "input.docx"
        if code != 0:
            how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
            raise ConversionError(f"{converter} {how}: {_summary(stderr)}")
        if not result.is_file() or result.stat().st_size == 0:
            raise ConversionError(
                f"{converter} wrote no document ({_summary(stderr)}): the file is damaged, "
                f"or not {form.description} it can read"
            )
        return Conversion(result.read_bytes(), converter, elapsed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
