"""Finding LibreOffice, asking its version, and the sandbox each ``soffice`` call runs in.

The converter is ``$GOVINFO_REPORT_SOFFICE`` when set (a path or a command name), else the
first of ``soffice`` and ``libreoffice`` on ``PATH``. Every call gets a minimal environment
(``HOME`` and ``TMPDIR`` in its private directory, no proxy or display variables), runs in its
own session, under coreutils' ``timeout`` when there is one (so that it dies at its deadline
even when the Python process that started it was killed first), and in an empty network
namespace (``unshare --net``) where the system allows one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
from pathlib import Path

from . import _profile
from ._errors import INSTALL_HINT, ConversionError, ConversionTimeoutError, ConverterMissingError

#: The environment variable naming the converter executable.
SOFFICE_VARIABLE = "GOVINFO_REPORT_SOFFICE"
_NAMES = ("soffice", "libreoffice")
_VERSION_TIMEOUT = 20.0
# The one variable kept from the caller's environment: the launcher script needs PATH.
_PATH_DEFAULT = "/usr/local/bin:/usr/bin:/bin"
# Seconds to collect a killed group's output before giving up on pipes a stray process holds.
_REAP_SECONDS = 5.0
#: Seconds ``timeout`` waits past the conversion's own deadline before it kills the group.
BACKSTOP_GRACE = 5.0


def locate(executable: str | None = None) -> str:
    """The converter to run: ``executable``, ``$GOVINFO_REPORT_SOFFICE`` or LibreOffice on PATH;
    :class:`ConverterMissingError` naming the package to install when there is none."""
    chosen = executable or os.environ.get(SOFFICE_VARIABLE) or None
    if chosen is not None:
        found = shutil.which(chosen)
        if found is None:
            raise ConverterMissingError(
                f"the converter {chosen!r} ({SOFFICE_VARIABLE}) is not an executable; "
                f"LibreOffice reads .doc, .wps, .rtf and .odt files: {INSTALL_HINT}"
            )
        return found
    for name in _NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise ConverterMissingError(
        "LibreOffice (soffice) is not installed, and it converts .doc, .wps, .rtf and .odt "
        f"files for reading: {INSTALL_HINT}"
    )


def environment(home: Path) -> dict[str, str]:
    """The converter's whole environment: no proxy, display or locale of the caller's."""
    return {
        "PATH": os.environ.get("PATH", _PATH_DEFAULT),
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        # LibreOffice's headless mode draws nothing; this also keeps it off any X server.
        "SAL_USE_VCLPLUGIN": "svp",
    }


@functools.cache
def _usable(command: tuple[str, ...]) -> bool:
    """Whether ``command true`` runs: a wrapper the system may refuse (no user namespaces)."""
    try:
        done = subprocess.run(
            [*command, "true"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def network_isolation() -> tuple[str, ...]:
    """The prefix that runs a command with no network, ``()`` where the system has none.

    ``unshare --net --map-root-user`` gives the converter an empty network namespace (only a
    loopback that is down) without privileges, where user namespaces are allowed.
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    prefix = (unshare, "--net", "--map-root-user")
    return prefix if _usable(prefix) else ()


def backstop(seconds: float) -> tuple[str, ...]:
    """``timeout`` killing the whole process group at ``seconds`` plus a grace, if installed:
    the deadline holds even when the Python process that started the converter is killed."""
    timeout = shutil.which("timeout")
    if timeout is None:
        return ()
    return (timeout, "--signal=KILL", f"{seconds + BACKSTOP_GRACE:g}")


@functools.cache
def _version_of(executable: str, pid: int, timeout: float) -> str:
    home = _profile.workspace()
    try:
        argv = [executable, "--version", f"-env:UserInstallation={(home / 'profile').as_uri()}"]
        _, stdout, _ = run_group(argv, environment(home), home, timeout)
        words = stdout.decode("utf-8", "replace").split()
    except ConversionError:
        words = []
    finally:
        shutil.rmtree(home, ignore_errors=True)
    # "LibreOffice 7.4.7.2 40(Build:2)": the product and its version.
    if len(words) >= 2 and words[1][:1].isdigit():
        return f"{words[0]} {words[1]}"
    return f"{Path(executable).name} (version unknown)"


def version(executable: str, timeout: float = _VERSION_TIMEOUT) -> str:
    """``LibreOffice 7.4.7.2``: what ``executable --version`` says, asked once per process
    (within ``timeout`` seconds; a converter that does not say is "version unknown")."""
    return _version_of(executable, os.getpid(), min(timeout, _VERSION_TIMEOUT))


def run_group(
    argv: list[str], env: dict[str, str], cwd: Path, timeout: float
) -> tuple[int, bytes, bytes]:
    """Run ``argv`` in a session of its own; at ``timeout`` kill its whole process group and
    raise :class:`ConversionTimeoutError`."""
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    except OSError as exc:  # not executable, not a program (a script without #!)…
        raise ConversionError(f"cannot start {argv[0]}: {exc.strerror or exc}") from exc
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionTimeoutError(
            f"LibreOffice took longer than {timeout:g} s: killed with its process group"
        ) from None
    except BaseException:  # Ctrl-C, or the thread being stopped: leave no converter behind
        _kill_group(process)
        raise
    return process.returncode, stdout, stderr


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is already gone
        os.killpg(process.pid, signal.SIGKILL)
    try:
        process.communicate(timeout=_REAP_SECONDS)
    except subprocess.TimeoutExpired:  # a descendant that left the group holds the pipes
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
        process.wait()
