"""Cell values: counts, signed changes and money, read exactly or reported."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from _support import SEEDS, cli
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report
from govinfo_report._tables._values import read_value
from govinfo_report.tables import is_rule, is_value


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("0", "count", 0),
        (" 1,036 ", "count", 1036),
        ("12件", "count", 12),
        ("", "count", None),
        ("-", "count", None),
        ("—", "count", None),
        ("-1", "signed_count", -1),
        ("+1036", "signed_count", 1036),
        ("6.83", "money", Decimal("6.83")),
        ("101.8506万元", "money", Decimal("101.8506")),
        ("251000元", "money", Decimal("25.1")),
        ("0", "money", Decimal("0")),
    ],
)
def test_values_read_exactly(text: str, kind: str, value: object) -> None:
    reading = read_value(text, kind)  # type: ignore[arg-type]
    assert reading.problem is None
    assert reading.value == value
    assert type(reading.value) is type(value)


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("1.5", "count", "GIR202"),
        ("无", "count", "GIR201"),
        ("3万元", "count", "GIR201"),
        ("约5", "money", "GIR201"),
    ],
)
def test_unreadable_values_are_problems_not_guesses(text: str, kind: str, code: str) -> None:
    reading = read_value(text, kind)  # type: ignore[arg-type]
    assert reading.problem == code
    assert reading.value is None


@pytest.mark.parametrize(
    ("text", "kind", "candidate"),
    [("1O", "count", "10"), ("o", "count", "0"), ("l2", "count", "12"), ("3.S", "money", "3.5")],
)
def test_letters_that_look_like_digits_name_the_number_but_are_never_read_as_it(
    text: str, kind: str, candidate: str
) -> None:
    """A recogniser's (or a typist's) slip: the finding says what it looks like, the value
    stays unknown."""
    reading = read_value(text, kind)  # type: ignore[arg-type]
    assert (reading.value, reading.problem, reading.case) == (None, "GIR201", "confusable")
    assert reading.candidate == candidate


def test_a_look_alike_cell_in_a_report_is_a_located_finding_naming_the_number() -> None:
    text_of_seed = SEEDS[2].read_text("utf-8").replace("行政许可\t224", "行政许可\t22O")
    report = govinfo_report.parse(text_of_seed)
    (f,) = [f for f in report.findings if f.location.key == "active.licensing.decisions"]
    assert "perhaps 220" in f.message_en and "active.licensing.decisions" not in report


def test_unreadable_cell_in_a_report_is_a_located_finding() -> None:
    from _support import SEEDS

    import govinfo_report

    text = SEEDS[2].read_text("utf-8").replace("行政许可\t224", "行政许可\t约224")
    report = govinfo_report.parse(text)
    assert "active.licensing.decisions" not in report
    (f,) = [f for f in report.findings if f.code == "GIR201"]
    assert f.location.key == "active.licensing.decisions"
    assert f.location.section == "二"
    assert text.splitlines()[f.location.line - 1].startswith("行政许可")
    assert "约224" in f.message_en


@given(st.text(alphabet=st.sampled_from("-=_—–:| \t1０"), max_size=12))
def test_a_rule_is_never_a_value(text: str) -> None:
    # The lines extractor scores a section by its value lines without setting rules aside.
    if is_rule(text):
        assert not is_value(text.strip())


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("7" * 20, "count"),
        ("9" * 5000, "count"),
        ("1" * 16 + ".5", "money"),
        ("-" + "3" * 30, "signed_count"),
    ],
)
def test_a_number_too_long_to_be_a_count_is_unreadable(text: str, kind: str) -> None:
    """Twenty digits overflow a database's integers, five thousand Python's int printing: no
    table counts that far, so the cell is a finding, never a value."""
    reading = read_value(text, kind)  # type: ignore[arg-type]
    assert reading.value is None and reading.problem == "GIR201"


def test_a_huge_count_in_a_report_goes_into_every_output(tmp_path: Path) -> None:
    seed = govinfo_report.parse(SEEDS[2])
    text = govinfo_report.render(seed, "tab").replace(
        "规章\t0\t0\t0", "规章\t" + "7" * 5000 + "\t0\t0"
    )
    report = govinfo_report.parse(text)
    assert "active.regulations.issued" not in report.cells
    assert any(f.code == "GIR201" and f.location.row == "regulations" for f in report.findings)
    json.dumps(report.to_dict())
    (tmp_path / "big.txt").write_text(text, "utf-8")
    for out in ("o.sqlite", "o.jsonl", "o.csv"):
        done = cli("parse", str(tmp_path / "big.txt"), "--out", str(tmp_path / out), "-j", "1")
        assert done.returncode == (1 if report.errors else 0), done.stderr
