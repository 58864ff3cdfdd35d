"""The corpus dashboard's data: findings tallied by rule, severity, agency and year, and each
agency's headline figures year by year with the breaks the corpus rules find between years."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import attrs

from .._codec import agency_key, memory_database
from .._corpus._cross import cross_findings
from .._findings import Finding, Severity
from .._keys import Template
from .._marks import SEVERITIES
from .._model import CellColumns, Report, as_columns
from ..rules import CORPUS_RULES
from ._entry import Entry


class Headline(NamedTuple):
    """A figure of the year-over-year panels: its names and, per template, the keys it sums."""

    zh: str
    en: str
    keys: Mapping[Template, tuple[str, ...]]


def _both(*keys: str) -> dict[Template, tuple[str, ...]]:
    return {"2019": keys, "2021": keys}


#: The headline figures of a report, in the order the panels draw them. The 2019 template has
#: no 本年制发/现行有效 columns: its nearest, 本年新制作数量 and 对外公开总数量, stand in for them.
HEADLINES: tuple[Headline, ...] = (
    Headline("新收申请", "new applications", _both("applications.received_new.total")),
    Headline("办结", "applications handled", _both("applications.total.total")),
    Headline("行政复议", "reconsiderations", _both("review_litigation.review.total")),
    Headline(
        "行政诉讼",
        "litigation",
        _both(
            "review_litigation.litigation_direct.total",
            "review_litigation.litigation_after_review.total",
        ),
    ),
    Headline(
        "规范性文件 本年制发",
        "normative documents issued",
        {
            "2021": ("active.normative_documents.issued",),
            "2019": ("active.normative_documents.made",),
        },
    ),
    Headline(
        "规范性文件 现行有效",
        "normative documents in force",
        {
            "2021": ("active.normative_documents.in_force",),
            "2019": ("active.normative_documents.public_total",),
        },
    ),
)
_HEADLINE_KEYS = frozenset(k for h in HEADLINES for ks in h.keys.values() for k in ks)
# The rows the corpus rules compare across years (the spec's identity 5: GIR601 carry-over,
# GIR602 documents in force), kept whole so that a rule reading another column still sees it.
_CONTINUITY_ROWS = (
    "applications.carried_over.",
    "applications.carried_forward.",
    "active.regulations.",
    "active.normative_documents.",
)


def dashboard_cells(report: Report) -> CellColumns:
    """The cells of ``report`` the dashboard reads: its headline figures and the rows the
    corpus rules compare across years."""
    return CellColumns.of_rows(
        row
        for row in as_columns(report.cells).rows()
        if row.key in _HEADLINE_KEYS or row.key.startswith(_CONTINUITY_ROWS)
    )


def headline_value(report: Report, headline: Headline) -> int | None:
    """The figure ``headline`` of ``report``: the sum of its keys when every one was read as a
    number, else ``None`` (not read, or left blank: nothing is guessed)."""
    total = 0
    for key in headline.keys[report.template or "2021"]:
        value = report.get(key)
        if not isinstance(value, int):
            return None
        total += value
    return total


class RuleCount(NamedTuple):
    """How often one rule fired at one severity, in how many reports, and one of its messages."""

    code: str
    severity: Severity
    findings: int
    reports: int
    example: str


class GroupCount(NamedTuple):
    """The reports of one agency or one year, and their error findings."""

    name: str
    reports: int
    errors: int


class YearRow(NamedTuple):
    """One report of an agency's panel: its year, headline figures and corpus findings."""

    year: int
    template: str | None
    name: str
    href: str
    values: tuple[int | None, ...]
    breaks: tuple[Finding, ...]


@attrs.frozen
class AgencyYears:
    """An agency with reports of two or more years: its rows by year, and its error count."""

    agency: str
    rows: tuple[YearRow, ...]
    errors: int

    @property
    def breaks(self) -> tuple[tuple[int, Finding], ...]:
        """``(year, finding)`` of each corpus finding: a break between the year and the one
        before."""
        return tuple((row.year, f) for row in self.rows for f in row.breaks)

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the agency's reports, each once, in order."""
        return tuple(sorted({row.year for row in self.rows}))


@attrs.frozen
class Dashboard:
    """Everything the dashboard shows of a set of review entries."""

    reports: int
    unreadable: int
    severities: Mapping[Severity, int]
    #: Most findings first.
    rules: tuple[RuleCount, ...]
    #: Most errors first, then most reports, then by name.
    agencies: tuple[GroupCount, ...]
    #: By year; reports without a year last.
    years: tuple[GroupCount, ...]
    #: Agencies with two or more years: most breaks first, then most errors, then by name.
    panels: tuple[AgencyYears, ...]
    #: Whether the breaks were found here from the reports' values (files), rather than carried
    #: by the entries (a corpus database's, which ran the corpus rules).
    breaks_computed: bool


_UNKNOWN = "？"


def _rule_counts(reports: Sequence[Report]) -> tuple[RuleCount, ...]:
    findings: dict[tuple[str, Severity], int] = {}
    holders: dict[tuple[str, Severity], int] = {}
    examples: dict[tuple[str, Severity], str] = {}
    for report in reports:
        seen: set[tuple[str, Severity]] = set()
        for f in report.findings:
            pair = (f.code, f.severity)
            findings[pair] = findings.get(pair, 0) + 1
            examples.setdefault(pair, f.message_zh)
            seen.add(pair)
        for pair in seen:
            holders[pair] = holders.get(pair, 0) + 1
    counts = [
        RuleCount(c, s, n, holders[(c, s)], examples[(c, s)]) for (c, s), n in findings.items()
    ]
    return tuple(sorted(counts, key=lambda r: (-r.findings, r.code, SEVERITIES.index(r.severity))))


def _errors(report: Report) -> int:
    return sum(f.severity is Severity.ERROR for f in report.findings)


def _agency_names(reports: Sequence[Report]) -> list[str]:
    """Each report's agency as the first report of that agency names it: agencies are matched
    as the corpus rules match them (:func:`agency_key`: no spaces or punctuation)."""
    names: dict[str, str] = {}
    out = []
    for report in reports:
        key = agency_key(report.agency)
        if key is None or report.agency is None:
            out.append(_UNKNOWN)
        else:
            out.append(names.setdefault(key, report.agency))
    return out


def _corpus_findings(numbered: Sequence[tuple[int, Report]]) -> dict[int, list[Finding]]:
    """The corpus rules' findings of each report (by number), run over an in-memory database
    of the reports' values as a corpus run does."""

    def filed() -> Iterator[tuple[str, dict[str, Any], dict[str, tuple[Any, int | None]]]]:
        for number, report in numbered:
            head = {"agency": report.agency, "year": report.year, "template": report.template}
            cells = {row.key: (row.value, row.line) for row in dashboard_cells(report).rows()}
            yield str(number), head, cells

    db = memory_database(filed())
    try:
        found = cross_findings(db)
    finally:
        db.close()
    out: dict[int, list[Finding]] = {}
    for file, finding in found:
        out.setdefault(int(file), []).append(finding)
    return out


def _panels(
    read: Sequence[tuple[int, str, Entry, Report]],
    agencies: Sequence[str],
    breaks: Mapping[int, Sequence[Finding]],
) -> tuple[AgencyYears, ...]:
    """The agencies with reports of two or more years, each report a row of its panel."""
    rows: dict[str, list[YearRow]] = {}
    errors: dict[str, int] = {}
    for (number, href, entry, report), agency in zip(read, agencies, strict=True):
        if report.year is None or agency == _UNKNOWN:
            continue
        values = tuple(headline_value(report, h) for h in HEADLINES)
        found = tuple(breaks.get(number, ()))
        row = YearRow(report.year, report.template, entry.name, href, values, found)
        rows.setdefault(agency, []).append(row)
        errors[agency] = errors.get(agency, 0) + _errors(report)
    panels = [
        AgencyYears(agency, tuple(sorted(listed, key=lambda r: (r.year, r.name))), errors[agency])
        for agency, listed in rows.items()
        if len({r.year for r in listed}) >= 2
    ]
    return tuple(sorted(panels, key=lambda p: (-len(p.breaks), -p.errors, p.agency)))


def _grouped(names: Sequence[str], reports: Sequence[Report]) -> list[GroupCount]:
    """Reports and their errors under each name, in the order the names first come."""
    groups: dict[str, list[Report]] = {}
    for name, report in zip(names, reports, strict=True):
        groups.setdefault(name, []).append(report)
    return [
        GroupCount(name, len(listed), sum(_errors(r) for r in listed))
        for name, listed in groups.items()
    ]


def _corpus_checked(entry: Entry) -> bool:
    """Whether the corpus rules ran over ``entry``: it says so (a database's), or it carries
    one of their findings (which no parse of a single file makes)."""
    report = entry.report
    return entry.corpus_checked or (
        report is not None and any(f.code in CORPUS_RULES for f in report.findings)
    )


def dashboard(rows: Sequence[tuple[str, Entry]]) -> Dashboard:
    """The dashboard of review entries, each with the link to its page (``href``)."""
    read = [(n, href, e, e.report) for n, (href, e) in enumerate(rows) if e.report is not None]
    reports = [report for *_, report in read]
    checked = any(_corpus_checked(entry) for _, entry in rows)
    if checked:  # the entries carry the corpus findings, as the rule configuration chose them
        breaks = {n: [f for f in r.findings if f.code in CORPUS_RULES] for n, _, _, r in read}
    else:
        breaks = _corpus_findings([(n, r) for n, _, _, r in read])
    severities = dict.fromkeys(SEVERITIES, 0)
    for report in reports:
        for f in report.findings:
            severities[f.severity] += 1
    agencies = _agency_names(reports)
    in_order = sorted(reports, key=lambda r: (r.year is None, r.year or 0))
    years = [str(r.year) if r.year is not None else _UNKNOWN for r in in_order]
    return Dashboard(
        reports=len(rows),
        unreadable=len(rows) - len(reports),
        severities=severities,
        rules=_rule_counts(reports),
        agencies=tuple(
            sorted(_grouped(agencies, reports), key=lambda g: (-g.errors, -g.reports, g.name))
        ),
        years=tuple(_grouped(years, in_order)),
        panels=_panels(read, agencies, breaks),
        breaks_computed=not checked,
    )
