"""Where a corpus run writes: SQLite (the default), JSON Lines or a wide CSV, each resumable.

Every write of one file's outcome is atomic: a SQLite transaction, or one whole line that a
resumed run checks and, when a kill cut it short, drops. A resumed run skips the files whose
``(path, sha256)`` the output already holds, except those whose worker timed out or crashed:
those are parsed again (a line file drops their old line), as a parse error is not.

Each sink gives the corpus rules its reports as SQLite tables (a line file's are loaded into
memory) and keeps their findings: in the database, or in ``OUT.corpus.jsonl``/``.csv`` beside
a line file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import regex

from .._codec import (
    finding_row,
    memory_database,
    open_schema,
    report_rows,
    store_corpus_findings,
    write_report,
)
from .._findings import Finding
from .._keys import TEMPLATES, keys
from ._pool import Result

_BUSY_SECONDS = 30.0
_COUNT = regex.compile(r"-?[0-9]{1,18}")
#: Failures of the run rather than of the file, which a resumed run tries again.
RETRIED = ("Timeout", "Crash")


def retried(error_type: str | None) -> bool:
    """True for a failure a rerun tries again: a timeout or a crash (``Crash:KeyError`` too)."""
    return error_type is not None and error_type.split(":", 1)[0] in RETRIED


#: Every canonical key of either template, 2021 first: the columns of the wide table.
ALL_KEYS = tuple(dict.fromkeys(k.key for t in TEMPLATES for k in keys(t)))


class Sink(Protocol):
    """An output of a corpus run."""

    def done(self) -> set[tuple[str, str]]:
        """``(path, sha256)`` of the files already written."""
        ...

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


#: The columns of a corpus finding in ``OUT.corpus.jsonl`` and ``OUT.corpus.csv``.
FINDING_COLUMNS = (
    "file", "code", "severity", "section", "row", "column", "key", "line", "expected", "actual",
    "message_zh", "message_en",
)  # fmt: skip


def _finding_record(file: str, f: Finding) -> dict[str, Any]:
    row = finding_row(file, "corpus", 0, f)
    return dict(zip(FINDING_COLUMNS, (row[0], *row[3:]), strict=True))


class SqliteSink:
    """Tables ``reports``, ``cells`` and ``findings`` in an SQLite file."""

    def __init__(self, path: Path) -> None:
        # Another program reading the database (a review, a notebook) may hold it a moment.
        self.corpus_output = path
        self.db = sqlite3.connect(path, timeout=_BUSY_SECONDS)
        self.db.execute("PRAGMA journal_mode=WAL")
        open_schema(self.db)

    def done(self) -> set[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT file, sha256, error_type FROM reports WHERE sha256 IS NOT NULL"
        )
        return {(file, sha) for file, sha, error in rows if not retried(error)}

    def write(self, result: Result) -> None:
        failure = (result.failure.type, result.failure.message) if result.failure else None
        rows = report_rows(result.path, result.sha256, result.report, failure)
        with self.db:  # one transaction: the file's rows are all there or none are
            write_report(self.db, rows)

    def corpus(self) -> sqlite3.Connection:
        return self.db

    def keep_corpus_findings(self, found: Sequence[tuple[str, Finding]]) -> None:
        store_corpus_findings(self.db, found)

    def close(self) -> None:
        self.db.close()


class _LineSink:
    """A file of one record per line; a resumed run drops a line a kill cut short."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: set[tuple[str, str]] = set()
        if path.exists():
            self._recover()
        self.out = path.open("a", encoding="utf-8", newline="")

    def _recover(self) -> None:
        data = self.path.read_bytes()
        keep = data[: data.rfind(b"\n") + 1]  # whatever follows the last newline is torn
        lines = keep.decode("utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not retried(self._error_type(line))]
        if keep != data or len(kept) < len(lines):
            self.path.write_text("".join(kept), "utf-8")
        for record in self._records("".join(kept)):
            if record.get("sha256"):
                self.seen.add((record["file"], record["sha256"]))

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
        # Written whole, then moved into place: a reader never sees half the findings.
        partial = self.corpus_output.with_name(self.corpus_output.name + ".partial")
        partial.write_text(self._finding_lines(found), "utf-8")
        os.replace(partial, self.corpus_output)

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


CSV_COLUMNS = ("file", "sha256", "agency", "year", "template", "published", "error", *ALL_KEYS)


class CsvSink(_LineSink):
    """The wide table: one row per file, one column per canonical key."""

    def __init__(self, path: Path) -> None:
        fresh = not path.exists() or path.stat().st_size == 0
        super().__init__(path)
        if fresh:
            self._append(self._row(CSV_COLUMNS))

    def _records(self, text: str) -> Iterator[dict[str, Any]]:
        yield from csv.DictReader(io.StringIO(text))

    def _error_type(self, line: str) -> str | None:
        row = next(csv.reader([line]), [])
        error_at = CSV_COLUMNS.index("error")
        error = row[error_at] if len(row) > error_at and row[0] != "file" else ""
        return error.split(": ", 1)[0] or None

    @staticmethod
    def _row(values: Any) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(values)
        return buffer.getvalue()

    def write(self, result: Result) -> None:
        report = result.report
        flat = report.to_dict()["values"] if report else {}
        error = f"{result.failure.type}: {result.failure.message}" if result.failure else ""
        head = (
            result.path,
            result.sha256 or "",
            (report.agency or "") if report else "",
            (report.year or "") if report else "",
            (report.template or "") if report else "",
            (report.published.isoformat() if report and report.published else ""),
            error,
        )
        cells = ("" if flat.get(k) is None else flat[k] for k in ALL_KEYS)
        self._append(self._row((*head, *cells)))

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
            for key in ALL_KEYS
            if (text := record.get(key))
        }
        return head, cells

    def _finding_lines(self, found: Sequence[tuple[str, Finding]]) -> str:
        rows = (self._row(_finding_record(file, f).values()) for file, f in found)
        return self._row(FINDING_COLUMNS) + "".join(rows)


class ParquetSink(SqliteSink):
    """The wide table as Parquet (needs pyarrow), written at the end from an SQLite file kept
    beside it, which is what makes a Parquet run resumable."""

    def __init__(self, path: Path) -> None:
        try:
            import pyarrow  # noqa: F401, PLC0415 - optional: only Parquet output needs it
        except ImportError as exc:
            raise ValueError("Parquet output needs pyarrow: pip install pyarrow") from exc
        self.parquet = path
        super().__init__(path.with_name(path.name + ".sqlite"))

    def close(self) -> None:
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.parquet as pq  # noqa: PLC0415

        head = ["file", "sha256", "agency", "year", "template", "published", "error"]
        reports = self.db.execute(
            "SELECT file, sha256, agency, year, template, published, "
            "CASE WHEN error_type IS NULL THEN NULL ELSE error_type || ': ' || error_message END "
            "FROM reports ORDER BY file"
        ).fetchall()
        values: dict[str, dict[str, str | None]] = {}
        for file, key, value in self.db.execute("SELECT file, key, value FROM cells"):
            values.setdefault(file, {})[key] = None if value is None else str(value)
        columns: dict[str, list[object]] = {
            name: [row[i] for row in reports] for i, name in enumerate(head)
        }
        for key in ALL_KEYS:
            # Exact as written: counts and money alike as decimal strings; blank/unknown null.
            columns[key] = [values.get(row[0], {}).get(key) for row in reports]
        pq.write_table(pa.table(columns), self.parquet)
        super().close()


def open_sink(path: Path) -> Sink:
    """The sink for ``path`` by suffix: ``.sqlite``/``.db``, ``.jsonl``, ``.csv``, ``.parquet``."""
    suffix = path.suffix.lower()
    if suffix in (".sqlite", ".sqlite3", ".db"):
        return SqliteSink(path)
    if suffix == ".jsonl":
        return JsonlSink(path)
    if suffix == ".csv":
        return CsvSink(path)
    if suffix == ".parquet":
        return ParquetSink(path)
    raise ValueError(f"unknown output {path.name}: use .sqlite, .jsonl, .csv or .parquet")
