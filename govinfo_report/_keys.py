"""The canonical keys of both official templates, read from the packaged ``keys.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Literal

import attrs

Template = Literal["2019", "2021"]
TEMPLATES: tuple[Template, ...] = ("2021", "2019")

SectionName = Literal["active", "applications", "review_litigation"]
#: Table sections in document order, with the part of the report each one is.
TABLE_SECTIONS: Mapping[SectionName, str] = {
    "active": "二",
    "applications": "三",
    "review_litigation": "四",
}

Kind = Literal["count", "signed_count", "money"]

# Columns whose value is money in 万元; every other column counts things.
_MONEY_COLUMNS = frozenset({("fees", "amount"), ("procurement", "amount")})


@attrs.frozen
class CanonicalKey:
    """One cell of an official table: its key, Chinese label and place in the table."""

    key: str
    label: str
    template: Template
    section: SectionName
    row: str
    column: str
    kind: Kind

    @property
    def row_label(self) -> str:
        """The official label of this cell's row (the most specific part)."""
        return _label_parts(self)[0]

    @property
    def group_label(self) -> str | None:
        """The label of the row group (（三）不予公开, 第二十条第（一）项, 行政诉讼…), if any."""
        return _label_parts(self)[1]

    @property
    def column_label(self) -> str:
        """The official label of this cell's column."""
        return _label_parts(self)[2]


@cache  # a few hundred keys, asked for their labels in every report
def _label_parts(key: CanonicalKey) -> tuple[str, str | None, str]:
    if key.section == "applications":
        # "三 （三）不予公开 1.属于国家秘密 × 自然人"
        rows, column = key.label[2:].split(" × ")
        *group, row = rows.split(" ")
        return row, (group[0] if group else None), column
    words = key.label.split(" ")
    if key.section == "active":
        # "第二十条第（一）项 规章 本年制发件数"
        return words[1], words[0], " ".join(words[2:])
    # "四 行政诉讼 未经复议直接起诉 结果维持"
    return " ".join(words[1:-1]), words[1], words[-1]


def _make(template: Template, key: str, label: str) -> CanonicalKey:
    section, *middle, column = key.split(".")
    row = ".".join(middle)
    kind: Kind = "count"
    if (row, column) in _MONEY_COLUMNS:
        kind = "money"
    elif column == "change":
        kind = "signed_count"
    return CanonicalKey(key, label, template, section, row, column, kind)  # type: ignore[arg-type]


@cache
def keys(template: Template) -> tuple[CanonicalKey, ...]:
    """Every canonical key of ``template``, in the order of the official tables."""
    from importlib import resources  # noqa: PLC0415  (its import costs more than the rest)

    raw = json.loads(
        resources.files("govinfo_report").joinpath("data/keys.json").read_text("utf-8")
    )
    return tuple(_make(template, item["key"], item["label"]) for item in raw[template])


@cache
def key_index(template: Template) -> Mapping[str, CanonicalKey]:
    """``{key: CanonicalKey}`` for ``template``."""
    return {k.key: k for k in keys(template)}


@cache
def all_keys() -> Mapping[str, CanonicalKey]:
    """Every key of either template (a key shared by both maps to the 2021 entry)."""
    merged: dict[str, CanonicalKey] = {}
    for template in reversed(TEMPLATES):
        merged.update(key_index(template))
    return merged


@cache
def section_keys(template: Template, section: SectionName) -> tuple[CanonicalKey, ...]:
    """The keys of one table section of ``template``."""
    return tuple(k for k in keys(template) if k.section == section)


#: The six applicant columns of section 三; the seventh column is their ``total``.
APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
)
#: The three blocks of section 四 and the parts each block's ``total`` sums.
BLOCKS = ("review", "litigation_direct", "litigation_after_review")
BLOCK_PARTS = ("upheld", "corrected", "other", "pending")
# Rows of section 三 that are not results: what came in, the total, what goes on to next year.
_NOT_RESULTS = ("received_new", "carried_over", "total", "carried_forward")


@cache
def result_rows(template: Template) -> tuple[str, ...]:
    """The result rows of section 三, （一）予以公开 … （六）其他处理, of ``template``."""
    return tuple(r for r in rows(template, "applications") if r not in _NOT_RESULTS)


@cache
def rows(template: Template, section: SectionName) -> Mapping[str, tuple[CanonicalKey, ...]]:
    """``{row: keys of that row in column order}`` for one section of ``template``."""
    grouped: dict[str, list[CanonicalKey]] = {}
    for k in section_keys(template, section):
        grouped.setdefault(k.row, []).append(k)
    return MappingProxyType({row: tuple(ks) for row, ks in grouped.items()})
