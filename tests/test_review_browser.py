"""The review page in a real headless Chromium (Debian's ``/usr/bin/chromium`` driven by
Playwright): exactly the offending cells are marked, their messages show on keyboard focus,
and pages load with no console error and no request but the page itself.

A screenshot of a focused marked cell and the page printed to PDF are saved under the test's
``tmp_path`` and copied to ``tests/output/review.png`` and ``review.pdf`` (ignored by git).
The browser comes from ``tests/_browser.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from _browser import OUTPUT, Visit
from _review_support import changed_seed, generated, offending_keys
from _support import SEEDS

import govinfo_report
from govinfo_report._review import Entry, entries_page, write_review


def test_offending_cells_are_marked_and_explained_on_keyboard_focus(
    browser: Any, tmp_path: Path
) -> None:
    report = changed_seed()
    expected = offending_keys(report)
    assert expected and report.errors
    path = tmp_path / "review.html"
    path.write_text(govinfo_report.review_page(report), encoding="utf-8")
    visit = Visit(browser, path)
    page = visit.page
    marked = page.eval_on_selector_all(
        "td[data-severity]", "cells => cells.map(c => c.dataset.key)"
    )
    assert sorted(marked) == sorted(expected)
    messages = {
        key: [f.message_zh for f in report.findings if key in offending_keys_of(f)]
        for key in expected
    }
    for key in expected:  # hidden until focused
        assert not page.locator(f'[id="r0-c-{key}"] .tip').is_visible()
    reached: set[str] = set()
    screenshot = tmp_path / "review.png"
    for _ in range(3000):  # Tab through the page: cells, reference links, finding links
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const c = document.activeElement.closest('td[data-severity]');"
            " return c && c === document.activeElement ? c.dataset.key : null; }"
        )
        if focused is None or focused in reached:
            if reached == expected:
                break
            continue
        reached.add(focused)
        tip = page.locator(f'[id="r0-c-{focused}"] .tip')
        assert tip.is_visible()
        text = tip.inner_text()
        for message in messages[focused]:
            assert message in text
        visible = page.eval_on_selector_all(
            ".tip", "tips => tips.filter(t => t.offsetParent !== null).length"
        )
        assert visible == 1, "only the focused cell's message shows"
        if not screenshot.exists():
            page.screenshot(path=str(screenshot))
    assert reached == expected
    OUTPUT.mkdir(exist_ok=True)
    shutil.copy(screenshot, OUTPUT / "review.png")
    # printed: fixed table layout, no popover even on focus, the finding list as footnotes
    page.emulate_media(media="print")
    cell = page.locator(f'[id="r0-c-{sorted(expected)[0]}"]')
    cell.focus()
    assert not cell.locator(".tip").is_visible()
    layouts = page.eval_on_selector_all(
        "table.official", "ts => ts.map(t => getComputedStyle(t).tableLayout)"
    )
    assert layouts and set(layouts) == {"fixed"}
    assert page.locator("ol.findings li").count() == len(report.findings)
    assert page.locator("ol.findings").is_visible()
    page.pdf(path=str(tmp_path / "review.pdf"), prefer_css_page_size=True)
    shutil.copy(tmp_path / "review.pdf", OUTPUT / "review.pdf")
    visit.assert_clean()
    visit.close()


def offending_keys_of(finding: govinfo_report.Finding) -> set[str]:
    """The keys one finding involves."""
    from govinfo_report._marks import finding_keys

    return set(finding_keys(finding))


def test_seed_pages_load_with_no_console_error_and_no_request(browser: Any, tmp_path: Path) -> None:
    entries = [Entry(str(p), govinfo_report.parse(p)) for p in SEEDS]
    path = tmp_path / "seeds.html"
    path.write_text(entries_page(entries), encoding="utf-8")
    visit = Visit(browser, path)
    assert visit.page.locator("section.report").count() == len(SEEDS)
    first = visit.page.locator("td[data-severity]").first
    first.focus()
    assert first.locator(".tip").is_visible()
    visit.assert_clean()
    visit.close()


def test_a_generated_corpus_of_200_loads_cleanly_as_one_page_and_as_a_directory(
    browser: Any, tmp_path: Path
) -> None:
    entries = [Entry(f"corpus/{i:04d}.txt", r) for i, r in enumerate(generated(200))]
    single = tmp_path / "all.html"
    write_review(entries, single)
    visit = Visit(browser, single)
    assert visit.page.locator("nav.toc li").count() == 200
    visit.assert_clean()
    visit.close()
    directory = tmp_path / "review"
    write_review(entries, directory)
    index = Visit(browser, directory / "index.html")
    page = index.page
    assert page.locator("#reports tbody tr").count() == 200
    # sorting by the error count puts the most errors first on the second click
    errors_heading = page.locator("#reports thead th").nth(5).locator("button")
    errors_heading.click()
    errors_heading.click()
    counts = page.eval_on_selector_all(
        "#reports tbody tr", "rows => rows.map(r => Number(r.cells[5].dataset.sort))"
    )
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    page.fill("#filter", "0007.txt")
    assert page.locator("#reports tbody tr:not([hidden])").count() == 1
    page.fill("#filter", "")
    page.check("#only-errors")
    shown = page.locator("#reports tbody tr:not([hidden])").count()
    assert shown == sum(1 for e in entries if e.counts()[govinfo_report.Severity.ERROR])
    index.assert_clean()
    pages = sorted(directory.glob("0*.html"))
    assert len(pages) == 200
    for one in pages:
        index.open(one)
        index.assert_clean()
    index.close()
