"""The ``govinfo-report`` command line: ``parse``, ``check``, ``rules``, ``render``,
``plugins``; one exit-code contract and one file discovery for all of them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..errors import GovInfoReportError

EXIT_OK, EXIT_USAGE, EXIT_INTERRUPTED = 0, 2, 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``govinfo-report``."""
    from ._args import build_parser as build  # noqa: PLC0415 - loaded in main, see there

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        # The commands load the parser and its plugins: loaded here, a Ctrl-C meanwhile ends
        # as quietly as one later on.
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except GovInfoReportError as exc:  # bad configuration, an output it cannot write
        print(f"govinfo-report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("govinfo-report: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. piped into `head`: what was wanted was read
        # Python flushes stdout once more on exit; the pipe is gone, so flush into nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if not _interrupted(exc):
            raise  # a bug: its traceback is what a report of it needs
        print("govinfo-report: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` came of a Ctrl-C that a library turned into another error (OpenCC's
    extension, interrupted while it loads, raises an ImportError from it)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


__all__ = ["build_parser", "main"]
