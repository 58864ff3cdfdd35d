"""The ``govinfo-report`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._config import load_config
from ._findings import Finding, Severity
from ._model import Report
from ._parser import Parser
from ._render import LAYOUTS, render
from .errors import GovInfoReportError
from .rules import RuleConfig

if TYPE_CHECKING:
    from ._review import Entry

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _summary(report: Report, path: str) -> dict[str, Any]:
    data = report.to_dict()
    keep = ("agency", "year", "template", "published", "script", "extractors", "values", "findings")
    return {"file": path, **{k: data[k] for k in keep}}


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def _parser(args: argparse.Namespace) -> Parser:
    """A parser with the rule configuration of ``args``; an unknown code is a usage error."""
    parser = Parser(config=_config(args))
    parser.check_config()
    return parser


def _config(args: argparse.Namespace) -> RuleConfig:
    """The nearest ``[tool.govinfo-report]``, then ``--select`` (replaces), ``--ignore`` (adds)."""
    config = load_config(args.config)
    if args.select is not None:
        config = attrs.evolve(config, select=_codes(args.select))
    if args.ignore is not None:
        config = attrs.evolve(config, ignore=(*config.ignore, *_codes(args.ignore)))
    return config


def _files(names: Sequence[str]) -> Iterator[Path]:
    """The files named, and the files inside the directories named (hidden ones skipped)."""
    for name in names:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


def _reports(
    parser: Parser, names: Sequence[str]
) -> Iterator[tuple[str, Report | GovInfoReportError]]:
    for path in _files(names):
        try:
            yield str(path), parser.parse(path)
        except GovInfoReportError as exc:
            yield str(path), exc


def _about(path: str, exc: GovInfoReportError) -> str:
    """The error's message led by the file's path, once (most errors already name it)."""
    message = str(exc)
    return message if message.startswith(f"{path}:") else f"{path}: {message}"


def _error_record(path: str, exc: GovInfoReportError) -> dict[str, Any]:
    print(f"govinfo-report: {_about(path, exc)}", file=sys.stderr)
    return {"file": path, "error": {"type": type(exc).__name__, "message": str(exc)}}


def _corpus_command(args: argparse.Namespace) -> int:
    from ._corpus import run_corpus  # noqa: PLC0415 - only corpus runs need multiprocessing

    try:
        summary = run_corpus(
            args.files, args.out, workers=args.jobs, timeout=args.timeout, config=_config(args)
        )
    except ValueError as exc:
        print(f"govinfo-report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{summary.files} files: {summary.parsed} parsed, {summary.failed} failed, "
        f"{summary.skipped} already done -> {args.out}; "
        f"{summary.corpus_findings} corpus findings -> {summary.corpus_output}",
        file=sys.stderr,
    )
    return EXIT_FINDINGS if summary.failed else EXIT_OK


def _parse_command(args: argparse.Namespace) -> int:
    if args.out is not None:
        return _corpus_command(args)
    parser = _parser(args)
    records = []
    failed = False
    for path, result in _reports(parser, args.files):
        if isinstance(result, GovInfoReportError):
            failed = True
            record = _error_record(path, result)
        else:
            record = result.to_dict() | {"file": path} if args.full else _summary(result, path)
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            records.append(record)
    if args.format == "json":
        payload: Any = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    return EXIT_FINDINGS if failed else EXIT_OK


def _message(finding: Finding, lang: str) -> str:
    if lang == "zh":
        return finding.message_zh
    if lang == "en":
        return finding.message_en
    return f"{finding.message_zh} | {finding.message_en}"


_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github(path: str, finding: Finding, lang: str) -> str:
    line = f",line={finding.location.line}" if finding.location.line else ""
    text = _message(finding, lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{_GITHUB[finding.severity]} file={path}{line},title={finding.code}::{text}"


def _is_database(name: str) -> bool:
    path = Path(name)
    if not path.is_file() or path.suffix.lower() not in (".sqlite", ".sqlite3", ".db"):
        return False
    with path.open("rb") as head:
        return head.read(16) == b"SQLite format 3\x00"


def _text_line(path: str, finding: Finding, lang: str) -> str:
    """A finding the way linters print one: ``path:line: CODE severity message``."""
    where = f"{path}:{finding.location.line}:" if finding.location.line else f"{path}:"
    return f"{where} {finding.code} {finding.severity.value} {_message(finding, lang)}"


def _check_databases(names: Sequence[str], args: argparse.Namespace) -> int:
    """Run the corpus rules over corpus databases and print their findings."""
    import sqlite3  # noqa: PLC0415

    from ._corpus._cross import store_cross_findings  # noqa: PLC0415

    config = _parser(args).config
    errors = 0
    for name in names:
        db = sqlite3.connect(name)
        try:
            found = [(file, config.apply([f])) for file, f in store_cross_findings(db)]
        finally:
            db.close()
        shown = [(file, kept[0]) for file, kept in found if kept]
        for file, f in shown:
            print(_text_line(file, f, args.lang))
            errors += f.severity is Severity.ERROR
        print(f"{name}: {len(shown)} corpus findings")
    return EXIT_FINDINGS if errors else EXIT_OK


def _review_command(args: argparse.Namespace, databases: bool) -> int:
    """Write the review pages (``--format html``) to ``-o`` or, for one page, to stdout."""
    from ._review import Entry, entries_page, write_review  # noqa: PLC0415

    def entries() -> Iterator[Entry]:
        if databases:
            yield from _database_entries(args)
            return
        for path, result in _reports(_parser(args), args.files):
            if isinstance(result, GovInfoReportError):
                print(f"govinfo-report: {_about(path, result)}", file=sys.stderr)
                yield Entry(path, error=f"{type(result).__name__}: {result}")
            else:
                yield Entry(path, result)

    counts = dict.fromkeys(Severity, 0)
    unreadable = 0

    def counted() -> Iterator[Entry]:
        nonlocal unreadable
        for entry in entries():
            unreadable += entry.report is None
            for severity, n in entry.counts().items():
                counts[severity] += n
            yield entry

    if args.output is None:
        sys.stdout.write(entries_page(list(counted())))
        written = "stdout"
    else:
        try:
            write_review(counted(), args.output)
        except ValueError as exc:
            print(f"govinfo-report: {exc}", file=sys.stderr)
            return EXIT_USAGE
        written = str(args.output)
    print(
        f"review -> {written}: {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} "
        f"warnings, {counts[Severity.INFO]} info"
        + (f", {unreadable} unreadable" if unreadable else ""),
        file=sys.stderr,
    )
    if unreadable and not databases:
        return EXIT_USAGE
    return EXIT_FINDINGS if counts[Severity.ERROR] else EXIT_OK


def _database_entries(args: argparse.Namespace) -> Iterator[Entry]:
    """The reports of each corpus database, with the corpus rules run again first."""
    import sqlite3  # noqa: PLC0415

    from ._corpus._cross import store_cross_findings  # noqa: PLC0415
    from ._review._database import database_entries  # noqa: PLC0415

    config = _parser(args).config
    for name in args.files:
        db = sqlite3.connect(name)
        try:
            store_cross_findings(db)
            yield from database_entries(db, config)
        finally:
            db.close()


def _check_command(args: argparse.Namespace) -> int:
    databases = [name for name in args.files if _is_database(name)]
    if databases and len(databases) != len(args.files):
        print("govinfo-report: check either report files or corpus databases", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "html":
        return _review_command(args, bool(databases))
    if args.output is not None:
        print("govinfo-report: -o is for --format html", file=sys.stderr)
        return EXIT_USAGE
    if databases:
        return _check_databases(databases, args)
    parser = _parser(args)
    counts = dict.fromkeys(Severity, 0)
    files = unreadable = 0
    records = []
    for path, result in _reports(parser, args.files):
        files += 1
        if isinstance(result, GovInfoReportError):
            unreadable += 1
            records.append(_error_record(path, result))
            continue
        for f in result.findings:
            counts[f.severity] += 1
            if args.format == "text":
                print(_text_line(path, f, args.lang))
            elif args.format == "github":
                print(_github(path, f, args.lang))
        records.append({"file": path, "findings": [f.to_dict() for f in result.findings]})
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    elif args.format == "text":
        print(
            f"{files} files checked: {counts[Severity.ERROR]} errors, "
            f"{counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info"
            + (f", {unreadable} unreadable" if unreadable else "")
        )
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if counts[Severity.ERROR] else EXIT_OK


def _rules_command(args: argparse.Namespace) -> int:
    parser = _parser(args)
    for rule in parser.rules:
        state = "" if parser.config.enabled(rule.code) else " (off)"
        severity = parser.config.severity_of(rule.code, rule.severity).value
        templates = "/".join(sorted(rule.templates))
        title = f"{rule.title_zh} | {rule.title_en}"
        print(
            f"{rule.code} {rule.name:<30} {severity:<7} {rule.stage:<6} {templates:<9} "
            f"{title}{state}"
        )
    return EXIT_OK


def _render_command(args: argparse.Namespace) -> int:
    try:
        data = json.loads(Path(args.report).read_text("utf-8"))
        report = Report.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"govinfo-report: {args.report}: not a report JSON ({exc})", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(render(report, args.layout))
    return EXIT_OK


def _plugins_command(args: argparse.Namespace) -> int:
    parser = Parser()
    for info in parser.plugins:
        origin = f" [{info.distribution}]" if info.distribution else ""
        extractors = ", ".join(info.extractors)
        print(f"{info.name:<20} {info.module}{origin}" + (f": {extractors}" if extractors else ""))
    for problem in parser.problems:
        print(f"FAILED {problem.name:<12} {problem.target}: {problem.error}")
    return EXIT_OK


def _rule_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--select",
        metavar="CODES",
        help="comma-separated codes, prefixes, rule names (row-missing) or families to run",
    )
    command.add_argument(
        "--ignore",
        metavar="CODES",
        help="comma-separated codes, prefixes, rule names or families to skip",
    )
    command.add_argument(
        "--config", type=Path, metavar="PYPROJECT", help="read [tool.govinfo-report] from this file"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``govinfo-report``."""
    cli = argparse.ArgumentParser(
        prog="govinfo-report",
        description="Parse and check 政府信息公开工作年度报告 as canonical, validated data.",
    )
    commands = cli.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse reports and print their data as JSON")
    parse.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    parse.add_argument("--format", choices=("json", "jsonl"), default="json")
    parse.add_argument(
        "--full", action="store_true", help="include provenance, prose and source of every report"
    )
    parse.add_argument(
        "--out", type=Path, help="write a corpus run to .sqlite, .jsonl or .csv (resumable)"
    )
    parse.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores)")
    parse.add_argument("--timeout", type=float, default=60.0, help="seconds per file (with --out)")
    _rule_options(parse)
    parse.set_defaults(run=_parse_command)
    check = commands.add_parser("check", help="check reports and print their findings, as a linter")
    check.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    check.add_argument("--format", choices=("text", "json", "github", "html"), default="text")
    check.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PAGE_OR_DIR",
        help="--format html: one page (*.html), or a directory of a page per report and index.html",
    )
    check.add_argument("--lang", choices=("zh", "en", "both"), default="both")
    _rule_options(check)
    check.set_defaults(run=_check_command)
    rules = commands.add_parser("rules", help="list every rule: code, severity, description")
    _rule_options(rules)
    rules.set_defaults(run=_rules_command)
    render_command = commands.add_parser(
        "render", help="write a report JSON (parse --full) as a document in a layout"
    )
    render_command.add_argument("report", metavar="REPORT_JSON")
    render_command.add_argument("--layout", choices=LAYOUTS, default="html")
    render_command.set_defaults(run=_render_command)
    plugins = commands.add_parser("plugins", help="list the plugins loaded and those that failed")
    plugins.set_defaults(run=_plugins_command)
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except GovInfoReportError as exc:  # bad configuration: a usage error
        print(f"govinfo-report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
