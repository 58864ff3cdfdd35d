"""The places where a report names its agency and dates itself, for :mod:`._metadata`.

A report names its agency in its title, in the page's labels (发布机构：, 来源：, 发文机关：), in a
crawler's 标题: line and in the signature after part 六 (the agency, then the date). Crawler
dumps glue all of these to page chrome and prose, and normalising has removed the spaces
between Chinese characters, so where a name starts is often not marked: each place yields a
:class:`Named`, the agency when the place bounds it cleanly and every reading its run allows,
and :func:`choose_agency` weighs the places against each other.

Everything here looks at a few dozen characters around an anchor (a title's closing words, a
label, a date), never at the whole text with a pattern that could backtrack over it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence

import attrs
import regex

# The text is NFKC-folded before these run: full-width brackets and colons are ASCII here.
_RUN_MAX = 60  # how far back a title's or signature's agency run is followed
_NAME_MAX = 40  # the longest agency name read after a label
_LONG = 25  # a run glued before a title that is longer than this holds more than a name
_LINE_ABOVE = 200  # how far back the line above a title or a date is looked for
_MAX_ENDINGS = 200  # title endings (…政府信息公开工作年度报告) examined
_MAX_TITLES = 6
_MAX_DATES = 200  # dates examined for the signature


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# What an agency's name ends in: a body (局, 委员会, 人民政府, 办事处…).
_ONE_CHAR_SUFFIXES = "局委办厅院镇乡署所站处队馆会部"
_SUFFIXES = _words("办公室 政府 中心 街道 公司 集团 银行 大学 学校 海关 监狱")
_BY_LAST = {s[-1]: s for s in _SUFFIXES}
# A region's government named by the region (某某市2023年…报告): a name of two characters or more.
_REGIONS = "省市县区州盟旗"
# A pronoun or a quantifier: 我局, 本机关, 全市 are no agency's name.
_NOT_FIRST = regex.compile(r"[我本该贵各其此这全](?:[国省市县区镇乡局委办厅院]|机关|单位|部门)")
_NEVER_IN_NAME = regex.compile("的|报告|条例|通知|根据|按照")
# Characters a run may not cross: a name holds none of these function words.
_STOPS = "的了是"
_NAME_CHARS = rf"[[\u3400-\u4dbf\u4e00-\u9fff()〇]--[{_STOPS}]]"
_NAME_RUN = regex.compile(_NAME_CHARS + "+", regex.V1)
_NAME_RUN_BACK = regex.compile(_NAME_CHARS + "+", regex.V1 | regex.REVERSE)
_DIGITS_BACK = regex.compile(r"[0-9]+", regex.REVERSE)
# What follows a number (2023年, 5件): a run that starts after one starts at a mark.
_UNITS = "年月日号时分秒件条个项次人元届期批份"
# Page chrome and crawler labels that are never part of an agency's name.
_CHROME_WORDS = _words(
    """
    当前位置 您的位置 您现在的位置 所在位置 网站首页 首页 正文 年报 年度报告
    标题 来源 发布时间 发布日期 公开日期 发布机构 发文机关 时间 日期 微信
    微博 QQ空间 QQ好友 朋友圈 分享到 分享 收藏 打印 打印本页 关闭
    关闭窗口 加入收藏 设为首页 网站地图 联系我们 返回顶部 上一篇 下一篇 字号
    大中小 默认 视力保护色 繁体 繁體 简体 无障碍 长者助手 适老化 关怀版
    智能问答 搜索 登录 扫一扫 手机版 浏览次数 阅读次数 点击数 访问量 阅读量
    浏览量 索引号 文号 发文字号 成文日期 印发日期 主题分类 体裁分类 公开方式
    公开范围 有效性 关键词 责任编辑 作者 原文链接 附件 下载 相关
    """
)
# Names of a site's sections: chrome before a title, but an agency may hold them (政务公开办).
_CRUMB_WORDS = ("政府信息公开", "政务公开", "信息公开")


def _alternation(words: Sequence[str]) -> regex.Pattern[str]:
    return regex.compile("|".join(sorted(map(regex.escape, words), key=len, reverse=True)), regex.I)


_CHROME = _alternation(_CHROME_WORDS)
_CHROME_OR_CRUMB = _alternation(_CHROME_WORDS + _CRUMB_WORDS)
# What a title's sentence puts before the agency: 现发布《…, 现向社会公布…, 关于….
_PREFIX = regex.compile(
    r"(?:(?:现|特此|特|兹|将|予以|向社会|正式)*(?:发布|公布|印发|公开|编制|报送)了?"
    r"|关于|现将|兹将|特将|现就)+"
)
# What may split a title over lines: spaces, line breaks, markdown's # and ** on each line.
_WS = r"[ \t\n#*]*"
# A title's closing words, which may be split over lines: 政府信息公开(工作)(年度)报告.
# (The standard library's engine scans for it twice as fast as ``regex``.)
_ENDING = re.compile(
    _WS.join("政府信息公开") + _WS + rf"(?:工{_WS}作{_WS})?(?:年{_WS}度{_WS})?报{_WS}告"
)
_LINE_BREAK = regex.compile(r"[ \t#*]*\n[ \t#*]*")  # where a title goes on to the next line
# What stands before the closing words, matched backwards from them: the year (2023年, 2022年度)
# and, when the year comes first, the agency (2019年上海市人民政府办公厅政府信息公开…).
_HEAD = regex.compile(
    rf"(?P<year>(?:19|20)\d{{2}})[ \t]*年{_WS}(?:度{_WS})?"
    rf"(?:的{_WS}|(?P<inner>[\p{{Han}}()]{{1,40}}){_WS})?",
    regex.REVERSE,
)
# The bare 来源 and 单位 are common words: a label only before a colon, or 来源 after a mark.
_LABEL = regex.compile(
    r"(?P<label>发布机构|发文机关|发布单位|发文单位|信息来源|文章来源|(?<!\p{Han})来源"
    r"|(?:来源|(?<!\p{Han})单位)(?=[ \t]*:))[ \t]*:?[ \t]*"
)
# Labels that name the author; 来源 and 单位 may name the site that reposted the report.
AUTHOR_LABELS = frozenset({"发布机构", "发文机关", "发布单位", "发文单位"})
DATE = regex.compile(
    r"(?<![\d至到~—-])(?P<y>(?:19|20)\d{2})[ \t]*[-/.年][ \t]*(?P<m>\d{1,2})[ \t]*[-/.月][ \t]*"
    r"(?P<d>\d{1,2})(?:[ \t]*日)?+(?!\d)(?![ \t]*(?:至|到|起|止|~|—|-\d))"
)
# What may follow a signature's date in a dump: the page's chrome after the report.
_AFTER_SIGNATURE = regex.compile(
    r"扫一扫|相关|附件|主办|承办|网站|版权|返回|上一篇|下一篇|打印|关闭|分享|责任编辑|来源|【|\["
)


@attrs.frozen
class Named:
    """An agency as one place of the document names it.

    ``name`` is the agency the place gives, chrome stripped (``None`` when its run is no
    agency's name); ``clean`` says the document's own marks bound it and no chrome was glued
    to it; ``bounded`` says where it starts is known (a mark or a chrome word before it), even
    if it is not clean. ``run`` holds the name: its end is certain (a year or a date follows),
    or, with ``from_start``, its start (a label precedes).
    """

    name: str | None
    clean: bool
    bounded: bool
    run: str
    from_start: bool = False

    def readings(self) -> tuple[str, ...]:
        """Every agency name the run could hold, longest first."""
        run = self.run
        if self.from_start:
            return tuple(run[:i] for i in range(len(run), 0, -1) if is_agency(run[:i]))
        return tuple(run[i:] for i in range(len(run)) if is_agency(run[i:]))


@attrs.frozen
class Title:
    """A title: its span, year (and where the year stands) and the agency before or in it."""

    start: int
    end: int
    year: int
    year_at: int
    named: Named | None
    words: str  # the title from the year on, line breaks removed


@attrs.frozen
class Signature:
    """The sign-off after part 六: the agency (when it stands there) and the date."""

    named: Named | None
    date: datetime.date | None


def is_agency(name: str) -> bool:
    """Whether ``name`` reads as an agency's name: Chinese characters ending in a suffix that
    names a body (局, 委员会, 人民政府, 办事处…) or a region (某某市)."""
    core = name.rstrip("0123456789")
    if core.endswith(")") and "(" in core:
        core = core[: core.rindex("(")]  # 某某局(某某办): the suffix is the name's, not the note's
    if len(core) < 2:
        return False
    last = core[-1]
    if last in _REGIONS:
        fits = len(core) >= 3
    elif last in _ONE_CHAR_SUFFIXES:
        fits = True
    else:
        suffix = _BY_LAST.get(last, "")
        fits = bool(suffix) and core.endswith(suffix) and len(core) > len(suffix)
    return (
        fits
        and not core.startswith("(")
        and not _NOT_FIRST.match(core)
        and not _NEVER_IN_NAME.search(name)
    )


def _is_name_char(ch: str) -> bool:
    return _NAME_RUN.match(ch) is not None


def _run_start(text: str, end: int, floor: int = 0) -> int:
    """Where the run of name characters ending at ``end`` starts (not before ``floor``, at most
    :data:`_RUN_MAX` back). A character right after a digit is a unit (2023年, 5件), never the
    first of a name; digits may end a name (a numbered body: 某某局17)."""
    floor = max(floor, end - _RUN_MAX)
    digits = _DIGITS_BACK.match(text, floor, end)
    before_digits = digits.start() if digits else end
    run = _NAME_RUN_BACK.match(text, floor, before_digits)
    if run is None:
        return end  # digits alone are no name
    start = run.start()
    if start > 0 and text[start - 1].isdigit():
        start += 1
    return start if start < before_digits else end


def _marked(text: str, start: int) -> bool:
    """Whether the run of name characters from ``start`` follows a mark: the text's start, a
    line break, a space, punctuation, a number and its unit (2023年), a Latin word. Not a mark:
    a word (的, 了, 是: prose goes on before it), or a name character where the run was cut
    at :data:`_RUN_MAX` or after a number (12345热线服务中心: where the name starts is unknown).
    """
    before = text[start - 1] if start else "\n"
    unit = before in _UNITS and start >= 2 and text[start - 2].isdigit()
    return unit or not (before in _STOPS or _is_name_char(before))


def named_before(text: str, end: int, floor: int | None = None) -> Named | None:
    """The agency a run of name characters ending at ``end`` holds (a title's, a signature's).

    The run's end is certain (a year, a date follows), its start is not (unless ``floor`` is
    where it must start): page chrome glued before it is cut at the rightmost known chrome word
    that leaves a name.
    """
    start = _run_start(text, end, floor or 0)
    marked = start == floor or _marked(text, start)
    prefix = _PREFIX.match(text, start, end)
    start = prefix.end() if prefix else start
    if start == end:
        return None
    run = text[start:end]
    ends = (m.end() - start for m in _CHROME_OR_CRUMB.finditer(text, max(0, start - 8), end))
    cuts = sorted((c for c in ends if c > 0), reverse=True)
    # (No cut leaves a name: a site section's word is the name's own, 某某办公室(市政务公开办).)
    cut = next((c for c in cuts if is_agency(run[c:])), 0)
    name = run[cut:]
    if not is_agency(name):
        return Named(None, False, False, name)
    clean = marked and not cuts and len(run) <= _LONG
    return Named(name, clean, marked or bool(cuts), name)


def named_after(text: str, start: int) -> Named | None:
    """The agency a label's value holds: the run of name characters from ``start``, cut at the
    first chrome word glued after it (来源:朝阳区政府办字号:大中小)."""
    names = _NAME_RUN.match(text, start, start + _NAME_MAX)
    end = names.end() if names else start
    chrome = _CHROME.search(text, start, end)
    stop = chrome.start() if chrome else end
    # A site section's name (政务公开) may be chrome or a part of the name: not clean either way.
    crumb = _CHROME_OR_CRUMB.search(text, start, stop)
    if crumb and crumb.start() == start and is_agency(text[crumb.end() : stop]):
        start = crumb.end()  # 来源:政务公开某某局
    run = text[start:stop]
    bounded = chrome is not None or end == len(text) or not _is_name_char(text[end])
    if is_agency(run):
        return Named(run, bounded and crumb is None, True, run, from_start=True)
    named = Named(None, False, False, run, from_start=True)
    return named if named.readings() else None


def _back_over(text: str, at: int, chars: str = " \t") -> int:
    """``at`` moved back over ``chars`` (at most :data:`_LINE_ABOVE` of them)."""
    floor = max(0, at - _LINE_ABOVE)
    while at > floor and text[at - 1] in chars:
        at -= 1
    return at


def _line_above(text: str, line_start: int) -> Named | None:
    """The agency standing alone on the last non-blank line before ``line_start``."""
    end = _back_over(text, line_start, " \t\n*#")
    if end == 0 or text[end - 1] == "\n":
        return None
    first = text.rfind("\n", max(0, end - _LINE_ABOVE), end) + 1
    named = named_before(text, end)
    if named is None or named.name != text[first:end].strip(" \t•·*#"):
        return None
    return named


def _line_start(text: str, at: int) -> int | None:
    """The start of the line ``at`` stands on, when only spaces and markdown's marks (``#``,
    ``**``, ``>``) precede ``at`` on it."""
    at = _back_over(text, at, " \t#*>")
    return at if at == 0 or text[at - 1] == "\n" else None


def find_titles(text: str) -> Iterator[Title]:
    """The titles in ``text`` in order (at most :data:`_MAX_TITLES`): a year and the closing
    words 政府信息公开工作年度报告, with the agency before the year or between the two."""
    found = 0
    named: Named | None
    for count, ending in enumerate(_ENDING.finditer(text)):
        if count >= _MAX_ENDINGS or found >= _MAX_TITLES:
            return
        head = _HEAD.match(text, 0, ending.start())
        if head is None:
            continue
        inner = (head.group("inner") or "").removeprefix("度").removesuffix("的")
        if inner and not is_agency(inner):
            continue  # 2023年以来我局编制了政府信息公开工作年度报告: a sentence, not a title
        year_at = head.start("year")
        if inner:  # 2019年上海市人民政府办公厅政府信息公开…
            inner_end = text.index(inner, head.start("inner")) + len(inner)
            named = named_before(text, inner_end, inner_end - len(inner))
        else:
            line = _line_start(text, year_at)
            before = _back_over(text, year_at)  # 某某局 2023 年…
            named = named_before(text, before) if line is None else _line_above(text, line)
        words = _LINE_BREAK.sub("", text[year_at : ending.end()])
        found += 1
        yield Title(head.start(), ending.end(), int(head.group("year")), year_at, named, words)


def label_agencies(text: str, start: int, end: int) -> Iterator[tuple[str, Named]]:
    """``(label, agency)`` of each 发布机构：/来源：/发文机关：… between ``start`` and ``end``."""
    for m in _LABEL.finditer(text, start, end):
        named = named_after(text, m.end())
        if named is not None:
            yield m.group("label"), named


def signature(text: str, start: int, end: int) -> Signature | None:
    """The first sign-off between ``start`` and ``end``: a date alone on its line (the agency on
    the line above), or a date right after the agency (…特此报告。某某市司法局2024年1月15日)."""
    for count, m in enumerate(DATE.finditer(text, start, end)):
        if count >= _MAX_DATES:
            break
        if not _ends_signature(text, m.end()):
            continue
        line = _line_start(text, m.start())
        if line is not None:
            return Signature(_line_above(text, line), date_of(m))
        named = named_before(text, _back_over(text, m.start()))
        if named is not None and named.readings():
            return Signature(named, date_of(m))
    return None


def _ends_signature(text: str, at: int) -> bool:
    """Whether what follows a date at ``at`` lets it end a signature: the end of the line or
    the page chrome after the report, not a sentence that goes on (…日召开, …日,我局)."""
    while at < len(text) and text[at] in " \t":
        at += 1
    if at == len(text) or text[at] == "\n":
        return True
    ch = text[at]
    if ch.isalnum():
        return _AFTER_SIGNATURE.match(text, at) is not None
    return ch not in ",、;:。.)"


def date_of(m: regex.Match[str]) -> datetime.date | None:
    """The date a :data:`DATE` match names, or ``None`` when no such day exists."""
    try:
        return datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def choose_agency(title: Named | None, places: Sequence[Named]) -> str | None:
    """The agency, or ``None`` rather than a guess.

    A title that names its agency cleanly is believed. A title glued to chrome is believed when
    another place's run allows its name, or gives the name of another place its run allows;
    else the first place that names an agency cleanly (``places`` in order of trust) is
    believed; else the title with its chrome cut off, when where it starts is known; else a
    name two places agree on.
    """
    if title is not None and title.clean:
        return title.name
    readings = [place.readings() for place in places]
    if title is not None:
        if title.name is not None and any(title.name in r for r in readings):
            return title.name
        own = title.readings()
        agreed = next((p.name for p in places if p.name in own), None)
        if agreed is not None:
            return agreed
    clean = next((place.name for place in places if place.clean), None)
    if clean is not None:
        return clean
    if title is not None and title.bounded:
        return title.name
    return _agreed(places, readings)


def _agreed(places: Sequence[Named], readings: Sequence[tuple[str, ...]]) -> str | None:
    """The name two places agree on, when none names it cleanly: one's whole name that the
    other's run allows. A shorter common ending (司法局 of 某某市司法局 and 某某县司法局) is no
    agreement."""
    for i, place in enumerate(places):
        for j in range(i + 1, len(places)):
            if place.name is not None and place.name in readings[j]:
                return place.name
            if places[j].name is not None and places[j].name in readings[i]:
                return places[j].name
    return None
