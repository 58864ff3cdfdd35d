"""The official tables as grids of cells with rowspan and colspan, filled from a report.

One model serves every layout: HTML writes the spans as attributes, the text layouts write the
cells that start in each row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attrs

from .._keys import (
    APPLICANTS,
    CanonicalKey,
    SectionName,
    Template,
    result_rows,
    rows,
    section_keys,
)
from .._model import Report

_FOOTING = ("received_new", "carried_over")


@attrs.frozen
class GridCell:
    """A cell of an official table: its text, spans, and the canonical key of a value cell."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None


Row = tuple[GridCell, ...]
Table = tuple[Row, ...]


@attrs.frozen
class PlacedCell:
    """A cell of a table at the grid row and column it starts in."""

    row: int
    column: int
    cell: GridCell


def placed(table: Sequence[Sequence[GridCell]]) -> tuple[list[PlacedCell], int]:
    """Every cell of ``table`` at the position it starts in, and the grid's width.

    A row lists only the cells that start in it: a position covered by a cell spanning from a
    row above is skipped over, as HTML and Word lay tables out.
    """
    covered: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(table):
        column = 0
        for cell in row:
            while (r, column) in covered:
                column += 1
            cells.append(PlacedCell(r, column, cell))
            covered.update(
                (r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            column += cell.colspan
    return cells, max(c for _, c in covered) + 1


def value_text(report: Report, key: str) -> str:
    """A cell's value as the tables print it; blank (and unknown) cells print nothing."""
    cell = report.cells.get(key)
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _value(report: Report, key: CanonicalKey, colspan: int = 1) -> GridCell:
    return GridCell(value_text(report, key.key), colspan=colspan, key=key.key)


def active_table(report: Report, template: Template) -> Table:
    """Section 二: the items of 第二十条 one under the other, as the official format draws them."""
    item_rows = list(rows(template, "active").values())
    width = max(len(r) for r in item_rows)
    out: list[Row] = []
    item = None
    for row_keys in item_rows:
        first = row_keys[0]
        if first.group_label != item:
            item = first.group_label
            out.append((GridCell(item or "", colspan=width + 1),))
            header = [GridCell("信息内容"), *(GridCell(k.column_label) for k in row_keys)]
            out.append(_widen(header, width + 1))
        out.append(
            _widen([GridCell(first.row_label), *(_value(report, k) for k in row_keys)], width + 1)
        )
    return tuple(out)


def _widen(cells: list[GridCell], width: int) -> Row:
    """Stretch the last cell over the columns the row lacks."""
    missing = width - len(cells)
    if missing > 0:
        cells[-1] = attrs.evolve(cells[-1], colspan=missing + 1)
    return tuple(cells)


def applications_table(report: Report, template: Template) -> Table:
    """Section 三: the 10-column matrix with its three header rows."""
    keys = rows(template, "applications")
    labels = {c.column: c.column_label for c in keys["received_new"]}
    header: list[Row] = [
        (
            GridCell("(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", 3, 3),
            GridCell("申请人情况", colspan=7),
        ),
        (
            GridCell(labels["natural_person"], rowspan=2),
            GridCell("法人或其他组织", colspan=5),
            GridCell(labels["total"], rowspan=2),
        ),
        tuple(GridCell(labels[c]) for c in APPLICANTS[1:]),
    ]
    body: list[Row] = []
    results = (*result_rows(template), "total")  # （七）总计 closes 三、本年度办理结果
    groups: dict[str | None, int] = {}
    for r in results:
        groups[keys[r][0].group_label] = groups.get(keys[r][0].group_label, 0) + 1
    for r in _FOOTING:
        body.append(
            (GridCell(keys[r][0].row_label, colspan=3), *(_value(report, k) for k in keys[r]))
        )
    started: set[str | None] = set()
    for i, r in enumerate(results):
        first = keys[r][0]
        cells: list[GridCell] = []
        if i == 0:
            cells.append(GridCell("三、本年度办理结果", rowspan=len(results)))
        group = first.group_label
        if group is None:
            cells.append(GridCell(first.row_label, colspan=2))
        else:
            if group not in started:
                started.add(group)
                cells.append(GridCell(group, rowspan=groups[group]))
            cells.append(GridCell(first.row_label))
        body.append((*cells, *(_value(report, k) for k in keys[r])))
    forward = keys["carried_forward"]
    body.append((GridCell(forward[0].row_label, colspan=3), *(_value(report, k) for k in forward)))
    return (*header, *body)


def review_litigation_table(report: Report, template: Template) -> Table:
    """Section 四: 行政复议 and the two kinds of 行政诉讼, one row of fifteen numbers."""
    keys = section_keys(template, "review_litigation")
    results = [k.column_label for k in keys[:5]]
    return (
        (GridCell("行政复议", colspan=5), GridCell("行政诉讼", colspan=10)),
        (
            *(GridCell(label, rowspan=2) for label in results),
            GridCell("未经复议直接起诉", colspan=5),
            GridCell("复议后起诉", colspan=5),
        ),
        tuple(GridCell(label) for label in results * 2),
        tuple(_value(report, k) for k in keys),
    )


#: Each section's official table, drawn from a report in a template: the one list every view
#: of the tables (documents, review pages, workbooks, notebooks) walks.
TABLES: Mapping[SectionName, Callable[[Report, Template], Table]] = {
    "active": active_table,
    "applications": applications_table,
    "review_litigation": review_litigation_table,
}
