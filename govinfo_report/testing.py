"""Hypothesis strategies for plugin and rule authors: canonical reports of either template.

``reports()`` draws reports whose every identity holds; ``changed_cell()`` draws one cell to
break. Import this module only in tests: it needs ``hypothesis`` (``pip install
govinfo-report[test]``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from ._checks.identities import APPLICANTS, BLOCKS, PARTS_OF_BLOCK
from ._keys import TEMPLATES, CanonicalKey, Template, rows, section_keys
from ._model import Cell, Metadata, Provenance, Report, Value

GENERATED = Provenance("generated", "table")
_NOT_RESULTS = ("received_new", "carried_over", "total", "carried_forward")


def _cell(key: str, value: Value) -> Cell:
    return Cell(key, value, GENERATED)


def money() -> st.SearchStrategy[Decimal]:
    """Amounts in 万元 with up to four decimals, as the tables state them."""
    return st.decimals(0, 100_000, places=4, allow_nan=False, allow_infinity=False)


@st.composite
def reports(
    draw: st.DrawFn,
    template: Template | None = None,
    max_count: int = 1000,
) -> Report:
    """A report of ``template`` (either when ``None``) whose every identity holds."""
    chosen: Template = template if template is not None else draw(st.sampled_from(TEMPLATES))
    count = st.integers(0, max_count)
    cells: dict[str, Cell] = {}
    for key in section_keys(chosen, "active"):
        if key.kind == "money":
            value: Value = draw(money())
        elif key.kind == "signed_count":
            value = draw(st.integers(-max_count, max_count))
        else:
            value = draw(count)
        cells[key.key] = _cell(key.key, value)
    results = [r for r in rows(chosen, "applications") if r not in _NOT_RESULTS]
    for column in APPLICANTS:
        done = 0
        for row in results:
            value = draw(count)
            done += value
            cells[f"applications.{row}.{column}"] = _cell(f"applications.{row}.{column}", value)
        forward = draw(count)
        carried = draw(st.integers(0, done + forward))
        for row, value in (
            ("total", done),
            ("carried_forward", forward),
            ("carried_over", carried),
            ("received_new", done + forward - carried),
        ):
            cells[f"applications.{row}.{column}"] = _cell(f"applications.{row}.{column}", value)
    for row in rows(chosen, "applications"):
        row_total = sum(int(cells[f"applications.{row}.{c}"].value or 0) for c in APPLICANTS)
        cells[f"applications.{row}.total"] = _cell(f"applications.{row}.total", row_total)
    for block in BLOCKS:
        parts = [draw(count) for _ in PARTS_OF_BLOCK]
        for part, value in zip(PARTS_OF_BLOCK, parts, strict=True):
            cells[f"review_litigation.{block}.{part}"] = _cell(
                f"review_litigation.{block}.{part}", value
            )
        cells[f"review_litigation.{block}.total"] = _cell(
            f"review_litigation.{block}.total", sum(parts)
        )
    year = draw(st.integers(2021, 2030) if chosen == "2021" else st.integers(2019, 2020))
    metadata = Metadata(
        agency=draw(st.sampled_from(["某某市司法局", "某某县人民政府办公室", "某某区教育局"])),
        year=year,
        template=chosen,
        published=draw(
            st.one_of(
                st.none(), st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 3, 31))
            )
        ),
        template_basis="labels",
    )
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


__all__ = ["GENERATED", "identity_keys", "money", "reports"]
