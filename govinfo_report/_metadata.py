"""Stage 3b, metadata: agency, year, template version and publication date of a report."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import regex

from ._keys import Template
from ._model import Metadata, Script
from ._sections import Parts

# The text is NFKC-folded before these run: full-width brackets and colons are ASCII here.
_S = r"[ \t]*"
_YEAR_DIGITS = r"(?P<year>(?:19|20)\d{2})"
_AGENCY_MAX = 40
_NOT_IN_AGENCY = "\n《》<>〈〉「」“”\"',。:;、"
# The year and the words that end a title: 2023年(度)(的)政府信息公开(工作)(年度)报告.
_YEAR_WORDS = (
    _YEAR_DIGITS + _S + "年" + _S + r"度?" + _S + r"(?:的)?政府信息公开(?:工作)?(?:年度)?报告"
)
_TITLE = regex.compile(
    rf"(?P<agency>[^{regex.escape(_NOT_IN_AGENCY)}]{{0,{_AGENCY_MAX}}}?)" + _S + _YEAR_WORDS
)
_TITLE_END = regex.compile(_YEAR_WORDS)
_AGENCY_PREFIX = regex.compile(
    r"^(?:(?:现予?|特此|特|兹将?|现将|予以)?(?:发布|公布|印发|公开|编制)了?|关于)"
)
_AGENCY_LINE = regex.compile(r"^[\p{Han}()]{2,30}$")
_PERIOD = regex.compile(
    _YEAR_DIGITS
    + _S
    + "年"
    + _S
    + "1"
    + _S
    + "月"
    + _S
    + "1"
    + _S
    + "日"
    + _S
    + "(?:起)?"
    + _S
    + "(?:至|到|-|—)"
)
_YEAR = regex.compile(_YEAR_DIGITS + _S + "年")
_DATE = regex.compile(
    r"(?<![\d至到])(?P<y>(?:19|20)\d{2})"
    + _S
    + "[-/.年]"
    + _S
    + r"(?P<m>\d{1,2})"
    + _S
    + "[-/.月]"
    + _S
    + r"(?P<d>\d{1,2})(?:"
    + _S
    + "日)?+(?!"
    + _S
    + r"(?:至|到|起|\d))"
)
# Page chrome is short lines; a date inside a longer sentence is a period or an event.
_CHROME_LINE = 80
_DATE_ALONE = len("2023年12月31日")  # the longest date, spaces aside
_PUBLISHED_LABEL = regex.compile(r"(?:发布|公开|成文|印发|发文)(?:日期|时间)")
# Dates of the scrape, of a visit, or the site's clock: never the publication date.
_NOT_PUBLISHED = regex.compile(r"采集|抓取|下载|访问|浏览|更新|星期")
_NOTICE = regex.compile(
    r"国办公开办函"
    + _S
    + r"[〔【\[(]?"
    + _S
    + r"(?P<year>\d{4})"
    + _S
    + r"[〕】\])]?"
    + _S
    + r"(?P<number>\d+)"
    + _S
    + "号"
)
_TEMPLATE_MARKERS: dict[Template, tuple[str, ...]] = {
    "2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年收费金额",
        "逾期不补正",
        "逾期未按收费通知",
    ),
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "政府集中采购",
        "采购总金额",
        "第二十条第(九)项",
    ),
}
_NOTICE_TEMPLATE: dict[str, Template] = {"30": "2021", "60": "2019"}


def read_metadata(
    text: str, parts: Parts, script: Script, line_of: Callable[[int], int | None]
) -> Metadata:
    """Read agency, year, template and publication date from the normalised ``text``.

    ``line_of`` maps an offset of ``text`` to its line in the original document.
    """
    title, agency, year, title_at = _title(text)
    period = _PERIOD.search(text)
    period_year = int(period.group("year")) if period else None
    if year is None:
        year = period_year or _first_year(text, parts)
    template, basis = detect_template(text, year)
    notice = _NOTICE.search(text)
    return Metadata(
        agency=agency,
        year=year,
        template=template,
        published=_published(text, parts),
        script=script,
        title=title,
        template_basis=basis,
        period_year=period_year,
        notice=notice.group() if notice else None,
        lines=_lines(
            line_of,
            title=title_at,
            period=period.start() if period else None,
            notice=notice.start() if notice else None,
        ),
    )


def _lines(line_of: Callable[[int], int | None], **offsets: int | None) -> dict[str, int]:
    """The source line of each named offset that is known."""
    lines = {name: line_of(offset) for name, offset in offsets.items() if offset is not None}
    return {name: line for name, line in lines.items() if line is not None}


def _title_match(text: str) -> regex.Match[str] | None:
    """The first title in ``text``: the same match as ``_TITLE.search(text)``, for a fraction
    of its cost (the search tries every character with up to 40 agency lengths).

    Every title ends in a year and the words, and an ending alone is a title (the agency may be
    empty), so the first title ends at the first ending. Its agency runs back from the ending's
    spaces over characters an agency may hold, at most :data:`_AGENCY_MAX` of them.
    """
    ending = _TITLE_END.search(text)
    if ending is None:
        return None
    before = ending.start()
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    start = before
    while start > before - _AGENCY_MAX and start > 0 and text[start - 1] not in _NOT_IN_AGENCY:
        start -= 1
    return _TITLE.match(text, start)


def _title(text: str) -> tuple[str | None, str | None, int | None, int | None]:
    m = _title_match(text)
    if m is None:
        return None, None, None, None
    agency = _AGENCY_PREFIX.sub("", m.group("agency").strip(" \t•·*#")).strip()
    if not agency:
        # The agency often stands alone on the line above: "红寺堡区司法局\n\n2024 年…报告".
        before = [line.strip() for line in text[: m.start()].split("\n") if line.strip()]
        if before and _AGENCY_LINE.match(before[-1]):
            agency = before[-1]
    title = (agency + m.group()[len(m.group("agency")) :].strip()) if agency else m.group().strip()
    return title, agency or None, int(m.group("year")), m.start("year")


def _first_year(text: str, parts: Parts) -> int | None:
    first = _YEAR.search(parts.body(text, "一"))
    return int(first.group("year")) if first else None


def detect_template(text: str, year: int | None) -> tuple[Template | None, str]:
    """Decide the template from table labels, else the cited notice, else the year."""
    compact = "".join(text.split())  # str.split: four times the speed of a regex here
    score = {
        t: sum(marker in compact for marker in markers) for t, markers in _TEMPLATE_MARKERS.items()
    }
    if score["2021"] != score["2019"]:
        return ("2021" if score["2021"] > score["2019"] else "2019"), "labels"
    notice = _NOTICE.search(text)
    if notice and notice.group("number") in _NOTICE_TEMPLATE:
        return _NOTICE_TEMPLATE[notice.group("number")], "notice"
    if year is not None:
        return ("2021" if year >= 2021 else "2019"), "year"
    return None, "unknown"


def _published(text: str, parts: Parts) -> datetime.date | None:
    """The page's 发布日期/公开日期, else a date beside 来源 or alone on a line of the page
    chrome before the report, else the sign-off date after part 六."""
    # Substring tests first: a page's chrome can list a thousand dated links, and only a short
    # line that names a date's role, or holds nothing but the date, can give the publication
    # date.
    chrome = []
    for line in text[: parts.preamble_end].split("\n"):
        if len(line.strip()) > _CHROME_LINE:
            continue
        named = (
            "日期" in line or "时间" in line or "发布" in line or "来源" in line or "字号" in line
        )
        alone = len(line.replace(" ", "").replace("\t", "")) <= _DATE_ALONE
        if (named or alone) and not _NOT_PUBLISHED.search(line):
            chrome.append((line, named))
    for line, _ in chrome:
        label = _PUBLISHED_LABEL.search(line)
        m = _DATE.search(line, label.end()) if label else None
        if m:
            return _date(m)
    for line, named in chrome:
        m = _DATE.search(line)
        if m and (named or m.group().strip() == line.strip()):
            return _date(m)
    last = parts.parts.get("六")
    tail_start = last.body_start if last else parts.trailer_start
    for line in text[tail_start:].split("\n"):
        m = _DATE.fullmatch(line.strip())
        if m:
            return _date(m)
    return None


def _date(m: regex.Match[str]) -> datetime.date | None:
    try:
        return datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
