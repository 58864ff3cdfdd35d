"""One LibreOffice user profile per process, made safe before LibreOffice first starts on it.

Two ``soffice`` calls on one profile fail (the second hands its work to the first and exits),
so each process has its own, ``<tmp>/govinfo-report-office-<uid>/profile-<pid>``, and a lock
makes its conversions one at a time. A spawned or forked worker inherits none: the profile is
keyed by process id. Its settings (``user/registrymodifications.xcu``) are written before the
first start: macros disabled and the highest macro security, links to untrusted places blocked
(LibreOffice would otherwise fetch an image an .odt links to), links never updated on load.

The profile is removed when its process exits (``atexit``); one left by a process that was
killed is removed by the next process that makes a profile, once that process id is gone, and
so are the working directories of its conversions, made here too (:func:`workspace`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import stat
import tempfile
import threading
from pathlib import Path

from ._errors import OfficeError

#: The settings written into every new profile. LibreOffice keeps them when it rewrites the
#: file at exit; settings a version does not know are dropped without harm.
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableActiveContent" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">\
<prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']\
/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">\
<prop oor:name="CollectUsageInformation" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Setup/Office">\
<prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""

#: Held while a conversion runs: one ``soffice`` at a time on this process's profile.
LOCK = threading.Lock()
_current: tuple[int, Path] | None = None
_cleanup_registered: set[int] = set()


def _after_fork() -> None:
    """A forked child gets a lock of its own: one another thread held at the fork stays held."""
    global LOCK  # noqa: PLW0603
    LOCK = threading.Lock()


os.register_at_fork(after_in_child=_after_fork)


def base() -> Path:
    """This user's directory of profiles, made private (0700); ``OfficeError`` when another
    user owns it or it is a link (a shared temporary directory is anyone's to plant one in)."""
    directory = Path(tempfile.gettempdir()) / f"govinfo-report-office-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        directory.mkdir(mode=0o700)
    found = os.lstat(directory)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        raise OfficeError(f"{directory} is not a private directory of this user: not used")
    return directory


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process holds the id
        return True
    return True


def _owner(entry: Path) -> int | None:
    """The process id in ``profile-<pid>`` or ``work-<pid>-…``, else ``None``."""
    kind, _, rest = entry.name.partition("-")
    pid = rest.split("-", 1)[0]
    return int(pid) if kind in ("profile", "work") and pid.isdigit() else None


def sweep(directory: Path) -> None:
    """Remove the profiles and working directories of processes that are gone (killed before
    their ``finally`` blocks and exit handlers could remove them)."""
    for entry in directory.iterdir():
        pid = _owner(entry)
        if pid is not None and pid != os.getpid() and not _alive(pid):
            shutil.rmtree(entry, ignore_errors=True)


def workspace() -> Path:
    """A new private directory (0700) for one conversion, named after this process so that
    :func:`sweep` removes it if the process is killed before it does."""
    return Path(tempfile.mkdtemp(prefix=f"work-{os.getpid()}-", dir=base()))


def profile() -> Path:
    """This process's profile directory, made and seeded on first use (hold :data:`LOCK`)."""
    global _current  # noqa: PLW0603 - one profile per process, by design
    pid = os.getpid()
    if _current is not None and _current[0] == pid and _current[1].is_dir():
        return _current[1]
    directory = base()
    sweep(directory)
    path = directory / f"profile-{pid}"
    shutil.rmtree(path, ignore_errors=True)  # a dead process's, whose id came round again
    (path / "user").mkdir(parents=True, mode=0o700)
    (path / "user" / "registrymodifications.xcu").write_text(SETTINGS, "utf-8")
    _current = (pid, path)
    if pid not in _cleanup_registered:
        _cleanup_registered.add(pid)
        atexit.register(discard)
    return path


def discard() -> None:
    """Remove this process's profile (at exit, or after LibreOffice crashed or hung on it: a
    killed LibreOffice may leave it half written, so the next conversion starts a new one)."""
    global _current  # noqa: PLW0603
    # A forked child inherits the parent's exit handlers: it never removes the parent's profile.
    if _current is not None and _current[0] == os.getpid():
        shutil.rmtree(_current[1], ignore_errors=True)
        _current = None
