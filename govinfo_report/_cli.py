"""The ``govinfo-report`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._model import Report
from ._parser import Parser
from .errors import GovInfoReportError


def _summary(report: Report, path: str) -> dict[str, Any]:
    data = report.to_dict()
    return {
        "file": path,
        "agency": data["agency"],
        "year": data["year"],
        "template": data["template"],
        "published": data["published"],
        "script": data["script"],
        "extractors": data["extractors"],
        "values": data["values"],
        "findings": data["findings"],
    }


def _parse_command(args: argparse.Namespace) -> int:
    parser = Parser()
    records = []
    failed = False
    for path in args.files:
        try:
            report = parser.parse(Path(path))
        except GovInfoReportError as exc:
            failed = True
            records.append(
                {"file": path, "error": {"type": type(exc).__name__, "message": str(exc)}}
            )
            print(f"govinfo-report: {path}: {exc}", file=sys.stderr)
            continue
        records.append(report.to_dict() | {"file": path} if args.full else _summary(report, path))
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(records.pop(), ensure_ascii=False) + "\n")
    if args.format == "json":
        payload: Any = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    elif records:  # errors recorded after the last report
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _plugins_command(args: argparse.Namespace) -> int:
    parser = Parser()
    for info in parser.plugins:
        origin = f" [{info.distribution}]" if info.distribution else ""
        extractors = ", ".join(info.extractors) or "(no extractors)"
        print(f"{info.name:<12} {info.module}{origin}: {extractors}")
    for problem in parser.problems:
        print(f"FAILED {problem.name:<12} {problem.target}: {problem.error}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``govinfo-report``."""
    cli = argparse.ArgumentParser(
        prog="govinfo-report",
        description="Parse 政府信息公开工作年度报告 into canonical, validated data.",
    )
    commands = cli.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse report files and print their data as JSON")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--format", choices=("json", "jsonl"), default="json")
    parse.add_argument(
        "--full", action="store_true", help="include provenance, prose and source of every report"
    )
    parse.set_defaults(run=_parse_command)
    plugins = commands.add_parser("plugins", help="list the plugins and extractors loaded")
    plugins.set_defaults(run=_plugins_command)
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
