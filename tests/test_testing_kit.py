"""The plugin author's kit: parser_with, assert_round_trips and the govinfo_parser fixture."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

import govinfo_report
from govinfo_report import Cell, Metadata, Report, Severity, hookimpl
from govinfo_report.rules import Violation, rule
from govinfo_report.tables import (
    DelimitedExtractor,
    Extractor,
    RawRow,
    RawTable,
    SectionText,
    delimited_table,
)
from govinfo_report.testing import (
    GENERATED,
    assert_round_trips,
    parser_with,
    reports,
    same_value,
    value_differences,
)


def distinct_report() -> Report:
    """A 2021 report whose every cell holds a different value (so any shift shows)."""
    cells = {}
    for i, key in enumerate(govinfo_report.keys("2021"), start=1):
        value = Decimal(f"{i}.25") if key.kind == "money" else i
        cells[key.key] = Cell(key.key, value, GENERATED)
    return Report(Metadata("某某市司法局", 2023, "2021", template_basis="labels"), cells)


class _Broken:
    """Reads pipe rows, then damages them: drops a table's last row, or shifts its cells."""

    def __init__(self, damage: str) -> None:
        self.name = f"pipe-{damage}"
        self.damage = damage

    def score(self, section: SectionText) -> float:
        return DelimitedExtractor("pipe", "|").score(section)

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        table = delimited_table(section, "|", self.name)
        rows = list(table.rows)
        if self.damage == "drop":
            rows = rows[:-1]
        else:  # the first value of every full row moves to the row's end
            for i, row in enumerate(rows):
                values = [c for c in row.cells if c.is_value]
                if len(values) > 2:
                    first = row.cells.index(values[0])
                    cells = [*row.cells[:first], *row.cells[first + 1 :], row.cells[first]]
                    rows[i] = RawRow(tuple(cells))
        return (RawTable(tuple(rows), self.name),)


class _BrokenPlugin:
    def __init__(self, damage: str) -> None:
        self.damage = damage

    @hookimpl
    def govinfo_report_extractors(self) -> Sequence[Extractor]:
        return (_Broken(self.damage),)


@given(reports(max_count=10**6))
def test_builtin_extractor_round_trips(report: Report) -> None:
    parsed = assert_round_trips(parser_with("pipe"), report, "pipe")
    assert set(parsed.extractors.values()) == {"pipe"}


class _SemicolonPlugin:
    """A third-party layout: tab rows with "；" between cells (folded to ";" by normalisation)."""

    @hookimpl
    def govinfo_report_extractors(self) -> Sequence[Extractor]:
        return (DelimitedExtractor("semicolon", ";"),)


def test_callable_layout_for_a_format_the_core_cannot_render() -> None:
    def semicolons(report: Report) -> bytes:
        return govinfo_report.render(report, "tab").replace("\t", "；").encode("gb18030")

    report = distinct_report()
    parsed = assert_round_trips(parser_with(_SemicolonPlugin(), rules=False), report, semicolons)
    assert parsed.source.encoding == "gb18030"
    assert set(parsed.extractors.values()) == {"semicolon"}
    with pytest.raises(AssertionError, match="round-trip through semicolons"):
        assert_round_trips(parser_with("pipe", rules=False), report, semicolons)


def test_a_dropped_row_is_caught_and_named() -> None:
    report = distinct_report()
    assert_round_trips(parser_with("pipe", rules=False), report, "pipe")
    with pytest.raises(AssertionError) as caught:
        assert_round_trips(parser_with(_BrokenPlugin("drop"), rules=False), report, "pipe")
    message = str(caught.value)
    # The last row of each table: 结转下年度继续办理 and the row of section 四's values.
    for key in ("applications.carried_forward.total", "review_litigation.review.corrected"):
        assert f"{key}: expected {report[key]}, missing" in message


def test_a_shifted_cell_is_caught_with_both_values() -> None:
    report = distinct_report()
    with pytest.raises(AssertionError) as caught:
        assert_round_trips(parser_with(_BrokenPlugin("shift"), rules=False), report, "pipe")
    message = str(caught.value)
    natural = report["applications.received_new.natural_person"]
    commercial = report["applications.received_new.commercial"]
    assert f"applications.received_new.natural_person: expected {natural}, parsed {commercial}" in (
        message
    )


@rule("TST001", Severity.ERROR, "总是报错", "always an error")
def _always(report: Report):  # type: ignore[no-untyped-def]
    yield Violation("", "", govinfo_report.Location(section="二"))


class _RulePlugin:
    @hookimpl
    def govinfo_report_rules(self) -> Sequence[govinfo_report.Rule]:
        return (_always,)


def test_unexpected_error_findings_fail_the_round_trip() -> None:
    report = distinct_report()
    assert_round_trips(parser_with("pipe", _RulePlugin(), rules=False), report, "pipe")
    with pytest.raises(AssertionError, match=r"unexpected error TST001 二 — always an error"):
        assert_round_trips(parser_with("pipe", _RulePlugin()), report, "pipe")


def test_parser_with_has_only_the_plugins_named() -> None:
    parser = parser_with("tab", "lines")
    assert sorted(name for name, _ in parser.extractors) == ["lines", "tab"]
    assert [p.name for p in parser.problems] == []
    with pytest.raises(govinfo_report.PluginError, match=r"'tabs'.*installed: .*pipe"):
        parser_with("tabs")
    with pytest.raises(ValueError, match="unknown layout 'docx'"):
        assert_round_trips(parser_with("pipe"), distinct_report(), "docx")


def test_golden_equality() -> None:
    assert same_value("6.83", Decimal("6.8300"))
    assert same_value(0, 0)
    assert not same_value(0, None)
    assert not same_value(True, 1)
    assert value_differences({"a": 1, "b": 2}, {"a": 1, "c": 3}) == {
        "b": (2, "absent"),
        "c": ("absent", 3),
    }


def test_fixture_is_a_pytest_plugin_entry_point(tmp_path: Path) -> None:
    (tmp_path / "test_author.py").write_text(
        textwrap.dedent(
            """
            import govinfo_report

            def test_uses_the_fixture(govinfo_parser):
                parser = govinfo_parser("pipe", rules=False)
                assert isinstance(parser, govinfo_report.Parser)
                assert [name for name, _ in parser.extractors] == ["pipe"]
            """
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_pytest_plugin_loads_where_hypothesis_is_not_installed() -> None:
    """pytest loads the plugin in every project that installs govinfo-report."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import govinfo_report.testing.pytest_plugin\n"
        "from govinfo_report.testing import parser_with\n"
        "print(sorted(name for name, _ in parser_with('tab').extractors))\n"
        "try:\n"
        "    from govinfo_report.testing import reports\n"
        "except ImportError as exc:\n"
        "    print('strategies need hypothesis:', type(exc).__name__)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "['tab']",
        "strategies need hypothesis: ModuleNotFoundError",
    ]
