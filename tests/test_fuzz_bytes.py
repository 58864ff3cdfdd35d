"""Real and generated documents mutated byte by byte, through every reader: a report or a
typed error, never a traceback, a crash finding, a hang or a runaway allocation.

Each example parses in a forked child (``_budget``) whose hard stop lies far above the budget
of :mod:`govinfo_report.limits`. ``benchmarks/bench_fuzz_budget.py`` runs the long profile
(``--hypothesis-profile=long``) and reports the worst time and memory per example.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from functools import cache

import pytest
from _budget import parse_within_budget
from _support import CORPUS, SEEDS, without_recogniser
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report
from govinfo_report import render
from govinfo_report.testing.pdf import render_pdf

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the budget harness forks and reads /proc"
)

# The core's readers and every other plugin; the OCR package fuzzes its recogniser itself.
PARSER = without_recogniser()
TEXT_LAYOUTS = ("pipe", "tab", "markdown", "lines", "spaces", "glued", "crawler", "markdown_export")
# How long an injected run of digits is: a cell, past a count, past int()'s limit, a bomb.
DIGIT_RUNS = (1, 9, 16, 20, 4301, 100_000, 1_000_000)
SPAN_VALUES = (b"0", b"-1", b"2", b"abc", b"65534", b"1000000", b"99999999999999999999")
ENCODINGS = ("gb18030", "big5", "utf-16", "utf-16-le", "utf-8-sig", "hz")
CHARSETS = (b"iso-8859-1", b"gbk", b"big5", b"utf-8", b"shift_jis", b"nonsense")


@cache
def bases() -> dict[str, dict[str, bytes]]:
    """The documents mutated, by the reader that reads them: real ones and seeds rendered."""
    seeds = [govinfo_report.parse(path) for path in SEEDS]
    samples = CORPUS / "samples"
    text = {path.name: path.read_bytes() for path in SEEDS}
    text |= {
        f"{layout}-{i}": render(report, layout).encode()
        for i, report in enumerate(seeds[:2])
        for layout in TEXT_LAYOUTS
    }
    html = {"site": (samples / "shuyang_fgj_2023_site.html").read_bytes()}
    html |= {f"html-{i}": render(report, "html").encode() for i, report in enumerate(seeds[:3])}
    html["word-html"] = render(seeds[3], "html", word=True).encode()
    pdf = {"huaian": (samples / "huaian_2024.pdf").read_bytes()}
    pdf |= {f"pdf-{i}": render_pdf(report) for i, report in enumerate(seeds[:2])}
    families = {"text": text, "html": html, "pdf": pdf}
    try:
        from govinfo_report_docx import render_docx
    except ImportError:  # the Word plugin is a separate distribution
        return families
    families["docx"] = {f"docx-{i}": render_docx(report) for i, report in enumerate(seeds[:2])}
    return families


Mutation = Callable[[bytes], bytes]


def _at(data: bytes, fraction: float) -> int:
    return int(len(data) * fraction)


@st.composite
def mutations(draw: st.DrawFn, family: str) -> Mutation:
    """One byte-level change, placed at a drawn fraction of the document."""
    where = draw(st.floats(0, 1))
    length = draw(st.integers(1, 4096))
    kind = draw(
        st.sampled_from(
            ["truncate", "delete", "duplicate", "splice", "digits", "spans", "nesting", "flip"]
            + (["encoding", "charset"] if family in ("text", "html") else [])
        )
    )
    if kind == "truncate":
        return lambda d: d[: _at(d, where)]
    if kind == "delete":
        return lambda d: d[: _at(d, where)] + d[_at(d, where) + length :]
    if kind == "duplicate":
        return lambda d: d[: _at(d, where) + length] + d[_at(d, where) :]
    if kind == "splice":
        family_bases = bases()[draw(st.sampled_from(sorted(bases())))]
        other = family_bases[draw(st.sampled_from(sorted(family_bases)))]
        start = _at(other, draw(st.floats(0, 1)))
        piece = other[start : start + length]
        return lambda d: d[: _at(d, where)] + piece + d[_at(d, where) :]
    if kind == "digits":
        run = b"7" * draw(st.sampled_from(DIGIT_RUNS))
        return lambda d: d[: _at(d, where)] + run + d[_at(d, where) :]
    if kind == "spans":
        attributes = b' rowspan="%s" colspan="%s"' % (
            draw(st.sampled_from(SPAN_VALUES)),
            draw(st.sampled_from(SPAN_VALUES)),
        )
        every = draw(st.booleans())
        return lambda d: d.replace(b"<td", b"<td" + attributes, -1 if every else 1)
    if kind == "nesting":
        opening = draw(st.sampled_from([b"<div>", b"<table><tr><td>", b"<b>", b"<ul><li>"]))
        depth = draw(st.sampled_from([10, 300, 5000]))
        return lambda d: d[: _at(d, where)] + opening * depth + d[_at(d, where) :]
    if kind == "flip":
        byte = draw(st.integers(0, 255))
        return lambda d: d[: _at(d, where)] + bytes([byte]) + d[_at(d, where) + 1 :]
    if kind == "encoding":
        encoding = draw(st.sampled_from(ENCODINGS))
        return lambda d: d.decode("utf-8", "replace").encode(encoding, "replace")
    charset = draw(st.sampled_from(CHARSETS))
    return lambda d: b"<meta charset=%s>" % charset + d


def _inner(mutate: Mutation) -> Mutation:
    """The mutation applied to a Word file's body part, the file repacked around it."""

    def apply(data: bytes) -> bytes:
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(data)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for item in source.infolist():
                part = source.read(item)
                target.writestr(
                    item, mutate(part) if item.filename == "word/document.xml" else part
                )
        return out.getvalue()

    return apply


def _mutated(data: st.DataObject, family: str) -> tuple[str, bytes]:
    documents = bases()[family]
    name = data.draw(st.sampled_from(sorted(documents)), label="base")
    changes = data.draw(st.lists(mutations(family), min_size=1, max_size=4), label="changes")

    def mutate(document: bytes) -> bytes:
        for change in changes:
            document = change(document)
        return document

    inside = family == "docx" and data.draw(st.booleans(), label="inside the body part")
    return name, (_inner(mutate) if inside else mutate)(documents[name])


# At least 40 examples per reader family in CI; the long profile's 10,000 spread over them.
@settings(max_examples=max(settings.default.max_examples, 160))
@given(data=st.data())
def test_a_mutated_document_is_read_or_refused_within_the_budget(data: st.DataObject) -> None:
    family = data.draw(st.sampled_from(sorted(bases())), label="reader family")
    name, document = _mutated(data, family)
    outcome = parse_within_budget(PARSER, document, f"{family}:{name}")
    assert outcome.ok, f"{outcome.kind} on a mutated {name}: {outcome.detail}"
