"""The options of ``govinfo-report``: every command, its help, exit codes and examples."""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from .. import __version__
from ._check import CHECK_FORMATS, check_command
from ._info import plugins_command, rules_command
from ._parse import OUTPUTS, parse_command
from ._render import RENDER_FORMATS, render_command
from ._serve import serve_command

EXIT_CODES = """\
exit codes:
  0    every file was read, and no finding is an error
  1    every file was read, and a finding is an error (0 with --exit-zero)
  2    usage error, bad configuration, or a file that could not be read
  130  interrupted (Ctrl-C); a corpus run (--out) resumes where it stopped"""

FILES = """\
files: a file named is read whatever it is, - is standard input; a directory is read
whole (hidden files skipped), and a quoted glob ('reports/**/*.html') is expanded: of
what they hold, the file types the installed readers read, less text files that do not
look like reports (they are counted on standard error)."""


RULES_EXIT_CODES = """\
exit codes:
  0    the rules listed, or the rule explained
  2    no rule has that code or name (the nearest is named), or bad configuration"""

RENDER_EXIT_CODES = """\
exit codes:
  0    every report written
  2    the input is no report JSON, or lacks the prose (parse --full), or an output
       cannot be written; nothing is written then"""

PLUGINS_EXIT_CODES = """\
exit codes:
  0    listed (a plugin that failed to load is listed as FAILED)"""

SERVE_EXIT_CODES = """\
exit codes:
  0    stopped by SIGTERM (a service manager's stop), the checks under way given 5 seconds
       to be answered
  2    the serve extra is missing, bad configuration, or the address cannot be listened on
  130  stopped with Ctrl-C, in the same way"""


def _epilog(examples: str, codes: str = EXIT_CODES, *, files: bool = True) -> str:
    """Which files are read, the exit codes and the examples, as a help text ends."""
    return "\n\n".join([*([FILES] if files else []), codes, "examples:\n" + examples])


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    epilog: str,
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


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
        "--config",
        type=Path,
        metavar="PYPROJECT",
        help="read [tool.govinfo-report] from this file (default: the nearest pyproject.toml)",
    )


def _exit_zero(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when a finding is an error (a file not read still exits 2)",
    )


def _parse_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parse = _command(
        commands,
        "parse",
        "parse reports and print their data as JSON Lines, or run a corpus into a file",
        _epilog(
            "  govinfo-report parse --format json report.txt\n"
            "  govinfo-report parse --full reports/ > reports.jsonl\n"
            "  govinfo-report parse reports/ 'more/**/*.html' --out results.sqlite -j 2"
        ),
    )
    parse.add_argument(
        "files", nargs="+", metavar="FILE_OR_DIR", help="files, directories, globs, or -"
    )
    parse.add_argument(
        "--format",
        choices=("json", "jsonl", "parquet"),
        default="json",
        help="json (or jsonl, the same): one compact JSON object per file, a line each; a file "
        'not read is {"file": ..., "error": {"type": ..., "message": ...}}; parquet: with '
        "--dask, the folder --out of partitioned Parquet tables",
    )
    parse.add_argument(
        "--full",
        action="store_true",
        help="all of each report: provenance, prose (which render needs) and source",
    )
    parse.add_argument(
        "--out",
        type=Path,
        metavar="OUTPUT",
        help=f"a corpus run in worker processes, resumable, into {OUTPUTS} (by its suffix)",
    )
    parse.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        metavar="N",
        help="worker processes of a corpus run (default: all cores)",
    )
    parse.add_argument(
        "--timeout",
        type=_positive_float,
        default=60.0,
        metavar="SECONDS",
        help="seconds a file may take in a corpus run before it is recorded as a timeout "
        "(default: 60; not with --dask, where the readers' limits bound each file)",
    )
    parse.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler's address (tcp://scheduler:8786), or local "
        "for -j worker processes of this machine; files may be fsspec addresses (s3://, "
        "http://, zip://), --out is a folder of Parquet tables (needs the dask extra)",
    )
    _exit_zero(parse)
    _rule_options(parse)
    parse.set_defaults(run=parse_command)


def _check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = _command(
        commands,
        "check",
        "check reports (or corpus databases) and print their findings, as a linter",
        _epilog(
            "  govinfo-report check reports/ --statistics\n"
            "  govinfo-report check 'reports/*.txt' --format sarif > findings.sarif\n"
            "  govinfo-report check results.sqlite --format html -o review/"
        ),
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE_OR_DIR",
        help="files, directories, globs, or -; or corpus databases (parse --out *.sqlite)",
    )
    check.add_argument(
        "--format",
        choices=CHECK_FORMATS,
        default="text",
        help="text: path:line: CODE severity message, then a summary; json: JSON Lines, "
        '{"file", "findings"} per file; github: annotations; sarif: SARIF 2.1.0; junit: '
        "JUnit XML; html: review pages (default: text)",
    )
    check.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PAGE_OR_DIR",
        help="--format html: one page (*.html), or a directory of a page per report and index.html",
    )
    check.add_argument(
        "--lang",
        choices=("zh", "en", "both"),
        default="both",
        help="the language of the messages (default: both, 中文 | English)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how often each code was found, the most frequent first, instead of the "
        "findings (--format text or json)",
    )
    _exit_zero(check)
    _rule_options(check)
    check.set_defaults(run=check_command)


def _other_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = _command(
        commands,
        "rules",
        "list every rule (code, name, severity, stage, templates, title), or explain one",
        _epilog(
            "  govinfo-report rules\n"
            "  govinfo-report rules GIR301\n"
            "  govinfo-report rules identities --select GIR3",
            RULES_EXIT_CODES,
            files=False,
        ),
    )
    rules.add_argument(
        "code",
        nargs="?",
        metavar="CODE",
        help="a rule's code or name to explain, or a prefix or family to list",
    )
    _rule_options(rules)
    rules.set_defaults(run=rules_command)
    render = _command(
        commands,
        "render",
        "write reports saved by parse --full as documents again, in a layout or as a workbook",
        _epilog(
            "  govinfo-report render report.json --format tab\n"
            "  govinfo-report render report.json --format xlsx -o report.xlsx\n"
            "  govinfo-report parse --full reports/ | govinfo-report render - -o documents/",
            RENDER_EXIT_CODES,
            files=False,
        ),
    )
    render.add_argument(
        "report",
        metavar="REPORT_JSON",
        help="the output of parse --full: one report, or JSON Lines of several; - for stdin",
    )
    render.add_argument(
        "--format",
        "--layout",
        dest="format",
        choices=RENDER_FORMATS,
        default="html",
        help="a layout the parser reads, or xlsx: the official tables as a workbook "
        "(default: html)",
    )
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE_OR_DIR",
        help="write to this file (one report) or directory (a file per report) instead of stdout",
    )
    render.set_defaults(run=render_command)
    plugins = _command(
        commands,
        "plugins",
        "list the plugins loaded, the file types they read, and those that failed",
        _epilog(
            "  govinfo-report plugins\n  govinfo-report plugins | grep FAILED",
            PLUGINS_EXIT_CODES,
            files=False,
        ),
    )
    plugins.set_defaults(run=plugins_command)


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is no port (0 to 65535; 0: a free one)")
    return value


def _serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = _command(
        commands,
        "serve",
        "serve a local web page to check reports in the browser, and a JSON API (needs the "
        "serve extra)",
        _epilog(
            "  govinfo-report serve\n"
            "  govinfo-report serve --port 8080 --ignore GIR5 --lang zh\n"
            "  govinfo-report serve --host 0.0.0.0 --max-upload-mb 20",
            SERVE_EXIT_CODES,
            files=False,
        ),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this machine only; another is "
        "reachable from the network, and warned about)",
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="the port (default: 8000; 0: a free one)"
    )
    serve.add_argument(
        "--lang",
        choices=("zh", "en", "both"),
        default="both",
        help="the language of the findings' messages the upload form starts with (default: "
        "both, 中文 | English)",
    )
    serve.add_argument(
        "--max-files",
        type=_positive_int,
        default=20,
        metavar="N",
        help="files one upload may hold, pasted text counting as one (default: 20)",
    )
    serve.add_argument(
        "--max-upload-mb",
        type=_positive_float,
        default=50.0,
        metavar="MB",
        help="megabytes one upload may carry, all files together (default: 50)",
    )
    serve.add_argument(
        "--workers",
        type=_positive_int,
        default=2,
        metavar="N",
        help="checks run at once, each in its own worker process (default: 2)",
    )
    serve.add_argument(
        "--timeout",
        type=_positive_float,
        default=60.0,
        metavar="SECONDS",
        help="seconds a file may take before its worker is killed and the file reported as a "
        "timeout, as in a corpus run (default: 60)",
    )
    _rule_options(serve)
    serve.set_defaults(run=serve_command)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``govinfo-report``."""
    cli = argparse.ArgumentParser(
        prog="govinfo-report",
        description="Parse and check 政府信息公开工作年度报告 as canonical, validated data.",
        epilog=_epilog(
            "  govinfo-report parse --format json report.txt\n"
            "  govinfo-report check reports/ --format github\n"
            "  govinfo-report parse reports/ --out results.sqlite"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument(
        "--version",
        action="version",
        version=f"govinfo-report {__version__} (Python {platform.python_version()})",
        help="print the version of govinfo-report and of Python, and exit",
    )
    commands = cli.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        help="what to do; govinfo-report COMMAND --help tells more",
    )
    _parse_command(commands)
    _check_command(commands)
    _other_commands(commands)
    _serve_command(commands)
    return cli
