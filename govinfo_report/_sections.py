"""Stage 3, split sections: find the six parts of a report in its normalised text."""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from ._model import PARTS

# The words that make a numbered line the heading of a part, not a table row such as
# 三、本年度办理结果 or 四、结转下年度继续办理.
_HEADING_WORDS: Mapping[str, tuple[str, ...]] = {
    "一": ("总体情况", "基本情况", "概述", "总体"),
    "二": ("主动公开",),
    "三": ("收到和处理", "依申请公开", "申请情况"),
    "四": ("行政复议", "行政诉讼"),
    "五": ("存在的主要问题", "主要问题", "存在问题", "改进情况"),
    "六": ("其他需要报告", "其他事项", "需要报告"),
}
# These two are searched line by line through the whole text: the standard library's engine
# finds line starts in half the time the regex module takes, and they need nothing else.
_HEADING = re.compile(
    r"^[ \t]*(?:第)?(?P<numeral>[一二三四五六])(?:部分)?(?:[ \t]*[、.,:]|[ \t])[ \t]*"
    r"(?P<title>[^\n]{2,60}?)[ \t]*$",
    re.MULTILINE,
)
# Page chrome that follows the report on agency web pages.
_TRAILER = re.compile(
    r"^[ \t•·]*(?:相关附件|相关新闻|相关链接|扫一扫|主办[:：]|承办[:：]|网站标识码|[^\n]{0,20}ICP备"
    r"|打印本页|关闭窗口|【?打印】?|分享到)",
    re.MULTILINE,
)


@attrs.frozen
class Part:
    """One of the six parts: its numeral, heading text and spans in the normalised text."""

    numeral: str
    heading: str
    start: int
    body_start: int
    end: int


@attrs.frozen
class Parts:
    """The parts found in a document, plus the preamble before them and the chrome after."""

    parts: Mapping[str, Part]
    preamble_end: int
    trailer_start: int

    def part_text(self, text: str, numeral: str) -> tuple[int, str]:
        """``(offset, body text)`` of part ``numeral``; ``(0, "")`` when it is missing."""
        part = self.parts.get(numeral)
        return (part.body_start, text[part.body_start : part.end]) if part else (0, "")

    def body(self, text: str, numeral: str) -> str:
        """The text of part ``numeral`` without its heading, or ``""`` when it is missing."""
        part = self.parts.get(numeral)
        return text[part.body_start : part.end] if part else ""


def split_parts(text: str) -> Parts:
    """Find the headings of the six parts in order; tolerate missing parts and page chrome."""
    candidates: dict[str, list[re.Match[str]]] = {n: [] for n in PARTS}
    for m in _HEADING.finditer(text):
        numeral, title = m.group("numeral"), m.group("title")
        if any(word in title for word in _HEADING_WORDS[numeral]):
            candidates[numeral].append(m)
    chosen: list[re.Match[str]] = []
    position = 0
    for numeral in PARTS:
        match = next((m for m in candidates[numeral] if m.start() >= position), None)
        if match is not None:
            chosen.append(match)
            position = match.end()
    trailer = _TRAILER.search(text, chosen[-1].end()) if chosen else None
    trailer_start = trailer.start() if trailer else len(text)
    parts: dict[str, Part] = {}
    for i, m in enumerate(chosen):
        end = chosen[i + 1].start() if i + 1 < len(chosen) else trailer_start
        parts[m.group("numeral")] = Part(
            m.group("numeral"), m.group().strip(), m.start(), m.end(), max(end, m.end())
        )
    preamble_end = chosen[0].start() if chosen else 0
    return Parts(parts, preamble_end, trailer_start)
