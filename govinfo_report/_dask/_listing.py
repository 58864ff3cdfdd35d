"""Which files a Dask run reads, listed on the client (listing only: the workers read them).

A local path, directory or glob is found as every command finds it
(:func:`govinfo_report._discovery.discover`, text files that are no reports skipped). An
fsspec address (``s3://bucket/reports/**/*.pdf``, ``http://host/dir/``, ``zip://*.txt::a.zip``)
is listed through its file system: a glob's matches and a folder's files of the readers' file
types (hidden ones skipped); a file named is read whatever it is, and a glob that matches
nothing is kept, so that reading it says so. Remote text files are not sniffed (that would read
them on the client): one that is no report is parsed, and its row says what was found.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from fsspec.core import url_to_fs

from .._discovery import Discovery, discover
from ._read import is_local, local_path

_GLOB = re.compile(r"[*?[]")


def _names(urlpaths: str | Iterable[str]) -> list[str]:
    return [urlpaths] if isinstance(urlpaths, str) else [str(u) for u in urlpaths]


def list_files(
    urlpaths: str | Iterable[str],
    file_types: Collection[str],
    storage_options: Mapping[str, Any] | None = None,
) -> Discovery:
    """The files ``urlpaths`` stand for, each once and in order, and those skipped."""
    types = frozenset(t.lower() for t in file_types)
    files: dict[str, None] = {}
    skipped: dict[str, None] = {}
    for name in _names(urlpaths):
        if is_local(name):
            found = discover([str(local_path(name))], types)
            files.update(dict.fromkeys(found.files))
            skipped.update(dict.fromkeys(found.skipped))
        else:
            files.update(dict.fromkeys(_listed(name, types, storage_options or {})))
    return Discovery(tuple(files), tuple(f for f in skipped if f not in files))


def _listed(url: str, types: frozenset[str], storage_options: Mapping[str, Any]) -> list[str]:
    """The addresses of the files ``url`` names on its file system."""
    fs, root = url_to_fs(url, **storage_options)
    if _GLOB.search(root):
        matched = fs.glob(root, detail=True)
        paths = [p for p, info in matched.items() if info.get("type") != "directory"]
        if not matched:
            return [url]  # reading it says that nothing is there
    elif fs.isdir(root):
        paths = fs.find(root)
    else:
        return [url]  # a file named is read whatever it is
    wanted = sorted(p for p in paths if _wanted(p, types))
    return [_address(url, fs, p) for p in wanted]


def _wanted(path: str, types: frozenset[str]) -> bool:
    """True for a file of ``types`` outside hidden folders."""
    parts = path.rstrip("/").split("/")
    hidden = any(part.startswith(".") for part in parts[1:])
    return not hidden and posixpath.splitext(parts[-1])[1].lower() in types


def _address(url: str, fs: Any, path: str) -> str:
    """The address a worker opens ``path`` of ``url``'s file system by: the chain of a chained
    address (``zip://a.txt::s3://bucket/a.zip``) kept."""
    first, chained, rest = url.partition("::")
    if chained:
        protocol = first.split("://", 1)[0]
        return f"{protocol}://{path}::{rest}"
    address: str = fs.unstrip_protocol(path)
    return address
