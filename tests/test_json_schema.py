"""The JSON Schema of the JSON output, generated from the canonical keys: what ``parse`` prints
validates against it, a value of the wrong type does not, and the copies in ``docs/`` are the
generator's output."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from _support import SEEDS, cli
from hypothesis import given

import govinfo_report
from govinfo_report import Report
from govinfo_report.testing import reports

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: The schemas as the docs offer them for download, by ``full``.
FILES = {False: DOCS / "report.schema.json", True: DOCS / "report.full.schema.json"}


def validator(full: bool) -> jsonschema.Draft202012Validator:
    schema = govinfo_report.json_schema(full=full)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def problems(full: bool, data: Any) -> list[str]:
    return [error.message for error in validator(full).iter_errors(data)]


@pytest.mark.parametrize("full", [False, True], ids=["parse", "full"])
def test_what_parse_prints_for_each_seed_validates(full: bool) -> None:
    flags = ["--full"] if full else []
    done = cli("parse", "--format", "jsonl", *flags, *map(str, SEEDS))
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == len(SEEDS)
    for record in records:
        assert problems(full, record) == [], record["file"]


@given(reports(blanks=True))
def test_every_generated_report_validates(report: Report) -> None:
    data = json.loads(json.dumps(report.to_dict()))
    assert problems(True, data) == []


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(govinfo_report.parse(SEEDS[3]).to_dict()))
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["values"].update({"applications.total.total": "3"}), "not of type"),
        (lambda d: d["values"].update({"active.procurement.amount": 101.85}), "not of type"),
        (lambda d: d["values"].update({"active.procurement.amount": "1,018"}), "does not match"),
        (lambda d: d["values"].update({"active.fees.amount": "6.83"}), "is not one of"),
        (lambda d: d["values"].update({"active.made_up": 1}), "Additional properties"),
        (lambda d: d["findings"].append({"code": "GIR301", "severity": "fatal"}), "is a required"),
        (lambda d: d.update(published="14/01/2021"), "does not match"),
        (lambda d: d.update(template="2020"), "is not one of"),
    ],
    ids=["count", "float-money", "money-text", "other-template", "key", "finding", "date", "tpl"],
)
def test_a_value_of_the_wrong_type_fails(change: Any, expected: str) -> None:
    data = _seed()
    assert problems(True, data) == []
    wrong = copy.deepcopy(data)
    change(wrong)
    found = problems(True, wrong)
    assert found and any(expected in message for message in found), found


def test_the_summary_schema_asks_for_what_parse_prints_and_no_more() -> None:
    record = {"file": "a.txt", **{k: _seed()[k] for k in govinfo_report.json_schema()["required"]}}
    assert problems(False, record) == []
    assert problems(False, record | {"provenance": {}}) != []  # --full only
    del record["values"]
    assert problems(False, record) != []


def _text(full: bool) -> str:
    return json.dumps(govinfo_report.json_schema(full=full), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("full", [False, True], ids=["parse", "full"])
def test_the_schema_files_in_the_docs_are_the_generators_output(full: bool) -> None:
    """Regenerate them with ``GOVINFO_WRITE_SCHEMA=1 pytest tests/test_json_schema.py``."""
    path = FILES[full]
    if os.environ.get("GOVINFO_WRITE_SCHEMA"):
        path.write_text(_text(full), "utf-8")
    assert path.read_text("utf-8") == _text(full), f"{path.name} is stale: see the docstring"
