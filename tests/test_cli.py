"""The command line as linters have it: one exit-code contract, JSON Lines, standard input,
help with exit codes and examples, the version, and rules explained one by one."""

from __future__ import annotations

import argparse
import io
import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from _support import CORPUS, SEEDS
from _support import cli as run

import govinfo_report
from govinfo_report._cli import build_parser, main
from govinfo_report._input import _decode, _normalise

CLEAN, WARNED, BROKEN = SEEDS[2], SEEDS[1], SEEDS[4]  # no finding; a warning; an error


def run_stdin(*args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    """Run the command line with ``data`` on standard input."""
    command = [sys.executable, "-m", "govinfo_report", *args]
    return subprocess.run(command, input=data, capture_output=True, check=False)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process: its exit status, stdout and stderr."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def lines_of(text: str) -> list[dict[str, object]]:
    """Every line of ``text`` as one JSON object: JSON Lines, nothing else."""
    records = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(r, dict) for r in records)
    return records


# --- exit codes --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["parse", "check"])
def test_one_exit_code_contract_for_parse_and_check(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    cases = [
        ((str(CLEAN),), 0),
        ((str(WARNED),), 0),  # a warning is no error
        ((str(BROKEN),), 1),
        (("--exit-zero", str(BROKEN)), 0),
        (("--ignore", "GIR3", str(BROKEN)), 0),
        ((str(CLEAN), missing), 2),
        (("--exit-zero", str(BROKEN), missing), 2),  # never 2 into 0
        (("--select", "GIR9O9", str(CLEAN)), 2),
        (("--bogus", str(CLEAN)), 2),
    ]
    for args, expected in cases:
        assert call(capsys, command, *args)[0] == expected, args
    assert run(command, str(BROKEN)).returncode == 1  # the same from a process of its own


def test_an_external_checker_reads_one_object_from_parse_format_json() -> None:
    for seed in SEEDS:
        done = run("parse", "--format", "json", str(seed))
        assert done.returncode in (0, 1), done.stderr
        out = json.loads(done.stdout)
        assert {"agency", "year", "template", "values"} <= set(out)
        assert done.stdout.count("\n") == 1


# --- JSON Lines --------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_parse_prints_a_line_per_file_and_an_error_line_for_a_missing_one(
    form: str, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    done = run("parse", "--format", form, *map(str, SEEDS), str(missing))
    assert done.returncode == 2
    records = lines_of(done.stdout)
    assert [r["file"] for r in records] == [*map(str, SEEDS), str(missing)]
    assert records[-1] == {
        "file": str(missing),
        "error": {
            "type": "InputError",
            "message": f"cannot read {missing}: No such file or directory",
        },
    }
    assert all("values" in r and "findings" in r for r in records[:-1])
    assert done.stderr.count(str(missing)) == 1


def test_check_json_is_a_line_per_file_one_file_or_many(tmp_path: Path) -> None:
    one = lines_of(run("check", "--format", "json", str(WARNED)).stdout)
    assert [(r["file"], [f["code"] for f in r["findings"]]) for r in one] == [
        (str(WARNED), ["GIR406"])
    ]
    many = lines_of(run("check", "--format", "json", str(WARNED), str(BROKEN)).stdout)
    assert [r["file"] for r in many] == [str(WARNED), str(BROKEN)]
    balance = next(f for f in many[1]["findings"] if f["code"] == "GIR301")
    assert (balance["expected"], balance["actual"]) == (445, 443)
    assert [o["value"] for o in balance["operands"]] == [443, 2, 442, 1]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x81")
    (record,) = lines_of(run("check", "--format", "json", str(bad)).stdout)
    assert record["file"] == str(bad) and record["error"]["type"] == "DecodeError"


def test_undecodable_bytes_are_a_typed_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x81")
    done = run("parse", str(bad))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["error"]["type"] == "DecodeError"


def test_gbk_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(CLEAN.read_text("utf-8").encode("gbk"))
    out = json.loads(run("parse", str(path)).stdout)
    assert out["agency"] == "平顶山市司法局"
    assert out["values"]["active.licensing.decisions"] == 224


def test_full_output_has_provenance() -> None:
    out = json.loads(run("parse", "--full", str(SEEDS[0])).stdout)
    provenance = out["provenance"]["active.fees.amount"]
    assert provenance["extractor"] == "pipe"
    assert provenance["text"] == "6.83"
    line = SEEDS[0].read_text("utf-8").splitlines()[provenance["line"] - 1]
    assert "6.83" in line


# --- standard input ----------------------------------------------------------------------


def test_standard_input_is_read_for_parse_and_check() -> None:
    data = BROKEN.read_bytes()
    parsed = run_stdin("parse", "-", data=data)
    assert parsed.returncode == 1
    record = json.loads(parsed.stdout)
    assert record["file"] == "-"
    assert record["values"] == json.loads(run("parse", str(BROKEN)).stdout)["values"]
    checked = run_stdin("check", "--lang", "en", "-", str(CLEAN), data=data)
    assert checked.returncode == 1
    lines = checked.stdout.decode().splitlines()
    assert any(line.startswith("-:7: GIR301 error ") for line in lines)
    assert lines[-1] == "2 files checked: 1 errors, 3 warnings, 0 info"


def test_standard_input_keeps_the_byte_budget(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_decode, "MAX_INPUT_BYTES", 1000)  # the one bounded read
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.read_bytes())))
    assert main(["parse", "-"]) == 2
    out = capsys.readouterr()
    assert json.loads(out.out) == {
        "file": "-",
        "error": {
            "type": "LimitError",
            "message": "standard input: more bytes than the limit of 1,000",
        },
    }
    assert "Traceback" not in out.err


def test_standard_input_cannot_go_into_a_corpus_run(tmp_path: Path) -> None:
    done = run_stdin("parse", "-", "--out", str(tmp_path / "out.sqlite"), data=b"x")
    assert done.returncode == 2 and b"standard input" in done.stderr
    assert not (tmp_path / "out.sqlite").exists()


# --- discovery ---------------------------------------------------------------------------


def test_a_quoted_glob_is_expanded() -> None:
    done = run("check", "--lang", "en", str(CORPUS / "seeds" / "*.txt"))
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[-1] == "5 files checked: 1 errors, 4 warnings, 0 info"


def test_files_that_are_not_reports_are_skipped_and_counted_unless_named() -> None:
    wild = CORPUS / "wild"
    walked = run("check", "--format", "json", str(wild))
    readme = wild / "SOURCES.md"
    assert (
        f"skipped 1 file that is not a report: {readme} (use a file's name to read it anyway)"
        in walked.stderr
    )
    files = [r["file"] for r in lines_of(walked.stdout)]
    expected = sorted(str(p) for p in wild.iterdir() if p.is_file() and p != readme)
    assert files == expected
    named = run("check", "--format", "json", str(readme))
    assert [r["file"] for r in lines_of(named.stdout)] == [str(readme)]
    assert "skipped" not in named.stderr


def test_a_directorys_word_97_file_is_reported_not_passed_over(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(CLEAN.read_bytes())
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "c.json").write_text("{}")
    done = run("check", "--format", "json", str(tmp_path))
    assert done.returncode == 2
    records = lines_of(done.stdout)
    assert [r["file"] for r in records] == [str(tmp_path / "a.txt"), str(tmp_path / "b.doc")]
    assert "legacy Office file" in records[1]["error"]["message"]


# --- help, version -----------------------------------------------------------------------


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout == (
        f"govinfo-report {govinfo_report.__version__} (Python {platform.python_version()})\n"
    )


def _commands(cli: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (subparsers,) = [a for a in cli._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers.choices)


def test_every_option_has_help_and_every_help_ends_with_exit_codes_and_examples() -> None:
    cli = build_parser()
    commands = _commands(cli)
    assert set(commands) == {"parse", "check", "rules", "render", "plugins", "serve"}
    for name, command in [("govinfo-report", cli), *commands.items()]:
        for action in command._actions:
            assert action.help and action.help.strip(), (name, action.dest)
        text = command.format_help()
        codes, examples = text.index("\nexit codes:\n"), text.index("\nexamples:\n")
        assert codes < examples, name
        shown = text[examples:].strip().splitlines()[1:]
        assert 1 <= len(shown) <= 3 and all(
            line.startswith("  govinfo-report") for line in shown
        ), name
    for name in ("govinfo-report", "parse", "check"):
        text = (cli if name == "govinfo-report" else commands[name]).format_help()
        for code in ("  0 ", "  1 ", "  2 ", "--exit-zero"):
            assert code in text, (name, code)
    parse_help = " ".join(commands["parse"].format_help().split())
    for kind in (".sqlite", ".db", ".jsonl", ".csv", ".parquet", ".xlsx"):
        assert kind in parse_help


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("govinfo-report")
    proc = subprocess.run([str(script), "plugins"], capture_output=True, text=True, check=True)
    assert "prose" in proc.stdout
    assert ".pdf" in next(
        line for line in proc.stdout.splitlines() if line.startswith("file types")
    )


# --- rules -------------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    out = run("rules").stdout.splitlines()
    codes = [line.split()[0] for line in out]
    assert codes == sorted(codes)
    assert {"GIR102", "GIR301", "GIR302", "GIR303", "GIR304", "GIR406", "GIR501"} <= set(codes)
    line = next(line for line in out if line.startswith("GIR301"))
    assert " error " in line and " check " in line and "一+二" in line
    assert "(off)" in next(
        line
        for line in run("rules", "--ignore", "GIR5").stdout.splitlines()
        if line.startswith("GIR501")
    )


def test_rules_explains_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    rule = next(r for r in govinfo_report.Parser().rules if r.code == "GIR301")
    for spelling in ("GIR301", "gir301", rule.name):
        code, text, err = call(capsys, "rules", spelling)
        assert code == 0, err
        assert text.startswith(f"GIR301 {rule.name}\n")
        for field in ("identities", "error", "check", "2019, 2021", rule.title_zh, rule.title_en):
            assert field in text
        for _, zh, en in rule.messages:
            assert zh in text and en in text
        assert rule.example in text and "findings/#gir301" in text
    assert "enabled    no" in call(capsys, "rules", "GIR301", "--ignore", "GIR3")[1]


def test_rules_of_a_family_are_listed_and_an_unknown_code_is_a_usage_error() -> None:
    family = run("rules", "identities").stdout.splitlines()
    assert [line.split()[0] for line in family] == ["GIR301", "GIR302", "GIR303", "GIR304"]
    done = run("rules", "GIR3O1")
    assert done.returncode == 2 and "did you mean GIR301?" in done.stderr
    assert "Traceback" not in done.stderr


# --- configuration -----------------------------------------------------------------------


def test_select_and_pyproject_configuration(tmp_path: Path) -> None:
    out = run("check", "--select", "GIR406", "--lang", "en", *map(str, SEEDS)).stdout.splitlines()
    assert [line.split()[1] for line in out[:-1]] == ["GIR406"]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nignore = ["GIR102"]\nseverity = { GIR301 = "warning" }\n',
        encoding="utf-8",
    )
    proc = run("check", str(BROKEN), cwd=tmp_path)
    assert proc.returncode == 0
    assert "GIR102" not in proc.stdout
    assert " GIR301 warning " in proc.stdout
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nselect = "GIR3"\n', encoding="utf-8"
    )
    listing = run("rules", cwd=tmp_path)
    listed = {line.split()[0]: line for line in listing.stdout.splitlines()}
    assert listed["GIR102"].endswith("(off)") and not listed["GIR301"].endswith("(off)")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.govinfo-report]\nselect = 3\n", encoding="utf-8"
    )
    broken = run("check", str(SEEDS[0]), cwd=tmp_path)
    assert broken.returncode == 2
    assert "invalid [tool.govinfo-report]" in broken.stderr and "Traceback" not in broken.stderr


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        (("--select", "GIR1O1"), "did you mean GIR101?"),
        (("--select", "NOPE999"), "'NOPE999'"),
        (("--ignore", "GIR3,GIR30X"), "'GIR30X'"),
    ],
)
def test_an_unknown_rule_code_is_a_usage_error(option: tuple[str, str], hint: str) -> None:
    """A mistyped code must not switch every rule off: exit 2, and say which code."""
    done = run("check", str(CLEAN), *option)
    assert done.returncode == 2
    assert hint in done.stderr


def test_an_unknown_code_in_the_configuration_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govinfo-report]\nselect = ["NOPE999"]\n', "utf-8"
    )
    done = run("check", str(CLEAN.resolve()), cwd=tmp_path)
    assert done.returncode == 2 and "'NOPE999'" in done.stderr


def test_an_error_names_the_file_once(tmp_path: Path) -> None:
    noise = tmp_path / "random.bin"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 12)
    done = run("parse", str(noise))
    assert done.stderr.count(str(noise)) == 1, done.stderr
    missing = tmp_path / "missing.txt"
    assert run("check", str(missing)).stderr.count(str(missing)) == 1


def test_a_ctrl_c_a_library_turned_into_another_error_ends_as_an_interrupt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while OpenCC's extension loads (the first parse normalises with it): pybind11
    raises an ImportError from the interrupt, and OpenCC's fallback another from that."""

    def interrupted_while_loading(text: str) -> object:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            try:
                raise ImportError("initialization failed") from exc
            except ImportError:
                raise ImportError("opencc_clib not found in Bazel runfiles")  # noqa: B904

    monkeypatch.setattr(_normalise, "_t2s", interrupted_while_loading)
    assert main(["parse", str(SEEDS[0])]) == 130
    assert capsys.readouterr().err == "govinfo-report: interrupted\n"
    monkeypatch.setattr(_normalise, "_t2s", lambda text: 1 / 0)
    with pytest.raises(ZeroDivisionError):  # a bug keeps its traceback
        main(["parse", str(SEEDS[0])])
