"""The tables stage: pick the extractor that reads a table section, and map what it read."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._findings import Finding, Location
from .._input._locate import Locator
from .._intermediate import Extractor, SectionText
from .._keys import TABLE_SECTIONS, SectionName, Template, rows
from .._model import CellRow
from ..rules import finding
from ._mapping import Mapped, map_section


@attrs.frozen
class SectionResult:
    """The cells read from one section, the findings met, and the extractor that read it."""

    cells: dict[str, CellRow]
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
            error = f"{type(exc).__name__}: {exc}"
            where = Location(section=numeral)
            failures.append(
                finding(
                    "GIR002",
                    where,
                    case="extractor",
                    extractor=extractor.name,
                    numeral=numeral,
                    error=error,
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
    case = "unreadable" if claimed else "none"
    return finding("GIR102", Location(section=numeral), case=case, numeral=numeral)


def _missing(
    section: SectionName, template: Template, mapped: Mapped, unreadable_table: bool
) -> list[Finding]:
    """Values from prose mean a missing (or unreadable) table; from a table, missing rows."""
    numeral = TABLE_SECTIONS[section]
    if all(c.origin == "prose" for c in mapped.cells.values()):
        case = "unreadable_prose" if unreadable_table else "none_prose"
        where = Location(section=numeral)
        return [finding("GIR102", where, case=case, numeral=numeral, count=len(mapped.cells))]
    if section == "review_litigation":
        return []  # one row of numbers: a short row is reported as cells not placed
    flagged = {f.location.row for f in mapped.findings}
    return [
        finding(
            "GIR103",
            Location(section=numeral, row=row),
            numeral=numeral,
            label=row_keys[0].row_label,
            row=row,
        )
        for row, row_keys in rows(template, section).items()
        if row not in flagged and not any(k.key in mapped.cells for k in row_keys)
    ]
