"""Hypothesis strategies: canonical reports of either template, consistent or broken."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from .._keys import (
    APPLICANTS,
    BLOCK_PARTS,
    BLOCKS,
    TEMPLATES,
    CanonicalKey,
    Template,
    result_rows,
    rows,
    section_keys,
)
from .._model import Cell, Metadata, Provenance, Report, Value

GENERATED = Provenance("generated", "table")
#: Agency names whose Traditional spelling converts back to the same Simplified one.
AGENCIES = (
    "某某市司法局",
    "某某县人民政府办公室",
    "某某区教育局",
    "某某市交通运输局",
    "某某县发展和改革局",
)


def money() -> st.SearchStrategy[Decimal]:
    """Amounts in 万元 with up to four decimals, as the tables state them."""
    return st.decimals(0, 100_000, places=4, allow_nan=False, allow_infinity=False)


def _cell(key: str, value: Value) -> Cell:
    return Cell(key, value, GENERATED)


@st.composite
def reports(
    draw: st.DrawFn,
    template: Template | None = None,
    max_count: int = 1000,
    blanks: bool = False,
) -> Report:
    """A report of ``template`` (either when ``None``) whose every identity holds.

    Counts go up to ``max_count``; with ``blanks`` some cells that hold 0 are left blank
    instead (the identities count a blank as 0, so they still hold).
    """
    chosen: Template = template if template is not None else draw(st.sampled_from(TEMPLATES))
    count = st.integers(0, max_count)
    values: dict[str, Value] = {}
    for key in section_keys(chosen, "active"):
        if key.kind == "money":
            values[key.key] = draw(money())
        elif key.kind == "signed_count":
            values[key.key] = draw(st.integers(-max_count, max_count))
        else:
            values[key.key] = draw(count)
    results = result_rows(chosen)
    for column in APPLICANTS:
        done = 0
        for row in results:
            value = draw(count)
            done += value
            values[f"applications.{row}.{column}"] = value
        forward = draw(count)
        carried = draw(st.integers(0, done + forward))
        values[f"applications.total.{column}"] = done
        values[f"applications.carried_forward.{column}"] = forward
        values[f"applications.carried_over.{column}"] = carried
        values[f"applications.received_new.{column}"] = done + forward - carried
    for row in rows(chosen, "applications"):
        values[f"applications.{row}.total"] = sum(
            int(values[f"applications.{row}.{c}"] or 0) for c in APPLICANTS
        )
    for block in BLOCKS:
        parts = [draw(count) for _ in BLOCK_PARTS]
        for part, value in zip(BLOCK_PARTS, parts, strict=True):
            values[f"review_litigation.{block}.{part}"] = value
        values[f"review_litigation.{block}.total"] = sum(parts)
    if blanks:
        zeros = sorted(k for k, v in values.items() if v == 0)
        if zeros:
            for blank in draw(st.lists(st.sampled_from(zeros), unique=True, max_size=8)):
                values[blank] = None
    year = draw(st.integers(2021, 2030) if chosen == "2021" else st.integers(2019, 2020))
    published = draw(
        st.one_of(
            st.none(), st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 3, 31))
        )
    )
    metadata = Metadata(
        agency=draw(st.sampled_from(AGENCIES)),
        year=year,
        template=chosen,
        published=published,
        template_basis="labels",
    )
    cells = {k.key: _cell(k.key, values[k.key]) for k in section_keys(chosen, "active")}
    for section in ("applications", "review_litigation"):
        cells.update((k.key, _cell(k.key, values[k.key])) for k in section_keys(chosen, section))
    return Report(metadata, cells)


def identity_keys(report: Report) -> list[CanonicalKey]:
    """The cells of ``report`` that take part in at least one identity (sections 三 and 四)."""
    assert report.template is not None
    return [
        k
        for section in ("applications", "review_litigation")
        for k in section_keys(report.template, section)
        if k.key in report.cells
    ]


@st.composite
def broken_reports(draw: st.DrawFn, template: Template | None = None) -> tuple[Report, str]:
    """A consistent report with one identity cell changed, and the key of that cell."""
    report = draw(reports(template))
    key = draw(st.sampled_from(identity_keys(report))).key
    value = report[key]
    assert isinstance(value, int)
    changed = value + draw(st.integers(1, 50))
    cells = dict(report.cells)
    cells[key] = _cell(key, changed)
    return Report(report.metadata, cells), key
