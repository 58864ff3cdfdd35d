"""Generated reports in every layout, with the noise the real corpus shows, parse back exactly.

The CI profile is derandomised; ``pytest --hypothesis-profile=long tests/test_fuzz.py`` runs
10,000 examples per layout.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from _support import SEEDS, expected_identity_findings
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import (
    assert_exact_or_flagged,
    assert_reads_or_refuses,
    assert_round_trips,
    broken_reports,
    noise,
    report_differences,
    reports,
)

LAYOUTS = ("html", "pipe", "tab", "markdown", "lines", "spaces")
PIPE_SEED = SEEDS[0]


def render(report: Report, layout: str, rng: random.Random, chosen: list[noise.Noise]) -> str:
    word = layout == "html" and rng.random() < 0.5
    text = govinfo_report.render(report, layout, **({"word": True} if word else {}))
    return noise.apply(text, chosen, rng)


def noises_for(layout: str) -> st.SearchStrategy[list[noise.Noise]]:
    return st.lists(
        st.sampled_from(noise.for_layout(layout)), unique_by=lambda n: n.name, max_size=6
    )


PARSER = govinfo_report.Parser()


@pytest.mark.parametrize("layout", LAYOUTS)
@given(data=st.data())
def test_round_trip(layout: str, data: st.DataObject) -> None:
    report = data.draw(
        reports(max_count=data.draw(st.sampled_from([9, 1000, 10**7]))), label="report"
    )
    chosen = data.draw(noises_for(layout), label="noise")
    rng = data.draw(st.randoms(use_true_random=False))
    assert_round_trips(PARSER, report, lambda r: render(r, layout, rng, chosen))


@pytest.mark.parametrize("layout", LAYOUTS)
@given(data=st.data())
def test_blank_cells_are_exact_or_flagged_never_wrong(layout: str, data: st.DataObject) -> None:
    report = data.draw(reports(blanks=True), label="report")
    chosen = data.draw(noises_for(layout), label="noise")
    rng = data.draw(st.randoms(use_true_random=False))
    parsed = govinfo_report.parse(render(report, layout, rng, chosen))
    assert_exact_or_flagged(report, parsed, codes=("GIR104",))
    keeps = layout == "html" or (layout != "lines" and all(n.keeps_blanks for n in chosen))
    if layout == "html":
        assert parsed.to_flat() == report.to_flat()  # markup shows every empty cell where it is
    if not keeps:
        return
    # A delimited table with one full row places every blank; lines cannot show blanks at all.
    assert set(parsed.cells) <= set(report.cells)


@pytest.mark.parametrize("layout", LAYOUTS)
@given(data=st.data())
def test_one_changed_cell_is_found_after_rendering(layout: str, data: st.DataObject) -> None:
    report, key = data.draw(broken_reports())
    chosen = data.draw(noises_for(layout), label="noise")
    parsed = govinfo_report.parse(
        render(report, layout, data.draw(st.randoms(use_true_random=False)), chosen)
    )
    assert report_differences(report, parsed) == []
    identities = {"GIR301", "GIR302", "GIR303", "GIR304"}
    found = {
        (f.code, f.location.row, f.location.column) for f in parsed.findings if f.code in identities
    }
    assert found == expected_identity_findings(key)
    assert {f.code for f in parsed.errors} <= identities


# -- no crash, no hang -------------------------------------------------------------------------

_DEFAULT = govinfo_report.Parser()
NO_HANG = settings(deadline=5000)  # a parse is milliseconds; five seconds is a hang


def parses_or_typed_error(source: str | bytes) -> None:
    assert_reads_or_refuses(_DEFAULT, source)


@NO_HANG
@given(st.text(max_size=3000))
def test_arbitrary_text(text: str) -> None:
    parses_or_typed_error(text)


@NO_HANG
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    parses_or_typed_error(data)


MUTATIONS = ("delete", "swap", "truncate", "garbage", "shuffle_cells")
GARBAGE = st.text(
    alphabet=st.sampled_from("|\t \n0123456789一二三四、()（）总计其他规章-.万元<>td/"), max_size=40
)


@NO_HANG
@given(
    seed=st.sampled_from(SEEDS),
    mutations=st.lists(
        st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10**6), GARBAGE),
        min_size=1,
        max_size=8,
    ),
    as_bytes=st.booleans(),
)
def test_mutated_seeds(seed: Path, mutations: list[tuple[str, int, str]], as_bytes: bool) -> None:
    lines = seed.read_text("utf-8").split("\n")
    for kind, where, garbage in mutations:
        i = where % max(len(lines), 1)
        if kind == "delete" and lines:
            del lines[i]
        elif kind == "swap" and lines:
            j = (where // 7) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate" and lines:
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: where % (len(lines[-1]) + 1)]
        elif kind == "garbage":
            lines.insert(i, garbage)
        elif kind == "shuffle_cells" and lines:
            cells = lines[i].split("\t")
            lines[i] = "\t".join(reversed(cells))
    text = "\n".join(lines)
    parses_or_typed_error(text.encode("utf-8") if as_bytes else text)


@NO_HANG
@given(
    html=st.text(
        alphabet=st.sampled_from(list("<>/=\"' tdrabletbodyspancolrow12345一二三")), max_size=2000
    )
)
def test_arbitrary_markup(html: str) -> None:
    parses_or_typed_error("<html><body><table>" + html)


def test_regression_wrapped_label_fragment_close_to_another_row() -> None:
    """Found by the long profile: 4.无正当理由大量反复申请 wrapped as 4.无正当理由大量反 / 复申请
    mapped its fragment 复申请 to 2.重复申请; the label joined again is the exact match."""
    report = govinfo_report.parse(PIPE_SEED)
    text = govinfo_report.render(report, "lines").replace(
        "4.无正当理由大量反复申请\n", "4.无正当理由大量反\n复申请\n"
    )
    assert "\n复申请\n" in text
    parsed = govinfo_report.parse(text)
    assert parsed.to_flat() == report.to_flat()
    assert parsed.findings == report.findings
