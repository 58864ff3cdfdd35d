"""Receiving an upload: the form's files written, as they arrive, into the request's own
directory under names this server makes (``upload-1.pdf``), its fields kept, and every limit
(bytes, files, fields) enforced while the bytes stream in, before any is parsed.

The sender's file name is kept only to be shown (escaped) and to name the file in the JSON;
it never becomes part of a path. Of its suffix, only one the installed readers read is kept,
so that the right reader reads the file.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

import attrs
from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import Request

if TYPE_CHECKING:  # a type python-multipart declares for type checkers only
    from python_multipart.multipart import MultipartCallbacks

#: The form's fields: pasted text, the rules' select and ignore, the messages' language.
FIELDS = ("text", "select", "ignore", "lang")
#: The name pasted text is checked under.
PASTED = "pasted.txt"
#: Bytes of a field other than the pasted text (a list of rule codes).
_FIELD_BYTES = 4096
#: Fields a form may hold besides its files (a browser sends only those of :data:`FIELDS`).
_MOST_FIELDS = 16
#: Characters of a sender's file name kept.
_NAME_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RefusedError(Exception):
    """A request this server does not take: its HTTP status, and why in Chinese and English."""

    def __init__(self, status: int, kind: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.status, self.kind, self.zh, self.en = status, kind, zh, en


@attrs.frozen
class Uploaded:
    """One file of an upload: the name its sender gave it, and where this server wrote it."""

    name: str
    path: Path


@attrs.frozen
class Limits:
    """What one request may carry, and the file suffixes the readers read."""

    files: int
    bytes: int
    suffixes: frozenset[str]


@attrs.frozen
class Upload:
    """What a request brought: its files (pasted text as one more), its fields, its bytes."""

    files: tuple[Uploaded, ...]
    fields: Mapping[str, str]
    size: int


def megabytes(size: int) -> str:
    """A size in MB as a person writes it: ``50``, ``0.5``."""
    return f"{size / 1024 / 1024:.2f}".rstrip("0").rstrip(".")


def too_large(limits: Limits) -> RefusedError:
    """The refusal of an upload over the byte limit."""
    mb = megabytes(limits.bytes)
    return RefusedError(
        413,
        "TooLarge",
        f"上传的内容超过 {mb} MB 的上限",
        f"the upload is over the limit of {mb} MB",
    )


def too_many(limits: Limits) -> RefusedError:
    """The refusal of an upload of more files than the limit."""
    n = limits.files
    return RefusedError(
        413,
        "TooManyFiles",
        f"一次最多上传 {n} 个文件（粘贴的文本算一个）",
        f"at most {n} files an upload (pasted text counts as one)",
    )


def shown_name(name: str) -> str:
    """The sender's file name as it is kept: no control characters, at most 200 characters."""
    return _CONTROL.sub("", name).strip()[:_NAME_LENGTH]


def stored_name(number: int, name: str, suffixes: frozenset[str]) -> str:
    """The name this server gives the upload's ``number``-th file: ``upload-N`` and the
    sender's suffix when a reader reads it."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return f"upload-{number}{suffix if suffix in suffixes else ''}"


def _check_length(request: Request, limits: Limits) -> None:
    """Refuse a request whose declared length is over the limit before reading any of it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.bytes:
        raise too_large(limits)


async def _chunks(request: Request, limits: Limits) -> AsyncIterator[bytes]:
    """The request's body as it arrives, refused once it is over the limit (a body sent in
    chunks declares no length)."""
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limits.bytes:
            raise too_large(limits)
        yield chunk


class _Form:
    """The callbacks of python-multipart's streaming parser: each file part written into
    ``directory`` as its bytes come, each field kept, the limits enforced part by part."""

    def __init__(self, directory: Path, limits: Limits) -> None:
        self.directory, self.limits = directory, limits
        self.files: list[Uploaded] = []
        self.fields: dict[str, str] = {}
        self._fields = 0
        self._header = [b"", b""]
        self._disposition = b""
        self._sink: IO[bytes] | None = None
        self._file: Uploaded | None = None
        self._nameless = False
        self._field: bytearray | None = None
        self._field_name = ""

    def callbacks(self) -> MultipartCallbacks:
        """The callbacks, by the names python-multipart calls them."""
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda data, start, end: self._add(0, data[start:end]),
            "on_header_value": lambda data, start, end: self._add(1, data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _add(self, which: int, data: bytes) -> None:
        self._header[which] += data

    def _begin(self) -> None:
        self._disposition = b""
        self._sink, self._file, self._field, self._nameless = None, None, None, False

    def _header_end(self) -> None:
        name, value = self._header
        if name.strip().lower() == b"content-disposition":
            self._disposition = value
        self._header = [b"", b""]

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"filename" in options:
            # python-multipart hands the header's bytes over as Latin-1; browsers send UTF-8
            name = shown_name(options[b"filename"].decode("utf-8", "replace"))
            if name:
                self._open(name)
            else:  # a file input left empty sends a part nameless and empty: a file if bytes come
                self._nameless = True
            return
        self._fields += 1
        if self._fields > _MOST_FIELDS:
            raise RefusedError(400, "BadForm", "表单的字段太多", "the form has too many fields")
        self._field_name = options.get(b"name", b"").decode("utf-8", "replace")
        self._field = bytearray()

    def _open(self, name: str) -> None:
        """Start writing the next file, under a name of this server's."""
        if len(self.files) >= self.limits.files:
            raise too_many(self.limits)
        number = len(self.files) + 1
        path = self.directory / stored_name(number, name, self.limits.suffixes)
        self._sink = path.open("xb")
        self._file = Uploaded(name, path)

    def _data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._nameless and chunk:
            self._nameless = False
            self._open("upload")
        if self._sink is not None:
            # Written where the parser hands it over: a chunk is at most what one read of the
            # socket gave (64 KiB), a local write of it is no wait worth a thread.
            self._sink.write(chunk)
        elif self._field is not None:
            most = self.limits.bytes if self._field_name == "text" else _FIELD_BYTES
            if len(self._field) + len(chunk) > most:
                raise RefusedError(
                    413,
                    "TooLarge",
                    f"表单字段 {self._field_name[:40]} 太长",
                    f"the form field {self._field_name[:40]} is too long",
                )
            self._field += chunk

    def _end(self) -> None:
        if self._sink is not None and self._file is not None:
            self._sink.close()
            self.files.append(self._file)
        elif self._field is not None and self._field_name in FIELDS:
            self.fields.setdefault(self._field_name, self._field.decode("utf-8", "replace"))
        self._sink, self._file, self._field, self._nameless = None, None, None, False

    def close(self) -> None:
        """Close a file left open by a refusal or a broken form."""
        if self._sink is not None:
            self._sink.close()


async def receive_form(request: Request, directory: Path, limits: Limits) -> Upload:
    """The ``multipart/form-data`` upload of ``request``, its files written into
    ``directory``; pasted text (field ``text``) becomes one more file, :data:`PASTED`."""
    kind, options = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise RefusedError(
            415,
            "UnsupportedMediaType",
            "请以 multipart/form-data 表单上传",
            "send the upload as multipart/form-data",
        )
    _check_length(request, limits)
    form = _Form(directory, limits)
    size = 0
    try:
        parser = MultipartParser(options[b"boundary"], form.callbacks())
        async for chunk in _chunks(request, limits):
            size += len(chunk)
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise RefusedError(
            400, "BadForm", "上传的表单无法读取", f"the form data cannot be read: {exc}"
        ) from exc
    finally:
        form.close()
    files = list(form.files)
    pasted = form.fields.get("text", "")
    if pasted.strip():
        if len(files) >= limits.files:
            raise too_many(limits)
        path = directory / stored_name(len(files) + 1, PASTED, limits.suffixes)
        path.write_text(pasted, encoding="utf-8")
        files.append(Uploaded(PASTED, path))
    if not files:
        raise RefusedError(
            400,
            "NoFile",
            "没有收到文件，也没有粘贴的文本",
            "no file was sent, and no text was pasted",
        )
    return Upload(tuple(files), dict(form.fields), size)


async def receive_body(request: Request, directory: Path, name: str, limits: Limits) -> Upload:
    """The body of ``request`` as one file named ``name`` (the API's ``?name=``)."""
    _check_length(request, limits)
    name = shown_name(name) or "upload"
    path = directory / stored_name(1, name, limits.suffixes)
    size = 0
    with path.open("xb") as sink:
        async for chunk in _chunks(request, limits):
            size += len(chunk)
            sink.write(chunk)
    if not size:
        raise RefusedError(
            400, "NoFile", "请求没有内容", "the request has no body: send the file's bytes"
        )
    return Upload((Uploaded(name, path),), {}, size)
