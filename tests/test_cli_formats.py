"""``check``'s outputs: statistics, GitHub annotations, SARIF 2.1.0 and JUnit XML, each
validated against its official schema (``tests/schemas/``), for files and corpus databases."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from _support import SEEDS
from _support import cli as run
from lxml import etree

from govinfo_report import Parser

SCHEMAS = Path(__file__).parent / "schemas"
SARIF = jsonschema.Draft4Validator(
    json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8")),
    format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER,
)
JUNIT = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))
CLEAN, BROKEN = SEEDS[2], SEEDS[4]


def findings_of(*files: str) -> dict[str, list[dict[str, Any]]]:
    """Each file's findings, as ``check --format json`` gives them."""
    lines = run("check", "--format", "json", *files).stdout.splitlines()
    return {r["file"]: r.get("findings", []) for r in map(json.loads, lines)}


def valid_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = [f"{list(e.path)}: {e.message}" for e in SARIF.iter_errors(log)]
    assert not errors, errors
    return log


def valid_junit(text: str) -> etree._Element:
    root = etree.fromstring(text.encode("utf-8"))
    assert JUNIT.validate(root), JUNIT.error_log
    return root


def test_statistics_count_each_code_the_most_frequent_first() -> None:
    files = list(map(str, SEEDS))
    expected = Counter(f["code"] for found in findings_of(*files).values() for f in found)
    done = run("check", "--statistics", *files)
    assert done.returncode == 1
    *rows, summary = done.stdout.splitlines()
    assert summary == "5 files checked: 1 errors, 4 warnings, 0 info"
    names = {r.code: r.name for r in Parser().rules}
    table = [row.split() for row in rows]
    assert [(int(n), code, name) for n, code, name, _ in table] == sorted(
        ((n, c, names[c]) for c, n in expected.items()), key=lambda t: (-t[0], t[1])
    )
    assert {code: severity for _, code, _, severity in table} == {
        "GIR102": "warning",
        "GIR406": "warning",
        "GIR301": "error",
    }
    lines = run("check", "--statistics", "--format", "json", *files).stdout.splitlines()
    assert json.loads(lines[0]) == {
        "code": "GIR102",
        "name": names["GIR102"],
        "severity": "warning",
        "count": 3,
    }
    assert run("check", "--statistics", "--format", "sarif", *files).returncode == 2


def test_github_annotations() -> None:
    github = run("check", "--format", "github", "--lang", "zh", str(BROKEN)).stdout.splitlines()
    assert f"::error file={BROKEN},line=7,title=GIR301::" in github[-1]
    assert github[0].startswith(f"::warning file={BROKEN},title=GIR102::")


def test_sarif_is_valid_and_holds_every_finding(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    files = list(map(str, SEEDS))
    done = run("check", "--format", "sarif", "--lang", "en", *files, missing)
    assert done.returncode == 2
    log = valid_sarif(done.stdout)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in Parser().rules]
    results = sarif_run["results"]
    expected = findings_of(*files)
    assert len(results) == sum(map(len, expected.values()))
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    balance = next(r for r in results if r["ruleId"] == "GIR301")
    assert balance["level"] == "error"
    (where,) = balance["locations"]
    assert where["physicalLocation"] == {
        "artifactLocation": {"uri": str(BROKEN.resolve().as_uri())},
        "region": {"startLine": 7},
    }
    assert balance["properties"] == {
        "section": "三",
        "row": "total",
        "column": "total",
        "key": "applications.total.total",
        "expected": 445,
        "actual": 443,
    }
    key = "applications.total.total"
    assert where["logicalLocations"] == [{"name": key, "fullyQualifiedName": key, "kind": "value"}]
    missing_table = next(r for r in results if r["ruleId"] == "GIR102")
    assert missing_table["locations"][0]["logicalLocations"] == [
        {"name": "二", "fullyQualifiedName": "二", "kind": "object"}
    ]
    assert balance["message"]["text"].startswith("section 三: new + carried over")
    rule = rules[balance["ruleIndex"]]
    assert rule["helpUri"].endswith("#gir301")
    assert rule["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert rule["shortDescription"]["text"] == rule["properties"]["title_en"]
    assert rule["properties"]["title_zh"] in rule["fullDescription"]["text"]
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["properties"] == {"type": "InputError"}


def test_sarif_uris_are_relative_and_escaped_for_relative_paths(tmp_path: Path) -> None:
    folder = tmp_path / "年报 2023"
    folder.mkdir()
    shutil.copy(BROKEN, folder / "深圳.txt")
    log = valid_sarif(run("check", "--format", "sarif", "年报 2023", cwd=tmp_path).stdout)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris == {"%E5%B9%B4%E6%8A%A5%202023/%E6%B7%B1%E5%9C%B3.txt"}


def test_junit_is_valid_with_a_suite_per_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    done = run("check", "--format", "junit", str(CLEAN), str(SEEDS[1]), str(BROKEN), missing)
    assert done.returncode == 2
    root = valid_junit(done.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == [str(CLEAN), str(SEEDS[1]), str(BROKEN), missing]
    clean = suites[str(CLEAN)]
    assert [c.get("name") for c in clean.iter("testcase")] == ["no findings"]
    warned = suites[str(SEEDS[1])]
    (case,) = warned.iter("testcase")
    assert case.get("name").startswith("GIR406 ") and case.find("failure") is None
    assert "GIR406 warning" in case.findtext("system-out")
    broken = suites[str(BROKEN)]
    cases = {c.get("name").split()[0]: c for c in broken.iter("testcase")}
    assert set(cases) == {"GIR102", "GIR301"}
    assert cases["GIR102"].findtext("system-out").count("GIR102 warning") == 3
    assert cases["GIR301"].find("failure").get("type") == "GIR301"
    assert (broken.get("tests"), broken.get("failures"), broken.get("errors")) == ("2", "1", "0")
    unread = suites[missing]
    assert unread.find("testcase/error").get("type") == "InputError"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "1", "1")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus database of the seeds and an undecodable file."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEEDS:
        shutil.copy(path, folder / path.name)
    (folder / "undecodable.txt").write_bytes(b"\xff\xfe\x00\xd8\x81" * 10)
    db = folder / "results.sqlite"
    done = run("parse", str(folder), "--out", str(db), "-j", "1")
    assert done.returncode == 2, done.stderr  # the undecodable file
    return db


def test_a_corpus_database_is_checked_in_every_format(database: Path) -> None:
    stored = {str(database.parent / p.name) for p in SEEDS}
    unread = str(database.parent / "undecodable.txt")
    text = run("check", "--lang", "en", str(database))
    assert text.returncode == 1, text.stderr  # seed 004; the unreadable row was recorded
    assert any(f"{Path(unread).name}" in line for line in text.stderr.splitlines())
    assert f"{database}: 0 corpus findings" in text.stdout
    assert "6 files checked: 1 errors, 4 warnings, 0 info, 1 recorded as unreadable" in text.stdout
    records = [
        json.loads(line)
        for line in run("check", "--format", "json", str(database)).stdout.splitlines()
    ]
    assert {r["file"] for r in records} == stored | {unread}
    assert next(r for r in records if r["file"] == unread)["error"]["type"] == "DecodeError"
    assert findings_of(*sorted(stored)) == {
        r["file"]: r["findings"] for r in records if "findings" in r
    }
    github = run("check", "--format", "github", str(database)).stdout
    assert "title=GIR301::" in github and f"file={unread},title=DecodeError::" in github
    log = valid_sarif(run("check", "--format", "sarif", str(database)).stdout)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"GIR102", "GIR301", "GIR406"}
    root = valid_junit(run("check", "--format", "junit", str(database)).stdout)
    assert len(root.findall("testsuite")) == 6
    statistics = run("check", "--statistics", str(database)).stdout.splitlines()
    assert statistics[0].split()[:2] == ["3", "GIR102"]


def test_every_help_uri_is_an_anchor_of_the_rule_catalogue() -> None:
    spec = importlib.util.spec_from_file_location(
        "docs_hooks_for_sarif", Path(__file__).parents[1] / "docs" / "_hooks.py"
    )
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    catalogue = hooks.rule_catalogue()
    log = valid_sarif(run("check", "--format", "sarif", str(CLEAN)).stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    documented = {r.code for r in hooks.built_in_rules()}
    for rule in rules:
        if rule["id"] not in documented:  # a third-party plugin's rule: its own docs
            assert "helpUri" not in rule
            continue
        page, anchor = rule["helpUri"].split("#")
        assert page == "findings/"
        assert f'<a id="{anchor}" href="#{anchor}">{rule["id"]}</a>' in catalogue


def test_review_pages_find_their_files_as_every_command_does(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    glob = str(SEEDS[0].parent.parent / "wild" / "*.md")
    done = run("check", glob, "--format", "html", "-o", str(page))
    assert "skipped 1 file that is not a report" in done.stderr and "SOURCES.md" in done.stderr
    tree = etree.HTML(page.read_text("utf-8"))
    sections = tree.xpath("//section[@class='report']")
    assert len(sections) == len(list((SEEDS[0].parent.parent / "wild").glob("*.md"))) - 1


def test_a_damaged_database_is_a_file_that_could_not_be_read(tmp_path: Path) -> None:
    damaged = tmp_path / "results.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"not a page of a database " * 100)
    done = run("check", "--format", "json", str(damaged))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (record,) = map(json.loads, done.stdout.splitlines())
    assert record["file"] == str(damaged) and record["error"]["type"] == "DatabaseError"
