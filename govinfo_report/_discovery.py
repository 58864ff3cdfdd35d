"""Which files a command reads: one discovery for ``parse``, ``check`` and corpus runs.

A name given is read whatever it is (``-`` is standard input). A directory given is walked
(hidden files and folders skipped), and a quoted glob (``'reports/**/*.html'``) is expanded;
of what they hold only the file types the installed readers accept are taken, and a text file
among them that does not look like a report (a README beside the reports) is skipped and
counted. A name that matches nothing is kept, so that reading it says why it cannot be read.

The caller hands in the file types (the parser collects them from its readers): this module
knows nothing of the readers above it.
"""

from __future__ import annotations

import codecs
import glob
import html
import os
import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from ._input._decode import BOMS

#: The name that stands for standard input.
STDIN = "-"

#: Words every report prints in its first lines, in its title and the regulation it cites
#: (《政府信息公开条例》), in Simplified and Traditional script.
REPORT_WORDS = ("信息公开", "信息公開", "年度报告", "年度報告")
_TEXT_HEAD = 4096  # real reports print one of the words in their first 200 bytes
_PAGE_HEAD = 64 * 1024  # a web page's title may follow kilobytes of styles and scripts
#: Text formats cheap to sniff, and the bytes of their head that must hold a report's words
#: when the file was found in a directory or by a glob.
SNIFFED = {
    ".txt": _TEXT_HEAD,
    ".text": _TEXT_HEAD,
    ".md": _TEXT_HEAD,
    ".markdown": _TEXT_HEAD,
    ".htm": _PAGE_HEAD,
    ".html": _PAGE_HEAD,
    ".xhtml": _PAGE_HEAD,
    ".shtml": _PAGE_HEAD,
}
# Encodings Chinese reports come in without a byte-order mark; Big5 bytes also decode as
# GB18030 (into other characters), so a file is a report when any decoding finds the words.
_ENCODINGS = ("utf-8", "gb18030", "big5hkscs")
# What real documents put inside a word: spaces, invisible characters, markup, pinyin glosses.
_INSIDE_WORDS = re.compile(
    r"<[^<>]{0,400}>|[\s\u200b-\u200f\u2060\ufeff]+"
    r"|[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\s]{1,40}[)）]"
)
_GLOB = re.compile(r"[*?[]")
# A browser saves a page NAME.html with its pictures and scripts in NAME_files beside it.
_SAVED_PAGE_FOLDER = "_files"
_PAGE_SUFFIXES = (".htm", ".html", ".shtml", ".xhtml")


class Discovery(NamedTuple):
    """The files to read, in order and each once, and the files found but skipped."""

    files: tuple[str, ...]
    #: Found in a directory or by a glob, of a type read, but not a report: a text file
    #: without a report's words, or a saved web page's pictures.
    skipped: tuple[str, ...]


def discover(names: Iterable[str], file_types: Collection[str]) -> Discovery:
    """The files ``names`` stand for: names as given, the files of ``file_types`` (lower-case
    suffixes) in directories and glob matches, less those that are not reports."""
    types = frozenset(t.lower() for t in file_types)
    files: dict[str, None] = {}
    skipped: dict[str, None] = {}
    for name in names:
        if name == STDIN or Path(name).is_file() or not _is_found(name):
            files[name] = None
            continue
        matches = [name] if Path(name).is_dir() else sorted(glob.glob(name, recursive=True))
        if not matches:
            files[name] = None  # a glob that matches nothing: reading it says so
        for match in matches:
            for path, report in _found(match, types):
                (files if report else skipped)[path] = None
    return Discovery(tuple(files), tuple(f for f in skipped if f not in files))


def _is_found(name: str) -> bool:
    """True for a directory, or a glob (a name that is no file and has glob characters)."""
    return Path(name).is_dir() or (not Path(name).exists() and _GLOB.search(name) is not None)


def _found(match: str, types: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """``(path, is a report)`` for each file of ``types`` that ``match`` is or holds."""
    if not Path(match).is_dir():
        if Path(match).is_file() and Path(match).suffix.lower() in types:
            yield match, _looks_like_report(match)
        return
    for path in sorted(_walk(match)):
        if Path(path).suffix.lower() in types:
            yield path, _looks_like_report(path) and not _in_saved_page(path)


def _walk(top: str) -> Iterator[str]:
    """Every file below ``top``, hidden files and folders skipped, symbolic links to folders
    not followed (a link back up would never end)."""
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        yield from (os.path.join(folder, n) for n in names if not n.startswith("."))


def _in_saved_page(path: str) -> bool:
    """True for a file in the folder of a saved web page (``报告_files/image001.png`` beside
    ``报告.html``): the page's reader reads its pictures, they are no reports of their own."""
    for folder in Path(path).parents:
        if folder.name.endswith(_SAVED_PAGE_FOLDER):
            page = folder.name.removesuffix(_SAVED_PAGE_FOLDER)
            if any((folder.parent / f"{page}{suffix}").is_file() for suffix in _PAGE_SUFFIXES):
                return True
    return False


def _looks_like_report(path: str) -> bool:
    """False for a text file whose head decodes and holds none of :data:`REPORT_WORDS`; true
    for any other file (binary formats, text no encoding decodes: reading them says more)."""
    size = SNIFFED.get(Path(path).suffix.lower())
    if size is None:
        return True
    try:
        with open(path, "rb") as file:
            head = file.read(size)
    except OSError:
        return True  # reading it will say why it cannot be read
    texts = _decodings(head)
    if not texts or not any(t.strip() for t in texts):
        return True  # undecodable, binary or empty: not a text known to be something else
    return any(word in _words(text) for text in texts for word in REPORT_WORDS)


def _decodings(head: bytes) -> list[str]:
    """``head`` decoded by every encoding that takes all of it (a character the cut of the head
    splits is left out); empty for bytes no text encoding gives (NUL bytes: binary, or UTF-16
    without a byte-order mark)."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return [_decoded(head, encoding) or ""]
    if b"\x00" in head:
        return []
    return [text for encoding in _ENCODINGS if (text := _decoded(head, encoding)) is not None]


def _decoded(head: bytes, encoding: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return None


def _words(text: str) -> str:
    """``text`` with what real documents put inside words taken out, and entities read."""
    return _INSIDE_WORDS.sub("", html.unescape(text) if "&" in text else text)


__all__ = ["REPORT_WORDS", "SNIFFED", "STDIN", "Discovery", "discover"]
