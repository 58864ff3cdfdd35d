"""The plugin system: third-party extractors are found, used, and never crash the host."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest
from _support import SEEDS, cli, golden

import govinfo_report
from govinfo_report import Parser, hookimpl
from govinfo_report.tables import (
    DelimitedExtractor,
    Extractor,
    RawTable,
    SectionText,
    delimited_table,
)

TAB_SEED = SEEDS[2]


def semicolon_layout() -> str:
    """Seed 002 with its tab-separated cells written as "；"-separated cells."""
    return TAB_SEED.read_text("utf-8").replace("\t", "；")


class SemicolonPlugin:
    """A third-party plugin object: one extractor for "；"-separated rows."""

    @hookimpl
    def govinfo_report_extractors(self) -> Sequence[Extractor]:
        return (DelimitedExtractor("semicolon", ";"),)


def test_builtin_extractors_are_ordinary_entry_point_plugins() -> None:
    plugins = {p.name: p for p in Parser().plugins}
    assert {"pipe", "tab", "lines", "prose"} <= set(plugins)
    assert plugins["tab"].module == "govinfo_report_plugins.tab"
    assert plugins["tab"].distribution == "govinfo-report"
    assert plugins["prose"].extractors == ("prose",)


def test_unknown_layout_is_not_invented() -> None:
    report = govinfo_report.parse(semicolon_layout())
    assert not any(c.provenance.origin == "table" for c in report.cells.values())
    assert {f.code for f in report.findings} >= {"GIR102"}


def test_registered_plugin_reads_its_layout() -> None:
    parser = Parser()
    parser.register(SemicolonPlugin(), name="semicolon")
    report = parser.parse(semicolon_layout())
    assert report.extractors == dict.fromkeys(
        ("active", "applications", "review_litigation"), "semicolon"
    )
    assert report.to_flat() == govinfo_report.parse(TAB_SEED).to_flat()
    assert {k: v for k, v in golden(TAB_SEED)["values"].items() if v} == {
        k: int(v) for k, v in report.to_flat().items() if v
    }


class _ReadOnce:
    """A "；" extractor that reads a section's table in ``score`` and uses it in ``extract``."""

    name = "semicolon"

    def __init__(self) -> None:
        self.reads: list[str] = []

    def _table(self, section: SectionText) -> RawTable:
        self.reads.append(section.name)
        return delimited_table(section, ";", self.name)

    def score(self, section: SectionText) -> float:
        rows = section.memo(self.name, self._table).rows
        return 1.0 if sum(len(r.cells) > 1 for r in rows) > len(rows) / 2 else 0.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        return (section.memo(self.name, self._table),)


def test_memo_reads_a_section_once_for_score_and_extract() -> None:
    extractor = _ReadOnce()

    class Plugin:
        @hookimpl
        def govinfo_report_extractors(self) -> Sequence[Extractor]:
            return (extractor,)

    parser = Parser()
    parser.register(Plugin(), name="read-once")
    report = parser.parse(semicolon_layout())
    assert report.to_flat() == govinfo_report.parse(TAB_SEED).to_flat()
    assert sorted(extractor.reads) == sorted(("active", "applications", "review_litigation"))


def test_parser_with_only_the_plugins_named() -> None:
    parser = Parser(entry_points=False)
    assert parser.extractors == ()
    parser.register(SemicolonPlugin(), "semicolon")
    assert [name for name, _ in parser.extractors] == ["semicolon"]
    assert parser.parse(semicolon_layout()).extractors["applications"] == "semicolon"
    assert parser.parse(TAB_SEED).cells == {}


class _Exploding:
    name = "exploding"

    def score(self, section: SectionText) -> float:
        return 1.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        raise RuntimeError("boom")


def test_extractor_that_raises_becomes_a_finding_and_the_next_one_reads() -> None:
    parser = Parser()
    parser.register(
        SimpleNamespace(govinfo_report_extractors=hookimpl(lambda: (_Exploding(),))), "bad"
    )
    report = parser.parse(TAB_SEED)
    assert report.to_flat() == govinfo_report.parse(TAB_SEED).to_flat()
    crashes = [f for f in report.findings if f.code == "GIR002"]
    assert len(crashes) == 3
    assert "boom" in crashes[0].message_en


def test_hook_that_raises_or_returns_junk_is_a_reported_problem() -> None:
    def raising() -> Sequence[Extractor]:
        raise ValueError("no extractors today")

    parser = Parser()
    parser.register(SimpleNamespace(govinfo_report_extractors=hookimpl(raising)), "raising")
    parser.register(SimpleNamespace(govinfo_report_extractors=hookimpl(lambda: ("junk",))), "junk")
    problems = {p.name: p.error for p in parser.problems}
    assert "no extractors today" in problems["raising"]
    assert "expected Extractor objects, got 'junk'" in problems["junk"]
    report = parser.parse(TAB_SEED)
    assert report.to_flat() == govinfo_report.parse(TAB_SEED).to_flat()
    assert sum(f.code == "GIR001" for f in report.findings) == 2


def test_plugin_with_a_bad_hook_is_refused_with_a_typed_error() -> None:
    bad = SimpleNamespace(govinfo_report_extractors=hookimpl(lambda unexpected: ()))
    with pytest.raises(govinfo_report.PluginError):
        Parser().register(bad, "bad")


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory on sys.path holding two installed distributions: a good and a broken plugin."""
    (tmp_path / "semicolon_layout.py").write_text(
        textwrap.dedent(
            """
            from govinfo_report import hookimpl
            from govinfo_report.tables import DelimitedExtractor

            @hookimpl
            def govinfo_report_extractors():
                return (DelimitedExtractor("semicolon", ";"),)
            """
        )
    )
    (tmp_path / "broken_layout.py").write_text("import a_module_that_does_not_exist\n")
    for dist, module in (
        ("semicolon_layout", "semicolon_layout"),
        ("broken_layout", "broken_layout"),
    ):
        info = tmp_path / f"{dist}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[govinfo_report]\n{dist} = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_entry_point_plugin_is_loaded_and_broken_one_reported(installed: Path) -> None:
    parser = Parser()
    names = {p.name: p for p in parser.plugins}
    assert names["semicolon_layout"].distribution == "semicolon_layout"
    assert [p.name for p in parser.problems] == ["broken_layout"]
    assert "ModuleNotFoundError" in parser.problems[0].error
    report = parser.parse(semicolon_layout())
    assert report.extractors["applications"] == "semicolon"
    assert [f.code for f in report.findings if f.code == "GIR001"] == ["GIR001"]


def test_command_line_lists_plugins_and_failures(installed: Path) -> None:
    env = os.environ | {"PYTHONPATH": str(installed)}
    out = cli("plugins", env=env).stdout
    assert "semicolon_layout" in out
    assert "FAILED broken_layout" in out
    assert "ModuleNotFoundError" in out
    doc = installed / "report.txt"
    doc.write_text(semicolon_layout(), encoding="utf-8")
    parsed = cli("parse", str(doc), env=env)
    assert json.loads(parsed.stdout)["extractors"]["applications"] == "semicolon"
