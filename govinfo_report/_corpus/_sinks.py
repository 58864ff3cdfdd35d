"""Where a corpus run writes: SQLite (the default), JSON Lines, a wide CSV, Parquet or an Excel
workbook, each resumable.

Every write of one file's outcome is atomic: a SQLite transaction, or one whole line that a
resumed run checks and, when a kill cut it short, drops. A resumed run skips the files whose
``(path, sha256)`` the output already holds, except those whose worker timed out or crashed:
those are parsed again (a line file drops their old line), as a parse error is not.

Each sink gives the corpus rules its reports as SQLite tables (a line file's are loaded into
memory) and keeps their findings: in the database, or in ``OUT.corpus.jsonl``/``.csv`` beside
a line file. Parquet and Excel are written whole at the end from an SQLite file kept beside
them (``OUT.sqlite``), which is what makes them resumable; the wide row of CSV, Parquet and
Excel is :mod:`govinfo_report._wide`'s.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import regex

from .._atomic import replacing
from .._codec import (
    memory_database,
    open_schema,
    read_report,
    report_rows,
    store_corpus_findings,
    write_report,
)
from .._excel import wide_workbook
from .._findings import Finding
from .._model import Report, value_to_json
from .._wide import (
    COLUMNS,
    FINDING_COLUMNS,
    KEY_COLUMNS,
    WideRow,
    arrow_table,
    error_text,
    finding_cells,
    optional,
    text_cells,
    wide_row,
)
from ..errors import OutputError
from ._pool import Result

_BUSY_SECONDS = 30.0
# A batch of files committed together: at most this many, or this long after its first.
_BATCH_FILES, _BATCH_SECONDS = 64, 0.5
_COUNT = regex.compile(r"-?[0-9]{1,18}")
#: Failures of the run rather than of the file, which a resumed run tries again.
RETRIED = ("Timeout", "Crash")


def retried(error_type: str | None) -> bool:
    """True for a failure a rerun tries again: a timeout or a crash (``Crash:KeyError`` too)."""
    return error_type is not None and error_type.split(":", 1)[0] in RETRIED


class Sink(Protocol):
    """An output of a corpus run."""

    def done(self) -> set[tuple[str, str]]:
        """``(path, sha256)`` of the files already written."""
        ...

    #: Whether each result should come with its report compressed as a database stores it.
    stores_reports: bool

    def write(self, result: Result) -> None:
        """Write one file's outcome, atomically."""
        ...

    @property
    def corpus_output(self) -> Path:
        """Where :meth:`keep_corpus_findings` keeps the corpus findings."""
        ...

    def corpus(self) -> sqlite3.Connection:
        """The reports written so far, as the corpus schema's tables, for the corpus rules."""
        ...

    def keep_corpus_findings(self, found: Sequence[tuple[str, Finding]]) -> None:
        """Keep the corpus rules' findings ``(file, finding)`` in place of the last run's."""
        ...

    def close(self) -> None:
        """Finish the output."""
        ...


def _finding_record(file: str, f: Finding) -> dict[str, Any]:
    """A corpus finding as ``OUT.corpus.jsonl`` and ``OUT.corpus.csv`` hold it."""
    record = dict(zip(FINDING_COLUMNS, finding_cells(file, f), strict=True))
    return record | {k: value_to_json(record[k]) for k in ("expected", "actual")}


class SqliteSink:
    """Tables ``reports``, ``cells`` and ``findings`` in an SQLite file."""

    stores_reports = True

    def __init__(self, path: Path) -> None:
        # Another program reading the database (a review, a notebook) may hold it a moment.
        self.corpus_output = path
        self.db = sqlite3.connect(path, timeout=_BUSY_SECONDS)
        open_schema(self.db)  # first: a database not ours is refused as it is
        self.db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode a commit need not wait for the disk: a killed run keeps every file it
        # committed, and only a power cut can lose the last few (never half of one), which
        # the next run parses again. It halves the time of writing a report.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.batch, self.started, self.writing = 0, 0.0, False

    def done(self) -> set[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT file, sha256, error_type FROM reports WHERE sha256 IS NOT NULL"
        )
        return {(file, sha) for file, sha, error in rows if not retried(error)}

    def write(self, result: Result) -> None:
        failure = (result.failure.type, result.failure.message) if result.failure else None
        rows = report_rows(result.path, result.sha256, result.report, failure, result.encoded)
        # Files are committed a batch at a time (a commit costs as much as writing a report);
        # a file's rows are whole or absent in every batch, so a killed run loses at most the
        # batch it was writing, which the next run parses again.
        if not self.batch:
            self.started = time.monotonic()
        self.writing = True
        write_report(self.db, rows)
        self.writing = False
        self.batch += 1
        if self.batch >= _BATCH_FILES or time.monotonic() - self.started > _BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit the batch written so far; a file cut short by an interrupt is rolled back
        with its batch."""
        if self.writing:
            self.db.rollback()
        else:
            self.db.commit()
        self.batch, self.writing = 0, False

    def corpus(self) -> sqlite3.Connection:
        self.commit()
        return self.db

    def keep_corpus_findings(self, found: Sequence[tuple[str, Finding]]) -> None:
        self.commit()
        store_corpus_findings(self.db, found)

    def close(self) -> None:
        self.commit()
        self.db.close()


class _LineSink:
    """A file of one record per line; a resumed run drops a line a kill cut short."""

    stores_reports = False

    #: How the corpus findings file beside the output is encoded.
    encoding = "utf-8"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: set[tuple[str, str]] = set()
        if path.exists():
            self._recover()
        self.out = path.open("a", encoding="utf-8", newline="")

    def _recover(self) -> None:
        data = self.path.read_bytes()
        keep = data[: data.rfind(b"\n") + 1]  # whatever follows the last newline is torn
        try:
            lines = keep.decode("utf-8").splitlines(keepends=True)
            kept = [line for line in lines if not retried(self._error_type(line))]
            seen = {
                (record["file"], record["sha256"])
                for record in self._records("".join(kept))
                if record.get("sha256")
            }
        except (ValueError, RecursionError, KeyError, AttributeError, TypeError) as exc:
            raise OutputError(
                f"{self.path} is not the output of an earlier run to resume "
                f"({type(exc).__name__}: {exc}): move it away, or choose another --out"
            ) from exc
        if keep != data or len(kept) < len(lines):
            self.path.write_text("".join(kept), "utf-8")
        self.seen |= seen

    def _records(self, text: str) -> Iterator[dict[str, Any]]:
        raise NotImplementedError

    def _error_type(self, line: str) -> str | None:
        """The type of the failure a line records, if any."""
        raise NotImplementedError

    def done(self) -> set[tuple[str, str]]:
        return set(self.seen)

    def _append(self, line: str) -> None:
        self.out.write(line)
        self.out.flush()

    def _filed(self, record: dict[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
        """A record's head (agency, year, template) and cells, or ``None`` for a failure."""
        raise NotImplementedError

    def corpus(self) -> sqlite3.Connection:
        self.out.flush()
        records = self._records(self.path.read_text("utf-8"))
        filed = ((r["file"], *f) for r in records if (f := self._filed(r)) is not None)
        return memory_database(filed)

    @property
    def corpus_output(self) -> Path:
        """Where the corpus findings go: ``OUT.corpus.jsonl`` (``.csv``) beside the output."""
        return self.path.with_name(f"{self.path.stem}.corpus{self.path.suffix}")

    def _finding_lines(self, found: Sequence[tuple[str, Finding]]) -> str:
        raise NotImplementedError

    def keep_corpus_findings(self, found: Sequence[tuple[str, Finding]]) -> None:
        with replacing(self.corpus_output) as partial:
            partial.write_text(self._finding_lines(found), self.encoding)

    def close(self) -> None:
        self.out.close()


class JsonlSink(_LineSink):
    """One JSON object per file: the whole report (``parse --full``), or the error."""

    def _records(self, text: str) -> Iterator[dict[str, Any]]:
        for line in text.splitlines():
            yield json.loads(line)

    def _error_type(self, line: str) -> str | None:
        if '"error"' not in line:
            return None
        error = json.loads(line).get("error")
        return error.get("type") if isinstance(error, dict) else None

    def write(self, result: Result) -> None:
        record: dict[str, Any] = {"file": result.path, "sha256": result.sha256}
        if result.report is not None:
            record |= result.report.to_dict()
        if result.failure is not None:
            record["error"] = {"type": result.failure.type, "message": result.failure.message}
        self._append(json.dumps(record, ensure_ascii=False) + "\n")

    def _filed(self, record: dict[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
        if "error" in record:
            return None
        lines = {key: p.get("line") for key, p in record.get("provenance", {}).items()}
        cells = {key: (value, lines.get(key)) for key, value in record["values"].items()}
        return record, cells

    def _finding_lines(self, found: Sequence[tuple[str, Finding]]) -> str:
        return "".join(
            json.dumps(_finding_record(file, f), ensure_ascii=False) + "\n" for file, f in found
        )


_BOM = "\ufeff"


class CsvSink(_LineSink):
    """The wide table: one row per file, one column per canonical key, UTF-8 with a byte-order
    mark (unless ``bom=False``) so that Excel and WPS open it as UTF-8; a resumed run appends
    below the header it finds. A blank cell and an unknown one are both empty: the column
    ``unknown`` lists the unknown keys, separated by spaces."""

    encoding = "utf-8-sig"

    def __init__(self, path: Path, *, bom: bool = True) -> None:
        header = self._row(COLUMNS)
        if path.exists():  # refused before anything in it is touched
            with path.open(encoding="utf-8-sig", newline="") as existing:
                first = existing.readline()
            if first.endswith("\n") and first != header:
                raise OutputError(
                    f"cannot write {path}: its header is not this version's wide table "
                    "(an older run, or another file); write to a new .csv"
                )
        super().__init__(path)
        if self.path.stat().st_size == 0:  # new, or only a header cut short
            self._append((_BOM if bom else "") + header)

    def _records(self, text: str) -> Iterator[dict[str, Any]]:
        yield from csv.DictReader(io.StringIO(text.removeprefix(_BOM)))

    def _error_type(self, line: str) -> str | None:
        row = next(csv.reader([line.removeprefix(_BOM)]), [])
        error_at = COLUMNS.index("error")
        error = row[error_at] if len(row) > error_at and row[0] != "file" else ""
        return error.split(": ", 1)[0] or None

    @staticmethod
    def _row(values: Any) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(values)
        return buffer.getvalue()

    def write(self, result: Result) -> None:
        with _holding(result.path):
            row = result_row(result)
        self._append(self._row(text_cells(row)))

    def _filed(self, record: dict[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
        if record["error"]:
            return None
        head = {
            "agency": record["agency"] or None,
            "year": int(record["year"]) if record["year"] else None,
            "template": record["template"] or None,
        }
        # The wide table has no lines; a count is written as digits, money with its point.
        cells = {
            key: (int(text) if _COUNT.fullmatch(text) else text, None)
            for key in KEY_COLUMNS
            if (text := record.get(key))
        }
        return head, cells

    def _finding_lines(self, found: Sequence[tuple[str, Finding]]) -> str:
        rows = (self._row(_finding_record(file, f).values()) for file, f in found)
        return self._row(FINDING_COLUMNS) + "".join(rows)


def result_row(result: Result) -> WideRow:
    """The wide row of one file's outcome (``ValueError`` for a value no column holds)."""
    failure = result.failure
    error = error_text(failure.type, failure.message) if failure else None
    return wide_row(result.path, result.sha256, result.report, error)


@contextlib.contextmanager
def _holding(file: str) -> Iterator[None]:
    """A value of ``file`` that no column holds exactly refuses the output, naming both."""
    try:
        yield
    except ValueError as exc:
        raise OutputError(f"cannot write {file}: {exc}") from exc


def _stored(db: sqlite3.Connection) -> Iterator[tuple[WideRow, Report | None]]:
    """Each file of a corpus database, by file: its wide row and its report (with the corpus
    findings), read back whole from the stored report."""
    rows = db.execute(
        "SELECT file, sha256, error_type, error_message FROM reports ORDER BY file"
    ).fetchall()
    for file, sha256, error_type, message in rows:
        if error_type is not None:
            yield WideRow(file, sha256, error=error_text(error_type, message or "")), None
            continue
        report = read_report(db, file)
        with _holding(file):
            row = wide_row(file, sha256, report)
        yield row, report


class ParquetSink(SqliteSink):
    """The wide table as Parquet (needs pyarrow) with its explicit Arrow schema, written at the
    end from the SQLite file kept beside it."""

    def __init__(self, path: Path) -> None:
        _needs("pyarrow", "data", "Parquet output", path)
        self.target = path
        super().__init__(path.with_name(path.name + ".sqlite"))

    def close(self) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional: checked when the sink opened

        try:
            table = arrow_table(row for row, _ in _stored(self.db))
            with replacing(self.target) as partial:
                pq.write_table(table, partial)
        finally:
            super().close()


class XlsxSink(SqliteSink):
    """An Excel workbook (needs XlsxWriter): sheet 报告 the wide table, sheet 问题 every
    finding; written at the end from the SQLite file kept beside it."""

    def __init__(self, path: Path) -> None:
        _needs("xlsxwriter", "xlsx", "Excel output", path)
        self.target = path
        super().__init__(path.with_name(path.name + ".sqlite"))

    def close(self) -> None:
        try:
            rows = ((row, report.findings if report else ()) for row, report in _stored(self.db))
            with replacing(self.target) as partial:
                wide_workbook(str(partial), rows)
        except ValueError as exc:  # more rows than a sheet holds
            raise OutputError(f"cannot write {self.target}: {exc}") from exc
        finally:
            super().close()


def _needs(module: str, extra: str, what: str, path: Path) -> None:
    """Refuse an output whose optional dependency is missing before any file is parsed."""
    try:
        optional(module, extra, what)
    except ImportError as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc


def open_sink(path: Path) -> Sink:
    """The sink for ``path`` by suffix: ``.sqlite``/``.db``, ``.jsonl``, ``.csv``, ``.parquet``,
    ``.xlsx``."""
    suffix = path.suffix.lower()
    if suffix in (".sqlite", ".sqlite3", ".db"):
        return SqliteSink(path)
    if suffix == ".jsonl":
        return JsonlSink(path)
    if suffix == ".csv":
        return CsvSink(path)
    if suffix == ".parquet":
        return ParquetSink(path)
    if suffix == ".xlsx":
        return XlsxSink(path)
    raise ValueError(f"unknown output {path.name}: use .sqlite, .jsonl, .csv, .parquet or .xlsx")
