"""The wild corpus: real reports as crawlers, markdown converters and PDF pipelines hand them over.

Every document of ``tests/corpus/wild`` (how each was made: ``tests/corpus/wild/SOURCES.md``)
is checked against ``tests/corpus/wild/golden/<stem>.json``: a value the parser gives must be
the report's value, the metadata must be right, and each document reads at least the share of
its cells it read when this corpus was last measured (``python benchmarks/bench_wild.py``
prints the shares). The dumps of the agency page whose blank cells leave no trace read less:
there no reading can tell in which column a number stands, and those cells stay unknown.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from _support import CORPUS, same

import govinfo_report

WILD = CORPUS / "wild"
DOCUMENTS = sorted(p for p in WILD.iterdir() if "__" in p.name and p.suffix in (".txt", ".md"))


def golden(document: Path) -> dict[str, Any]:
    """The values of the report the document was made from (tables a tool dropped left out)."""
    data: dict[str, Any] = json.loads(
        (WILD / "golden" / f"{document.stem}.json").read_text("utf-8")
    )
    return data


@functools.cache
def parsed(document: Path) -> govinfo_report.Report:
    return govinfo_report.parse(document)


@pytest.fixture(params=DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def document(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_every_document_has_a_golden() -> None:
    assert DOCUMENTS
    stems = {p.stem for p in (WILD / "golden").glob("*.json")}
    assert stems == {p.stem for p in DOCUMENTS}


def test_no_wrong_value(document: Path) -> None:
    want = golden(document)["values"]
    got = parsed(document).to_flat()
    wrong = {k: (want[k], v) for k, v in got.items() if k in want and not same(want[k], v)}
    invented = {k: v for k, v in got.items() if k not in want and v is not None}
    assert not wrong, f"{len(wrong)} wrong (golden, got): {wrong}"
    assert not invented, f"{len(invented)} values the document does not show: {invented}"


def test_metadata(document: Path) -> None:
    want = golden(document)
    report = parsed(document)
    assert (report.agency, report.year, report.template) == (
        want["agency"],
        want["year"],
        want["template"],
    )


# The share of each document's cells read when last measured: a floor that only rises. Every
# document reads all its cells but the dumps of a page whose blank cells vanish (get_text).
FLOOR = {"crawler__shuyang__gettext": 0.14, "crawler__shuyang__gettext-space": 0.14}
FLOOR |= {"crawler__shuyang__gettext-strip": 0.125, "crawler__seed003__glued": 0.97}
FLOOR |= {"crawler__seed003__mixed": 0.97, "crawler__seed003__spaced": 0.98}


def test_share_read(document: Path) -> None:
    want = golden(document)["values"]
    got = parsed(document).to_flat()
    right = sum(1 for k, v in want.items() if k in got and same(v, got[k]))
    assert right / len(want) >= FLOOR.get(document.stem, 1.0)
