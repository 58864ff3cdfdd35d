"""``govinfo-report check``: the findings of report files, or of corpus databases, in any
output format."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .._outcomes import Failure, Outcome
from ..errors import GovInfoReportError
from ..rules import RuleConfig
from ._common import (
    EXIT_USAGE,
    Tally,
    about,
    fail,
    files_of,
    parser_of,
    read_all,
)
from ._formats import (
    Format,
    Options,
    write_github,
    write_json,
    write_json_statistics,
    write_text,
    write_text_statistics,
)
from ._junit import write_junit
from ._sarif import write_sarif

FORMATS: dict[str, Format] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
    "sarif": write_sarif,
    "junit": write_junit,
}
STATISTICS: dict[str, Format] = {"text": write_text_statistics, "json": write_json_statistics}
#: Every ``--format`` of ``check``: those above, and ``html`` (review pages).
CHECK_FORMATS = (*FORMATS, "html")
_DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def is_database(name: str) -> bool:
    """True for a file named like a corpus database that starts as SQLite files do."""
    path = Path(name)
    if path.suffix.lower() not in _DATABASE_SUFFIXES or not path.is_file():
        return False
    try:
        with path.open("rb") as head:
            return head.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False  # read as a report, it says why it cannot be read


def check_command(args: argparse.Namespace) -> int:
    """Check the files or corpus databases named, and print their findings."""
    if args.statistics and args.format not in STATISTICS:
        fail(f"--statistics is for --format {' or '.join(STATISTICS)}")
        return EXIT_USAGE
    if args.output is not None and args.format != "html":
        fail("-o is for --format html")
        return EXIT_USAGE
    databases = [name for name in args.files if is_database(name)]
    if databases and len(databases) != len(args.files):
        fail("check either report files or corpus databases")
        return EXIT_USAGE
    parser = parser_of(args)
    notes: list[str] = []
    if databases:
        outcomes = _database_outcomes(databases, parser.config, notes)
    else:
        outcomes = read_all(parser, files_of(args.files, parser))
    tally = Tally()
    if args.format == "html":
        code = _review(tally.count(outcomes), args.output, tally, args.exit_zero)
    else:
        write = (STATISTICS if args.statistics else FORMATS)[args.format]
        write(tally.count(outcomes), Options(args.lang, parser.rules, parser.config, tally))
        code = tally.exit_code(args.exit_zero)
    for note in notes:  # after the findings, as a summary is
        print(note, file=sys.stdout if args.format == "text" else sys.stderr)
    return code


def _database_outcomes(
    names: Sequence[str], config: RuleConfig, notes: list[str]
) -> Iterator[Outcome]:
    """Each report of each corpus database as it was written, its findings as ``config``
    selects them, with the corpus rules run again first; a note per database."""
    # The review's reading of a database, shared: imported only for databases.
    from .._corpus._cross import store_cross_findings  # noqa: PLC0415
    from .._review._database import database_entries  # noqa: PLC0415

    for name in names:
        db = sqlite3.connect(name)
        try:
            found = store_cross_findings(db)
            for entry in database_entries(db, config):
                if entry.error is not None:
                    kind, _, text = entry.error.partition(": ")
                    yield Outcome(entry.name, problem=Failure(kind, text))
                else:
                    yield Outcome(entry.name, entry.report, corpus_checked=entry.corpus_checked)
        except (sqlite3.Error, GovInfoReportError) as exc:  # damaged, locked, not ours, newer
            said = str(exc) if isinstance(exc, GovInfoReportError) else None
            problem = Failure("DatabaseError", said or f"cannot read the corpus database: {exc}")
            yield Outcome(name, problem=problem, unread=True)
            continue
        finally:
            db.close()
        kept = sum(1 for _, f in found if config.enabled(f.code))
        notes.append(f"{name}: {kept} corpus findings")


def _review(outcomes: Iterator[Outcome], output: Path | None, tally: Tally, exit_zero: bool) -> int:
    """Write the review pages (``--format html``) to ``-o`` or, for one page, to stdout."""
    from .._review import Entry, entries_page, write_review  # noqa: PLC0415

    def entries() -> Iterator[Entry]:
        for outcome in outcomes:
            if outcome.report is not None:
                yield Entry(outcome.file, outcome.report, corpus_checked=outcome.corpus_checked)
                continue
            assert outcome.problem is not None
            if outcome.unread:
                fail(about(outcome))
            yield Entry(outcome.file, error=f"{outcome.problem.type}: {outcome.problem.message}")

    if output is None:
        sys.stdout.write(entries_page(list(entries())))
        written = "stdout"
    else:
        try:
            write_review(entries(), output)
        except ValueError as exc:
            fail(exc)
            return EXIT_USAGE
        written = str(output)
    print(f"review -> {written}: {tally.summary()}", file=sys.stderr)
    return tally.exit_code(exit_zero)
