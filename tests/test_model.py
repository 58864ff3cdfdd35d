"""The canonical schema: exact values, blank versus unknown, lossless dict round trip."""

from __future__ import annotations

import datetime
import json
import pickle
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import (
    Cell,
    Finding,
    Location,
    Metadata,
    Operand,
    Provenance,
    Report,
    Severity,
    Source,
    Statement,
)
from govinfo_report.tables import GridCell, RawCell, RawRow

SPEC = json.loads(
    (Path(__file__).parents[1] / "govinfo_report" / "data" / "keys.json").read_text("utf-8")
)


def test_keys_are_exactly_those_of_the_spec() -> None:
    for template in ("2019", "2021"):
        assert [k.key for k in govinfo_report.keys(template)] == [e["key"] for e in SPEC[template]]
        assert [k.label for k in govinfo_report.keys(template)] == [
            e["label"] for e in SPEC[template]
        ]


def test_flat_keys_are_spec_keys(seed: Path) -> None:
    report = govinfo_report.parse(seed)
    assert report.template is not None
    assert set(report.to_flat()) <= {e["key"] for e in SPEC[report.template]}


def test_round_trip_of_the_seeds(seed: Path) -> None:
    report = govinfo_report.parse(seed)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert Report.from_dict(data) == report


def test_money_is_exact_decimal_and_blank_is_none() -> None:
    report = govinfo_report.parse(next((Path(__file__).parent / "corpus" / "seeds").glob("003_*")))
    amount = report["active.procurement.amount"]
    assert isinstance(amount, Decimal)
    assert amount == Decimal("101.8506")
    assert report.to_dict()["values"]["active.procurement.amount"] == "101.8506"


keys_2021 = [k for k in govinfo_report.keys("2021")]
values = st.one_of(
    st.none(),
    st.integers(-(10**9), 10**9),
    st.decimals(places=4, allow_nan=False, allow_infinity=False),
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    chosen = draw(st.lists(st.sampled_from(keys_2021), unique=True, max_size=30))
    cells = {}
    for key in chosen:
        value = draw(values)
        if key.kind == "money" and isinstance(value, int):
            value = Decimal(value)
        if key.kind != "money" and isinstance(value, Decimal):
            value = int(value)
        provenance = Provenance(
            draw(st.sampled_from(["tab", "pipe", "prose"])),
            "table",
            draw(st.integers(1, 900)),
            3,
            9,
            "原文",
        )
        cells[key.key] = Cell(key.key, value, provenance)
    findings = tuple(
        Finding(
            "GIR104",
            draw(st.sampled_from(list(Severity))),
            "单元格无法定位",
            "cells could not be placed",
            Location(section="三", row="granted", line=draw(st.integers(1, 99))),
            expected=draw(values),
            actual=draw(values),
            operands=(
                Operand("applications.granted.total", draw(values), draw(st.integers(1, 99)), 5, 6),
            ),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    metadata = Metadata(
        agency=draw(st.one_of(st.none(), st.text(max_size=12))),
        year=draw(st.one_of(st.none(), st.integers(2008, 2030))),
        template="2021",
        published=draw(st.one_of(st.none(), st.dates(datetime.date(2000, 1, 1)))),
        script=draw(st.sampled_from(["simplified", "traditional"])),
        template_basis="labels",
        period_year=draw(st.one_of(st.none(), st.integers(2008, 2030))),
        notice=draw(st.one_of(st.none(), st.just("国办公开办函〔2021〕30号"))),
        lines=draw(
            st.dictionaries(st.sampled_from(["title", "notice", "period"]), st.integers(1, 500))
        ),
    )
    stated = tuple(
        Statement(
            key.key,
            draw(st.integers(0, 999)),
            Provenance("prose", "prose", 3, 10, 13, "443"),
            phrase,
        )
        for key, phrase in draw(
            st.lists(
                st.tuples(st.sampled_from(keys_2021), st.sampled_from(["figure", "none"])),
                max_size=3,
            )
        )
    )
    return Report(
        metadata,
        cells,
        {"一": draw(st.text(max_size=20))},
        findings,
        {"applications": "tab"},
        Source("a.txt", "ab" * 32, "utf-8"),
        stated,
    )


@given(reports())
def test_round_trip_is_lossless(report: Report) -> None:
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    back = Report.from_dict(data)
    assert back == report
    assert {k: type(v) for k, v in back.to_flat().items()} == {
        k: type(v) for k, v in report.to_flat().items()
    }


def test_report_lookup() -> None:
    report = govinfo_report.parse(
        sorted((Path(__file__).parent / "corpus" / "seeds").glob("002_*"))[0]
    )
    assert report["active.licensing.decisions"] == 224
    assert "active.fees.previous" not in report
    with pytest.raises(KeyError):
        report["active.fees.previous"]
    assert set(report.section("review_litigation")) == {
        k.key for k in keys_2021 if k.section == "review_litigation"
    }
    assert attrs.has(type(report))


def test_the_sdk_records_are_tuples_and_the_public_cells_attrs_classes() -> None:
    """RawCell, RawRow and GridCell are made by the hundred per document: named tuples;
    Cell and Provenance, handed to users, are frozen attrs classes."""
    cell = RawCell("12", 3, 5)
    assert (cell.text, cell.start, cell.end, cell.spanned) == ("12", 3, 5, False)
    assert cell._replace(spanned=True) == RawCell("12", 3, 5, True)
    assert RawRow((cell,)).row is None and GridCell(0, 2).line is None
    provenance = Provenance("pipe", "table")
    assert provenance == Provenance("pipe", "table", None, None, None, "")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        provenance.line = 3  # type: ignore[misc]
    assert attrs.evolve(Cell("k", 1, provenance), value=2).value == 2


@given(reports())
def test_cells_kept_in_columns_behave_as_the_mapping_they_were_made_from(report: Report) -> None:
    """A report keeps its cells in columns; reading, comparing and pickling them is the same
    as for the ``{key: Cell}`` mapping it was made from."""
    given_cells = {k: report.cells[k] for k in report.cells}
    assert report.cells == given_cells and given_cells == report.cells
    assert list(report.cells) == list(given_cells) and len(report.cells) == len(given_cells)
    assert all(isinstance(c, Cell) and c.key == k for k, c in report.cells.items())
    assert report.to_flat() == {k: c.value for k, c in given_cells.items()}
    assert Report(report.metadata, given_cells) == Report(report.metadata, report.cells)
    back = pickle.loads(pickle.dumps(report))
    assert back == report and back.cells == given_cells
    if given_cells:
        first = next(iter(given_cells))
        other = 0 if given_cells[first].value is None else None
        changed = {**given_cells, first: attrs.evolve(given_cells[first], value=other)}
        assert Report(report.metadata, changed) != report
        assert back[first] == given_cells[first].value
