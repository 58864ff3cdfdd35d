"""The corpus database as analysts open it: indexes, foreign keys, exact money, searchable
prose, views, a schema version, and the upgrade of every database an earlier version wrote."""

from __future__ import annotations

import re
import shutil
import sqlite3
import zlib
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import sqlite_utils
from _support import CORPUS, SEEDS, cli

import govinfo_report
from govinfo_report import Report
from govinfo_report._codec import (
    open_schema,
    read_report,
    report_rows,
    store_corpus_findings,
    write_report,
)
from govinfo_report._codec_schema import ALL_KEYS, APPLICATION_ID, SCHEMA_VERSION
from govinfo_report._corpus._continuity import reports_to_redecide
from govinfo_report._corpus._cross import cross_findings
from govinfo_report._findings import Finding, Location, Severity
from govinfo_report.errors import OutputError
from govinfo_report.limits import MAX_INPUT_BYTES

DOCS = Path(__file__).parent.parent / "docs" / "database.md"
TABLES = ("reports", "cells", "findings", "prose")
#: A phrase only seed 000 (同心县司法局) has, in part 一.
ONLY_IN_000 = "视察宁夏重要讲话"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds, a real web page, and 深圳市司法局's 2022 report (made from seed 002), whose
    结转下年度 (0) is not the 上年结转 (2) of its 2023 report, seed 004."""
    docs = tmp_path_factory.mktemp("docs")
    for path in [*SEEDS, CORPUS / "samples" / "shuyang_fgj_2023_site.html"]:
        shutil.copy(path, docs / path.name)
    data = govinfo_report.parse(SEEDS[2]).to_dict() | {"agency": "深圳市司法局", "year": 2022}
    text = govinfo_report.render(Report.from_dict(data), "tab")
    (docs / "shenzhen-2022.txt").write_text(text, "utf-8")
    return docs


@pytest.fixture(scope="module")
def parsed(folder: Path) -> dict[str, Report]:
    """Each file's report as the library parses it alone."""
    return {str(path): govinfo_report.parse(path) for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def database(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "results.sqlite"
    run = cli("parse", str(folder), "--out", str(out), "-j", "1")
    assert run.returncode in (0, 1), run.stderr
    return out


@pytest.fixture
def copy(database: Path, tmp_path: Path) -> Path:
    """A copy of the database that a test may change."""
    target = tmp_path / "copy.sqlite"
    source = sqlite3.connect(database)
    with sqlite3.connect(target) as into:
        source.backup(into)
    source.close()
    return target


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted (prose without its row ids)."""
    db = sqlite3.connect(path)
    try:
        out = {t: sorted(db.execute(f"SELECT * FROM {t}"), key=repr) for t in TABLES[:3]}
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if "prose" in tables:
            out["prose"] = sorted(db.execute("SELECT file, part, text FROM prose"))
        return out
    finally:
        db.close()


def table(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    found = db[name]
    assert isinstance(found, sqlite_utils.db.Table)
    return found


def test_indexes_on_the_columns_people_filter_by(database: Path) -> None:
    db = sqlite_utils.Database(database)
    indexed = {name: {tuple(i.columns) for i in table(db, name).indexes} for name in TABLES}
    assert ("year",) in indexed["reports"] and ("template",) in indexed["reports"]
    assert ("agency_key", "year") in {columns[:2] for columns in indexed["reports"]}
    assert ("key", "value") in indexed["cells"]
    assert {("code",), ("severity",), ("key",), ("scope",)} <= indexed["findings"]
    assert ("file", "part") in indexed["prose"]


def test_the_corpus_rules_read_through_indexes(copy: Path, folder: Path) -> None:
    """No query the corpus rules or a read-back make scans cells, findings or reports."""
    db = sqlite3.connect(copy)
    open_schema(db)
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    found = cross_findings(db)
    list(reports_to_redecide(db))
    read_report(db, str(folder / SEEDS[0].name))
    db.set_trace_callback(None)
    assert found  # the 2022/2023 pair of 深圳市司法局 was compared
    plans = {
        sql: [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    }
    assert len(plans) >= 4
    for sql, steps in plans.items():
        scans = [s for s in steps if s.startswith("SCAN") and "COVERING INDEX" not in s]
        assert not scans, (sql, steps)
    pairs = next(steps for sql, steps in plans.items() if "agency_key" in sql)
    (step,) = pairs  # in the index's order: no sorting, no row of reports read
    assert "USING COVERING INDEX idx_reports_agency_key_year" in step


def test_rows_reference_their_report_and_go_with_it(copy: Path, folder: Path) -> None:
    db = sqlite_utils.Database(copy)
    for name in ("cells", "findings", "prose"):
        (key,) = table(db, name).foreign_keys
        assert (key.column, key.other_table, key.other_column) == ("file", "reports", "file")
        assert key.on_delete == "CASCADE"
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)  # SQLite's default
    open_schema(conn)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    corpus = conn.execute("SELECT file FROM findings WHERE scope = 'corpus'").fetchall()
    assert corpus and conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO cells (file, key, value) VALUES ('nowhere.txt', 'k', 1)")
    seed = str(folder / SEEDS[0].name)
    with conn:
        conn.execute("DELETE FROM reports WHERE file = ?", (seed,))
    for name in ("cells", "findings", "prose"):
        assert conn.execute(f"SELECT count(*) FROM {name} WHERE file = ?", (seed,)).fetchone() == (
            0,
        )
    hits = conn.execute("SELECT rowid FROM prose_fts WHERE prose_fts MATCH ?", (ONLY_IN_000,))
    assert hits.fetchall() == []  # the full-text index forgot the report's prose too


def test_a_file_written_again_keeps_its_corpus_findings(
    copy: Path, parsed: dict[str, Report]
) -> None:
    db = sqlite3.connect(copy)
    open_schema(db)
    (file, count), *_ = db.execute(
        "SELECT file, count(*) FROM findings WHERE scope = 'corpus' GROUP BY file"
    ).fetchall()
    with db:
        write_report(db, report_rows(file, "changed", parsed[file], None))
    assert db.execute(
        "SELECT count(*) FROM findings WHERE scope = 'corpus' AND file = ?", (file,)
    ).fetchone() == (count,)
    assert db.execute("SELECT sha256 FROM reports WHERE file = ?", (file,)).fetchone() == (
        "changed",
    )


def test_money_is_a_number_in_sql_and_exact_beside_it(
    database: Path, parsed: dict[str, Report]
) -> None:
    db = sqlite3.connect(database)
    rows = db.execute(
        "SELECT file, key, value, typeof(value), exact FROM cells "
        "WHERE key IN ('active.fees.amount', 'active.procurement.amount') AND value IS NOT NULL"
    ).fetchall()
    assert {kind for *_, kind, _ in rows} == {"real"}
    for file, key, value, _, exact in rows:
        assert Decimal(exact) == parsed[file][key] and exact == str(parsed[file][key])
        assert value == float(parsed[file][key])
    assert ("6.83",) in [(exact,) for *_, exact in rows]  # 同心县司法局 收费 6.83 万元
    counts = db.execute(
        "SELECT DISTINCT typeof(value), exact IS NULL FROM cells "
        "WHERE key NOT LIKE '%.amount' AND value IS NOT NULL"
    ).fetchall()
    assert counts == [("integer", 1)]
    fees = [r.get("active.fees.amount") for r in parsed.values()]
    total = db.execute("SELECT sum(value) FROM cells WHERE key = 'active.fees.amount'").fetchone()
    assert total == (pytest.approx(float(sum(f for f in fees if f is not None))),)


def test_money_and_findings_read_back_exactly(tmp_path: Path) -> None:
    data = govinfo_report.parse(SEEDS[0]).to_dict()
    data["values"] |= {
        "active.fees.amount": "0.3500",  # trailing zeros as written
        "active.procurement.amount": "12345678901234567.891",  # more digits than a float holds
    }
    report = Report.from_dict(data)
    odd = Finding(
        "GIR999", Severity.WARNING, "示例", "example", Location("二", key="active.fees.amount"),
        Decimal("96171.60"), Decimal("0.35"),
    )  # fmt: skip
    report = Report.from_dict(report.to_dict() | {"findings": [odd.to_dict()]})
    db = sqlite3.connect(tmp_path / "money.sqlite")
    open_schema(db)
    with db:
        write_report(db, report_rows("money.txt", None, report, None))
    store_corpus_findings(db, [("money.txt", odd)])
    back = read_report(db, "money.txt")
    assert back == Report.from_dict(report.to_dict() | {"findings": [odd.to_dict()] * 2})
    assert back["active.fees.amount"].as_tuple() == Decimal("0.3500").as_tuple()
    cells = dict(db.execute("SELECT key, exact FROM cells WHERE exact IS NOT NULL").fetchall())
    assert cells == {
        "active.fees.amount": "0.3500",
        "active.procurement.amount": "12345678901234567.891",
    }
    assert db.execute(
        "SELECT DISTINCT expected, expected_exact, actual, actual_exact FROM findings"
    ).fetchall() == [(96171.6, "96171.60", 0.35, "0.35")]
    # the exact 分 (万元 × 10⁶) from the float, for an exact sum in SQL
    assert db.execute(
        "SELECT CAST(round(value * 1000000) AS INTEGER) FROM cells WHERE key = 'active.fees.amount'"
    ).fetchone() == (350000,)


def test_prose_is_searchable_by_any_three_characters(
    database: Path, folder: Path, parsed: dict[str, Report]
) -> None:
    db = sqlite_utils.Database(database)
    prose = table(db, "prose")
    assert prose.detect_fts() == "prose_fts"
    hits = list(prose.search(ONLY_IN_000))
    assert [(h["file"], h["part"]) for h in hits] == [(str(folder / SEEDS[0].name), "一")]
    assert ONLY_IN_000 in hits[0]["text"]
    stated = {f for f, r in parsed.items() if any("依申请公开" in t for t in r.prose.values())}
    assert len(stated) >= 3 and {h["file"] for h in prose.search("依申请公开")} == stated
    # Trigrams: a two-character query matches nothing; LIKE does, scanning.
    assert list(prose.search("公开")) == []
    assert db.execute("SELECT count(*) FROM prose WHERE text LIKE '%公开%'").fetchone()[0] > 0
    stored = {(f, part): text for f, part, text in db.execute("SELECT file, part, text FROM prose")}
    assert stored == {(f, part): t for f, r in parsed.items() for part, t in r.prose.items()}


def test_views_list_and_query(database: Path, folder: Path, parsed: dict[str, Report]) -> None:
    db = sqlite_utils.Database(database)
    assert {"report_values", "findings_with_report", "corpus_findings"} <= set(db.view_names())
    wide = db["report_values"]
    assert [c.name for c in wide.columns] == ["file", "agency", "year", "template", *ALL_KEYS]
    rows = {row["file"]: row for row in wide.rows}
    assert set(rows) == set(parsed)
    for file, report in parsed.items():
        row = rows[file]
        assert (row["agency"], row["year"], row["template"]) == (
            report.agency,
            report.year,
            report.template,
        )
        flat = report.to_flat()
        for key in ALL_KEYS:
            value = flat.get(key)
            assert row[key] == (float(value) if isinstance(value, Decimal) else value), key
    findings = list(db["findings_with_report"].rows)
    assert len(findings) == db["findings"].count
    for f in findings:
        assert (f["agency"], f["year"]) == (parsed[f["file"]].agency, parsed[f["file"]].year)
    corpus = list(db["corpus_findings"].rows)
    assert corpus and {f["code"] for f in corpus} == {"GIR601"}
    assert {(f["file"], f["year"]) for f in corpus} == {(str(folder / SEEDS[4].name), 2023)}


def test_the_schema_has_a_version(database: Path) -> None:
    db = sqlite3.connect(database)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)


def test_the_docs_example_queries_run_and_find_something(database: Path) -> None:
    queries = re.findall(r"```sql\n(.*?)```", DOCS.read_text("utf-8"), re.S)
    assert len(queries) >= 4
    db = sqlite3.connect(database)
    for query in queries:
        assert db.execute(query).fetchall(), query


# The schemas earlier versions wrote, newest first: no foreign keys, indexes, views or prose,
# money as decimal text; before that without the whole report, before that without how a
# scan was recognised.
EARLIER = """
CREATE TABLE reports (
    file TEXT PRIMARY KEY, sha256 TEXT, agency TEXT, agency_key TEXT, year INTEGER,
    template TEXT, published TEXT, format TEXT, encoding TEXT,
    extractor_active TEXT, extractor_applications TEXT, extractor_review_litigation TEXT,
    error_type TEXT, error_message TEXT, report BLOB
);
CREATE TABLE cells (
    file TEXT, key TEXT, value, extractor TEXT, origin TEXT, line INTEGER,
    start INTEGER, "end" INTEGER, source_text TEXT, confidence REAL, box TEXT,
    PRIMARY KEY (file, key)
);
CREATE TABLE findings (
    file TEXT, scope TEXT, seq INTEGER, code TEXT, severity TEXT, section TEXT, row TEXT,
    "column" TEXT, key TEXT, line INTEGER, expected, actual, message_zh TEXT, message_en TEXT,
    PRIMARY KEY (file, scope, seq)
);
"""
SHAPES = {
    "latest": (),
    "no report column": (("reports", "report"),),
    "no report, confidence or box": (
        ("reports", "report"),
        ("cells", "confidence"),
        ("cells", "box"),
    ),
}


def earlier(database: Path, target: Path, shape: str) -> None:
    """``database``'s rows in the earlier schema ``shape`` at ``target``."""
    db = sqlite3.connect(target)
    db.executescript(EARLIER)
    db.execute("ATTACH ? AS now", (str(database),))
    with db:
        db.execute("INSERT INTO reports SELECT * FROM now.reports")
        db.execute(
            "INSERT INTO cells SELECT file, key, coalesce(exact, value), extractor, origin, line, "
            'start, "end", source_text, confidence, box FROM now.cells'
        )
        db.execute(
            'INSERT INTO findings SELECT file, scope, seq, code, severity, section, row, "column", '
            "key, line, coalesce(expected_exact, expected), coalesce(actual_exact, actual), "
            "message_zh, message_en FROM now.findings"
        )
    db.execute("DETACH now")
    for table, column in SHAPES[shape]:
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.close()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_an_earlier_database_is_upgraded_and_a_resumed_run_skips_its_files(
    database: Path, folder: Path, parsed: dict[str, Report], tmp_path: Path, shape: str
) -> None:
    old = tmp_path / "old.sqlite"
    earlier(database, old, shape)
    view = sqlite3.connect(old)
    view.execute("CREATE VIEW mine AS SELECT file, value FROM cells WHERE key LIKE '%.amount'")
    view.execute("CREATE INDEX my_agencies ON reports (agency)")
    view.commit()
    view.close()
    again = cli("parse", str(folder), "--out", str(old), "-j", "1")
    assert again.returncode in (0, 1), again.stderr
    assert f"{len(parsed)} already done" in again.stderr  # nothing parsed again
    now, fresh = dump(old), dump(database)
    if shape == "latest":
        assert now == fresh  # the very database a run of this version writes
    else:
        assert now["cells"] == fresh["cells"] and now["findings"] == fresh["findings"]
        assert now["reports"] == [(*row[:-1], None) for row in fresh["reports"]]
        assert now["prose"] == []  # the stored reports had it; nothing else did
    db = sqlite3.connect(old)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("SELECT count(*) FROM mine WHERE value > 0").fetchone()[0] > 0
    indexes = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_cells_key_value", "idx_findings_code", "my_agencies"} <= indexes
    for file, report in parsed.items():
        back = read_report(db, file)
        own, corpus = back.findings[: len(report.findings)], back.findings[len(report.findings) :]
        assert {f.code for f in corpus} <= {"GIR601"}
        if shape == "latest":
            assert attrs.evolve(back, findings=own) == report
        else:
            assert back.to_flat() == report.to_flat()
            assert [f.code for f in own] == [f.code for f in report.findings]


def test_an_upgrade_that_cannot_finish_changes_nothing(database: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    earlier(database, old, "latest")
    db = sqlite3.connect(old)
    with db:  # a row edited by hand into one this version cannot keep: a finding of no scope
        db.execute(
            "UPDATE findings SET scope = NULL WHERE rowid = (SELECT min(rowid) FROM findings)"
        )
    db.close()
    before = dump(old)
    db = sqlite3.connect(old)
    with pytest.raises(OutputError, match=r"cannot open .*old\.sqlite as a corpus database"):
        open_schema(db)
    db.close()
    assert dump(old) == before
    db = sqlite3.connect(old)
    assert db.execute("PRAGMA user_version").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'prose'").fetchone() == (0,)


def test_a_database_that_is_not_ours_is_refused_untouched(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('mine')")
    db.commit()
    db.close()
    run = cli("parse", str(SEEDS[0]), "--out", str(other))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{other} is not a corpus database of govinfo_report" in run.stderr
    db = sqlite3.connect(other)
    assert db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == [
        ("notes",)
    ]
    assert db.execute("SELECT text FROM notes").fetchall() == [("mine",)]


def test_a_database_of_a_newer_schema_is_refused(copy: Path) -> None:
    db = sqlite3.connect(copy)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    for command in (("check", str(copy)), ("parse", str(SEEDS[0]), "--out", str(copy))):
        run = cli(*command)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert "was written by a newer govinfo_report" in run.stderr


def test_a_stored_report_that_inflates_or_nests_without_end_is_refused(copy: Path) -> None:
    """A database may come from elsewhere: a few kilobytes that inflate past the input budget,
    or JSON nested deeper than Python reads, are a row that cannot be read, not a crash."""
    db = sqlite3.connect(copy)
    first, second = (row[0] for row in db.execute("SELECT file FROM reports LIMIT 2"))
    bomb = zlib.compress(b" " * (MAX_INPUT_BYTES + 1), 9)
    assert len(bomb) < MAX_INPUT_BYTES // 100
    deep = zlib.compress(b"[" * 200_000)
    for file, blob in ((first, bomb), (second, deep)):
        db.execute("UPDATE reports SET report = ? WHERE file = ?", (blob, file))
    db.commit()
    with pytest.raises(ValueError, match=f"inflates past {MAX_INPUT_BYTES} bytes"):
        read_report(db, first)
    with pytest.raises(ValueError, match="nests too deep"):
        read_report(db, second)
    db.close()
    run = cli("check", str(copy), "--format", "html", "-o", str(copy.parent / "pages"))
    # exit 1: the other reports' error findings; the two rows are entries that say why
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "2 recorded as unreadable" in run.stderr
    pages = " ".join(p.read_text("utf-8") for p in (copy.parent / "pages").rglob("*.html"))
    assert "inflates past" in pages and "nests too deep" in pages


def test_last_years_values_for_redeciding_are_its_flat_report(tmp_path: Path) -> None:
    """A report whose part 二 is open is parsed again beside last year's ``to_flat()``: money a
    ``Decimal``, as the parser is promised."""
    last = govinfo_report.parse(SEEDS[0])  # 同心县司法局 2023, fees 6.83 万元
    data = last.to_dict() | {"year": 2024}
    left_open = Finding(
        "GIR110", Severity.WARNING, "未定", "open", Location("二", "normative_documents")
    )
    data["findings"] = [left_open.to_dict()]
    db = sqlite3.connect(tmp_path / "years.sqlite")
    open_schema(db)
    with db:
        write_report(db, report_rows("2023.txt", None, last, None))
        write_report(db, report_rows("2024.txt", None, Report.from_dict(data), None))
    ((file, previous),) = reports_to_redecide(db)
    assert file == "2024.txt" and previous == last.to_flat()
    assert previous["active.fees.amount"] == Decimal("6.83")
    assert type(previous["active.fees.amount"]) is Decimal
