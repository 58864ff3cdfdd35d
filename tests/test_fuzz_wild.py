"""Documents as they reach people: crawler dumps, markdown exports, PDF text split by pages.

Each option of these layouts and noises leaves a document a careful person still reads
exactly: every value is there or visibly blank (a crawler's glued cells excepted, where the
digits may not say which cell is which). So every cell of the report is read exactly or a
finding of the reading stage names its part, and the agency and year are read.

The CI profile tries twenty examples of each property (the file runs in seconds);
``pytest --hypothesis-profile=long tests/test_fuzz_wild.py`` tries 2,500 and shrinks failures.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Cell, Metadata, Provenance, Report
from govinfo_report._keys import APPLICANTS, Template
from govinfo_report.testing import assert_exact_or_flagged, noise, reports

# Twenty examples in CI, a quarter of the long profile's (2,500). In CI a failure is reported
# as drawn, its document in the notes: shrinking one takes minutes.
_PROFILE = settings()
_LONG = _PROFILE.max_examples > 100
WILD = settings(
    max_examples=max(20, _PROFILE.max_examples // 4),
    phases=[p for p in _PROFILE.phases if _LONG or p is not Phase.shrink],
)

# Findings of the reading stage that say a cell was not read. A layout whose cells are all
# there separated (markdown, spaces, tab) may leave a cell unknown only where a row's cells
# cannot be placed; glued cells add the findings of the glued extractor.
PLACED = ("GIR103", "GIR104")
GLUED = (*PLACED, "GIR105", "GIR106", "GIR110", "GIR111", "GIR112", "GIR114")
PDF_SPLIT = next(n for n in noise.NOISES if n.name == "pdf_split_tables")


def report_draws(blanks: bool) -> st.SearchStrategy[Report]:
    return reports(max_count=9, blanks=True) if blanks else reports()


def assert_read(report: Report, document: str, codes: Collection[str]) -> Report:
    """Parse ``document``: every cell of ``report`` exact or flagged by ``codes``, nothing
    read that the report does not have, and the agency and year read."""
    parsed = govinfo_report.parse(document)
    assert_exact_or_flagged(report, parsed, codes=codes)
    invented = sorted(set(parsed.cells) - set(report.cells))
    assert not invented, f"cells read that the report does not have: {invented[:5]}"
    metadata = (parsed.agency, parsed.year)
    assert metadata == (report.agency, report.year), f"agency and year read as {metadata}"
    return parsed


# -- properties -----------------------------------------------------------------------------


@pytest.mark.parametrize("blanks", [False, True], ids=["full", "blanks"])
@WILD
@given(data=st.data())
def test_crawler_dump(blanks: bool, data: st.DataObject) -> None:
    report = data.draw(report_draws(blanks), label="report")
    options = data.draw(noise.crawler_options(), label="options")
    document = govinfo_report.render(report, "crawler", **options)
    note(document)
    assert_read(report, document, GLUED)


@pytest.mark.parametrize("blanks", [False, True], ids=["full", "blanks"])
@WILD
@given(data=st.data())
def test_markdown_export(blanks: bool, data: st.DataObject) -> None:
    report = data.draw(report_draws(blanks), label="report")
    options = data.draw(noise.markdown_export_options(report), label="options")
    document = govinfo_report.render(report, "markdown_export", **options)
    note(document)
    assert_read(report, document, PLACED)


@pytest.mark.parametrize("layout", sorted(PDF_SPLIT.layouts))
@pytest.mark.parametrize("blanks", [False, True], ids=["full", "blanks"])
@WILD
@given(data=st.data())
def test_pdf_split_tables(layout: str, blanks: bool, data: st.DataObject) -> None:
    report = data.draw(report_draws(blanks), label="report")
    rng = data.draw(st.randoms(use_true_random=False))
    document = PDF_SPLIT(govinfo_report.render(report, layout), rng)
    note(document)
    assert_read(report, document, PLACED)


# -- examples: one option at a time on a small report ---------------------------------------


def example_report(
    template: Template = "2021",
    blanks: Iterable[str] = (),
    dated: bool = True,
    active: Mapping[str, int | None] | None = None,
) -> Report:
    """A report of ``template`` with small values whose identities hold; ``blanks`` (keys of
    cells that hold 0) left blank; published on a date (under the report and in a crawler's
    发布时间 line) when ``dated``; ``active`` values of section 二 (which has no identities)."""
    values: dict[str, int | Decimal | None] = {}
    for number, key in enumerate(govinfo_report.keys(template)):
        if key.section == "active":
            values[key.key] = Decimal("12.35") if key.kind == "money" else number % 9 + 1
    for column, applicant in enumerate(APPLICANTS):
        rows = govinfo_report.tables.template_rows(template, "applications")
        for row in rows:
            values[f"applications.{row}.{applicant}"] = 0
        values[f"applications.granted.{applicant}"] = column + 1
        values[f"applications.partially_granted.{applicant}"] = 1
        values[f"applications.total.{applicant}"] = column + 2
        values[f"applications.carried_over.{applicant}"] = 1
        values[f"applications.carried_forward.{applicant}"] = 1
        values[f"applications.received_new.{applicant}"] = column + 2
    for row in govinfo_report.tables.template_rows(template, "applications"):
        values[f"applications.{row}.total"] = sum(
            int(values[f"applications.{row}.{a}"] or 0) for a in APPLICANTS
        )
    for i, block in enumerate(("review", "litigation_direct", "litigation_after_review")):
        parts = {"upheld": i + 1, "corrected": 0, "other": 2, "pending": 0}
        for part, value in {**parts, "total": sum(parts.values())}.items():
            values[f"review_litigation.{block}.{part}"] = value
    values.update(active or {})
    for blank in blanks:
        assert values[blank] == 0, blank
        values[blank] = None
    year = 2023 if template == "2021" else 2020
    metadata = Metadata(
        agency="某某县人民政府办公室",
        year=year,
        template=template,
        published=datetime.date(year + 1, 1, 20) if dated else None,
    )
    generated = Provenance("generated", "table")
    return Report(metadata, {k: Cell(k, v, generated) for k, v in values.items()})


def check_example(report: Report, document: str, codes: Collection[str] = PLACED) -> None:
    print(document)  # shown by pytest when the example fails
    assert_read(report, document, codes)


REPORT = example_report()
# Without a date there is no sign-off: the agency is only in the title.
UNDATED = example_report(dated=False)
BLANKS = ("applications.denied.state_secret.research", "review_litigation.review.corrected")
WITH_BLANKS = example_report(blanks=BLANKS, dated=False)

CRAWLER_EXAMPLES: dict[str, dict[str, Any]] = {
    "spaced_line_per_part": {"cells": "spaced"},
    "glued_line_per_part": {"cells": "glued"},
    "mixed_one_line": {"cells": ("glued", "spaced", "glued"), "one_line": True},
    "spaced_one_line_joined_by_spaces": {"cells": "spaced", "one_line": True, "joiner": " "},
    "no_overview": {"cells": "spaced", "outline": "no_overview"},
    "four_as_complaint": {"cells": "spaced", "wordings": {"四": noise.HEADING_WORDINGS["四"][0]}},
    "four_typo": {"cells": "spaced", "wordings": {"四": noise.HEADING_WORDINGS["四"][1]}},
    "spaced_headings": {"cells": "spaced", "spaced_headings": True},
    "year_first": {"cells": "spaced", "year_first": True},
}


@pytest.mark.parametrize("options", CRAWLER_EXAMPLES.values(), ids=CRAWLER_EXAMPLES)
def test_crawler_example(options: dict[str, Any]) -> None:
    check_example(REPORT, govinfo_report.render(REPORT, "crawler", **options), GLUED)


MARKDOWN_EXAMPLES: dict[str, dict[str, Any]] = {
    "plain": {},
    "bold_headings": {"mark": "**"},
    "deep_headings": {"mark": "######"},
    "captions": {"captions": "plain"},
    "marked_captions": {"captions": "marked"},
    "split_by_row_groups": {"split_applications": True},
    "split_with_placeholders": {"split_applications": True, "placeholder": "数据{}"},
    "labels_after": {"floating_labels": {"applications.granted": "after"}},
    "labels_before": {
        "floating_labels": dict.fromkeys(
            ("applications.granted", "applications.denied.state_secret"), "before"
        )
    },
    "labels_before_two_rows": {
        "floating_labels": dict.fromkeys(
            ("applications.granted", "applications.partially_granted"), "before"
        )
    },
    "label_alone_after": {"floating_labels": {"applications.partially_granted": "after"}},
    "label_after_four_cells": {"floating_labels": {"active.regulations": "after"}},
    "footer_line": {"page_breaks": ["applications.granted"], "footer": "- {page} -"},
    "footer_row": {
        "page_breaks": ["applications.granted"],
        "footer": "第{page}页 共{pages}页",
        "footer_as_row": True,
    },
    "no_overview": {"outline": "no_overview"},
    "restart": {"outline": "restart"},
    "apart": {"outline": "apart"},
    **{
        f"wording_{part}_{i}": {"wordings": {part: words}}
        for part, wordings in noise.HEADING_WORDINGS.items()
        for i, words in enumerate(wordings)
    },
    "spaced_headings": {"spaced_headings": True},
    "year_first": {"year_first": True},
    "split_title": {"split_title": True},
}


@pytest.mark.parametrize("options", MARKDOWN_EXAMPLES.values(), ids=MARKDOWN_EXAMPLES)
def test_markdown_export_example(options: dict[str, Any]) -> None:
    check_example(UNDATED, govinfo_report.render(UNDATED, "markdown_export", **options))


@pytest.mark.parametrize("options", MARKDOWN_EXAMPLES.values(), ids=MARKDOWN_EXAMPLES)
def test_markdown_export_example_reads_every_cell(options: dict[str, Any]) -> None:
    """Markdown keeps every cell in its place, empty ones too: every value is read, the blanks
    as blanks (stronger than exact or flagged)."""
    document = govinfo_report.render(WITH_BLANKS, "markdown_export", **options)
    check_example(WITH_BLANKS, document)
    assert govinfo_report.parse(document).to_flat() == WITH_BLANKS.to_flat()


@pytest.mark.parametrize("side", ["before", "after"])
def test_a_floating_label_and_a_blank_last_cell(side: str) -> None:
    """``|  | 0 | 0 |  |`` with 规章 on the next line: 0, 0 and a blank, not shifted."""
    zeros = {"active.regulations.issued": 0, "active.regulations.repealed": 0}
    report = example_report(active={**zeros, "active.regulations.in_force": None}, dated=False)
    document = govinfo_report.render(
        report, "markdown_export", floating_labels={"active.regulations": side}
    )
    check_example(report, document)


@pytest.mark.parametrize("layout", sorted(PDF_SPLIT.layouts))
@pytest.mark.parametrize("seed", range(4))
def test_pdf_split_tables_example(layout: str, seed: int) -> None:
    document = PDF_SPLIT(govinfo_report.render(REPORT, layout), random.Random(seed))
    check_example(REPORT, document)


ZEROS_OF_FOUR = (
    "review_litigation.review.corrected",
    "review_litigation.review.pending",
    "review_litigation.litigation_direct.corrected",
)


@pytest.mark.parametrize("layout", sorted(PDF_SPLIT.layouts))
@pytest.mark.parametrize("marker", ["- 4 -", "—4—", "第 4 页"])
@pytest.mark.parametrize("blanks", [1, 2, 3])
def test_page_marker_glued_to_the_heading_after_a_short_row(
    layout: str, marker: str, blanks: int
) -> None:
    """Section 四's row of numbers, some cells blank, then the page's end glued to part 五's
    heading: the marker is no cell of the row."""
    report = example_report(blanks=ZEROS_OF_FOUR[:blanks])
    document = govinfo_report.render(report, layout).replace("\n五、", f"\n{marker}五、")
    check_example(report, document)


def test_the_writers_do_what_their_options_say() -> None:
    """The shapes the properties rely on (the parser aside)."""
    dump = govinfo_report.render(
        REPORT, "crawler", cells=("glued", "spaced", "glued"), one_line=True
    )
    top, body = dump.split("\n", 3)[:3], dump.split("\n", 3)[3]
    assert [line.split(":", 1)[0] for line in top] == ["标题", "发布时间", "原文链接"]
    assert body.count("\n") == 1  # the page on one line
    assert "。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数" in body
    assert "规章123行政规范性文件456" in body  # glued
    assert "一、本年新收政府信息公开申请数量 2 3 4" in body  # spaced
    assert "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持" in body
    per_part = govinfo_report.render(REPORT, "crawler", cells="spaced")
    assert [line[:2] for line in per_part.splitlines()[4:]] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
    ]
    export = govinfo_report.render(
        REPORT,
        "markdown_export",
        outline="no_overview",
        floating_labels={"applications.granted": "after"},
        page_breaks=["applications.granted"],
        footer_as_row=True,
    )
    assert export.split("\n## ")[1].startswith("一、主动公开政府信息情况")
    assert "| 三、本年度办理结果 |" not in export
    assert (
        "|  | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n三、本年度办理结果 （一）予以公开\n| - 2 - |" in export
    )
    split = govinfo_report.render(
        REPORT, "markdown_export", split_applications=True, placeholder="列{}"
    )
    assert split.count("| 列1 | 列2 |") == 1 + 10 + 1 + 1  # 二, 三's row groups, 四 (2021)
