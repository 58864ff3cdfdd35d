"""Normalisation: one spelling of the text, and a way back to the original offsets."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import govinfo_report
from govinfo_report._input import _normalise
from govinfo_report._input._normalise import normalise


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("根據(jù)《條例》規(guī)定", "根据《条例》规定"),
        ("統(tǒng)計數(shù)據(jù)", "统计数据"),
        ("收费金额(单位:万元)", "收费金额(单位:万元)"),  # real parentheses stay
        ("（单位：万元）", "(单位:万元)"),  # full width folds to ASCII
        ("予以公开(a)", "予以公开(a)"),  # no tone mark: not a gloss
    ],
)
def test_glosses_removed_and_real_parentheses_kept(original: str, expected: str) -> None:
    # Short strings: force the Traditional decision by length of what changed.
    text = normalise(original * 3).text
    assert text == expected * 3


def test_width_spaces_and_invisible_characters() -> None:
    doc = normalise("三、本年 度办理 结果\t\u00a00\u200b\r\n２０２３年\u3000报告")
    assert doc.text == "三、本年度办理结果\t 0\n2023年报告"


def test_simplified_text_is_left_as_it_is() -> None:
    text = "二、主动公开政府信息情况\n第二十条第(一)项\n规章\t0\t0\t0\n"
    doc = normalise(text)
    assert doc.text == text
    assert doc.script == "simplified"
    assert not doc.steps


def test_traditional_is_detected_and_converted() -> None:
    doc = normalise("二、主動公開政府信息情況\n三、收到和處理政府信息公開申請情況\n行政規範性文件")
    assert doc.script == "traditional"
    assert "主动公开政府信息情况" in doc.text
    assert "行政规范性文件" in doc.text


def test_offsets_point_into_the_original() -> None:
    original = "根據(jù)《條例》規(guī)定\n三、本年 度辦理 結果\t1\u00a0２３\n"
    doc = normalise(original)
    assert doc.script == "traditional"
    for word, source in (
        ("根据", "根據"),  # the gloss after it is not part of the word
        ("规定", "規(guī)定"),
        ("三、本年度办理结果", "三、本年 度辦理 結果"),
        ("23", "２３"),
    ):
        i = doc.text.index(word)
        start, end = doc.original_span(i, i + len(word))
        assert original[start:end] == source
    i = doc.text.index("23")
    assert doc.original_line(doc.original_offset(i)) == 2


@given(st.text(alphabet=st.sampled_from("規據情況（）(jù) \u00a0\u200b\t\n１２3a年"), max_size=60))
def test_offset_map_is_monotone_and_in_range(text: str) -> None:
    doc = normalise(text)
    offsets = [doc.original_offset(i) for i in range(len(doc.text) + 1)]
    assert all(0 <= o <= len(text) for o in offsets)
    assert offsets == sorted(offsets)


@given(st.text(alphabet=st.sampled_from("規據情況（）(jù) \u00a0\u200b\t\n１２3a年"), max_size=60))
def test_forward_map_is_monotone_and_inverts_the_back_map(text: str) -> None:
    doc = normalise(text)
    forward = [doc.normalised_offset(o) for o in range(len(text) + 1)]
    assert forward == sorted(forward)
    assert all(0 <= f <= len(doc.text) for f in forward)
    for i in range(len(doc.text) + 1):
        assert doc.normalised_offset(doc.original_offset(i)) <= i


_PIECES = (
    "a",
    "\r\n",
    "\r",
    "根據(jù)",
    "\u200b",
    "（",
    "１",
    "- 4 -\n",
    "國",
    "本年 度",
    "\n",
    " ",
)


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_composed_back_map_equals_the_steps_one_by_one(text: str) -> None:
    doc = normalise(text)
    for offset in range(len(doc.text) + 2):
        expected = offset
        for step in reversed(doc.steps):
            expected = step.back(expected)
        assert doc.original_offset(offset) == min(max(expected, 0), len(doc.original))


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_composed_forward_map_equals_the_steps_one_by_one(text: str) -> None:
    doc = normalise(text)
    for offset in range(len(doc.original) + 2):
        expected = offset
        for step in doc.steps:
            expected = step.forward(expected)
        assert doc.normalised_offset(offset) == min(max(expected, 0), len(doc.text))


@given(
    st.lists(
        st.sampled_from(
            [
                "根据",
                "(jù)",
                "(a)",
                "\n",
                " ",
                "- 4 -",
                "— 12 —",
                "第4页",
                "第 4 页/共9页",
                "2023-01-01",
                *_normalise._LINE_BREAKS,
                *_normalise._TONED[:4],
                *_normalise._INVISIBLE_CHARS,
            ]
        ),
        max_size=12,
    ).map("".join)
)
@example("- 4 -")
@example("— 12 —")
@example("– 3 –")
@example("第 4 页/共9页")
@example("a\r\nb")
@example("a\x85b")
@example("根据(jù)规定")
@example("根据(lǜ)规定")
@example("a\u200bb")
@example("a\ufeffb")
def test_a_step_skipped_for_want_of_its_characters_would_have_changed_nothing(text: str) -> None:
    # _sub skips a step's regex when none of its needle characters occurs (every match holds
    # one): normalising must come out as it does with every regex run.
    fast = normalise(text)
    run_all = _normalise._sub
    with mock.patch.object(_normalise, "_sub", lambda p, r, t, needles="": run_all(p, r, t)):
        slow = normalise(text)
    assert (fast.text, fast.steps) == (slow.text, slow.steps)


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_a_span_maps_to_its_first_and_last_characters_in_the_original(text: str) -> None:
    # span_placer inlines the back map's lookup for speed; original_offset is the reference.
    doc = normalise(text)
    place = doc.span_placer()
    for start in range(len(doc.text) + 1):
        for end in range(start, len(doc.text) + 1):
            first = doc.original_offset(start)
            last = doc.original_offset(end - 1) + 1 if end > start else first
            expected = (first, min(max(last, first), len(doc.original)))
            assert doc.original_span(start, end) == expected
            line = doc.original_line(first)
            assert place(start, end) == (line, *expected, doc.original[slice(*expected)])


def test_a_lone_surrogate_reads_as_a_replacement_character_in_place() -> None:
    """A broken character a reader or caller hands over (found by the byte fuzz suite in a
    damaged PDF's font map): OpenCC could not encode it, and the parse crashed."""
    text = "某某市司法局2023年政府信息公开工作年度报告\ud831\n一、总体情况\n"
    done = normalise(text)
    assert "\ud831" not in done.text + done.original
    assert len(done.original) == len(text)
    report = govinfo_report.parse(text)
    assert report.agency == "某某市司法局"
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")
