"""``govinfo-report render``: reports saved by ``parse --full`` written as documents again."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .._atomic import write_atomically
from .._discovery import STDIN
from .._model import Report
from .._render import LAYOUTS, render
from ._common import EXIT_OK, EXIT_USAGE, fail, read_stdin

#: Every ``--format`` of ``render``: the layouts, and the official workbook.
RENDER_FORMATS = (*LAYOUTS, "xlsx")
_SUFFIXES = {"html": ".html", "markdown": ".md", "markdown_export": ".md", "xlsx": ".xlsx"}


class RenderError(Exception):
    """What stops a render, said to the user as it is (exit 2)."""


def render_command(args: argparse.Namespace) -> int:
    """Render each report of ``REPORT_JSON``: to stdout or ``-o FILE`` when it holds one,
    into ``-o DIR`` (a file per report) when it holds several. Nothing is written unless
    every report can be rendered."""
    try:
        reports = _reports(args.report)
        documents = [(name, _document(report, args.format)) for name, report in reports]
        _write(documents, args.output, args.format)
    except RenderError as exc:
        fail(exc)
        return EXIT_USAGE
    return EXIT_OK


def _reports(name: str) -> list[tuple[str, Report]]:
    """``(name, report)`` of each JSON line of ``name`` (``-``: standard input)."""
    try:
        raw = read_stdin() if name == STDIN else Path(name).read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{name}: cannot read it ({exc})") from exc
    records = _records(text, name)
    if not records:
        raise RenderError(f"{name}: holds no report")
    return [_report(record, name, line) for line, record in records]


def _records(text: str, name: str) -> list[tuple[int, Any]]:
    """``(line, record)`` of JSON Lines; one JSON value (an object, or the list an older
    ``parse`` printed) is read whole."""
    try:
        whole = json.loads(text)
    except RecursionError as exc:
        raise RenderError(f"{name}: not a report JSON (it nests too deep to read)") from exc
    except ValueError:
        pass
    else:
        return list(enumerate(whole, start=1)) if isinstance(whole, list) else [(1, whole)]
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.append((number, json.loads(line)))
            except (ValueError, RecursionError) as exc:
                raise RenderError(f"{name} line {number}: not a report JSON ({exc})") from exc
    return records


def _report(record: Any, name: str, line: int) -> tuple[str, Report]:
    where = f"{name} line {line}"
    if not isinstance(record, dict):
        raise RenderError(f"{where}: not a report JSON (a {type(record).__name__})")
    if isinstance(record.get("error"), dict):
        error = record["error"]
        raise RenderError(
            f"{where}: {record.get('file')} has no report, it could not be read "
            f"({error.get('type')}: {error.get('message')})"
        )
    if "prose" not in record:
        raise RenderError(f"{where}: needs parse --full: the prose is missing")
    try:
        report = Report.from_dict(record)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RenderError(f"{where}: not a report JSON ({type(exc).__name__}: {exc})") from exc
    return str(record.get("file") or report.source.path or f"report-{line}"), report


def _document(report: Report, form: str) -> bytes:
    if form != "xlsx":
        return render(report, form).encode("utf-8")
    try:
        from .._render._xlsx import official_workbook  # noqa: PLC0415 - openpyxl, on demand
    except ImportError as exc:
        raise RenderError(f"xlsx cannot be written here: {exc}") from exc
    return official_workbook(report)


def _write(documents: list[tuple[str, bytes]], output: Path | None, form: str) -> None:
    """Write to stdout or ``output``: a file for one document, a directory for several."""
    if output is None:
        if len(documents) > 1:
            raise RenderError(
                f"{len(documents)} reports: name a directory with -o to write a file each"
            )
        if form == "xlsx" and sys.stdout.isatty():
            raise RenderError("a workbook is no text for a terminal: write it with -o FILE.xlsx")
        sys.stdout.flush()
        sys.stdout.buffer.write(documents[0][1])
        sys.stdout.buffer.flush()
        return
    if len(documents) == 1 and not output.is_dir():
        _write_file(output, documents[0][1])
        return
    if output.exists() and not output.is_dir():
        raise RenderError(f"{output} is a file: name a directory to write {len(documents)} reports")
    suffix = _SUFFIXES.get(form, ".txt")
    taken: set[str] = set()
    for name, data in documents:
        file = _unique(Path(name).stem or "report", suffix, taken)
        taken.add(file)
        _write_file(output / file, data)
    print(f"{len(documents)} reports -> {output}", file=sys.stderr)


def _unique(stem: str, suffix: str, taken: set[str]) -> str:
    """``STEM.SUFFIX``, or ``STEM-2.SUFFIX``… when two reports have the same stem."""
    name, number = f"{stem}{suffix}", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    return name


def _write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; a location that cannot be written is a
    :class:`RenderError` naming it."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc}") from exc
