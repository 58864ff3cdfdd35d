"""The metadata stage: agency, year, template version and publication date of a report.

The places that name the agency and date the report are read in :mod:`._metadata_places`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

import regex

from .._keys import Template
from .._model import Metadata, Script
from ._metadata_places import (
    AUTHOR_LABELS,
    DATE,
    Named,
    Signature,
    Title,
    choose_agency,
    date_of,
    find_titles,
    label_agencies,
    signature,
)
from ._sections import Parts

# The text is NFKC-folded before these run: full-width brackets and colons are ASCII here.
_S = r"[ \t]*"
_YEAR_DIGITS = r"(?P<year>(?:19|20)\d{2})"
# The statistics period: 2023年1月1日(起)至…. Its day is searched for first (the standard
# library's engine skips to each "1" in C), then the year is matched backwards from it.
_PERIOD_DAY = re.compile(r"1[ \t]*月[ \t]*1[ \t]*日[ \t]*(?:起)?[ \t]*(?:至|到|-|—)")
_PERIOD_YEAR = regex.compile(_YEAR_DIGITS + _S + "年" + _S, regex.REVERSE)
_YEAR = regex.compile(_YEAR_DIGITS + _S + "年")
# Page chrome is short lines; a date inside a longer sentence is a period or an event.
_CHROME_LINE = 80
_DATE_ALONE = len("2023年12月31日")  # the longest date, spaces aside
# A date the page labels as the report's: 发布时间:2024-01-10 09:30, 公开日期 2024-01-17.
_PUBLISHED_LABEL = regex.compile(r"(?:发布|公开|成文|印发|发文)(?:日期|时间)[ \t\n:\[【(]{0,4}")
# Dates of the scrape, of a visit, or the site's clock: never the publication date.
_NOT_PUBLISHED = regex.compile(r"采集|抓取|下载|访问|浏览|更新|星期")
# The page's date just before its 来源 (2021-01-14 来源:增城区司法局), mid-line in a dump.
_SOURCE_LABEL = regex.compile(r"(?:信息|文章)?来源|发布机构|字号")
_DATE_THEN_SOURCE = regex.compile(DATE.pattern + r"[ \t]*$")
# With no part found, the page's own lines are looked for this far after the title.
_HEAD_AFTER_TITLE = 600
_HEAD_WITHOUT_TITLE = 3000
_TAIL = 20_000  # the signature is looked for this far after part 六 begins
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
    titles = find_titles(text)
    title = next(titles, None)
    head_end = _head_end(text, parts, title)
    sign: Signature | None = None
    if title is not None and title.named is not None and title.named.clean:
        agency = title.named.name  # the other places are only read when the title is unclear
    else:
        sign = _signature(text, parts, head_end)
        places = _places(text, head_end, list(titles), sign)
        agency = choose_agency(title.named if title else None, places)
    published = _published(text, parts, head_end)
    if published is None:
        sign = sign or _signature(text, parts, head_end)
        published = sign.date if sign is not None else None
    period = _period(text)
    period_year = int(period.group("year")) if period else None
    year = title.year if title else (period_year or _first_year(text, parts))
    template, basis = detect_template(text, year)
    notice = _NOTICE.search(text)
    return Metadata(
        agency=agency,
        year=year,
        template=template,
        published=published,
        script=script,
        title=_title_text(title, agency),
        template_basis=basis,
        period_year=period_year,
        notice=notice.group() if notice else None,
        lines=_lines(
            line_of,
            title=title.year_at if title else None,
            period=period.start() if period else None,
            notice=notice.start() if notice else None,
        ),
    )


def _period(text: str) -> regex.Match[str] | None:
    """The year of the statistics period (本报告统计数据从2023年1月1日至…), from its start."""
    for day in _PERIOD_DAY.finditer(text):
        year = _PERIOD_YEAR.match(text, 0, day.start())
        if year is not None:
            return year
    return None


def _lines(line_of: Callable[[int], int | None], **offsets: int | None) -> dict[str, int]:
    """The source line of each named offset that is known."""
    lines = {name: line_of(offset) for name, offset in offsets.items() if offset is not None}
    return {name: line for name, line in lines.items() if line is not None}


def _head_end(text: str, parts: Parts, title: Title | None) -> int:
    """Where the page's own lines (labels, 发布时间, 来源) end: at the first part's heading, or,
    with no part found (a crawler's one-line dump), a little after the title."""
    if parts.parts:
        return parts.preamble_end
    if title is not None:
        return min(len(text), title.end + _HEAD_AFTER_TITLE)
    return min(len(text), _HEAD_WITHOUT_TITLE)


def _signature(text: str, parts: Parts, head_end: int) -> Signature | None:
    """The sign-off after part 六 (after its heading when no part was found on its own line),
    never in the page's own lines before the report (a site's clock: 2025年12月30日 星期二)."""
    last = parts.parts.get("六")
    if last is not None:
        start = last.body_start
    else:
        heading = text.rfind("其他需要报告的事项")
        start = heading if heading >= 0 else max(head_end, parts.trailer_start - _TAIL)
    return signature(text, start, min(len(text), start + _TAIL))


def _places(
    text: str, head_end: int, titles: Sequence[Title], sign: Signature | None
) -> list[Named]:
    """Every other place naming the agency, most trusted first: further titles (a crawler's
    标题: line, the report's own 《…》), the labels naming the author, the signature, 来源."""
    labels = list(label_agencies(text, 0, head_end))
    places = [t.named for t in titles if t.named is not None]
    places.extend(named for label, named in labels if label in AUTHOR_LABELS)
    if sign is not None and sign.named is not None:
        places.append(sign.named)
    places.extend(named for label, named in labels if label not in AUTHOR_LABELS)
    return places


def _title_text(title: Title | None, agency: str | None) -> str | None:
    """The title as the report prints it, with the agency when the title holds it."""
    if title is None:
        return None
    named = title.named
    if agency is None or named is None or (agency != named.name and agency not in named.readings()):
        return title.words
    return title.words if agency in title.words else agency + title.words


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


def _published(text: str, parts: Parts, head_end: int) -> datetime.date | None:
    """The page's 发布日期/发布时间/公开日期, else a date beside 来源 or alone on a line of the
    page's chrome before the report (the signature's date after part 六 comes after these)."""
    for label in _PUBLISHED_LABEL.finditer(text, 0, head_end):
        if _NOT_PUBLISHED.search(text, max(0, label.start() - 2), label.start()):
            continue
        m = DATE.match(text, label.end())
        if m:
            return date_of(m)
    # Substring tests first: a page's chrome can list a thousand dated links, and only a short
    # line that names a date's role, or holds nothing but the date, can give the publication
    # date.
    lines = text[: parts.preamble_end].split("\n")
    for i, line in enumerate(lines):
        if len(line.strip()) > _CHROME_LINE:
            continue
        named = (
            "日期" in line or "时间" in line or "发布" in line or "来源" in line or "字号" in line
        )
        alone = len(line.replace(" ", "").replace("\t", "")) <= _DATE_ALONE
        clock = i + 1 < len(lines) and "星期" in lines[i + 1]  # 2025年12月30日\n星期二
        if (named or alone) and not clock and not _NOT_PUBLISHED.search(line):
            m = DATE.search(line)
            if m and (named or m.group().strip() == line.strip()):
                return date_of(m)
    for label in _SOURCE_LABEL.finditer(text, 0, head_end):
        m = _DATE_THEN_SOURCE.search(text[max(0, label.start() - 24) : label.start()])
        if m:
            return date_of(m)
    return None
