"""``govinfo-report parse``: reports as JSON Lines, or a corpus run into an output file."""

from __future__ import annotations

import argparse
import sys

from .._discovery import STDIN
from .._outcomes import parse_record
from .._parser import Parser
from ._common import (
    EXIT_USAGE,
    Tally,
    about,
    fail,
    files_of,
    parser_of,
    read_all,
    run_ended,
    run_interrupted,
)
from ._formats import write_json_line

#: The outputs of a corpus run (``--out``), by suffix.
OUTPUTS = ".sqlite/.db, .jsonl, .csv, .parquet, .xlsx"


def parse_command(args: argparse.Namespace) -> int:
    """Parse the files named: a JSON line each, or a corpus run with ``--out``."""
    parser = parser_of(args)
    if args.dask is not None:  # the files may be fsspec addresses: listed by the Dask run
        from ._dask import dask_run  # noqa: PLC0415 - dask is an optional extra, only for --dask

        return dask_run(args, parser)
    if args.format == "parquet":
        fail(
            "--format parquet is the output folder of a Dask run: add --dask local (or a "
            "scheduler's address); on one machine, write --out results.parquet"
        )
        return EXIT_USAGE
    files = files_of(args.files, parser)
    if args.out is not None:
        return _corpus_run(args, parser, files)
    tally = Tally()
    for outcome in tally.count(read_all(parser, files)):
        if outcome.report is None:
            fail(about(outcome))
        write_json_line(parse_record(outcome, args.full), sys.stdout)
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
        return run_interrupted(f"{summary.written} files written to {args.out}")
    return run_ended(summary, args.out, args.exit_zero)
