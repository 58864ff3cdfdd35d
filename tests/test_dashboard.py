"""The corpus dashboard of the review index and of a page of several reports: its tallies
counted again here from the reports, its charts (inline SVG whose Chinese text is text), each
agency's years with the breaks the corpus rules find between them, the page without
Matplotlib, and the dashboard in headless Chromium."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from _browser import Visit, keep_screenshot
from _review_support import changed_seed, generated
from _support import SEEDS, cli
from lxml import html as lxml_html

import govinfo_report
from govinfo_report import Finding, Report, Severity
from govinfo_report._review import Entry, entries_page, index_page, write_review
from govinfo_report._review._dashboard import HEADLINES, dashboard, headline_value
from govinfo_report._review._write import _light
from govinfo_report.rules import CORPUS_RULES

#: A clean real report of the 2021 template (平顶山市司法局 2023) whose carried-over and
#: carried-forward figures are equal and whose documents in force add up with itself: as its own
#: next year it breaks no corpus rule.
SEED = SEEDS[2]
CARRIED = "applications.carried_over.natural_person"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _next_year(report: Report, name: str = "") -> Report:
    meta = attrs.evolve(report.metadata, year=(report.year or 0) + 1)
    return attrs.evolve(report, metadata=meta, source=attrs.evolve(report.source, path=name))


def _pair(changed: bool) -> list[Entry]:
    """The seed and its next year, the next year's carried-over figure raised by 7 when
    ``changed`` (in its rendered text, parsed again): GIR601 breaks between them."""
    first = govinfo_report.parse(SEED)
    second = changed_seed(SEED, CARRIED) if changed else govinfo_report.parse(SEED)
    return [Entry("a/2023.txt", first), Entry("a/2024.txt", _next_year(second, "a/2024.txt"))]


def _agencies(reports: list[Report], years: int) -> list[Report]:
    """``reports`` as agencies of ``years`` consecutive years each (2021 on)."""
    return [
        attrs.evolve(
            r,
            metadata=attrs.evolve(
                r.metadata, agency=f"某某市第{i // years}局", year=2021 + i % years
            ),
        )
        for i, r in enumerate(reports)
    ]


@pytest.fixture(scope="module")
def corpus() -> list[Entry]:
    """Forty generated reports (about half broken) as 13 agencies over three years, and a file
    that could not be read."""
    reports = _agencies(generated(39), 3)
    entries = [Entry(f"corpus/{i:03d}.txt", r) for i, r in enumerate(reports)]
    return [*entries, Entry("corpus/broken.pdf", error="ParseError: not a report")]


def _tree(page: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page)


def test_the_tallies_are_the_findings_counted_from_the_reports(corpus: list[Entry]) -> None:
    board = dashboard([(f"p{i}.html", e) for i, e in enumerate(corpus)])
    reports = [e.report for e in corpus if e.report is not None]
    assert (board.reports, board.unreadable) == (len(corpus), 1)
    findings = [f for r in reports for f in r.findings]
    assert findings, "the generated corpus has findings to count"
    assert dict(board.severities) == {s: sum(f.severity is s for f in findings) for s in Severity}
    by_rule = Counter((f.code, f.severity) for f in findings)
    holders = Counter(pair for r in reports for pair in {(f.code, f.severity) for f in r.findings})
    assert {(r.code, r.severity): (r.findings, r.reports) for r in board.rules} == {
        pair: (n, holders[pair]) for pair, n in by_rule.items()
    }
    assert [r.findings for r in board.rules] == sorted(by_rule.values(), reverse=True)
    errors: Counter[str | None] = Counter()
    counted: Counter[str | None] = Counter()
    for r in reports:
        errors[r.agency] += len(r.errors)
        counted[r.agency] += 1
    assert {g.name: (g.reports, g.errors) for g in board.agencies} == {
        a: (counted[a], errors[a]) for a in counted
    }
    assert [g.errors for g in board.agencies] == sorted(errors.values(), reverse=True)
    assert [(g.name, g.reports) for g in board.years] == [("2021", 13), ("2022", 13), ("2023", 13)]
    assert sum(g.errors for g in board.years) == sum(errors.values())
    # every agency has three years, each a row with its headline figures
    assert len(board.panels) == 13
    for panel in board.panels:
        assert panel.years == (2021, 2022, 2023)
        for row in panel.rows:
            report = next(e.report for e in corpus if e.name == row.name)
            assert report is not None
            assert row.values == tuple(headline_value(report, h) for h in HEADLINES)
            assert row.values[0] == report.get("applications.received_new.total")
    # the index keeps only the cells the dashboard reads, and shows the same
    light = [(f"p{i}.html", _light(e)) for i, e in enumerate(corpus)]
    assert dashboard(light) == board


def test_headline_figures_follow_each_template() -> None:
    for path in SEEDS:
        report = govinfo_report.parse(path)
        values = {h.zh: headline_value(report, h) for h in HEADLINES}
        assert values["新收申请"] == report.get("applications.received_new.total")
        assert values["办结"] == report.get("applications.total.total")
        assert values["行政复议"] == report.get("review_litigation.review.total")
        direct = report.get("review_litigation.litigation_direct.total")
        after = report.get("review_litigation.litigation_after_review.total")
        both = direct is not None and after is not None
        assert values["行政诉讼"] == (direct + after if both else None)  # type: ignore[operator]
        issued, in_force = (
            ("issued", "in_force") if report.template == "2021" else ("made", "public_total")
        )
        assert values["规范性文件 本年制发"] == report.get(f"active.normative_documents.{issued}")
        assert values["规范性文件 现行有效"] == report.get(f"active.normative_documents.{in_force}")
    assert govinfo_report.parse(SEEDS[3]).template == "2019"  # both templates were read


def test_the_charts_are_inline_svg_whose_chinese_text_is_text(corpus: list[Entry]) -> None:
    rows = [(f"p{i}.html", e) for i, e in enumerate(corpus)]
    page = index_page(rows)
    assert page == index_page(rows), "the same page every time"
    tree = _tree(page)
    svgs = tree.xpath("//section[@id='d']//svg")
    assert len(svgs) >= 3  # findings, errors, and agencies' panels
    for svg in svgs:
        assert svg.get("role") == "img"
        title, description = svg.get("aria-labelledby").split()
        assert svg.xpath(f"./title[@id='{title}']") and svg.xpath(f"./desc[@id='{description}']")
        assert CJK.search(svg.xpath("string(./title)"))
        texts = " ".join(t.text_content() for t in svg.xpath(".//text"))
        assert CJK.search(texts), "Chinese labels are <text>, not glyph paths"
        assert not svg.xpath(".//style | .//image | .//font | .//*[local-name()='font-face']")
    everything = " ".join(t.text_content() for t in tree.xpath("//svg//text"))
    assert "按规则 by rule" in everything and "错误按机关 errors by agency" in everything
    assert "新收申请" in everything and "规范性文件 现行有效" in everything
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "the charts' ids are unique on the page"
    known = set(ids)
    for reference in re.findall(r'(?:href="#|url\(#)([^")]+)', page):
        assert reference in known, reference
    assert "font-family: 'DejaVu" not in page and "@font-face" not in page
    # every number is also in a table
    rules = tree.xpath("//section[@id='d']//table[caption[contains(., 'by rule')]]//tbody/tr")
    assert len(rules) == len(dashboard(rows).rules)
    figures = tree.xpath("//section[@id='d']//table[caption[contains(., 'headline')]]//tbody/tr")
    assert len(figures) == 39


def test_a_panel_marks_the_break_a_changed_carried_over_figure_makes() -> None:
    board = dashboard([(e.name, e) for e in _pair(changed=False)])
    (panel,) = board.panels
    assert (panel.agency, panel.years) == ("平顶山市司法局", (2023, 2024))
    assert panel.breaks == () and board.breaks_computed

    entries = _pair(changed=True)
    board = dashboard([(e.name, e) for e in entries])
    (panel,) = board.panels
    ((year, finding),) = panel.breaks
    assert (year, finding.code, finding.location.key) == (2024, "GIR601", CARRIED)
    assert (finding.expected, finding.actual) == (0, 7)
    page = entries_page(entries)
    tree = _tree(page)
    figure = tree.get_element_by_id("d-a1")
    assert "平顶山市司法局" in figure.xpath("string(./figcaption)")
    assert "1 处跨年度不符" in figure.text_content()
    assert finding.message_zh in figure.xpath("string(.//details[@class='breaks'])")
    svg = figure.xpath(".//svg")[0]
    assert "✖" in " ".join(t.text_content() for t in svg.xpath(".//text"))
    assert "2023–2024年 GIR601" in svg.xpath("string(./desc)")
    assert svg.xpath(".//pattern"), "the years between which it breaks are hatched"
    second = tree.xpath("//table[caption[contains(., 'headline')]]//tr[td/a[@href='#r1']]")
    assert "GIR601 自然人 7≠0" in second[0].text_content()
    # the review page of each report and the index link to each other as before
    assert tree.xpath("//nav[@class='toc']//a[@href='#r1']")


def test_entries_of_a_corpus_database_bring_their_corpus_findings() -> None:
    first, second = _pair(changed=True)
    assert second.report is not None
    carried = Finding(
        "GIR601",
        CORPUS_RULES["GIR601"].severity,
        "上年结转与上年度报告不一致（数据库）",
        "carried over differs (database)",
    )
    checked = [
        attrs.evolve(first, corpus_checked=True),
        attrs.evolve(
            second,
            report=attrs.evolve(second.report, findings=(*second.report.findings, carried)),
            corpus_checked=True,
        ),
    ]
    board = dashboard([(e.name, e) for e in checked])
    assert board.panels[0].breaks == ((2024, carried),) and not board.breaks_computed
    # an entry carrying a corpus finding says the same without the flag
    unflagged = [attrs.evolve(e, corpus_checked=False) for e in checked]
    assert dashboard([(e.name, e) for e in unflagged]) == board
    # a rule configuration that ignored the corpus rules leaves no break to mark
    ignored = [attrs.evolve(e, corpus_checked=True) for e in _pair(changed=True)]
    assert dashboard([(e.name, e) for e in ignored]).panels[0].breaks == ()


def test_check_writes_the_breaks_of_files_and_of_a_corpus_database(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for entry in _pair(changed=True):
        assert entry.report is not None
        text = govinfo_report.render(entry.report, "pipe")
        (folder / f"{entry.report.year}.txt").write_text(text, encoding="utf-8")
    database = tmp_path / "reports.sqlite"
    parsed = cli("parse", str(folder), "--out", str(database))
    assert database.is_file(), parsed.stderr
    for source, computed in ((folder, True), (database, False)):
        out = tmp_path / f"review-{computed}"
        run = cli("check", str(source), "--format", "html", "-o", str(out))
        assert run.returncode == 1, run.stderr  # the raised figure breaks the seed's identities
        tree = _tree((out / "index.html").read_text("utf-8"))
        figure = tree.get_element_by_id("d-a1")
        assert "平顶山市司法局" in figure.xpath("string(./figcaption)")
        assert "GIR601" in figure.xpath("string(.//details[@class='breaks'])")
        assert "2023–2024年 GIR601" in figure.xpath("string(.//svg/desc)")
        intro = tree.xpath("string(//h3[@id='d-years']/following-sibling::p[1])")
        assert ("computed here" in intro) is computed
        rules = tree.xpath("string(//table[caption[contains(., 'by rule')]])")
        assert ("GIR601" in rules) is not computed  # a database's pages hold its findings


def test_without_matplotlib_the_numbers_are_tables_and_a_note_says_how_to_get_charts(
    corpus: list[Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    tree = _tree(index_page([(f"p{i}.html", e) for i, e in enumerate(corpus)]))
    dashboard_ = tree.get_element_by_id("d")
    assert not dashboard_.xpath(".//svg")
    assert "pip install 'govinfo-report[charts]'" in dashboard_.xpath("string(.//p[@class='note'])")
    folded = dashboard_.xpath(".//details[@class='numbers']")
    assert folded and all(d.get("open") is not None for d in folded)
    assert len(dashboard_.xpath(".//table[@class='data']")) == 5
    assert len(tree.xpath("//table[@id='reports']/tbody/tr")) == len(corpus)


def test_one_report_has_no_dashboard() -> None:
    page = govinfo_report.review_page(govinfo_report.parse(SEED))
    assert 'class="dashboard"' not in page and "<svg" not in page


def test_the_dashboard_loads_clean_in_chromium_and_a_screenshot_is_kept(
    browser: Any, tmp_path: Path
) -> None:
    names = ("某某市司法局", "某某县人民政府办公室", "某某区教育局", "某某市交通运输局")
    chosen = [r for r in generated(60) if r.template == "2021"][:12]
    assert len(chosen) == 12
    reports = [
        attrs.evolve(r, metadata=attrs.evolve(r.metadata, agency=names[i // 3]))
        for i, r in enumerate(_agencies(chosen, 3))
    ]
    entries = [Entry(f"reports/{r.agency}-{r.year}.txt", r) for r in reports]
    entries += _pair(changed=True)
    write_review(entries, tmp_path / "review")
    visit = Visit(browser, tmp_path / "review" / "index.html")
    page = visit.page
    charts = page.locator("section.dashboard svg.chart")
    assert charts.count() == 2 + 5  # findings, errors, five agencies
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
    # Chinese labels are laid out as text by the browser, in its own fonts
    label = page.locator("section.dashboard svg.chart text", has_text="按规则").first
    assert label.bounding_box()["width"] > 10  # type: ignore[index]
    # printing opens the folded tables of numbers
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".dashboard details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".dashboard details[open]").count() == 0
    visit.assert_clean()
    page.set_viewport_size({"width": 1100, "height": 1500})
    picture = tmp_path / "dashboard.png"
    page.screenshot(path=str(picture))
    keep_screenshot(picture)
    visit.close()
