"""The review page (``check --format html``) read as HTML: which cells are marked, with what,
linked how; the directory of pages and its index; the corpus database; atomic writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import attrs
import pytest
from _review_support import changed_seed, generated, offending_keys, template_keys
from _support import SEEDS, cli
from hypothesis import given
from lxml import html as lxml_html

import govinfo_report
from govinfo_report import Report, Severity
from govinfo_report._marks import SYMBOLS
from govinfo_report._review import PAGE_LIMIT, Entry, entries_page, write_review
from govinfo_report.testing import broken_reports

_SYMBOL_OF = {s.value: symbol for s, symbol in SYMBOLS.items()}


def _tree(page: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page)


def _marked(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """``{key: severity}`` of the cells marked by a finding."""
    return {
        td.get("data-key"): td.get("data-severity") for td in tree.xpath(".//td[@data-severity]")
    }


def _assert_self_contained(tree: lxml_html.HtmlElement) -> None:
    assert not tree.xpath("//script[@src] | //link | //img | //iframe | //object | //embed")
    for element in tree.iter():
        for name in ("src", "href", "action", "data", "poster"):
            value = element.get(name)
            if value is not None:
                assert (
                    value.startswith("#")
                    or not value.split(":")[0].isalpha()
                    or (value.startswith("data:"))
                ), (element.tag, name, value)
    assert "url(" not in "".join(tree.xpath("//style/text()"))
    assert "@import" not in "".join(tree.xpath("//style/text()"))


def _assert_linked_both_ways(tree: lxml_html.HtmlElement, report: Report, prefix: str) -> None:
    ids = tree.xpath(".//@id")
    assert len(ids) == len(set(ids)), "ids are unique"
    known = set(ids)
    for href in tree.xpath(".//a/@href"):
        if href.startswith("#"):
            assert href[1:] in known, href
    marked = _marked(tree)
    for number, finding in enumerate(report.findings, start=1):
        item = tree.get_element_by_id(f"{prefix}-f{number}")
        assert item.get("data-code") == finding.code
        assert finding.message_zh in item.text_content()
        assert finding.message_en in item.text_content()
        assert _SYMBOL_OF[finding.severity.value] in item.text_content()
        links = {a.get("href") for a in item.xpath(".//a")}
        for key in offending_keys(attrs.evolve(report, findings=(finding,))):
            if key in marked:
                assert f"#{prefix}-c-{key}" in links
                cell = tree.get_element_by_id(f"{prefix}-c-{key}")
                assert f"#{prefix}-f{number}" in cell.xpath(".//sup[@class='refs']/a/@href")
                tip = cell.xpath(".//div[@class='tip']")[0].text_content()
                assert finding.message_zh in tip and finding.message_en in tip


@given(broken_reports())
def test_a_broken_report_marks_exactly_the_cells_its_findings_involve(
    drawn: tuple[Report, str],
) -> None:
    report = govinfo_report.check(drawn[0])
    assert report.findings, "a broken identity is found"
    expected = offending_keys(report)
    assert drawn[1] in expected
    assert expected <= template_keys(report), "every involved cell is in the drawn tables"
    tree = _tree(entries_page([Entry("broken.txt", report)]))
    marked = _marked(tree)
    assert set(marked) == expected
    order = ["error", "warning", "info"]
    for key, severity in marked.items():
        worst = min(
            (
                f.severity.value
                for f in report.findings
                if key in offending_keys(attrs.evolve(report, findings=(f,)))
            ),
            key=order.index,
        )
        assert severity == worst
        cell = tree.get_element_by_id(f"r0-c-{key}")
        assert f"sev-{severity}" in cell.get("class").split()
        assert cell.get("tabindex") == "0"
        assert cell.xpath(".//span[@class='mk']")[0].text == _SYMBOL_OF[severity]
        assert cell.xpath(".//span[@class='vh']")[0].text_content()  # not colour alone
        assert cell.get("aria-describedby") == cell.xpath(".//div[@role='tooltip']/@id")[0]
    _assert_linked_both_ways(tree, report, "r0")
    _assert_self_contained(tree)


def test_a_changed_number_in_a_rendered_seed_is_marked_with_its_operands() -> None:
    report = changed_seed()
    assert report.errors
    tree = _tree(govinfo_report.review_page(report))
    assert set(_marked(tree)) == offending_keys(report)
    assert "applications.received_new.natural_person" in _marked(tree)
    _assert_linked_both_ways(tree, report, "r0")
    _assert_self_contained(tree)


def test_every_seed_page_is_accessible_and_self_contained() -> None:
    entries = [Entry(str(path), govinfo_report.parse(path)) for path in SEEDS]
    tree = _tree(entries_page(entries))
    assert tree.get("lang") == "zh-CN"
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
    toc = tree.xpath("//nav[@class='toc']//li")
    assert len(toc) == len(SEEDS)
    for i, (item, entry) in enumerate(zip(toc, entries, strict=True)):
        assert item.xpath(".//a/@href") == [f"#r{i}"]
        assert entry.report is not None
        counts = entry.counts()
        text = item.text_content()
        for severity in Severity:
            assert f"{counts[severity]} " in text
        section = tree.get_element_by_id(f"r{i}")
        _assert_linked_both_ways(section, entry.report, f"r{i}")
        assert set(_marked(section)) == offending_keys(entry.report) & template_keys(entry.report)
        for td in section.xpath(".//td[@data-key]"):
            key = td.get("data-key")
            cell = entry.report.cells.get(key)
            source = td.get("data-source")
            if cell is None:
                assert source == "unknown" and "？" in td.text_content()
            elif cell.provenance.origin == "prose":
                assert source == "prose" and "✎" in td.text_content()
            else:
                assert source in ("table", "blank")
                assert "✎" not in td.text_content() and "？" not in td.text_content()
    for table in tree.xpath("//table[@class='official']"):
        assert table.xpath("./caption")
        for th in table.xpath(".//th"):
            assert th.get("scope") in ("row", "col", "rowgroup", "colgroup")
    _assert_self_contained(tree)
    assert any(td.get("data-source") == "prose" for td in tree.xpath("//td[@data-key]")), (
        "a seed reads section 三 from the prose"
    )


def test_findings_about_no_cell_appear_in_the_list_only() -> None:
    text = SEEDS[1].read_text("utf-8")
    report = govinfo_report.parse(text.replace("五、存在的主要问题", "存在的主要问题", 1))
    without_cell = [
        (n, f)
        for n, f in enumerate(report.findings, start=1)
        if not offending_keys(attrs.evolve(report, findings=(f,)))
    ]
    assert any(f.code == "GIR101" for _, f in without_cell)
    tree = _tree(entries_page([Entry("x.txt", report)]))
    for number, finding in without_cell:
        item = tree.get_element_by_id(f"r0-f{number}")
        assert finding.message_zh in item.text_content()
        assert not tree.xpath(f"//td//a[@href='#r0-f{number}']")


def test_a_directory_holds_a_page_per_report_and_an_index(tmp_path: Path) -> None:
    reports = generated(12)
    entries = [Entry(f"dir/{i:03d}.txt", r) for i, r in enumerate(reports)]
    entries.append(Entry("dir/broken.txt", error="DecodeError: not text"))
    out = tmp_path / "review"
    assert write_review(entries, out) == len(entries)
    pages = sorted(p.name for p in out.iterdir())
    assert pages[-1] == "index.html" and len(pages) == len(entries) + 1
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary file is left"
    index = _tree((out / "index.html").read_text("utf-8"))
    rows = index.xpath("//table[@id='reports']/tbody/tr")
    assert len(rows) == len(entries)
    for row, entry, page in zip(rows, entries, pages, strict=False):
        assert row.xpath(".//a/@href") == [page]
        counts = [int(td.get("data-sort")) for td in row.xpath("./td[@class='n']")[1:]]
        assert counts == [entry.counts()[s] for s in Severity]
        one = _tree((out / page).read_text("utf-8"))
        assert one.xpath("//a[@href='index.html']")
        if entry.report is not None:
            assert set(_marked(one)) == offending_keys(entry.report)
    assert "broken.txt" in rows[-1].text_content() and rows[-1].get("data-error") == "1"
    assert index.xpath("//script[not(@src)]") and not index.xpath("//script[@src]")
    # the dashboard above the list: self-contained, unique ids, links to pages written
    assert index.xpath("//section[@id='d']//h2") and index.xpath("//section[@id='d']//table")
    _assert_self_contained(index)
    ids = index.xpath("//@id")
    assert len(ids) == len(set(ids))
    for href in index.xpath("//section[@id='d']//a/@href"):
        assert (out / href).is_file(), href


def test_one_page_holds_at_most_the_page_limit_and_replaces_a_file_whole(tmp_path: Path) -> None:
    report = generated(1)[0]
    target = tmp_path / "review.html"
    target.write_text("old", encoding="utf-8")
    write_review([Entry("a.txt", report)], target)
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["review.html"]
    with pytest.raises(ValueError, match="directory"):
        write_review([Entry(f"{i}.txt", report) for i in range(PAGE_LIMIT + 1)], target)
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_check_format_html_from_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    done = cli("check", *map(str, SEEDS), "--format", "html", "-o", str(page))
    assert done.returncode == 1, done.stderr  # a seed has an error finding
    tree = _tree(page.read_text("utf-8"))
    assert len(tree.xpath("//section[@class='report']")) == len(SEEDS)
    assert f"review -> {page}" in done.stderr
    to_dir = cli("check", str(SEEDS[0].parent), "--format", "html", "-o", str(tmp_path / "d"))
    assert to_dir.returncode == 1
    assert len(list((tmp_path / "d").glob("*.html"))) == len(SEEDS) + 1
    stdout = cli("check", str(SEEDS[0]), "--format", "html")
    assert _tree(stdout.stdout).xpath("//section[@class='report']")
    assert cli("check", str(SEEDS[0]), "-o", str(page)).returncode == 2  # -o is for html


def test_check_a_corpus_database_as_html(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "undecodable.txt").write_bytes(b"\xff\xfe\x00\xd8\x81")
    db_path = tmp_path / "results.sqlite"
    cli("parse", str(corpus), "--out", str(db_path), "-j", "1")
    done = cli("check", str(db_path), "--format", "html", "-o", str(tmp_path / "out"))
    assert done.returncode == 1, done.stderr
    db = sqlite3.connect(db_path)
    stored = dict(db.execute("SELECT file, count(*) FROM findings GROUP BY file").fetchall())
    files = [f for (f,) in db.execute("SELECT file FROM reports ORDER BY file")]
    db.close()
    index = _tree((tmp_path / "out" / "index.html").read_text("utf-8"))
    rows = index.xpath("//table[@id='reports']/tbody/tr")
    assert [r.xpath(".//a")[0].text for r in rows] == files
    for row, file in zip(rows, files, strict=True):
        page = _tree((tmp_path / "out" / row.xpath(".//a/@href")[0]).read_text("utf-8"))
        items = page.xpath("//ol[@class='findings']/li")
        assert len(items) == stored.get(file, 0)
        unreadable = file.endswith("undecodable.txt")
        assert row.get("data-status") == ("unreadable" if unreadable else "ok")


def test_a_table_with_no_value_read_is_not_drawn_and_its_findings_link_nowhere() -> None:
    report = generated(1)[0]
    cells = dict(report.cells)
    key = "review_litigation.review.total"
    cells[key] = attrs.evolve(cells[key], value=int(report[key] or 0) + 1)
    checked = govinfo_report.check(attrs.evolve(report, cells=cells))
    assert {f.code for f in checked.findings} == {"GIR304"}
    # the findings of a report whose section 四 was then dropped, as a filtered saved report
    without = attrs.evolve(
        checked,
        cells={k: c for k, c in cells.items() if not k.startswith("review_litigation.")},
    )
    tree = _tree(entries_page([Entry("x.txt", without)]))
    assert not tree.xpath("//td[starts-with(@data-key, 'review_litigation.')]")
    assert not tree.xpath("//td[@data-severity]")
    assert "no value of this part was read" in tree.text_content()
    item = tree.get_element_by_id("r0-f1")
    assert "not in a table" in item.text_content() and not item.xpath(".//a")
    _assert_linked_both_ways(tree, without, "r0")


def test_a_hand_edited_database_row_has_a_page_that_says_so_and_the_rest_go_on(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS:
        (corpus / path.name).write_bytes(path.read_bytes())
    db_path = tmp_path / "results.sqlite"
    cli("parse", str(corpus), "--out", str(db_path), "-j", "1")
    db = sqlite3.connect(db_path)
    files = [f for (f,) in db.execute("SELECT file FROM reports ORDER BY file")]
    with db:  # a row of the earlier schema (no stored report) with a date edited by hand
        db.execute(
            "UPDATE reports SET published = '2024年1月5日', report = NULL WHERE file = ?",
            (files[0],),
        )
        db.execute("UPDATE reports SET report = x'00ff' WHERE file = ?", (files[1],))
    db.close()
    done = cli("check", str(db_path), "--format", "html", "-o", str(tmp_path / "out"))
    assert "Traceback" not in done.stderr
    index = _tree((tmp_path / "out" / "index.html").read_text("utf-8"))
    rows = index.xpath("//table[@id='reports']/tbody/tr")
    assert [r.xpath(".//a")[0].text for r in rows] == files
    statuses = ["unreadable", "unreadable"] + ["ok"] * (len(files) - 2)
    assert [r.get("data-status") for r in rows] == statuses
    first = (tmp_path / "out" / rows[0].xpath(".//a/@href")[0]).read_text("utf-8")
    assert "2024年1月5日" in first
    second = (tmp_path / "out" / rows[1].xpath(".//a/@href")[0]).read_text("utf-8")
    assert "not compressed JSON" in second
