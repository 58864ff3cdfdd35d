"""Stage 1, decode: turn a path, bytes or text into a Python string and a :class:`Source`."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import attrs

from ._model import Source
from .errors import DecodeError, InputError

# A str shorter than this with no line break that names an existing file is read as a path.
_MAX_PATH_LENGTH = 4096

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@attrs.frozen
class Decoded:
    """The text of a document and where it came from."""

    text: str
    source: Source


def decode(source: str | bytes | os.PathLike[str]) -> Decoded:
    """Read ``source`` (text, bytes, or a path) into text; raise a typed error when impossible."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        return _decode_bytes(data, str(path))
    if isinstance(source, bytes | bytearray | memoryview):
        return _decode_bytes(bytes(source), None)
    if isinstance(source, str):
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return Decoded(source, Source(None, digest, None))
    raise InputError(f"cannot parse an object of type {type(source).__name__}")


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) > _MAX_PATH_LENGTH or not text.strip():
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _decode_bytes(data: bytes, path: str | None) -> Decoded:
    digest = hashlib.sha256(data).hexdigest()
    where = path or "input bytes"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), Source(path, digest, encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"{where}: starts with a {encoding} mark but {exc.reason}"
                ) from exc
    # GB18030 is a superset of GBK and GB2312, the legacy encodings agencies publish in.
    for encoding in ("utf-8", "gb18030"):
        try:
            return Decoded(data.decode(encoding), Source(path, digest, encoding))
        except UnicodeDecodeError:
            continue
    raise DecodeError(f"{where}: not valid UTF-8 or GB18030 text")
