"""How much of the wild corpus the parser reads: real reports as real tools hand them over.

Run: ``python benchmarks/bench_wild.py [-v]``. Every document of ``tests/corpus/wild``
(``<class>__<source>__<variant>``, class ``crawler``, ``markdown`` or ``pdfmd``; how each was
made: ``tests/corpus/wild/SOURCES.md``) is parsed and its values compared with
``tests/corpus/wild/golden/<stem>.json``. A cell is *right* when it equals the golden value
(money as a decimal, a blank cell as ``None``), *wrong* when a value is present and differs
or is present for a key the golden lacks (invented), *unknown* when it is absent. ``-v`` lists
every wrong, invented and unknown key per document.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import govinfo_report
from govinfo_report.testing import same_value

WILD = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "wild"
META = ("agency", "year", "template")


@dataclass
class Score:
    """One document against its golden."""

    name: str
    cls: str
    cells: int = 0
    right: int = 0
    wrong: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # key -> (golden, got)
    invented: dict[str, Any] = field(default_factory=dict)  # key the golden lacks -> got
    unknown: list[str] = field(default_factory=list)
    meta: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (golden, got)
    error: str | None = None

    @property
    def n_wrong(self) -> int:
        return len(self.wrong) + len(self.invented)

    def meta_right(self, name: str) -> bool:
        want, got = self.meta[name]
        return bool(want == got)


def documents() -> list[Path]:
    """The documents of the wild corpus, by name."""
    return sorted(p for p in WILD.iterdir() if "__" in p.name and p.suffix in (".txt", ".md"))


def score(path: Path) -> Score:
    """Parse ``path`` and compare it with its golden."""
    want = json.loads((WILD / "golden" / f"{path.stem}.json").read_text("utf-8"))
    result = Score(path.name, path.name.split("__")[0], cells=len(want["values"]))
    got: dict[str, Any] = {}
    report = None
    try:
        report = govinfo_report.parse(path)
        got = report.to_flat()
    except Exception as exc:  # a benchmark reports every failure and goes on
        result.error = f"{type(exc).__name__}: {exc}"
    for name in META:
        result.meta[name] = (want[name], getattr(report, name, None))
    for key, value in want["values"].items():
        if key not in got:
            result.unknown.append(key)
        elif same_value(value, got[key]):
            result.right += 1
        else:
            result.wrong[key] = (value, got[key])
    result.invented = {k: v for k, v in got.items() if k not in want["values"] and v is not None}
    return result


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def summary(scores: list[Score]) -> None:
    """One line per class and one for all documents."""
    groups: dict[str, list[Score]] = defaultdict(list)
    for s in scores:
        groups[s.cls].append(s)
    groups["all"] = scores
    head = f"{'class':<9}{'docs':>5}{'cells':>7}{'right':>7}{'wrong':>7}{'unknown':>9}"
    print(f"{head}{'right%':>8}{'zero-right':>12}{'errors':>8}" + "".join(f"{m:>10}" for m in META))
    for cls, group in groups.items():
        cells = sum(s.cells for s in group)
        right = sum(s.right for s in group)
        wrong = sum(s.n_wrong for s in group)
        unknown = sum(len(s.unknown) for s in group)
        zero = sum(s.right == 0 for s in group)
        errors = sum(s.error is not None for s in group)
        meta = "".join(f"{f'{sum(s.meta_right(m) for s in group)}/{len(group)}':>10}" for m in META)
        print(
            f"{cls:<9}{len(group):>5}{cells:>7}{right:>7}{wrong:>7}{unknown:>9}"
            f"{_pct(right, cells):>8}{zero:>12}{errors:>8}{meta}"
        )


def per_document(scores: list[Score]) -> None:
    """One line per document: cells and metadata (✓ right, ✗ wrong)."""
    width = max(len(s.name) for s in scores)
    print(
        f"{'document':<{width}}{'cells':>6}{'right':>6}{'wrong':>6}{'unkn':>6}{'right%':>8}  meta"
    )
    for s in scores:
        meta = " ".join(f"{m}{'✓' if s.meta_right(m) else '✗'}" for m in META)
        line = (
            f"{s.name:<{width}}{s.cells:>6}{s.right:>6}{s.n_wrong:>6}{len(s.unknown):>6}"
            f"{_pct(s.right, s.cells):>8}  {meta}"
        )
        if s.error:
            line += f"  ERROR {s.error}"
        print(line)


def details(scores: list[Score]) -> None:
    """Every wrong, invented and unknown key, and wrong metadata, per document."""
    for s in scores:
        clean = not (s.wrong or s.invented or s.unknown or s.error)
        if clean and all(s.meta_right(m) for m in META):
            continue
        print(f"\n== {s.name}")
        if s.error:
            print(f"  error: {s.error}")
        for name in META:
            if not s.meta_right(name):
                want, got = s.meta[name]
                print(f"  {name}: golden {want!r}, got {got!r}")
        for key, (want, got) in s.wrong.items():
            print(f"  wrong    {key}: golden {want!r}, got {got!r}")
        for key, got in s.invented.items():
            print(f"  invented {key}: got {got!r} (not in golden)")
        if s.unknown:
            print(f"  unknown  ({len(s.unknown)} cells, by row):")
            rows: dict[str, list[str]] = defaultdict(list)
            for key in s.unknown:
                row, _, column = key.rpartition(".")
                rows[row].append(column)
            for row, columns in rows.items():
                print(f"    {row}: {' '.join(columns)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every key missed")
    args = parser.parse_args(argv)
    scores = [score(path) for path in documents()]
    summary(scores)
    print()
    per_document(scores)
    if args.verbose:
        details(scores)


if __name__ == "__main__":
    main()
