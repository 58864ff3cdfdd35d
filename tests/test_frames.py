"""Wide data keeps its types: the DataFrame, Parquet and CSV, all written from one wide row.

A count stays an integer and money an exact decimal, a failed file is a row with its error,
and a blank cell (the report left it empty) never looks like an unknown one (it could not be
read): ``unknown`` names the latter.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _support import SEEDS, cli
from _wide_support import BLANK_KEY, blank_and_unknown, write_documents
from hypothesis import given

import govinfo_report
from govinfo_report import Report
from govinfo_report._corpus import Failure, Result
from govinfo_report._corpus._sinks import CsvSink
from govinfo_report._keys import all_keys, keys
from govinfo_report._wide import COLUMNS, KEY_COLUMNS, arrow_table, wide_row
from govinfo_report.errors import OutputError
from govinfo_report.testing import reports


def seed_reports() -> list[Report]:
    return [govinfo_report.parse(path) for path in SEEDS]


def money(key: str) -> bool:
    return all_keys()[key].kind == "money"


def assert_row_is_the_report(row: dict[str, Any], report: Report) -> None:
    """Every key column of ``row`` holds the report's value exactly, blank and unknown null,
    and ``unknown`` names the template's keys the report has no cell for."""
    for key in KEY_COLUMNS:
        value = row[key]
        stated = report.cells[key].value if key in report.cells else None
        if stated is None:
            assert value is None or pd.isna(value), key
        else:
            assert value == stated, key
            assert isinstance(value, Decimal) if money(key) else int(value) == value, key
    assert report.template is not None
    assert list(row["unknown"]) == [k.key for k in keys(report.template) if k.key not in report]


def test_the_dataframe_is_typed() -> None:
    frame = govinfo_report.to_dataframe(seed_reports())
    assert tuple(frame.columns) == COLUMNS
    for name in ("file", "sha256", "agency", "template", "error"):
        assert frame[name].dtype == pd.StringDtype("pyarrow"), name
    assert frame["year"].dtype == pd.Int64Dtype()
    assert frame["published"].dtype == pd.ArrowDtype(pa.date32())
    unknown = frame["unknown"].dtype.pyarrow_dtype
    assert pa.types.is_list(unknown) and unknown.value_type == pa.string()
    decimal = pd.ArrowDtype(pa.decimal128(38, 6))
    for key in KEY_COLUMNS:
        assert frame[key].dtype == (decimal if money(key) else pd.Int64Dtype()), key
    assert frame.groupby("year")["active.fees.amount"].sum()[2023] == Decimal("6.83")


def test_each_seeds_values_come_out_exactly(seed: Path) -> None:
    report = govinfo_report.parse(seed)
    frame = govinfo_report.to_dataframe([report])
    row = {name: frame[name].iloc[0] for name in frame.columns}
    assert (row["file"], row["agency"], row["year"]) == (str(seed), report.agency, report.year)
    assert row["sha256"] == report.source.sha256
    assert_row_is_the_report(row, report)


@given(reports(blanks=True))
def test_generated_reports_come_out_exactly(report: Report) -> None:
    frame = govinfo_report.to_dataframe([report])
    assert_row_is_the_report({name: frame[name].iloc[0] for name in frame.columns}, report)


def test_a_blank_cell_and_an_unknown_cell_come_out_different() -> None:
    blank, unknown = (govinfo_report.parse(text) for text in blank_and_unknown())
    assert blank.cells[BLANK_KEY].value is None and BLANK_KEY not in unknown.cells
    frame = govinfo_report.to_dataframe([blank, unknown])
    assert frame[BLANK_KEY].isna().all()  # both have no value …
    assert list(frame["unknown"].iloc[0]) == []  # … but the blank one is known to be blank
    assert BLANK_KEY in list(frame["unknown"].iloc[1])
    # a 2019 report's 2021-only keys are not unknown: its template has none of them
    older = govinfo_report.to_dataframe([govinfo_report.parse(SEEDS[3])])
    assert list(older["unknown"].iloc[0]) == []
    assert older["active.fees.amount"].isna().all()


def test_failures_are_rows_with_their_error() -> None:
    report = govinfo_report.parse(SEEDS[0])
    results = [
        Result(str(SEEDS[0]), report.source.sha256, report),
        Result("broken.txt", "ab" * 32, failure=Failure("DecodeError", "not text")),
    ]
    frame = govinfo_report.to_dataframe(results)
    failed = frame.iloc[1]
    assert failed["error"] == "DecodeError: not text" and failed["sha256"] == "ab" * 32
    assert pd.isna(failed["agency"]) and pd.isna(failed["unknown"])
    assert frame[list(KEY_COLUMNS)].iloc[1].isna().all()
    assert pd.isna(frame["error"].iloc[0])


def _with_fee(report: Report, fee: Decimal) -> Report:
    cells = dict(report.cells)
    cells["active.fees.amount"] = attrs.evolve(cells["active.fees.amount"], value=fee)
    return attrs.evolve(report, cells=cells)


def test_money_keeps_every_decimal_and_refuses_what_it_cannot_hold() -> None:
    report = govinfo_report.parse(SEEDS[0])
    fine = Decimal("123456789012345.0000000000000000001")  # 15 digits, 19 decimals
    frame = govinfo_report.to_dataframe([_with_fee(report, fine)])
    assert frame["active.fees.amount"].dtype == pd.ArrowDtype(pa.decimal128(38, 19))
    assert frame["active.fees.amount"].iloc[0] == fine
    for beyond in (Decimal("0.00000000000000000001"), Decimal("1E+20"), Decimal("NaN")):
        with pytest.raises(ValueError, match=r"active\.fees\.amount"):
            govinfo_report.to_dataframe([_with_fee(report, beyond)])


def test_a_corpus_output_refuses_a_value_it_cannot_hold(tmp_path: Path) -> None:
    report = _with_fee(govinfo_report.parse(SEEDS[0]), Decimal("NaN"))
    sink = CsvSink(tmp_path / "out.csv")
    with pytest.raises(OutputError, match=r"cannot write a\.txt: .*active\.fees\.amount"):
        sink.write(Result("a.txt", None, report))
    sink.close()
    assert len(read_csv(tmp_path / "out.csv")) == 0  # nothing half written


# --- Parquet --------------------------------------------------------------------------------


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    return write_documents(tmp_path / "docs")


def test_parquet_has_the_explicit_schema_and_the_reports_exact_values(
    documents: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.parquet"
    first = sorted(documents.iterdir())[:3]
    assert cli("parse", *map(str, first), "--out", str(out), "-j", "1").returncode == 0
    resumed = cli("parse", str(documents), "--out", str(out), "-j", "2")
    assert "4 parsed, 1 failed, 3 already done" in resumed.stderr  # 1: the undecodable file
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".partial")]

    schema = pq.read_schema(out)
    assert schema.names == list(COLUMNS)
    assert schema.field("published").type == pa.date32()
    assert schema.field("unknown").type.value_type == pa.string()
    for name in ("file", "sha256", "agency", "template", "error"):
        assert schema.field(name).type == pa.string()
    for key in KEY_COLUMNS:
        field = schema.field(key)
        assert field.type == (pa.decimal128(38, 6) if money(key) else pa.int64()), key
        assert field.metadata[b"label"].decode() == all_keys()[key].label

    rows = {row["file"]: row for row in pq.read_table(out).to_pylist()}
    assert sorted(rows) == sorted(str(p) for p in documents.iterdir())
    for path in documents.iterdir():
        row = rows[str(path)]
        if path.name == "undecodable.txt":
            assert row["error"].startswith("DecodeError: ") and row["unknown"] is None
            continue
        report = govinfo_report.parse(path)
        assert row["error"] is None and row["published"] == report.published
        assert_row_is_the_report(row, report)
    assert rows[str(documents / "blank.txt")]["unknown"] == []
    assert BLANK_KEY in rows[str(documents / "unknown.txt")]["unknown"]


def test_the_dataframe_and_parquet_share_one_schema(documents: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    cli("parse", str(documents), "--out", str(out), "-j", "1")
    readable = (p for p in documents.iterdir() if p.name != "undecodable.txt")
    rows = [wide_row(str(p), None, govinfo_report.parse(p)) for p in readable]
    assert pq.read_schema(out).equals(arrow_table(rows).schema, check_metadata=True)


# --- CSV ------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_one_bom_and_a_resumed_run_appends_below_it(
    documents: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    first = sorted(documents.iterdir())[:3]
    cli("parse", *map(str, first), "--out", str(out), "-j", "1")
    resumed = cli("parse", str(documents), "--out", str(out), "-j", "2")
    assert "3 already done" in resumed.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,sha256,") and data.count(b"\xef\xbb\xbf") == 1
    again = cli("parse", str(documents), "--out", str(out), "-j", "1")
    assert f"{len(list(documents.iterdir()))} already done" in again.stderr
    assert out.read_bytes() == data  # nothing parsed twice, nothing written twice

    rows = {row["file"]: row for row in read_csv(out)}
    assert list(rows[str(first[0])]) == list(COLUMNS)
    blank, unknown = rows[str(documents / "blank.txt")], rows[str(documents / "unknown.txt")]
    assert blank[BLANK_KEY] == unknown[BLANK_KEY] == ""
    assert blank["unknown"] == "" and BLANK_KEY in unknown["unknown"].split(" ")
    report = govinfo_report.parse(SEEDS[3])
    assert rows[str(documents / SEEDS[3].name)]["active.procurement.amount"] == "101.8506"
    assert rows[str(documents / SEEDS[3].name)]["published"] == report.published.isoformat()  # type: ignore[union-attr]
    assert rows[str(documents / "undecodable.txt")]["error"].startswith("DecodeError: ")

    corpus = tmp_path / "out.corpus.csv"
    assert corpus.read_bytes().startswith(b"\xef\xbb\xbffile,code,severity,")


def test_csv_without_a_bom_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "plain.csv"
    sink = CsvSink(out, bom=False)
    report = govinfo_report.parse(SEEDS[0])
    sink.write(Result(str(SEEDS[0]), report.source.sha256, report))
    sink.close()
    assert out.read_bytes().startswith(b"file,sha256,")
    reopened = CsvSink(out)  # resumed: recognised, and no byte-order mark added
    assert reopened.done() == {(str(SEEDS[0]), report.source.sha256)}
    reopened.close()
    assert out.read_bytes().startswith(b"file,sha256,")


def test_a_csv_of_another_header_is_refused_not_appended_to(tmp_path: Path) -> None:
    out = tmp_path / "old.csv"
    out.write_text("file,sha256,agency,year\nx.txt,abc,某局,2023\n", "utf-8")
    before = out.read_bytes()
    with pytest.raises(OutputError, match="header"):
        CsvSink(out)
    done = cli("parse", str(SEEDS[0]), "--out", str(out))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert out.read_bytes() == before
