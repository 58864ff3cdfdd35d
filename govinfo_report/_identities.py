"""The identities the official tables define between their cells, as data.

One source of truth: the identity rules (``_checks/identities.py``) check them on a parsed
report, and extractors that must split glued digits (the ``glued`` plugin) solve them.
"""

from __future__ import annotations

from functools import cache

import attrs

from ._keys import APPLICANTS, BLOCK_PARTS, BLOCKS, Template, result_rows, rows

#: The columns of section 三: the six applicant columns and their total.
COLUMNS = (*APPLICANTS, "total")


@attrs.frozen
class Identity:
    """``sum(left) == sum(right)`` over canonical keys; a blank cell counts as 0.

    ``rule`` is the code of the rule that checks it; ``scope`` the column or row or block it
    holds for (``natural_person``, ``granted``, ``review``).
    """

    rule: str
    scope: str
    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key the identity involves."""
        return (*self.left, *self.right)


def _app(row: str, column: str) -> str:
    return f"applications.{row}.{column}"


@cache
def identities(template: Template) -> tuple[Identity, ...]:
    """Every identity of the tables of ``template`` (sections 三 and 四), rule by rule."""
    results = result_rows(template)
    found: list[Identity] = []
    for column in COLUMNS:
        found.append(
            Identity(
                "GIR301",
                column,
                (_app("received_new", column), _app("carried_over", column)),
                (_app("total", column), _app("carried_forward", column)),
            )
        )
    for column in COLUMNS:
        found.append(
            Identity(
                "GIR302", column, (_app("total", column),), tuple(_app(r, column) for r in results)
            )
        )
    for row in rows(template, "applications"):
        found.append(
            Identity("GIR303", row, (_app(row, "total"),), tuple(_app(row, c) for c in APPLICANTS))
        )
    for block in BLOCKS:
        found.append(
            Identity(
                "GIR304",
                block,
                (f"review_litigation.{block}.total",),
                tuple(f"review_litigation.{block}.{p}" for p in BLOCK_PARTS),
            )
        )
    return tuple(found)


@cache
def identities_of(template: Template, rule: str) -> tuple[Identity, ...]:
    """The identities of ``template`` that rule ``rule`` checks."""
    return tuple(i for i in identities(template) if i.rule == rule)
