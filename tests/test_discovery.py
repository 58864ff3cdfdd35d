"""One file discovery for every command: names as given, the report files of directories and
globs, file types from the readers' hook, and text that does not look like a report skipped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from _support import CORPUS, SEEDS

from govinfo_report import Parser, hookimpl
from govinfo_report._corpus import discover as corpus_discover
from govinfo_report._discovery import REPORT_WORDS, discover

TYPES = Parser().file_types
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _tree(root: Path) -> dict[str, Path]:
    """A folder as people keep reports: reports in several encodings and formats, a README,
    notes, hidden files, a saved web page with its pictures, a Word 97 file."""
    text = SEEDS[2].read_text("utf-8")
    files: dict[str, bytes] = {
        "2023/a.txt": text.encode("utf-8"),
        "2023/b-gbk.txt": text.encode("gbk"),
        "2023/c-big5.txt": SEEDS[0].read_text("utf-8").encode("big5hkscs", "replace"),
        "2023/d.md": b"# " + text.encode("utf-8"),
        "2023/e.html": b"<html><head><title>" + text[:80].encode() + b"</title></head></html>",
        "2023/spaced.txt": "信 息\u200b公 开\n".encode() + text.encode("utf-8"),
        "2023/empty.txt": b"",
        "2023/undecodable.txt": b"\xff\xfe\x00\xd8\x81" * 10,
        "2023/old.doc": OLE2,
        "2023/page.html": text.encode("utf-8"),
        "2023/page_files/image001.png": b"\x89PNG\r\n\x1a\n" + bytes(20),
        "2023/scan.png": b"\x89PNG\r\n\x1a\n" + bytes(20),
        "README.md": b"# Reports\n\nDownloaded from the agencies' sites; see notes.txt.\n",
        "notes.txt": "下载记录：三个网站，二十份文件。\n".encode(),
        "data.json": b"{}",
        "results.sqlite": b"SQLite format 3\x00",
        ".hidden.txt": text.encode("utf-8"),
        ".git/x.txt": text.encode("utf-8"),
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return {name: root / name for name in files}


def test_a_directory_gives_its_reports_and_skips_what_is_not_one(tmp_path: Path) -> None:
    paths = _tree(tmp_path)
    found = discover([str(tmp_path)], TYPES)
    taken = [
        "2023/a.txt", "2023/b-gbk.txt", "2023/c-big5.txt", "2023/d.md", "2023/e.html",
        "2023/empty.txt", "2023/old.doc", "2023/page.html", "2023/scan.png", "2023/spaced.txt",
        "2023/undecodable.txt",
    ]  # fmt: skip
    assert found.files == tuple(str(paths[name]) for name in taken)
    skipped = ("2023/page_files/image001.png", "README.md", "notes.txt")
    assert sorted(found.skipped) == sorted(str(paths[name]) for name in skipped)


def test_a_file_named_is_read_whatever_it_is(tmp_path: Path) -> None:
    paths = _tree(tmp_path)
    named = [str(paths[n]) for n in ("README.md", "data.json", ".hidden.txt")]
    assert discover([*named, "-", str(tmp_path / "missing.txt")], TYPES).files == (
        *named,
        "-",
        str(tmp_path / "missing.txt"),
    )


def test_globs_expand_recurse_and_keep_a_pattern_that_matches_nothing(tmp_path: Path) -> None:
    paths = _tree(tmp_path)
    assert discover([str(tmp_path / "2023" / "[ab]*.txt")], TYPES).files == (
        str(paths["2023/a.txt"]),
        str(paths["2023/b-gbk.txt"]),
    )
    everything = discover([str(tmp_path / "**" / "*.txt")], TYPES)
    assert str(paths["notes.txt"]) in everything.skipped
    assert str(paths[".hidden.txt"]) not in everything.files
    nothing = str(tmp_path / "*.pdf")
    assert discover([nothing], TYPES).files == (nothing,)


def test_each_file_once_in_the_order_named(tmp_path: Path) -> None:
    paths = _tree(tmp_path)
    a, gbk = str(paths["2023/a.txt"]), str(paths["2023/b-gbk.txt"])
    found = discover([gbk, str(tmp_path / "2023"), a], TYPES).files
    assert found[0] == gbk and found.count(a) == 1 and found.count(gbk) == 1


def test_every_real_report_looks_like_one_and_the_corpus_readme_does_not() -> None:
    found = discover([str(CORPUS)], TYPES)
    assert found.skipped == (str(CORPUS / "wild" / "SOURCES.md"),)
    assert {str(p) for p in SEEDS} <= set(found.files)
    assert str(CORPUS / "samples" / "huaian_2024.pdf") in found.files
    assert not [f for f in found.files if f.endswith(".json")]  # golden values are no reports
    assert corpus_discover([str(CORPUS)]) == list(found.files)  # the corpus runner's is this one


def test_the_report_words_are_those_real_reports_print() -> None:
    for seed in SEEDS:
        head = seed.read_text("utf-8")[:200]
        assert any(word in head for word in REPORT_WORDS), seed.name


class _Spreadsheets:
    """A reader plugin of its own file type, as a third party writes one."""

    @hookimpl
    def govinfo_report_file_types(self) -> Sequence[str]:
        return (".XLSX",)


class _Broken:
    @hookimpl
    def govinfo_report_file_types(self) -> Sequence[str]:
        raise RuntimeError("no types today")


class _NotSuffixes:
    @hookimpl
    def govinfo_report_file_types(self) -> Sequence[str]:
        return ("docx", ".")


def test_the_file_types_are_what_the_readers_declare(tmp_path: Path) -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".png", ".jpg", ".docx", ".doc"} <= TYPES
    core = Parser(entry_points=False)
    assert core.file_types == {".txt", ".doc", ".docx", ".wps"}
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04")
    assert discover([str(tmp_path)], core.file_types).files == ()
    with_plugin = Parser(plugins=[_Spreadsheets()], entry_points=False)
    assert ".xlsx" in with_plugin.file_types
    assert discover([str(tmp_path)], with_plugin.file_types).files == (str(tmp_path / "a.xlsx"),)


@pytest.mark.parametrize(
    ("plugin", "error"), [(_Broken(), "no types today"), (_NotSuffixes(), "no file suffixes")]
)
def test_a_plugin_whose_file_types_fail_is_a_plugin_problem(plugin: object, error: str) -> None:
    parser = Parser(plugins=[plugin], entry_points=False)
    assert parser.file_types == {".txt", ".doc", ".docx", ".wps"}
    assert any(error in p.error for p in parser.problems)
    report = parser.parse(SEEDS[2])
    assert any(f.code == "GIR001" and error in f.message_en for f in report.findings)
