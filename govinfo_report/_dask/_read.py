"""One file on a worker: read through fsspec within the byte budget, hashed, and parsed with
the worker's own parser; every way it can fail is the file's typed failure, as in a local run.

A local file is parsed from its path, exactly as ``parse_many`` parses it. A file elsewhere
(``s3://``, ``http://``, a member of a zip archive) is parsed from a copy in a temporary folder
under its own name, so that the readers see its name as they would see a local file's, and
the copy's path is put back to the file's address in what the parse says.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path, PurePosixPath

import attrs
import fsspec
from fsspec.utils import get_protocol

from .._corpus._pool import Result
from .._input._decode import too_many_bytes
from .._model import Report
from .._outcomes import Failure, failure_of
from .._parser import Parser
from ..errors import GovInfoReportError
from ..limits import MAX_INPUT_BYTES
from ..rules import RuleConfig
from ._plugins import fingerprint

_CHUNK = 1 << 20
_LOCAL = frozenset({"file", "local"})


@attrs.frozen
class Fetched:
    """A file's bytes (at most one past the budget) and the SHA-256 of all of them."""

    data: bytes
    sha256: str

    @property
    def over_budget(self) -> bool:
        """True when the file holds more bytes than :data:`MAX_INPUT_BYTES`."""
        return len(self.data) > MAX_INPUT_BYTES


def is_local(url: str) -> bool:
    """True for a path or ``file://`` address of this machine's file system (no chain)."""
    return "::" not in url and get_protocol(url) in _LOCAL


def local_path(url: str) -> Path:
    """The path of a local ``url``."""
    return Path(url.removeprefix("file://"))


def fetch(url: str, storage_options: dict[str, object]) -> Fetched:
    """The bytes of ``url`` within the budget and the hash of all of its bytes; whatever the
    file system raises (missing, no permission, no network) propagates."""
    digest = hashlib.sha256()
    kept = bytearray()
    with fsspec.open(url, "rb", **storage_options) as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)  # past the budget only hashed: a rerun must know the file
            if len(kept) <= MAX_INPUT_BYTES:
                kept += chunk[: MAX_INPUT_BYTES + 1 - len(kept)]
    return Fetched(bytes(kept), digest.hexdigest())


class _Parsers(threading.local):
    """A parser per worker thread, made again when the rule configuration changes, and its
    plugins' fingerprint (reading the installed distributions' metadata takes a while)."""

    config: RuleConfig | None = None
    parser: Parser | None = None
    fingerprint: dict[str, str | None] | None = None


_PARSERS = _Parsers()


def worker_parser(config: RuleConfig) -> Parser:
    """This thread's parser for ``config``, with the plugins of this worker's environment."""
    if _PARSERS.parser is None or _PARSERS.config != config:
        _PARSERS.parser, _PARSERS.config = Parser(config=config), config
        _PARSERS.fingerprint = None
    return _PARSERS.parser


def worker_plugins(config: RuleConfig) -> dict[str, str | None]:
    """The fingerprint (:func:`._plugins.fingerprint`) of this thread's parser."""
    parser = worker_parser(config)
    if _PARSERS.fingerprint is None:
        _PARSERS.fingerprint = fingerprint(parser)
    return _PARSERS.fingerprint


def parse_file(
    url: str, storage_options: dict[str, object], config: RuleConfig, done: str | None
) -> Result | None:
    """The outcome of one file; ``None`` when its content hash is ``done`` (written before)."""
    try:
        fetched = fetch(url, storage_options)
    except Exception as exc:  # missing, no permission, no network: the file's failure
        return Result(url, None, failure=Failure("InputError", f"cannot read {url}: {exc}"))
    if fetched.sha256 == done:
        return None
    if fetched.over_budget:
        return Result(url, fetched.sha256, failure=failure_of(too_many_bytes(url)))
    try:
        report = _parsed(url, fetched.data, worker_parser(config))
    except Exception as exc:  # a typed error, or a bug: it costs one file, not the run
        return Result(url, fetched.sha256, failure=failure_of(exc))
    return Result(url, fetched.sha256, report=report)


def _parsed(url: str, data: bytes, parser: Parser) -> Report:
    """The report of ``url``: parsed from its path when local, else from a copy of ``data``
    under the file's own name, the copy's path replaced by ``url`` in what is said of it."""
    if is_local(url):
        return parser.parse(local_path(url))
    name = PurePosixPath(url.split("::", 1)[0]).name or "document"
    with tempfile.TemporaryDirectory(prefix="govinfo-report-") as folder:
        copy = Path(folder) / name
        copy.write_bytes(data)
        try:
            report = parser.parse(copy)
        except GovInfoReportError as exc:
            raise type(exc)(str(exc).replace(str(copy), url)) from exc
    return attrs.evolve(report, source=attrs.evolve(report.source, path=url))
