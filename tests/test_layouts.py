"""Each built-in layout read in general: the seeds with other numbers, agency, year and blanks.

The seeds are rewritten in place — every table cell the parser located gets another value —
so the layout stays exactly as the agency published it while the content changes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from _support import SEEDS, golden
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report

TABLE_SEEDS = [p for p in SEEDS if golden(p)["tables_present"] is True]
DELIMITED_SEEDS = [
    p for p in TABLE_SEEDS if govinfo_report.parse(p).extractors["active"] != "lines"
]


def _kind(key: str) -> str:
    spec = govinfo_report.keys("2021") + govinfo_report.keys("2019")
    return next(k.kind for k in spec if k.key == key)


def _text(value: int | Decimal) -> str:
    return str(value)


def rewrite(path: Path, new_values: dict[str, str]) -> tuple[str, Report]:
    """The seed's text with the cells named in ``new_values`` replaced; and the seed's report."""
    text = path.read_text("utf-8")
    report = govinfo_report.parse(path)
    spans = sorted(
        (
            (report.cells[k].provenance.start, report.cells[k].provenance.end, v)
            for k, v in new_values.items()
        ),
        reverse=True,
    )
    for start, end, value in spans:
        assert start is not None and end is not None
        text = text[:start] + value + text[end:]
    return text, report


values_for_kind = {
    "count": st.integers(0, 99999).map(str),
    "signed_count": st.integers(-999, 999).map(lambda n: f"{n:+d}" if n else "0"),
    "money": st.decimals(0, 99999, places=4, allow_nan=False).map(lambda d: f"{d:f}"),
}


@pytest.mark.parametrize("path", TABLE_SEEDS, ids=[p.stem[:3] for p in TABLE_SEEDS])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_other_numbers_parse_exactly(path: Path, data: st.DataObject) -> None:
    keys = list(govinfo_report.parse(path).cells)
    new = {k: data.draw(values_for_kind[_kind(k)], label=k) for k in keys}
    text, _ = rewrite(path, new)
    report = govinfo_report.parse(text)
    expected = {k: (Decimal(v) if _kind(k) == "money" else int(v)) for k, v in new.items()}
    assert report.to_flat() == expected


@pytest.mark.parametrize("path", TABLE_SEEDS, ids=[p.stem[:3] for p in TABLE_SEEDS])
def test_other_agency_and_year(path: Path) -> None:
    want = golden(path)
    text = path.read_text("utf-8")
    original = govinfo_report.parse(path)
    agency, other = want["agency"], "某某市交通运输局"
    if original.metadata.script == "traditional":
        import opencc

        agency, other = opencc.OpenCC("s2t").convert(agency), opencc.OpenCC("s2t").convert(other)
        assert agency in text
    year = want["year"]
    text = text.replace(agency, other).replace(str(year), str(year + 3))
    report = govinfo_report.parse(text)
    assert report.agency == "某某市交通运输局"
    assert report.year == year + 3
    # The template follows the table labels, not the year.
    assert report.template == want["template"]
    assert report.to_flat() == original.to_flat()


@pytest.mark.parametrize("path", DELIMITED_SEEDS, ids=[p.stem[:3] for p in DELIMITED_SEEDS])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_blank_cell_is_none_or_flagged_never_wrong(path: Path, data: st.DataObject) -> None:
    original = govinfo_report.parse(path)
    table_keys = [k for k, c in original.cells.items() if c.provenance.origin == "table"]
    blanked = data.draw(st.lists(st.sampled_from(table_keys), min_size=1, max_size=3, unique=True))
    text, _ = rewrite(path, dict.fromkeys(blanked, ""))
    report = govinfo_report.parse(text)
    for key, value in original.to_flat().items():
        if key not in report.cells:
            # Unknown is allowed only with a finding that says why, on that row or table.
            row = key.split(".", 1)[1].rsplit(".", 1)[0]
            section = govinfo_report.TABLE_SECTIONS[key.split(".")[0]]
            assert any(
                f.code == "GIR104"
                and f.location.section == section
                and f.location.row in (row, None)
                for f in report.findings
            ), key
            continue
        assert report[key] == (None if key in blanked else value), key


def test_blank_cell_in_one_cell_per_line_layout_is_unknown() -> None:
    path = next(p for p in TABLE_SEEDS if govinfo_report.parse(p).extractors["active"] == "lines")
    original = govinfo_report.parse(path)
    key = "applications.granted.commercial"
    text, _ = rewrite(path, {key: ""})
    report = govinfo_report.parse(text)
    assert key not in report.cells
    assert "applications.granted.total" not in report.cells
    flagged = [f for f in report.findings if f.code == "GIR104"]
    assert [f.location.row for f in flagged] == ["granted"]
    others = {
        k: v for k, v in original.to_flat().items() if not k.startswith("applications.granted.")
    }
    assert {k: report[k] for k in others} == others


def test_a_wholly_blank_row_in_one_cell_per_line_layout_is_flagged_where_its_label_stands() -> None:
    path = next(p for p in TABLE_SEEDS if govinfo_report.parse(p).extractors["active"] == "lines")
    original = govinfo_report.parse(path)
    row = [k for k in original.cells if k.startswith("applications.granted.")]
    text, _ = rewrite(path, dict.fromkeys(row, ""))
    report = govinfo_report.parse(text)
    assert not any(k in report.cells for k in row)
    # Its label is there with no cells after it: the row is unreadable, not missing.
    flagged = [f for f in report.findings if f.location.row == "granted"]
    assert [f.code for f in flagged] == ["GIR104"]
    assert flagged[0].location.line is not None
    others = {
        k: v for k, v in original.to_flat().items() if not k.startswith("applications.granted.")
    }
    assert {k: report[k] for k in others} == others


def _as_lines(text: str) -> str:
    return "\n\n".join(
        cell
        for line in text.split("\n")
        for cell in (line.split("\t") if "\t" in line else [line])
        if cell.strip()
    )


def _as_markdown(text: str) -> str:
    return "\n".join(
        f"| {line.replace(chr(9), ' | ')} |\n|---|---|" if "\t" in line else line
        for line in text.split("\n")
    )


@pytest.mark.parametrize(
    ("seed_index", "convert", "extractor"),
    [
        (2, lambda t: t.replace("\t", " | "), "pipe"),
        (1, lambda t: t.replace("\t", " | "), "pipe"),
        (0, lambda t: t.replace(" | ", "\t").replace("|", "\t"), "tab"),
        (2, _as_markdown, "pipe"),
        (1, lambda t: t.replace("\n", "\r\n"), "tab"),
        (2, _as_lines, "lines"),
    ],
    ids=["tab-as-pipe", "pdf-tab-as-pipe", "pipe-as-tab", "markdown", "crlf", "tab-as-lines"],
)
def test_same_report_in_another_layout(seed_index: int, convert, extractor: str) -> None:  # type: ignore[no-untyped-def]
    path = SEEDS[seed_index]
    report = govinfo_report.parse(convert(path.read_text("utf-8")))
    assert set(report.extractors.values()) == {extractor}
    original = govinfo_report.parse(path)
    assert report.to_flat() == original.to_flat()
    assert [f.code for f in report.findings] == [f.code for f in original.findings]


def test_regression_blank_first_cell_of_a_pipe_row_is_not_markdown() -> None:
    """Found by the blank-cell property: " | 0 | …" was read as markdown and shifted a column."""
    path = SEEDS[0]
    text = path.read_text("utf-8")
    row = "\n0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert row in text
    report = govinfo_report.parse(
        text.replace(row, "\n | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    )
    assert report["review_litigation.review.upheld"] is None
    assert report["review_litigation.review.corrected"] == 0


def test_regression_blank_in_a_padded_tab_row_is_never_shifted() -> None:
    """Found by the blank-cell property: a PDF tab row padded after its label, with its last
    cell blank, was placed one column off."""
    path = SEEDS[1]
    text = path.read_text("utf-8")
    row = "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0"
    assert row in text
    report = govinfo_report.parse(text.replace(row, "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t"))
    assert "applications.carried_forward.natural_person" not in report
    assert "applications.carried_forward.total" not in report
    assert any(f.code == "GIR104" and f.location.row == "carried_forward" for f in report.findings)
