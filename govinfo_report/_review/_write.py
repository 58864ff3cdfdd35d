"""Writing review pages: one page, or a directory of one page per report with an index."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from pathlib import Path

import attrs

from .._atomic import write_atomically
from .._findings import Severity
from .._marks import NAMES, SEVERITIES, SYMBOLS
from ._dashboard import dashboard_cells
from ._entry import Entry
from ._overview import overview
from ._page import entries_page, page
from ._style import DASHBOARD_SCRIPT, INDEX_SCRIPT

#: A single page holds at most this many reports; more are written as a directory.
PAGE_LIMIT = 200
_UNSAFE = re.compile(r"[^\w.-]+")


def is_directory_target(path: Path) -> bool:
    """Whether ``-o path`` names a directory: an existing one, or a name without ``.html``."""
    return path.is_dir() or path.suffix.lower() not in (".html", ".htm")


def page_name(number: int, entry: Entry) -> str:
    """The file name of a report's page in a review directory: its number, then its stem."""
    stem = _UNSAFE.sub("_", Path(entry.name).stem)[:60].strip("_") or "report"
    return f"{number:05d}-{stem}.html"


def _index_row(number: int, name: str, entry: Entry) -> str:
    counts = entry.counts()
    report = entry.report
    if report is None:
        cells = '<td colspan="3" class="unread">✖ 无法读取 unreadable</td>'
        status = "unreadable"
    else:
        cells = "".join(
            f"<td>{escape(v)}</td>"
            for v in (
                report.agency or "？",
                str(report.year) if report.year is not None else "？",
                report.template or "？",
            )
        )
        status = "ok"
    numbers = "".join(
        f'<td class="n" data-sort="{counts[s]}">'
        + (f'<span aria-hidden="true">{SYMBOLS[s]}</span> ' if counts[s] else "")
        + f"{counts[s]}</td>"
        for s in SEVERITIES
    )
    errors = counts[Severity.ERROR] + (report is None)
    return (
        f'<tr data-error="{errors}" data-status="{status}"><td class="n" data-sort="{number}">'
        f'{number}</td><td><a href="{escape(name)}">{escape(entry.name)}</a></td>'
        f"{cells}{numbers}</tr>"
    )


def index_page(rows: Iterable[tuple[str, Entry]], links: str = "") -> str:
    """The index of a review directory: the dashboard, then every report with its finding
    counts by severity; ``rows`` are ``(page name, entry)``. ``links`` is markup of the
    caller's put under the title (``serve``'s downloads)."""
    listed = list(rows)
    headers = [("#", "number"), ("文件 file", "text"), ("机关 agency", "text")]
    headers += [("年度 year", "number"), ("模板 template", "text")]
    headers += [(f"{SYMBOLS[s]} {NAMES[s]}", "number") for s in SEVERITIES]
    head = "".join(
        f'<th scope="col" data-type="{kind}"><button type="button">{escape(label)}</button></th>'
        for label, kind in headers
    )
    totals = {s: sum(e.counts()[s] for _, e in listed) for s in SEVERITIES}
    unreadable = sum(e.report is None for _, e in listed)
    summary = "，".join(f"{SYMBOLS[s]} {totals[s]} {NAMES[s]}" for s in SEVERITIES)
    body = [
        "<header><h1>政府信息公开工作年度报告核查 Report review</h1>",
        links,
        f"<p>{len(listed)} 份报告 reports：{summary}"
        + (f"，✖ {unreadable} 无法读取 unreadable" if unreadable else "")
        + "</p></header><main>",
        overview(listed),
        '<h2 id="reports-h">全部报告 Every report</h2>',
        '<p class="noprint"><label>筛选 filter <input id="filter" type="search"></label> '
        '<label><input id="only-errors" type="checkbox"> 只看有错误的 only with errors</label> '
        "（点击表头排序 click a heading to sort）</p>",
        '<table class="index" id="reports"><caption>全部报告 every report</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>",
        *(_index_row(n, name, e) for n, (name, e) in enumerate(listed, start=1)),
        "</tbody></table></main>",
    ]
    return page("政府信息公开工作年度报告核查 Report review", body, INDEX_SCRIPT + DASHBOARD_SCRIPT)


def write_review(entries: Iterable[Entry], target: Path) -> int:
    """Write the review of ``entries`` to ``target`` and return how many reports it holds.

    ``target`` is one page (``*.html``, up to :data:`PAGE_LIMIT` reports), or a directory of
    one page per report and an ``index.html`` written last; each file is written atomically.
    """
    if not is_directory_target(target):
        listed = list(entries)
        if len(listed) > PAGE_LIMIT:
            raise ValueError(
                f"{len(listed)} reports are too many for one page (at most {PAGE_LIMIT}); "
                "name a directory with -o to write one page per report and an index"
            )
        write_atomically(target, entries_page(listed))
        return len(listed)
    rows: list[tuple[str, Entry]] = []
    for number, entry in enumerate(entries, start=1):
        name = page_name(number, entry)
        write_atomically(target / name, entries_page([entry], index_href="index.html"))
        # Keep only what the index needs, so that a corpus of any size fits in memory.
        rows.append((name, _light(entry)))
    write_atomically(target / "index.html", index_page(rows))
    return len(rows)


def _light(entry: Entry) -> Entry:
    """The entry with only the cells the dashboard reads: the index shows metadata, counts and
    the headline figures."""
    if entry.report is None:
        return entry
    cells = dashboard_cells(entry.report)
    return attrs.evolve(entry, report=attrs.evolve(entry.report, cells=cells, prose={}, stated=()))
