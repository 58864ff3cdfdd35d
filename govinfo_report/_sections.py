"""Stage 3, split sections: find the six parts of a report in its normalised text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

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
# A heading line: a numeral, a separator, a title. Searched for after each line break (and at
# the very start): with a line break to look for first, the standard library's engine skips
# to each line in C, where a pattern opening with ^ is tried at every character.
_HEADING_LINE = (
    r"[ \t]*(?:第)?(?P<numeral>[一二三四五六])(?:部分)?(?:[ \t]*[、.,:]|[ \t])[ \t]*"
    r"(?P<title>[^\n]{2,60}?)[ \t]*$"
)
_HEADING_AT_START = re.compile(_HEADING_LINE, re.MULTILINE)
_HEADING_AFTER_BREAK = re.compile(rf"\n(?P<line>{_HEADING_LINE})", re.MULTILINE)
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


def _headings(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, numeral, title)`` of every line that reads as a part's heading."""
    first = _HEADING_AT_START.match(text)
    if first is not None:
        yield first.start(), first.end(), first["numeral"], first["title"]
    for m in _HEADING_AFTER_BREAK.finditer(text):
        yield m.start("line"), m.end(), m["numeral"], m["title"]


def split_parts(text: str) -> Parts:
    """Find the headings of the six parts in order; tolerate missing parts and page chrome."""
    candidates: dict[str, list[tuple[int, int]]] = {n: [] for n in PARTS}
    for start, end, numeral, title in _headings(text):
        if any(word in title for word in _HEADING_WORDS[numeral]):
            candidates[numeral].append((start, end))
    chosen: list[tuple[str, int, int]] = []  # (numeral, start, end)
    position = 0
    for numeral in PARTS:
        span = next((s for s in candidates[numeral] if s[0] >= position), None)
        if span is not None:
            chosen.append((numeral, *span))
            position = span[1]
    trailer = _TRAILER.search(text, chosen[-1][2]) if chosen else None
    trailer_start = trailer.start() if trailer else len(text)
    parts: dict[str, Part] = {}
    for i, (numeral, start, end) in enumerate(chosen):
        part_end = chosen[i + 1][1] if i + 1 < len(chosen) else trailer_start
        parts[numeral] = Part(numeral, text[start:end].strip(), start, end, max(part_end, end))
    preamble_end = chosen[0][1] if chosen else 0
    return Parts(parts, preamble_end, trailer_start)
