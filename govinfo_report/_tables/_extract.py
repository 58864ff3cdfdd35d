"""The tables stage: pick the extractor that reads a table section, and map what it read."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._findings import Finding, Location
from .._input._locate import Locator
from .._intermediate import Extractor, SectionText
from .._keys import TABLE_SECTIONS, SectionName, Template, rows
from .._model import Cell
from ..rules import finding
from ._mapping import Mapped, map_section


@attrs.frozen
class SectionResult:
    """The cells read from one section, the findings met, and the extractor that read it."""

    cells: dict[str, Cell]
    findings: tuple[Finding, ...]
    extractor: str | None


def ranked(extractors: Sequence[Extractor], text: SectionText) -> list[Extractor]:
    """Extractors that claim the section, most confident first (ties: hook call order)."""
    scored = []
    for extractor in extractors:
        try:
            score = float(extractor.score(text))
        except Exception:  # an extractor that cannot score a section does not claim it
            continue
        if score > 0:
            scored.append((score, extractor))
    return [extractor for _, extractor in sorted(scored, key=lambda pair: -pair[0])]


def extract_section(
    extractors: Sequence[Extractor], text: SectionText, template: Template, locator: Locator
) -> SectionResult:
    """Read ``text`` with the most confident extractor whose tables map onto any cell."""
    section, numeral = text.name, text.numeral
    failures: list[Finding] = []
    unread: tuple[Finding, ...] = ()  # why the most confident extractor read nothing
    claimed = ranked(extractors, text)
    tried_tables = False  # whether an extractor that reads tables claimed the section
    for extractor in claimed:
        try:
            tables = extractor.extract(text)
        except Exception as exc:  # a plugin bug becomes a finding, not a crash
            failures.append(
                finding(
                    "GIR002",
                    f"{extractor.name} 读取第{numeral}部分失败：{exc}",
                    f"{extractor.name} failed on part {numeral}: {type(exc).__name__}: {exc}",
                    Location(section=numeral),
                )
            )
            continue
        mapped = map_section(section, template, tables, locator)
        if mapped.cells:
            extra = _missing(section, template, mapped, tried_tables)
            found = (*failures, *unread, *mapped.findings, *extra)
            return SectionResult(dict(mapped.cells), found, extractor.name)
        tried_tables = tried_tables or any(t.origin == "table" for t in tables)
        unread = unread or mapped.findings
    return SectionResult({}, (*failures, *unread, _no_table(section, tried_tables)), None)


def _no_table(section: SectionName, claimed: bool) -> Finding:
    numeral = TABLE_SECTIONS[section]
    zh = f"第{numeral}部分" + ("的表格无法读取" if claimed else "没有表格")
    en = f"part {numeral} " + ("has a table no extractor could read" if claimed else "has no table")
    return finding("GIR102", zh, en, Location(section=numeral))


def _missing(
    section: SectionName, template: Template, mapped: Mapped, unreadable_table: bool
) -> list[Finding]:
    """Values from prose mean a missing (or unreadable) table; from a table, missing rows."""
    numeral = TABLE_SECTIONS[section]
    if all(c.provenance.origin == "prose" for c in mapped.cells.values()):
        n = len(mapped.cells)
        zh, en = ("没有表格", "has no table")
        if unreadable_table:
            zh, en = ("的表格无法读取", "has a table no extractor could read")
        return [
            finding(
                "GIR102",
                f"第{numeral}部分{zh}，{n}个数值取自正文",
                f"part {numeral} {en}; {n} values come from the prose",
                Location(section=numeral),
            )
        ]
    if section == "review_litigation":
        return []  # one row of numbers: a short row is reported as cells not placed
    flagged = {f.location.row for f in mapped.findings}
    return [
        finding(
            "GIR103",
            f"第{numeral}部分缺少“{row_keys[0].row_label}”行",
            f"table {numeral} has no row {row}",
            Location(section=numeral, row=row),
        )
        for row, row_keys in rows(template, section).items()
        if row not in flagged and not any(k.key in mapped.cells for k in row_keys)
    ]
