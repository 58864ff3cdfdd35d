"""Figures a report states in sentences: 收到申请443件, 办结442件, 行政复议4件, 未收到申请.

They fill the table cells when the tables are missing (the prose extractor), and the rules
compare them with the tables when both exist.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .._intermediate import Fact

_N = r"[ \t]*(?P<n>\d+)[ \t]*"
# Each canonical cell, the patterns that state it; the first sentence that matches counts.
# With each pattern, words one of which it cannot match without: a text with none of them is
# not searched (part 三 is a table of numbers where every digit would start a search).
_FACTS: tuple[tuple[str, regex.Pattern[str], tuple[str, ...]], ...] = (
    (
        "applications.received_new.total",
        regex.compile(
            r"(?:新收到|共收到|收到|新受理|共受理|受理|新收)(?:各类|公众|群众|申请人)?的?"
            r"(?:政府信息公开申请|依申请(?:信息)?公开(?:申请)?|信息公开申请)(?:事项)?共?"
            + _N
            + r"(?:件|个|宗)"
        ),
        ("件", "个", "宗"),
    ),
    (
        "applications.received_new.total",
        regex.compile(
            r"(?P<none>(?:未|没有)(?:收到|接到|受理)[^,。;\n]{0,24}?"
            r"(?:政府信息公开|依申请公开|信息公开)(?:的)?申请)"
        ),
        ("申请",),
    ),
    (
        "applications.carried_over.total",
        regex.compile(r"上一?年度?结转的?(?:政府信息公开)?(?:申请)?共?" + _N + r"件"),
        ("件",),
    ),
    (
        "applications.total.total",
        regex.compile(r"办结(?:政府信息公开)?(?:申请)?共?" + _N + r"件"),
        ("件",),
    ),
    (
        "applications.carried_forward.total",
        regex.compile(
            r"(?<![\d.])" + _N + r"件(?:申请)?(?:结转|转入)(?:至|到)?下一?年度"
            r"|结转(?:至|到)?下一?年度(?:继续办理)?的?(?:申请)?" + _N + r"件"
        ),
        ("件",),
    ),
    (
        "active.normative_documents.issued",
        regex.compile(
            r"(?:本年度?|全年)?(?:共)?(?:制发|印发|出台|主动公开)(?:了)?(?:行政)?规范性文件(?:共)?"
            + _N
            + r"(?:件|个)"
        ),
        ("件", "个"),
    ),
    (
        "active.normative_documents.repealed",
        regex.compile(r"废止(?:了)?(?:行政)?规范性文件(?:共)?" + _N + r"(?:件|个)"),
        ("件", "个"),
    ),
    (
        "active.normative_documents.in_force",
        regex.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共)?" + _N + r"(?:件|个)"),
        ("件", "个"),
    ),
    (
        "review_litigation.review.total",
        regex.compile(r"政府信息公开[^,。;\n]{0,16}?行政复议(?:案件|申请)?共?" + _N + r"(?:件|起)"),
        ("件", "起"),
    ),
)


# 办结352件 may count legal-aid cases: a figure without its own words for a disclosure
# application counts only in a sentence about disclosure applications.
_ABOUT_APPLICATIONS = regex.compile(r"政府信息公开|依申请公开|信息公开申请")
# Searched backwards from a figure, for the start of its sentence.
_SENTENCE_END = regex.compile(r"[。;!?\n]", regex.REVERSE)
_SELF_EXPLAINING = (
    "applications.received_new.total",
    "review_litigation.review.total",
    "active.normative_documents.issued",
    "active.normative_documents.repealed",
    "active.normative_documents.in_force",
)


def _sentence_before(text: str, m: regex.Match[str]) -> str:
    end = _SENTENCE_END.search(text, 0, m.start())
    return text[end.end() if end else 0 : m.end()]


def _first(pattern: regex.Pattern[str], key: str, text: str) -> regex.Match[str] | None:
    for m in pattern.finditer(text):
        if key in _SELF_EXPLAINING or _ABOUT_APPLICATIONS.search(_sentence_before(text, m)):
            return m
    return None


def find_facts(sources: Sequence[tuple[int, str]]) -> tuple[Fact, ...]:
    """The figures stated in ``sources`` (``(offset, text)`` pairs, searched in order)."""
    found: dict[str, Fact] = {}
    for key, pattern, words in _FACTS:
        if key in found:
            continue
        for offset, text in sources:
            if not any(word in text for word in words):
                continue
            m = _first(pattern, key, text)
            if m is None:
                continue
            if m.group("none") if "none" in pattern.groupindex else None:
                start, end = m.span("none")
                found[key] = Fact(key, 0, offset + start, offset + end, m.group(), "none")
            else:
                start, end = m.span("n")
                found[key] = Fact(key, int(m.group("n")), offset + start, offset + end, m.group())
            break
    return tuple(found.values())
