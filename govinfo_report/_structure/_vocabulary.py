"""The vocabulary of each official table, and where in a document each table starts.

Every official table has labels that no other part uses: 第二十条第（一）项 and 本年制发件数
(二), 本年新收政府信息公开申请数量 and 申请人情况 (三), 结果维持 and 未经复议直接起诉 (四). They
come from the canonical keys' labels, split at their punctuation and numbering. A table is
where its labels stand densely together: several distinct ones close to each other, with
little else than numbers and separators between them, and at least one label that only a table
prints (a column header, or a long row label). Prose that names a few of them (其中自然人4件，
法人或其他组织1件) is too sparse, or counts in units (件), and is not taken for a table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

import regex

from .._input._normalise import han_count
from .._keys import TABLE_SECTIONS, TEMPLATES, SectionName, section_keys

#: The parts that hold a table, in document order.
TABLE_PARTS: tuple[str, ...] = tuple(TABLE_SECTIONS.values())

# Header cells each table prints besides its row and column labels.
_HEADERS: Mapping[SectionName, tuple[str, ...]] = {
    "active": ("信息内容",),
    "applications": ("申请人情况", "法人或其他组织", "本列数据的勾稽关系", "本年度办理结果"),
    "review_litigation": ("行政复议", "行政诉讼"),
}
_PIECES = regex.compile(r"[^\p{P}\p{S}\s\d一二三四五六七八九十]{2,}|第二十条第")
# A row label this long is printed by the table only (本年新收政府信息公开申请数量).
_LONG_LABEL = 8
# Labels of one table stand at most this many characters apart (seven glued or spaced cells,
# a markdown row's pipes, one cell per line).
_GAP = 48
_MIN_TERMS = 3
# The share of a dense run's Han characters that its labels must cover.
_COVERAGE = 0.7
_UNIT_AFTER_NUMBER = regex.compile(r"\d[ \t]*[件条个项次]")


def _pieces(label: str) -> list[str]:
    return _PIECES.findall(unicodedata.normalize("NFKC", label))


@cache
def vocabulary(section: SectionName) -> tuple[frozenset[str], frozenset[str]]:
    """``(terms, table-only terms)`` of a table section, over both templates."""
    terms: set[str] = set(_HEADERS[section])
    only: set[str] = {h for h in _HEADERS[section] if len(h) >= 4}
    for template in TEMPLATES:
        for key in section_keys(template, section):
            rows = _pieces(key.row_label)
            columns = _pieces(key.column_label)
            groups = _pieces(key.group_label or "")
            terms.update(rows, columns, groups)
            only.update(p for p in columns if len(p) >= 4)
            only.update(p for p in rows if len(p) >= _LONG_LABEL)
            only.update(p for p in groups if p == "第二十条第")
    return frozenset(terms), frozenset(only)


@cache
def _exclusive() -> Mapping[SectionName, tuple[tuple[str, ...], frozenset[str]]]:
    """Each section's terms that no other section shares, longest first, and its table-only
    terms."""
    every = {s: vocabulary(s)[0] for s in TABLE_SECTIONS}
    out = {}
    for section, terms in every.items():
        others = set().union(*(t for s, t in every.items() if s != section))
        own = sorted(terms - others, key=lambda t: (-len(t), t))
        out[section] = (tuple(own), vocabulary(section)[1] - others)
    return out


@cache
def _any_term(section: SectionName) -> re.Pattern[str]:
    """One pattern for all of a section's own terms, longest first: at each position the
    engine takes the longest term that stands there, and scans in C to the next one."""
    return re.compile("|".join(map(re.escape, _exclusive()[section][0])))


def _occurrences(text: str, section: SectionName, start: int) -> list[tuple[int, int, str]]:
    """Every occurrence of ``section``'s own terms in ``text`` from ``start``, the longest
    where two overlap: ``(start, end, term)`` in order."""
    return [(m.start(), m.end(), m.group()) for m in _any_term(section).finditer(text, start)]


# The terms come back in every report: each one's count is kept.
_term_han_count = cache(han_count)


def _is_table(text: str, run: list[tuple[int, int, str]], only: frozenset[str]) -> bool:
    if len({term for _, _, term in run}) < _MIN_TERMS or not any(t in only for _, _, t in run):
        return False
    start, end = run[0][0], run[-1][1]
    span = text[start:end]
    if len(_UNIT_AFTER_NUMBER.findall(span)) > 1:
        return False  # prose counts in units: 自然人4件，法人或其他组织1件
    covered = sum(_term_han_count(term) for _, _, term in run)
    return covered >= _COVERAGE * han_count(span)


def table_runs(text: str, section: SectionName, start: int = 0) -> list[int]:
    """Where each dense run of ``section``'s labels starts, from ``start`` on."""
    only = _exclusive()[section][1]
    runs: list[list[tuple[int, int, str]]] = []
    for occurrence in _occurrences(text, section, start):
        if runs and occurrence[0] - runs[-1][-1][1] <= _GAP:
            runs[-1].append(occurrence)
        else:
            runs.append([occurrence])
    return [run[0][0] for run in runs if _is_table(text, run, only)]


def table_starts(text: str) -> dict[str, list[int]]:
    """Where each table's labels start densely, by part numeral, in document order."""
    return {numeral: table_runs(text, section) for section, numeral in TABLE_SECTIONS.items()}
