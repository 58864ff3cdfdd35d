"""Values read from images: kept where the recogniser was sure or an identity confirms them.

A recogniser can misread a digit with confidence, or read a lone ``0`` right with little, so
confidence alone decides nothing. The tables' identities decide: a recognised value that an
identity covers is kept only when an identity that holds confirms it — in a table of rows, an
identity across rows, as a whole row read into another's place still adds up along itself
(an identity that fails beside it is then the report's own, and the identity rules say so);
one no identity covers (section 二) is kept when the recogniser was sure and every row of its
table was placed by its label (else a row of numbers may stand beside another row's label);
an amount of money
read without a decimal point is left unknown (a lost point is the commonest slip, and no
identity covers money).
Each value left unknown is a ``GIR205`` finding naming what was read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from .._findings import Finding, Location
from .._identities import Identity, identities
from .._keys import TABLE_SECTIONS, Template, all_keys
from .._model import CellRow
from ..rules import finding

#: Below this confidence a recognised value needs an identity that holds to be kept.
CONFIDENT = 0.9


#: Findings that say a table's rows were not all placed by their labels: in a recognised
#: table, a row of numbers may then stand beside another row's label.
UNSURE_ROWS = frozenset({"GIR103", "GIR104", "GIR105", "GIR106", "GIR107"})


def confirmed(
    cells: Mapping[str, CellRow], template: Template, found_so_far: Sequence[Finding] = ()
) -> tuple[dict[str, CellRow], list[Finding]]:
    """``cells`` less the recognised values nothing confirms, and a finding for each;
    ``found_so_far``: the findings of the reading, which say which tables' rows are unsure."""
    recognised = {k: row for k, row in cells.items() if row.confidence is not None}
    if not recognised:
        return dict(cells), []
    holding: set[str] = set()
    broken: dict[str, Identity] = {}
    covered = {key for identity in identities(template) for key in identity.keys}
    across = _across_rows(template)
    for identity in identities(template):
        if not all(k in cells for k in identity.keys):
            continue
        left = sum(cells[k].value or 0 for k in identity.left)
        right = sum(cells[k].value or 0 for k in identity.right)
        if left == right:
            # A whole row read into another row's place still adds up along itself: only an
            # identity across rows confirms where a cell of a table of rows stands.
            holding.update(k for k in identity.keys if _spans_rows(identity) or k not in across)
        else:
            for key in identity.keys:
                broken.setdefault(key, identity)
    unsure = {f.location.section for f in found_so_far if f.code in UNSURE_ROWS}
    kept = dict(cells)
    found: list[Finding] = []
    for key, row in recognised.items():
        case = _doubt(key, row, holding, broken, covered)
        if not case and key not in covered and TABLE_SECTIONS[all_keys()[key].section] in unsure:
            case = "rows"
        if case:
            del kept[key]
            found.append(_finding(key, row, case, broken.get(key)))
    return kept, found


@cache
def _spans_rows(identity: Identity) -> bool:
    return len({all_keys()[k].row for k in identity.keys}) > 1


@cache
def _across_rows(template: Template) -> frozenset[str]:
    """The keys an identity across rows covers (section 三's: its columns add up)."""
    return frozenset(
        key for identity in identities(template) if _spans_rows(identity) for key in identity.keys
    )


def _doubt(
    key: str, row: CellRow, holding: set[str], broken: Mapping[str, Identity], covered: set[str]
) -> str:
    """Why the recognised value of ``key`` cannot be kept: a message case, or ``""``."""
    if key in holding:
        return ""
    if key in broken:
        return "breaks"
    if all_keys()[key].kind == "money" and row.value and "." not in row.text:
        return "money"
    assert row.confidence is not None
    # A cell an identity covers is checkable: unchecked (a cell beside it unknown), however
    # sure the recogniser was, it could be two rows read as one or a digit lost.
    return "unconfirmed" if key in covered or row.confidence < CONFIDENT else ""


def _finding(key: str, row: CellRow, case: str, identity: Identity | None) -> Finding:
    spec = all_keys()[key]
    where = Location(TABLE_SECTIONS[spec.section], spec.row, spec.column, key, row.line)
    named = f"{identity.rule}（{identity.scope}）" if identity else ""
    return finding(
        "GIR205",
        where,
        case=case,
        actual=row.value,
        label=spec.label,
        key=key,
        text=row.text,
        confidence=f"{row.confidence:.2f}",
        identity=named,
    )
