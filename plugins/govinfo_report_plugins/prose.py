"""Facts stated in sentences, for reports whose tables are missing (published as images).

Only sentences that name a canonical cell unambiguously are read: 新收到政府信息公开申请443件,
上年度结转2件, 办结442件, 1件结转至下年度. Every other cell stays unknown, never zero.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import Extractor, RawCell, RawRow, RawTable, SectionText

_N = r"[ \t]*(?P<n>\d+)[ \t]*"
_FACTS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "received_new",
        regex.compile(
            r"(?:新收到|共收到|收到|新受理|共受理|受理|新收)(?:各类|公众|群众|申请人)?的?"
            r"(?:政府信息公开|依申请公开|信息公开)申请(?:事项)?共?" + _N + r"(?:件|个|宗)"
        ),
    ),
    (
        "carried_over",
        regex.compile(r"上一?年度?结转的?(?:政府信息公开)?(?:申请)?共?" + _N + r"件"),
    ),
    ("total", regex.compile(r"办结(?:政府信息公开)?(?:申请)?共?" + _N + r"件")),
    (
        "carried_forward",
        regex.compile(
            r"(?<![\d.])" + _N + r"件(?:申请)?(?:结转|转入)(?:至|到)?下一?年度"
            r"|结转(?:至|到)?下一?年度(?:继续办理)?的?(?:申请)?" + _N + r"件"
        ),
    ),
)
# Only the fallback: a section with a table is read by a table extractor.
_FALLBACK_SCORE = 0.01


class ProseExtractor:
    """Reads the application counts that part 一 (or 三) states in sentences."""

    name = "prose"

    def score(self, section: SectionText) -> float:
        """A token score for section 三, so that any table extractor that reads it wins."""
        return _FALLBACK_SCORE if section.name == "applications" else 0.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """One row per fact found, each naming its canonical row and the total column."""
        rows = []
        sources = (section.document.part("一"), (section.offset, section.text))
        for row, pattern in _FACTS:
            for offset, text in sources:
                m = pattern.search(text)
                if m:
                    start, end = m.span("n")
                    cell = RawCell(m.group("n"), offset + start, offset + end)
                    rows.append(RawRow((cell,), row=row, columns=("total",)))
                    break
        return (RawTable(tuple(rows), self.name, origin="prose"),)


@hookimpl(trylast=True)
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the prose fallback extractor."""
    return (ProseExtractor(),)
