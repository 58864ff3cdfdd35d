"""The parts stage: find the six parts of a report and its three tables in the text.

A heading is found wherever it stands: at the start of a line, mid-line where a crawler joined
the page's text nodes (``…成效。二、主动公开政府信息情况第二十条…``), behind markdown markers
(``## 二、…``, ``**二、…**``), after a page marker (``- 4 -四、…``), or in a table caption
(``表三：收到和处理…``). A heading names its part by its words, not its numeral, so that a
renumbered outline (``一、主动公开政府信息情况``) still finds each part.

Each table is also found by its own vocabulary (see :mod:`._vocabulary`): a table belongs to
the part its labels say, not to whatever text lies between two headings. A part whose heading
is missing starts where its table does. Both departures from the template are recorded as
:class:`Departure` objects, which the parser reports as info findings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping

import attrs

from .._model import PARTS
from ._vocabulary import TABLE_PARTS, table_starts

# The words that make a numbered line the heading of a part, not a table row such as
# 三、本年度办理结果 or 四、结转下年度继续办理. Met at the start of a line only.
_HEADING_WORDS: Mapping[str, tuple[str, ...]] = {
    "一": ("总体情况", "基本情况", "概述", "总体"),
    "二": ("主动公开",),
    "三": ("收到和处理", "依申请公开", "申请情况"),
    "四": ("行政复议", "行政诉讼", "行政法复议"),
    "五": ("存在的主要问题", "主要问题", "存在问题", "改进情况"),
    "六": ("其他需要报告", "其他事项", "需要报告"),
}
# A heading line: a numeral, a separator, a title. Searched for after each line break (and at
# the very start): with a line break to look for first, the standard library's engine skips
# to each line in C, where a pattern opening with ^ is tried at every character. Markdown
# markers (#, **, >) may stand before it.
_HEADING_LINE = (
    r"[ \t]*(?:[#>]+[ \t]*)?(?:\*\*)?(?:第)?(?P<numeral>[一二三四五六])(?:部分)?"
    r"(?:[ \t]*[、.,:]|[ \t])[ \t]*(?P<title>[^\n]{2,60}?)[ \t]*$"
)
_HEADING_AT_START = re.compile(_HEADING_LINE, re.MULTILINE)
_HEADING_AFTER_BREAK = re.compile(rf"\n(?P<line>{_HEADING_LINE})", re.MULTILINE)

# The full wordings of each part's heading, as agencies print them: enough to be a heading
# wherever it stands. Gaps are bounded so that a search never runs across a paragraph.
_WORDING: Mapping[str, str] = {
    "一": r"(?:总体情况|基本情况|工作概况|总体概况|概况|概述)",
    "二": r"主动公开政府信息(?:的|工作)?情况",
    "三": r"(?:收到和处理政府信息公开申请|依申请公开政府信息|政府信息公开申请(?:受理|办理|处理)?)"
    r"(?:的)?情况",
    "四": r"[^。;\n]{0,16}?行政法?复议[^。;\n]{0,12}?行政诉讼(?:的|工作)?情况",
    "五": r"(?:政府信息公开)?(?:工作)?存在的?主要问题(?:及|和)(?:改进|整改)(?:情况|措施)",
    "六": r"其他需要报告的?事项",
}
# What may stand right before a heading inside a line: not a character of a word, unless the
# numeral follows a sentence's last character (crawler dumps drop the line break, and some
# sentences end without punctuation); never an opening bracket, which makes it a sub-heading.
_BEFORE = r"(?<![(（\[【〔])"
_TITLE = "(?P<title>" + "|".join(f"(?P<p{i}>{w})" for i, w in enumerate(_WORDING.values())) + ")"
_INLINE_HEADING = re.compile(
    _BEFORE
    + r"(?P<caption>表[ \t]*)?(?:第)?(?P<numeral>[一二三四五六七八九十])(?:部分)?"
    + r"[ \t]*[、.,:：．][ \t]*"
    + _TITLE
)
# Every inline heading has a numeral and its separator, which the engine finds by scanning in C
# (the full pattern, opening with optional words, is tried at every character).
_NUMERAL_MARK = re.compile(r"[一二三四五六七八九十](?:部分)?[ \t]*[、.,:：．]")


def _inline_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_INLINE_HEADING.finditer(text)`` finds, tried only where a numeral and its
    separator stand: a match starts at a 表 caption, a 第, or the numeral itself."""
    reach = 0
    for mark in _NUMERAL_MARK.finditer(text):
        at = mark.start()
        if at < reach:
            continue
        starts = [at]
        if at > reach and text[at - 1] == "第":
            starts.insert(0, at - 1)
        before = starts[0]
        while before > reach and text[before - 1] in " \t":
            before -= 1
        if before > reach and text[before - 1] == "表":
            starts.insert(0, before - 1)
        for start in starts:
            m = _INLINE_HEADING.match(text, start)
            if m is not None:
                yield m
                reach = m.end()
                break


# A heading with no numeral at all: the full wording alone behind markdown markers.
_MARKED_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*(?:\*\*)?|\*\*)[ \t]*"
    r"(?P<caption>表[一二三四五六1-6]?[ \t]*[:：、.]?[ \t]*)?" + _TITLE,
    re.MULTILINE,
)
_BY_GROUP = {f"p{i}": numeral for i, numeral in enumerate(_WORDING)}
# The most characters of a heading's title a PDF wraps onto the next line.
_WRAPPED_REST = 16
# Page chrome that follows the report on agency web pages.
_TRAILER = re.compile(
    r"^[ \t•·]*(?:相关附件|相关新闻|相关链接|扫一扫|主办[:：]|承办[:：]|网站标识码|[^\n]{0,20}ICP备"
    r"|打印本页|关闭窗口|【?打印】?|分享到)",
    re.MULTILINE,
)
# Text before a table's first label on its line that still belongs to the table (a pipe, a
# caption): up to this many characters, the table starts at the line.
_TABLE_LINE_LEAD = 12


@attrs.frozen
class Part:
    """One of the six parts: its numeral, heading text and spans in the normalised text.

    A part found by its table has no heading: ``heading`` is empty and ``start`` is
    ``body_start``.
    """

    numeral: str
    heading: str
    start: int
    body_start: int
    end: int


@attrs.frozen
class Departure:
    """How a part was found where the template puts it otherwise.

    ``kind`` is ``"by_table"`` (no heading: the part starts where its table's labels do),
    ``"renumbered"`` (its heading carries another numeral, ``printed``) or ``"second_report"``
    (a second report follows the first in the same file, ``heading`` its title if found).
    """

    kind: str
    numeral: str
    offset: int
    printed: str = ""
    heading: str = ""


@attrs.frozen
class Parts:
    """The parts found in a document, plus the preamble before them and the chrome after."""

    parts: Mapping[str, Part]
    preamble_end: int
    trailer_start: int
    departures: tuple[Departure, ...] = ()

    def part_text(self, text: str, numeral: str) -> tuple[int, str]:
        """``(offset, body text)`` of part ``numeral``; ``(0, "")`` when it is missing."""
        part = self.parts.get(numeral)
        return (part.body_start, text[part.body_start : part.end]) if part else (0, "")

    def body(self, text: str, numeral: str) -> str:
        """The text of part ``numeral`` without its heading, or ``""`` when it is missing."""
        part = self.parts.get(numeral)
        return text[part.body_start : part.end] if part else ""


@attrs.frozen
class _Heading:
    """A heading found in the text: the part its words name, the numeral it carries."""

    part: str
    start: int
    end: int
    title: str
    printed: str  # the numeral as printed; "" for a caption or an unnumbered heading


def _headings(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, numeral, title)`` of every line that reads as a part's heading."""
    first = _HEADING_AT_START.match(text)
    if first is not None:
        yield first.start(), first.end(), first["numeral"], first["title"]
    for m in _HEADING_AFTER_BREAK.finditer(text):
        yield m.start("line"), m.end(), m["numeral"], m["title"]


def _line_headings(text: str) -> Iterator[_Heading]:
    """Headings that fill a line of their own, named by the words of their numeral's part."""
    for start, end, numeral, printed_title in _headings(text):
        title = printed_title.strip("*# \t")
        named = _named(title)
        if named is None and any(word in title for word in _HEADING_WORDS[numeral]):
            named = numeral
        if named is not None:
            yield _Heading(named, start, end, title, numeral)
            continue
        # A heading a PDF wrapped over two lines (五、存在的主 / 要问题及改进情况).
        next_end = text.find("\n", end + 1)
        next_end = len(text) if next_end < 0 else next_end
        rest = text[end + 1 : next_end].strip()
        if 0 < len(rest) <= _WRAPPED_REST and (named := _named(title + rest)) is not None:
            yield _Heading(named, start, next_end, title + rest, numeral)


def _named(title: str) -> str | None:
    """The part whose full wording ``title`` holds, if any."""
    m = _WORDED.search(title)
    return _part_of(m) if m is not None else None


def _part_of(m: re.Match[str]) -> str:
    """The part whose wording ``m`` matched."""
    return next(_BY_GROUP[g] for g in _BY_GROUP if m.group(g) is not None)


_WORDED = re.compile(_TITLE)


def _inline_headings(text: str) -> Iterator[_Heading]:
    """Headings in their full wording wherever they stand: mid-line, in captions, in markdown."""
    for m in _inline_matches(text):
        part = _part_of(m)
        printed = "" if m.group("caption") else m.group("numeral")
        if part == "一" and printed not in ("", "一"):
            continue  # 概况, 概述: words of many sub-headings, a heading of part 一 only as 一
        yield _Heading(part, m.start(), m.end(), m.group("title"), printed)
    for m in _MARKED_HEADING.finditer(text):
        part = _part_of(m)
        end = text.find("\n", m.end())
        yield _Heading(part, m.start(), len(text) if end < 0 else end, m.group("title"), "")


def _candidates(text: str) -> dict[str, list[_Heading]]:
    """Every heading found, by the part it names, in document order; one per position."""
    found: dict[int, _Heading] = {}
    for heading in (*_line_headings(text), *_inline_headings(text)):
        # A whole line beats the same heading found inside it: its title runs to the line's end.
        known = found.get(heading.start)
        if known is None or heading.end > known.end:
            found[heading.start] = heading
    by_part: dict[str, list[_Heading]] = {n: [] for n in PARTS}
    reach = -1  # the furthest end of the headings before: one starting inside is no heading
    for start in sorted(found):
        heading = found[start]
        if start >= reach:
            by_part[heading.part].append(heading)
        reach = max(reach, heading.end)
    return by_part


def _table_line_start(text: str, at: int, floor: int) -> int:
    """Where a table whose first label stands at ``at`` starts: its line's start when only a
    few characters (a pipe, a caption) stand before the label on that line."""
    line_start = max(text.rfind("\n", 0, at) + 1, floor)
    return line_start if at - line_start <= _TABLE_LINE_LEAD else at


# How far before a second report's first heading its title is looked for.
_TITLE_BEFORE = 200
_TITLE_WORDS = re.compile(
    r"[^\n。《》,]{0,40}?\d{4}[ \t]*年度?[^\n。《》,]{0,20}?政府信息公开[^\n。]{0,8}?报告"
)


def _second_report(
    text: str, candidates: Mapping[str, list[_Heading]], starts: Mapping[str, int], after: int
) -> Departure | None:
    """A second report in the same file: part 一's heading again after the last part of the
    first, once parts 二 and 三 were found. Its title, when it stands just before, is kept."""
    if "二" not in starts or "三" not in starts or max(starts.values()) <= starts["三"]:
        return None
    again = next((h for h in candidates["一"] if h.start >= after), None)
    if again is None:
        return None
    window = text[max(after, again.start - _TITLE_BEFORE) : again.start]
    titles = list(_TITLE_WORDS.finditer(window))
    start = again.start - len(window) + titles[-1].start() if titles else again.start
    title = titles[-1].group().strip() if titles else ""
    return Departure("second_report", "", start, heading=title)


def _table_parts(
    text: str,
    candidates: Mapping[str, list[_Heading]],
    tables: Mapping[str, list[int]],
    *,
    chosen: dict[str, _Heading | None],
    starts: dict[str, int],
    departures: list[Departure],
) -> None:
    """Place the table parts first, each at the heading before its table or at the table."""
    floor = 0
    for numeral in TABLE_PARTS:  # the tables fix the frame; the prose parts fill it
        runs = [run for run in tables[numeral] if run >= floor]
        if not runs:
            continue
        # The table whose own heading stands before it (after the table before it); else the
        # first run of its labels, as a part that lost its heading.
        table, heading = runs[0], None
        starts_of = [h.start for h in candidates[numeral]]
        for run in runs:
            at = bisect.bisect_right(starts_of, run) - 1
            if at >= 0 and starts_of[at] >= floor:
                table, heading = run, candidates[numeral][at]
                break
        chosen[numeral] = heading
        if heading is not None:
            starts[numeral] = heading.start
        else:
            starts[numeral] = _table_line_start(text, table, floor)
            departures.append(Departure("by_table", numeral, starts[numeral]))
        floor = table


def split_parts(text: str) -> Parts:
    """Find the six parts: by their headings, and the table parts by their tables' labels."""
    candidates = _candidates(text)
    chosen: dict[str, _Heading | None] = {}
    starts: dict[str, int] = {}
    departures: list[Departure] = []
    tables = table_starts(text)
    _table_parts(text, candidates, tables, chosen=chosen, starts=starts, departures=departures)
    for position, numeral in enumerate(PARTS):
        if numeral in starts:
            continue
        low = max((starts[n] for n in PARTS[:position] if n in starts), default=-1)
        high = min((starts[n] for n in PARTS[position + 1 :] if n in starts), default=len(text))
        fits = [h for h in candidates[numeral] if low < h.start and h.end <= high]
        if fits:
            # Part 一 is the last 一 before part 二 (an outline in the preamble comes first);
            # any other part is the first heading after the part before it.
            pick = fits[-1] if numeral == "一" else fits[0]
            chosen[numeral], starts[numeral] = pick, pick.start
    order = sorted(starts, key=starts.__getitem__)
    last = chosen.get(order[-1]) if order else None
    last_end = (last.end if last else starts[order[-1]]) if order else 0
    trailer = _TRAILER.search(text, last_end) if order else None
    trailer_start = trailer.start() if trailer else len(text)
    second = _second_report(text, candidates, starts, last_end)
    if second is not None:
        trailer_start = min(trailer_start, second.offset)
        departures.append(second)
    parts: dict[str, Part] = {}
    for i, numeral in enumerate(order):
        heading = chosen.get(numeral)
        start = starts[numeral]
        body_start = heading.end if heading else start
        part_end = starts[order[i + 1]] if i + 1 < len(order) else trailer_start
        title = text[start : heading.end].strip() if heading else ""
        parts[numeral] = Part(numeral, title, start, body_start, max(part_end, body_start))
        if heading is not None and heading.printed and heading.printed != numeral:
            departures.append(
                Departure("renumbered", numeral, start, heading.printed, text[start : heading.end])
            )
    ordered = {n: parts[n] for n in PARTS if n in parts}
    preamble_end = starts[order[0]] if order else 0
    departures.sort(key=lambda d: d.offset)
    return Parts(ordered, preamble_end, trailer_start, tuple(departures))
