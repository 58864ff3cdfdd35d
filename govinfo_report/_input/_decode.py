"""Decoding, in the read stage: a path, bytes or text into a string and a :class:`Source`.

Bytes are read as the page says they are, when it says so and is right: a byte-order mark,
then UTF-8 (which rarely validates by accident), then the ``<meta charset>`` or ``http-equiv``
declaration, then detection — and only Chinese-capable encodings are accepted, so that a wrong
guess cannot put mojibake into the values.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path
from typing import BinaryIO

import attrs
import regex

from .._hints import plugin_hint
from .._model import Source
from ..errors import DecodeError, InputError, LimitError
from ..limits import MAX_INPUT_BYTES, MAX_MARKUP_CHARACTERS, within

# Damaged UTF-8 has at most one bad sequence per this many bytes (and a few in a short text).
_DAMAGE_SPACING = 2000
_LEAST_DAMAGE = 8
_REPLACEMENT = "\ufffd"
# A str shorter than this with no line break that names an existing file is read as a path.
_MAX_PATH_LENGTH = 4096

#: The byte-order marks, longest first (UTF-32 LE begins as UTF-16 LE does), and their codecs.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<charset>[A-Za-z0-9_.:-]{2,30})""",
    regex.IGNORECASE,
)
_SNIFF_BYTES = 8192
# Legacy names pages declare, read with the superset that decodes every page they name.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
}
# Encodings a Chinese report can be in; a detection that names another is not believed.
_CHINESE = frozenset(
    {
        "utf_8",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "big5hkscs",
        "cp950",
        "cp936",
        "hz",
        "utf_16",
        "utf_32",
    }
)


@attrs.frozen
class Decoded:
    """The text of a document and where it came from."""

    text: str
    source: Source
    #: Byte sequences that were not valid in the encoding, each read as U+FFFD.
    damaged: int = 0


@attrs.frozen
class Loaded:
    """An input as given: the bytes of a file or a bytes object, or text; and its path."""

    data: bytes | None
    text: str | None
    path: str | None

    @property
    def sha256(self) -> str:
        """The content hash: of the bytes, or of the text's UTF-8."""
        raw = (
            self.data
            if self.data is not None
            else (self.text or "").encode("utf-8", "surrogatepass")
        )
        return hashlib.sha256(raw).hexdigest()

    def decode(self) -> Decoded:
        """The input as text (see :func:`decode`)."""
        if self.data is not None:
            return _decode_bytes(self.data, self.path)
        return Decoded(self.text or "", Source(self.path, self.sha256, None))


def read_bounded(stream: BinaryIO, name: str) -> bytes:
    """The bytes of ``stream`` (a file, standard input) within the byte budget; ``LimitError``
    naming ``name`` beyond it."""
    # One byte past the limit tells a stream at the limit from one beyond it, and stops at a
    # bound on a stream that never ends (/dev/zero).
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise too_many_bytes(name)
    return data


def too_many_bytes(name: str) -> LimitError:
    """The refusal of ``name``, which holds more bytes than the budget."""
    return LimitError(f"{name}: more bytes than the limit of {MAX_INPUT_BYTES:,}")


def load(source: str | bytes | os.PathLike[str]) -> Loaded:
    """Take ``source`` (text, bytes, or a path) as given; raise a typed error when unreadable."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        try:
            with path.open("rb") as file:
                data = read_bounded(file, str(path))
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        return Loaded(data, None, str(path))
    if isinstance(source, bytes | bytearray | memoryview):
        within(len(source), MAX_INPUT_BYTES, "input bytes")
        return Loaded(bytes(source), None, None)
    if isinstance(source, str):
        within(len(source), MAX_MARKUP_CHARACTERS, "input characters")
        return Loaded(None, source, None)
    raise InputError(f"cannot parse an object of type {type(source).__name__}")


def decode(source: str | bytes | os.PathLike[str]) -> Decoded:
    """Read ``source`` (text, bytes, or a path) into text; raise a typed error when impossible."""
    return load(source).decode()


def _looks_like_path(text: str) -> bool:
    """True for a ``str`` that names a file: an existing one, or one that names a path (see
    :func:`_names_a_path`), which then fails to open with :class:`InputError`."""
    if "\n" in text or "\r" in text or len(text) > _MAX_PATH_LENGTH or not text.strip():
        return False
    try:
        return Path(text).exists() or _names_a_path(text)
    except (OSError, ValueError):
        return False


# A file name's suffix (``.txt``, ``.html``, ``.docx``) at the end of a one-line string.
_SUFFIX = regex.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
# Longer than any path people type; a one-line report (a minified page) is longer still.
_MAX_NAMED_PATH = 1024
# Punctuation of Chinese sentences, which file names do not carry.
_SENTENCE_MARKS = ("。", "，", "；", "：")


def _names_a_path(text: str) -> bool:
    """True for a one-line string a person means as a path: it ends in a file suffix or holds
    a path separator, and is no markup, address or sentence. A report's text has line breaks,
    or is one long line of sentences (a crawler's dump, with the page's address in it)."""
    if len(text) > _MAX_NAMED_PATH or text.lstrip().startswith("<") or "://" in text:
        return False
    if any(mark in text for mark in _SENTENCE_MARKS):
        return False
    return bool(_SUFFIX.search(text.strip())) or "/" in text or os.sep in text


def _codec(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None
    return _SUPERSETS.get(canonical, canonical)


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in its first bytes, if any and known."""
    m = _DECLARED.search(data[:_SNIFF_BYTES])
    return _codec(m.group("charset").decode("ascii")) if m else None


# Binary containers no text encoding reads: decoding them could only give mojibake.
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OpenDocument file's first ZIP member is ``mimetype``, stored, naming its kind.
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_WORD_PROCESSING = "a legacy Office file (.doc, .wps, .xls)"
_OPENDOCUMENT = "an OpenDocument text (.odt)"
_RTF = "an RTF document (.rtf)"
#: The plugin package that reads each container a reader plugin reads (``binary_format``).
_READERS = {
    "a Word .docx file": "govinfo-report-docx",
    _WORD_PROCESSING: "govinfo-report-office",
    _OPENDOCUMENT: "govinfo-report-office",
    _RTF: "govinfo-report-office",
}


def _opendocument_text(data: bytes) -> bool:
    """True for a ZIP whose first member is ``mimetype`` naming an OpenDocument text."""
    if len(data) < 30:
        return False
    name_length = int.from_bytes(data[26:28], "little")
    content = 30 + name_length + int.from_bytes(data[28:30], "little")
    return data[30 : 30 + name_length] == b"mimetype" and data[content:].startswith(_ODT_MIMETYPE)


def binary_format(data: bytes) -> str | None:
    """What container ``data`` is (a Word .docx, an .odt, a ZIP, an OLE2 .doc/.wps/.xls, an
    RTF document), if it is one no text reading may take as a report."""
    if data.startswith(_ZIP):
        if _opendocument_text(data):
            return _OPENDOCUMENT
        return "a Word .docx file" if b"word/" in data else "a ZIP archive"
    if data.startswith(_OLE2):
        return _WORD_PROCESSING
    # RTF is ASCII: read as text, its control words would be taken for the report's words.
    if data[:16].lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{\\rtf"):
        return _RTF
    return None


def _decode_bytes(data: bytes, path: str | None) -> Decoded:
    digest = hashlib.sha256(data).hexdigest()
    where = path or "input bytes"
    container = binary_format(data)
    if container is not None:
        reader = _READERS.get(container)
        hint = f" ({plugin_hint(reader)})" if reader else ""
        raise InputError(f"{where}: {container}, which no installed reader plugin reads{hint}")

    def decoded(text: str, encoding: str) -> Decoded:
        return Decoded(text, Source(path, digest, encoding))

    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"{where}: starts with a {encoding} mark but {exc.reason}"
                ) from exc
    try:
        return decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return Decoded(damaged[0], Source(path, digest, "utf-8"), damaged[1])
    declared = declared_charset(data)
    implausible = None
    if declared and declared != "utf-8":
        text = _decoded_as(data, declared)
        if text is not None and plausible(text):
            return decoded(text, declared)
        if text is not None:
            implausible = declared  # a page that declares the wrong charset: detect it
    detected = _detect(data)
    if detected is not None:
        text = _decoded_as(data, detected)
        if text is not None and plausible(text):
            return decoded(text, detected)
    wrong = (
        f" (as the {implausible} it declares it reads as no Chinese report)" if implausible else ""
    )
    raise DecodeError(
        f"{where}: not valid UTF-8"
        + (f" nor the {declared} it declares" if declared and not implausible else "")
        + wrong
        + ", and no Chinese encoding (GB18030, Big5…) decodes it"
    )


def _decoded_as(data: bytes, encoding: str) -> str | None:
    """``data`` decoded as ``encoding``, or ``None`` when it does not decode."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few bad sequences (a download cut mid-character, a flipped byte): the text
    with each read as U+FFFD, and their count. Text in another encoding fails on most of its
    characters, far more than :data:`_DAMAGE_SPACING` allows."""
    text = data.decode("utf-8", "replace")
    damage = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    if damage > max(_LEAST_DAMAGE, len(data) // _DAMAGE_SPACING) or not plausible(text):
        return None
    return text, damage


# Words every report holds (政府信息公开工作年度报告, in either script): a text with many
# characters beyond ASCII and none of them was decoded with the wrong charset.
_REPORT_WORDS = ("政府", "公开", "公開", "报告", "報告", "信息")
_MOST_FOREIGN = 40


def plausible(text: str) -> bool:
    """True unless ``text`` holds much beyond ASCII and none of a report's words (mojibake)."""
    if any(word in text for word in _REPORT_WORDS):
        return True
    foreign = 0
    for ch in text:
        if ord(ch) > 0x7F:
            foreign += 1
            if foreign > _MOST_FOREIGN:
                return False
    return True


def _detect(data: bytes) -> str | None:
    """The Chinese-capable encoding charset-normalizer finds for ``data``, if any."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for non-UTF-8 input

    best = from_bytes(data, cp_isolation=sorted(_CHINESE - {"utf_16", "utf_32"})).best()
    if best is None:
        return None
    codec = _codec(best.encoding)
    return codec if codec and (codec in _CHINESE or codec in _SUPERSETS.values()) else None
