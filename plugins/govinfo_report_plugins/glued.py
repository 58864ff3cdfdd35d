"""Tables flattened with no separator, as crawlers give them: ``规章000行政规范性文件6233440``.

A row's label is followed by one run of digits holding all its cells. The run is cut into the
row's cells in every way the template allows (see ``_splits``); section 三's rows and columns
and section 四's blocks must add up, which ties the runs together, so the table is solved as
one. A cell is read only when every reading that satisfies the tables' identities gives it the
same value; otherwise it stays unknown and a finding lists the candidate readings. Figures the
prose states (收到申请21件) decide between readings only where they rule some out and leave at
least one, and a finding (GIR113) names the cells they decided.

A glued row cannot show an empty cell, so every reading allows blank cells: a run of fewer
digits than cells is read only where that is certain (规章 followed directly by the next label:
three blanks; 000 in three cells: three zeros).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

import attrs
import regex

from govinfo_report.hookspecs import hookimpl
from govinfo_report.tables import (
    Extractor,
    Identity,
    LabelMatch,
    RawCell,
    RawRow,
    RawTable,
    SectionText,
    TableProblem,
    identities,
    label_row,
    template_rows,
)

from ._splits import (
    Budget,
    OverBudgetError,
    Sum,
    Value,
    Walls,
    solve,
    split_blocks,
    value_of,
)

# A run of a row's cells: digits, a decimal point between digits, signs (本年增/减), and the
# single spaces a crawler may put between cells.
_RUN = regex.compile(r"[+\-−]?\d(?:[\d+\-−]|\.(?=\d)|[ \t]+(?=[+\-−]?\d))*")
# After a run: a sub-row number (2.其他法律…) ends it, a unit or date makes it prose.
_NUMBERING_AFTER = regex.compile(r"[.、][ \t]*(?=[^\d\s])")
_PROSE_AFTER = regex.compile(r"\s*(?:件|个|项|条|宗|次|年|月|日|%|万元|元|人|余)")
# Before a run: 第 or an opening parenthesis make it a number in prose or in a label.
_NUMBERED_BEFORE = ("第", "(")
# What a row's label ends with, right before its digits (glued) or the spaces before them.
_LABEL_END = regex.compile(r"[\p{Han})”\"]")
# Digits after any such character, found by the standard library's engine, which scans for a
# digit in C: where there are none (one cell a line) the runs need not be read.
_ANY_GLUE = re.compile(r"[^\s\d+\-−.][ \t]*[+\-−]?\d")
_DIGIT = regex.compile(r"\d")
_HAN = regex.compile(r"\p{Han}")
_SHOWN = 5  # candidate readings a finding lists
# Search steps per run and for solving a table: a pathological run gives up with a finding.
_BUDGET = 300_000
_MOST = 2_000  # readings per run or solutions per table before giving up
_BLANK = "∅"
T = TypeVar("T")


@attrs.frozen
class _Run:
    """A run of a row's cells in the section, and the row whose label precedes it.

    ``printed`` is the run as the document prints it; ``text`` its digits without the spaces
    between cells, whose places are ``walls``.
    """

    row: str
    printed: str
    start: int  # offset in the document
    text: str = attrs.field(init=False)
    walls: tuple[int, ...] = attrs.field(init=False)
    _offsets: tuple[int, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        text: list[str] = []
        walls: list[int] = []
        offsets: list[int] = []
        for i, ch in enumerate(self.printed):
            if ch in " \t":
                if text and (not walls or walls[-1] != len(text)):
                    walls.append(len(text))
                continue
            text.append(ch)
            offsets.append(self.start + i)
        object.__setattr__(self, "text", "".join(text))
        object.__setattr__(self, "walls", tuple(walls))
        object.__setattr__(self, "_offsets", tuple(offsets))

    @property
    def end(self) -> int:
        """Where the run ends in the document."""
        return self.start + len(self.printed)

    def span(self, begin: int, length: int) -> tuple[int, int]:
        """The document span of ``length`` digits of ``text`` from ``begin``."""
        if not length:
            at = self._offsets[begin] if begin < len(self._offsets) else self.end
            return at, at
        return self._offsets[begin], self._offsets[begin + length - 1] + 1


def _value_runs(section: SectionText) -> list[tuple[str, int]]:
    """The runs of table values of the section, ``(text, document offset)``, labels skipped."""
    text = section.text
    runs = []
    for m in _RUN.finditer(text):
        value, end = m.group(), m.end()
        if _PROSE_AFTER.match(text, end) or text.endswith(_NUMBERED_BEFORE, 0, m.start()):
            continue
        if _NUMBERING_AFTER.match(text, end):
            # The last digit numbers the next row: 00002.其他法律…
            value = value[:-1].rstrip(" \t")
        if value and not value.startswith("."):
            runs.append((value, section.offset + m.start()))
    return runs


def _glued_rows(section: SectionText) -> tuple[int, int, int]:
    """How many rows of the section put their digits right after their label, how many after
    their label and spaces, and how many runs of digits it holds in all."""
    text = section.text
    glued = spaced = runs = 0
    if not _ANY_GLUE.search(text):
        return glued, spaced, runs  # one cell a line: no digit follows a label at all
    for m in _RUN.finditer(text):
        runs += 1
        if _PROSE_AFTER.match(text, m.end()):
            continue
        at = m.start()
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        if at > 0 and _LABEL_END.match(text, at - 1):
            if at == m.start():
                glued += 1
            else:
                spaced += 1
    return glued, spaced, runs


class GluedExtractor:
    """Reads tables whose labels and cells are concatenated with no separator."""

    name = "glued"

    def score(self, section: SectionText) -> float:
        """High when labels run straight into digits and nothing separates cells; else 0."""
        lines = section.filled_lines()
        if not lines or section.delimited:
            return 0.0
        if section.name == "review_litigation":
            # One run of numbers after the header; cells one per line or split by spaces are
            # other layouts.
            if sum(1 for _, line in lines if _DIGIT.search(line)) != 1:
                return 0.0
            runs = _value_runs(section)
            if len(runs) != 1:
                return 0.0
            # Numbers apart on a line of their own are the spaces layout; a crawler's dump
            # runs them on after the table's header.
            spaced = " " in runs[0][0] or "\t" in runs[0][0]
            line = next(line for _, line in lines if _DIGIT.search(line))
            return 0.9 if not spaced or _HAN.search(line) else 0.0
        glued, spaced_rows, most_runs = _glued_rows(section)
        if glued < 2 and spaced_rows < 2:
            return 0.0  # most sections in other layouts: no need to read their runs
        # Labels and single-spaced cells run on in one line, several rows to a line: a
        # crawler's dump (one row per line is the spaces layout).
        lines_with_runs = sum(1 for _, line in lines if _DIGIT.search(line))
        if glued < 2 and most_runs < 2 * lines_with_runs:
            return 0.0  # the runs read below are some of these: not several a line
        runs = _value_runs(section)
        if not runs:
            return 0.0
        if glued >= 2 and glued >= len(runs) / 2:
            return 0.9
        several_a_line = len(runs) >= 2 * lines_with_runs
        return 0.9 if spaced_rows >= 2 and spaced_rows >= len(runs) / 2 and several_a_line else 0.0

    def extract(self, section: SectionText) -> Sequence[RawTable]:
        """The cells every reading agrees on, and findings for the rest."""
        if section.template is None:
            return ()
        reader = _Reader(section)
        reader.read()
        return (
            RawTable(tuple(reader.rows), self.name, aligned=True, problems=tuple(reader.problems)),
        )


class _Reader:
    """Reads one section: finds the runs, solves them, keeps what is decided."""

    def __init__(self, section: SectionText) -> None:
        assert section.template is not None
        self.section = section
        self.template = section.template
        self.layout = template_rows(section.template, section.name)
        self.rows: list[RawRow] = []
        self.problems: list[TableProblem] = []
        self.budget = Budget(_BUDGET)
        self.spaced = False

    def problem(
        self, code: str, run: _Run | None, row: str | None, case: str = "", /, **fields: object
    ) -> None:
        """A finding ``code`` about ``run`` (and ``row``), its message the rule's template for
        ``case`` filled with ``fields`` (the part's numeral among them)."""
        start = run.start if run else None
        end = run.end if run else None
        fields = {"numeral": self.section.numeral, **fields}
        self.problems.append(
            TableProblem(code, row=row, start=start, end=end, case=case, fields=fields)
        )

    def read(self) -> None:
        runs = self._runs()
        if not runs:
            return
        # Cells separated by single spaces: each space-separated number is one cell (an
        # empty cell leaves nothing). Else digits are glued, and a space is only a wall.
        several = [run for run in runs if len(run.text) > 1]
        self.spaced = bool(several) and 2 * sum(bool(r.walls) for r in several) >= len(several)
        domains, listed = self._readings(runs)
        unbalanced = {row for row in listed if not domains[row]}
        if unbalanced:
            # A row none of whose splits adds up: this table breaks its own identities, so
            # they decide no split of it (a wrong split of another row may add up by chance).
            # That row is reported (GIR111); the others keep what every split agrees on.
            self._broken()
            rest = [run for run in runs if run.row not in unbalanced]
            domains, listed = self._readings(rest, sums=False)
            for run in runs:
                self._emit(run, [] if run.row in unbalanced else domains.get(run.row))
            return
        known = self._keys([row for row in listed if domains[row]])
        rules = [i for i in identities(self.template) if set(i.keys) <= known]
        # Only rows some identity ties together are solved jointly; the others stand alone.
        tied = {k for i in rules for k in i.keys}
        usable = [row for row in listed if set(self._cell_keys(row)) & tied]
        values = {row: [self._values(row, r) for r in domains[row]] for row in usable}
        solutions: list[tuple[int, ...]] | None = []
        try:
            if usable:
                solutions = solve(
                    [values[r] for r in usable], rules, budget=self.budget, most=_MOST
                )
        except OverBudgetError:
            self.problem("GIR112", None, None, "part")
            solutions = None
        # Rows no identity ties (section 二) may still be decided by the prose, or by last
        # year's report.
        picked = {
            row: domains[row]
            if row in usable
            else self._by_previous(row, self._by_prose(row, domains[row]))
            for row in listed
        }
        if usable:
            picked |= self._decide(runs, domains, usable, rules, solutions)
        read_before = len(self.rows)
        for run in runs:
            self._emit(run, picked.get(run.row))
        if (
            self.section.name != "active"
            and len(self.rows) > read_before
            and any(len(run.text) > len(self._cell_keys(run.row)) for run in runs)
        ):
            # The sums chose the splits: a wrong number in the report can move a split so
            # that the sums hold again, and no rule can then see it. Say so, once a part.
            self.problem("GIR115", None, None)

    def _keys(self, rows: Sequence[str]) -> set[str]:
        return {k for row in rows for k in self._cell_keys(row)}

    def _runs(self) -> list[_Run]:
        """The runs of the section with their rows (section 四: the one row of numbers)."""
        found = _value_runs(self.section)
        if self.section.name == "review_litigation":
            return [_Run("", text, start) for text, start in found[:1]]
        runs: list[_Run] = []
        seen: set[str] = set()
        previous = self.section.offset
        for text, start in found:
            chunk = self.section.document.text[previous:start]
            chunk_start, previous = previous, start + len(text)
            named = self._row_of(chunk, runs[-1].row if runs else None, chunk_start)
            if named is None:
                self.problems.append(
                    TableProblem(
                        "GIR106",
                        f"«{chunk.strip()[-20:]}»后的数字{text}不属于第{self.section.numeral}部分表格的任何一行",
                        f"the digits {text} after «{chunk.strip()[-20:]}» belong to no row of "
                        f"table {self.section.numeral}",
                        None,
                        None,
                        start,
                        start + len(text),
                    )
                )
                continue
            row, at = named
            if runs:  # after the first run, labels left without digits are blank rows
                for blank, offset in self._bare_labels(chunk[:at]):
                    if blank not in seen:
                        seen.add(blank)
                        runs.append(_Run(blank, "", chunk_start + offset))
            if row in seen:
                label = self.layout[row][0].row_label
                self.problem("GIR105", _Run(row, text, start), row, label=label, row=row)
                continue
            seen.add(row)
            runs.append(_Run(row, text, start))
        return runs

    def _row_of(
        self, chunk: str, after: str | None = None, offset: int = 0
    ) -> tuple[str, int] | None:
        """The row whose label ends ``chunk`` and where the label starts: the longest exact
        label at its end, else the longest that starts a row's official label."""
        name = self.section.name
        starts = [i for i in range(len(chunk)) if not chunk[i].isspace()]
        for i in starts:
            quality, row = label_row(self.template, name, chunk[i:], exact=True)
            if quality == LabelMatch.EXACT and row is not None:
                return row, i
        boundaries = [i for i in starts if i == 0 or not chunk[i - 1].isalnum()]
        for i in boundaries:
            quality, row = label_row(self.template, name, chunk[i:])
            if quality > 1 and row is not None:
                return row, i
        return self._near_row(chunk, after, offset)

    def _near_row(self, chunk: str, after: str | None, offset: int) -> tuple[str, int] | None:
        """The row a label spelled only nearly like its own names (2019's 规范性文件 in a 2021
        table), when the label is all that stands between two runs and the row comes after
        ``after``, the row read before it, in the template's order; GIR107 says so."""
        label = chunk.strip()
        quality, row = label_row(self.template, self.section.name, label)
        order = list(self.layout)
        if not quality or row is None or (after and order.index(after) >= order.index(row)):
            return None
        at = chunk.index(label) if label else 0
        fields = {"printed": label, "label": self.layout[row][0].row_label, "row": row}
        where = (offset + at, offset + at + len(label))
        self.problems.append(
            TableProblem(
                "GIR107", row=row, start=where[0], end=where[1], case="after", fields=fields
            )
        )
        return row, at

    def _bare_labels(self, before: str) -> list[tuple[str, int]]:
        """Rows whose official label, numbering and all, stands in ``before`` (the text
        between the previous run and a row's label) with no digits after it: every cell of
        such a row is blank. ``(row, offset in before)`` in order. Only whole official
        labels count, so a header that ends in a word of a label (…法律服务机构其他) is never
        taken for a row."""
        found: list[tuple[int, int, str]] = []
        for row, keys in self.layout.items():
            label = unicodedata.normalize("NFKC", keys[0].row_label)
            at = before.find(label)
            while at >= 0:
                found.append((at, at + len(label), row))
                at = before.find(label, at + 1)
        kept: list[tuple[str, int]] = []
        end = 0
        for start, stop, row in sorted(found, key=lambda f: (f[0], -f[1])):
            if start >= end:
                kept.append((row, start))
                end = stop
        return kept

    def _broken(self) -> None:
        self.problem("GIR114", None, None)

    def _kinds(self, row: str) -> list[str]:
        if self.section.name == "review_litigation":
            return [k.kind for keys in self.layout.values() for k in keys]
        return [k.kind for k in self.layout[row]]

    def _cell_keys(self, row: str) -> list[str]:
        if self.section.name == "review_litigation":
            return [k.key for keys in self.layout.values() for k in keys]
        return [k.key for k in self.layout[row]]

    def _blocks(self, row: str, sums: bool = True) -> list[tuple[list[str], list[Sum]]]:
        """The run of ``row`` as blocks whose last cell sums the others (the identities that
        hold inside one run), or one block without a sum (always, without ``sums``)."""
        keys = self._cell_keys(row)
        kinds = self._kinds(row)
        if not sums:
            return [(kinds, [])]
        position = {k: i for i, k in enumerate(keys)}
        inside = [
            i
            for i in identities(self.template)
            if set(i.keys) <= set(position) and len(i.left) == 1
        ]
        blocks: list[tuple[list[str], list[Sum]]] = []
        start = 0
        for identity in sorted(inside, key=lambda i: position[i.left[0]]):
            total = position[identity.left[0]]
            parts = sorted(position[k] for k in identity.right)
            if parts != list(range(start, total)):
                return [(kinds, [])]  # not consecutive blocks: cut without sums
            blocks.append(
                (kinds[start : total + 1], [Sum(total - start, tuple(p - start for p in parts))])
            )
            start = total + 1
        if start < len(kinds):
            blocks.append((kinds[start:], []))
        return blocks

    def _readings(
        self, runs: Sequence[_Run], sums: bool = True
    ) -> tuple[dict[str, list[tuple[str, ...]]], list[str]]:
        """Each run's readings (that add up inside the run, with ``sums``), and the rows whose
        readings could all be listed."""
        domains: dict[str, list[tuple[str, ...]]] = {}
        usable: list[str] = []
        for run in runs:
            try:
                readings = split_blocks(
                    run.text,
                    self._blocks(run.row, sums),
                    blanks=True,
                    budget=Budget(_BUDGET),
                    most=_MOST,
                    walls=Walls(run.walls, self.spaced),
                )
            except OverBudgetError:
                self.problem(
                    "GIR112",
                    run,
                    run.row or None,
                    "run",
                    label=self._label(run.row),
                    name=self._name(run.row),
                    digits=run.printed,
                )
                continue
            domains[run.row] = readings
            usable.append(run.row)
        return domains, usable

    def _label(self, row: str) -> str:
        return self.layout[row][0].row_label if row else "第四部分"

    def _name(self, row: str) -> str:
        return f"row {row}" if row else "part 四"

    def _values(self, row: str, reading: tuple[str, ...]) -> dict[str, Value]:
        kinds = self._kinds(row)
        return {
            k: value_of(t, kind)
            for k, t, kind in zip(self._cell_keys(row), reading, kinds, strict=True)
        }

    def _decide(
        self,
        runs: Sequence[_Run],
        domains: Mapping[str, list[tuple[str, ...]]],
        usable: Sequence[str],
        rules: Sequence[Identity],
        solutions: list[tuple[int, ...]] | None,
    ) -> dict[str, list[tuple[str, ...]]]:
        """The readings of each row that some solution of the whole table uses."""
        if solutions is None:
            return {row: list(domains[row]) for row in usable}
        if not solutions:
            if rules:
                # Every row adds up on its own, but no choice of their readings makes the
                # columns add up: the rows keep the readings their own sums allow.
                self._broken()
            return {row: list(domains[row]) for row in usable}
        solutions = self._with_prose(runs, domains, usable, rules, solutions)
        picked: dict[str, list[tuple[str, ...]]] = {}
        for i, row in enumerate(usable):
            chosen = sorted({s[i] for s in solutions})
            picked[row] = [domains[row][r] for r in chosen]
        return picked

    def _with_prose(
        self,
        runs: Sequence[_Run],
        domains: Mapping[str, list[tuple[str, ...]]],
        usable: Sequence[str],
        rules: Sequence[Identity],
        solutions: list[tuple[int, ...]],
    ) -> list[tuple[int, ...]]:
        """The solutions that agree with the figures the prose states (see :meth:`_narrowed`)."""
        facts = self._facts()
        if not facts or len(solutions) < 2:
            return solutions
        values = [
            [self._values(row, domains[row][s[i]]) for i, row in enumerate(usable)]
            for s in solutions
        ]
        return self._narrowed(solutions, values, _agrees_with(facts), None, _BY_PROSE)

    def _by_prose(self, row: str, readings: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """The readings of a row no identity ties (section 二) that agree with the figures the
        prose states (制发规范性文件8件), see :meth:`_narrowed`."""
        facts = self._facts()
        if len(readings) < 2 or not facts.keys() & set(self._cell_keys(row)):
            return readings
        values = [[self._values(row, r)] for r in readings]
        return self._narrowed(readings, values, _agrees_with(facts), row, _BY_PROSE)

    def _by_previous(self, row: str, readings: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """The readings of a row of documents (2021: 本年制发, 本年废止, 现行有效) under which
        现行有效件数 = last year's 现行有效件数 + 本年制发 − 本年废止, when last year's report
        is known (see :meth:`_narrowed`). Agencies also revise old documents, so this decides
        only among readings the document allows."""
        names = [f"active.{row}.{c}" for c in ("issued", "repealed", "in_force")]
        before = self.section.document.previous.get(names[2])
        if len(readings) < 2 or self._cell_keys(row) != names or not isinstance(before, int):
            return readings

        def goes_on(values: list[dict[str, Value]]) -> bool:
            issued, repealed, in_force = (values[0][k] for k in names)
            return in_force is not None and in_force == before + (issued or 0) - (repealed or 0)

        values = [[self._values(row, r)] for r in readings]
        return self._narrowed(readings, values, goes_on, row, ("GIR116", {"before": before}))

    def _narrowed(
        self,
        options: list[T],
        values: list[list[dict[str, Value]]],
        agrees: Callable[[list[dict[str, Value]]], bool],
        row: str | None,
        why: tuple[str, Mapping[str, object]],
    ) -> list[T]:
        """The ``options`` (readings or whole solutions, with the cell ``values`` each gives)
        that ``agrees`` accepts, when that narrows them and leaves at least one; finding
        ``why`` (code, the fields of its message) names the cells newly decided."""
        kept = [o for o, v in zip(options, values, strict=True) if agrees(v)]
        if not kept or len(kept) == len(options):
            return options
        newly = sorted(_decided([v for v in values if agrees(v)]) - _decided(values))
        if newly:
            code, fields = why
            cells_zh, cells_en = "、".join(newly), ", ".join(newly)
            self.problem(code, None, row, cells_zh=cells_zh, cells_en=cells_en, **fields)
        return kept

    def _facts(self) -> dict[str, int]:
        prefix = self.section.name + "."
        return {f.key: f.value for f in self.section.document.facts if f.key.startswith(prefix)}

    def _emit(self, run: _Run, picked: list[tuple[str, ...]] | None) -> None:
        """A row of the cells all picked readings agree on; a finding for the others."""
        keys = self._cell_keys(run.row)
        if picked is None:
            return  # budget exceeded: reported already
        if not picked:
            self.problem(
                "GIR111",
                run,
                run.row or None,
                label=self._label(run.row),
                name=self._name(run.row),
                digits=run.printed,
                count=len(keys),
            )
            return
        agreed: dict[int, tuple[int, int]] = {}  # cell → its span in the document
        for i in range(len(keys)):
            if len({r[i] for r in picked}) != 1:
                continue
            starts = {sum(len(t) for t in r[:i]) for r in picked}
            if len(starts) == 1:  # the same digits at the same place in every reading
                agreed[i] = run.span(starts.pop(), len(picked[0][i]))
            else:  # the same value, found at different places: the run is its source
                agreed[i] = (run.start, run.end)
        rows: dict[str, list[tuple[str, RawCell]]] = {}
        for i, (begin, end) in agreed.items():
            row, column = keys[i].split(".", 1)[1].rsplit(".", 1)
            rows.setdefault(row, []).append((column, RawCell(picked[0][i], begin, end)))
        for row, cells in rows.items():
            self.rows.append(
                RawRow(tuple(c for _, c in cells), row=row, columns=tuple(col for col, _ in cells))
            )
        open_rows: dict[str, list[str]] = {}
        for i, key in enumerate(keys):
            if i not in agreed:
                row, column = key.split(".", 1)[1].rsplit(".", 1)
                open_rows.setdefault(row, []).append(column)
        # Readings without blank cells first: a table that leaves cells blank is the rarer.
        likely = sorted(picked, key=lambda r: (sum(not t for t in r), [len(t) for t in r]))
        shown = "; ".join("|".join(t or _BLANK for t in r) for r in likely[:_SHOWN])
        more = len(picked) - _SHOWN
        for row, columns in open_rows.items():
            listed = ", ".join(columns)
            self.problem(
                "GIR110",
                run,
                row,
                label=self.layout[row][0].row_label,
                row=row,
                digits=run.printed,
                count=len(picked),
                shown=shown,
                more_zh=f"；另有{more}种" if more > 0 else "",
                more_en=f"; {more} more" if more > 0 else "",
                listed=listed,
            )


_BY_PROSE: tuple[str, Mapping[str, object]] = ("GIR113", {})


def _agrees_with(facts: Mapping[str, int]) -> Callable[[list[dict[str, Value]]], bool]:
    """Whether readings give every fact's cell they hold the value the prose states."""

    def agrees(readings: list[dict[str, Value]]) -> bool:
        merged = {k: v for r in readings for k, v in r.items()}
        return all(key not in merged or (merged[key] or 0) == value for key, value in facts.items())

    return agrees


def _decided(values: list[list[dict[str, Value]]]) -> set[str]:
    """Keys whose value is the same in every solution."""
    seen: dict[str, set[Value | str]] = {}
    for solution in values:
        for reading in solution:
            for key, value in reading.items():
                seen.setdefault(key, set()).add(
                    ("blank" if value is None else value)
                    if not isinstance(value, Decimal)
                    else str(value)
                )
    return {k for k, v in seen.items() if len(v) == 1}


@hookimpl
def govinfo_report_extractors() -> Sequence[Extractor]:
    """Provide the glued-cells extractor."""
    return (GluedExtractor(),)
