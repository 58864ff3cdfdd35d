"""``govinfo-report parse``: reports as JSON Lines, or a corpus run into an output file."""

from __future__ import annotations

import argparse
import sys

from .._discovery import STDIN
from .._parser import Parser
from ._common import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Tally,
    about,
    error_record,
    fail,
    files_of,
    parser_of,
    read_all,
)
from ._formats import json_line, report_record

#: The outputs of a corpus run (``--out``), by suffix.
OUTPUTS = ".sqlite/.db, .jsonl, .csv, .parquet, .xlsx"


def parse_command(args: argparse.Namespace) -> int:
    """Parse the files named: a JSON line each, or a corpus run with ``--out``."""
    parser = parser_of(args)
    files = files_of(args.files, parser)
    if args.out is not None:
        return _corpus_run(args, parser, files)
    tally = Tally()
    for outcome in tally.count(read_all(parser, files)):
        if outcome.report is None:
            fail(about(outcome))
            json_line(error_record(outcome), sys.stdout)
        else:
            json_line(report_record(outcome.file, outcome.report, args.full), sys.stdout)
        sys.stdout.flush()  # a line per file as it is done, for whatever reads the pipe
    return tally.exit_code(args.exit_zero)


def _corpus_run(args: argparse.Namespace, parser: Parser, files: tuple[str, ...]) -> int:
    """Parse ``files`` in worker processes into ``--out``, resuming what it holds."""
    from .._corpus import run_corpus  # noqa: PLC0415 - only corpus runs need multiprocessing

    if STDIN in files:
        fail("standard input (-) cannot go into a corpus run (--out): name files")
        return EXIT_USAGE
    try:
        summary = run_corpus(
            files,
            args.out,
            workers=args.jobs,
            timeout=args.timeout,
            config=parser.config,
            file_types=parser.file_types,
        )
    except ValueError as exc:  # an output of no known kind, or Parquet without pyarrow
        fail(exc)
        return EXIT_USAGE
    if summary.interrupted:
        print(
            f"interrupted: {summary.written} files written to {args.out}; "
            "run the same command again to resume",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print(
        f"{summary.files} files: {summary.parsed} parsed, {summary.failed} failed, "
        f"{summary.skipped} already done -> {args.out}; "
        f"{summary.corpus_findings} corpus findings -> {summary.corpus_output}",
        file=sys.stderr,
    )
    if summary.failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if summary.errors and not args.exit_zero else EXIT_OK
