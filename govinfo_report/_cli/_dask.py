"""``govinfo-report parse FILES --out DIR --format parquet --dask ADDRESS|local``: a corpus run
on a Dask cluster (a scheduler's address, or a cluster of this machine's cores), from any
fsspec location into partitioned Parquet that a rerun resumes."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

from .._discovery import STDIN
from .._parser import Parser
from ..errors import OutputError
from ._common import EXIT_USAGE, fail, run_ended, run_interrupted, say_skipped

#: ``--dask local``: a cluster of this machine's cores.
LOCAL = "local"


@contextlib.contextmanager
def _client(address: str, workers: int | None) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a cluster of worker processes on this
    machine (``local``, one per core or ``-j``, on 127.0.0.1 only), closed at the end."""
    import distributed  # noqa: PLC0415 - optional: imported once the extra is known present

    from .._dask._cluster import local_cluster  # noqa: PLC0415 - needs distributed, as above

    if address != LOCAL:
        try:
            client = distributed.Client(address)
        except (OSError, TimeoutError) as exc:
            raise OutputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        with client:
            yield client
        return
    # The scheduler logs each shuffle's start as a warning; a local run has no one to warn.
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    cluster = local_cluster(workers or os.cpu_count() or 1)
    with cluster, distributed.Client(cluster) as client:
        yield client


def dask_run(args: argparse.Namespace, parser: Parser) -> int:
    """Parse ``args.files`` on the cluster ``args.dask`` into the folder ``args.out``."""
    try:
        from .. import dask as on_dask  # noqa: PLC0415 - the optional extra, only for --dask
    except ImportError as exc:
        fail(exc)
        return EXIT_USAGE
    if args.out is None:
        fail("--dask writes Parquet into a folder: name it with --out DIR")
        return EXIT_USAGE
    if STDIN in args.files:
        fail("standard input (-) cannot go into a corpus run (--dask): name files")
        return EXIT_USAGE
    try:
        with _client(args.dask, args.jobs) as client:
            reports = on_dask.read_reports(args.files, config=parser.config, client=client)
            say_skipped(reports.skipped)
            if not reports.files:
                fail(f"found no report files in {', '.join(args.files)}")
            summary = on_dask.to_parquet(
                reports, args.out, progress=sys.stderr.isatty(), client=client
            )
    except KeyboardInterrupt:
        return run_interrupted(f"the parts written to {args.out} are kept")
    return run_ended(summary, summary.output, args.exit_zero)
