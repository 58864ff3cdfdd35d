"""Splitting runs of glued digits into cells: every reading the template allows, never a guess.

A run such as ``21710000218`` holds the cells of one row with nothing between them. The
readings of a run are the ways to cut it into the row's cells where each cell is a plausible
number of its kind (no leading zero, a bounded number of digits, decimals only for money, a
sign only for 本年增/减) or blank. Sums that hold inside a run (a row's 总计, a block's 总计)
are solved while cutting; sums across runs are solved by :func:`solve`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

import attrs

from govinfo_report.tables import Identity

#: The most digits a count cell may have (below a billion): a bound keeps the search small,
#: and no table counts more.
MAX_DIGITS = 9
#: The most decimals a money cell may have (万元 to four places, as the tables state them).
MAX_DECIMALS = 4
_SIGNS = "+-−"
# The most characters one cell can print: a sign, its digits, a decimal point and decimals.
_MOST_CELL_CHARACTERS = 1 + MAX_DIGITS + 1 + MAX_DECIMALS

Value = int | Decimal | None


class OverBudgetError(Exception):
    """The search for readings went past its budget (a pathological run)."""


@attrs.frozen
class Sum:
    """Cell ``total`` of a run is the sum of cells ``parts`` (positions in the run)."""

    total: int
    parts: tuple[int, ...]


@attrs.define
class Budget:
    """Steps a search may still take; spent by every cell tried."""

    steps: int

    def spend(self, n: int = 1) -> None:
        """Take ``n`` steps; raise :class:`OverBudgetError` when none are left."""
        self.steps -= n
        if self.steps < 0:
            raise OverBudgetError


def value_of(token: str, kind: str) -> Value:
    """The value of a token: ``None`` for a blank cell, ``Decimal`` for money."""
    if not token:
        return None
    if kind == "money":
        return Decimal(token)
    return int(token.replace("−", "-"))


def _digits(text: str, pos: int, most: int, stop: int | None = None) -> Iterator[int]:
    """Ends of the digit strings a number may take from ``pos`` (before ``stop``): ``0``
    alone, else 1…most digits."""
    stop = len(text) if stop is None else stop
    if pos >= stop or not text[pos].isdigit():
        return
    if text[pos] == "0":
        yield pos + 1
        return
    end = pos
    while end < stop and end - pos < most and text[end].isdigit():
        end += 1
        yield end


def tokens(text: str, pos: int, kind: str, blanks: bool, wall: int | None = None) -> Iterator[str]:
    """Every token a cell of ``kind`` may take from ``pos`` of ``text`` ("" for blank).

    No token runs past ``wall`` (a separator the source printed between two cells).
    """
    if blanks:
        yield ""
    stop = len(text) if wall is None else wall
    if kind == "signed_count":
        start = pos + 1 if pos < stop and text[pos] in _SIGNS else pos
        for end in _digits(text, start, MAX_DIGITS, stop):
            token = text[pos:end]
            if token[0] in _SIGNS and token[1:] == "0":
                continue  # a signed zero is not how tables write 0
            yield token
        return
    for end in _digits(text, pos, MAX_DIGITS, stop):
        yield text[pos:end]
        if kind == "money" and end + 1 < stop and text[end] == ".":
            after = end + 1
            while after < stop and after - end <= MAX_DECIMALS and text[after].isdigit():
                after += 1
                yield text[pos:after]


def _digit_sum(text: str) -> int:
    return sum(int(c) for c in text)


def _number(token: str, kind: str) -> int | Decimal:
    return value_of(token, kind) or 0


Option = tuple[str, int, int | Decimal]  # a token, its length and its value (blank: 0)


@attrs.frozen
class Walls:
    """Separators the source printed inside a run: positions of the run (its digits only)
    where one cell ends and the next begins.

    ``whole`` says that every token between two walls is one cell (cells separated by
    spaces); otherwise a token may hold several glued cells, and only the walls are sure.
    ``at`` is in increasing order.
    """

    at: tuple[int, ...] = ()
    whole: bool = False


@attrs.frozen
class _Options:
    """The tokens each kind of cell may take at each position of a run, worked out once."""

    text: str
    blanks: bool
    walls: Walls = Walls()
    by_kind: dict[str, list[list[Option]]] = attrs.field(factory=dict)
    bounds: dict[tuple[int, tuple[str, ...]], _Bounds] = attrs.field(factory=dict)

    def at(self, kind: str, pos: int) -> list[Option]:
        """The tokens a cell of ``kind`` may take at ``pos``."""
        if kind not in self.by_kind:
            self.by_kind[kind] = [self._at(kind, p) for p in range(len(self.text) + 1)]
        return self.by_kind[kind][pos]

    def _at(self, kind: str, pos: int) -> list[Option]:
        walls, text = self.walls, self.text
        if not walls.at:
            found = tokens(text, pos, kind, self.blanks)
        else:
            at = bisect.bisect_right(walls.at, pos)
            wall = walls.at[at] if at < len(walls.at) else len(text)
            starts = pos == 0 or (at > 0 and walls.at[at - 1] == pos)
            found = (
                t
                for t in tokens(text, pos, kind, self.blanks, wall)
                if not t or not walls.whole or (starts and pos + len(t) == wall)
            )
        return [(t, len(t), _number(t, kind)) for t in found]


def split_run(
    text: str,
    kinds: Sequence[str],
    sums: Sequence[Sum],
    *,
    blanks: bool,
    budget: Budget,
    walls: Walls = Walls(),
) -> list[tuple[str, ...]]:
    """Every reading of ``text`` as ``len(kinds)`` cells; with a sum, one in which it holds.

    The sum, when given, has the last cell as its total and every other cell as a part (a
    row of section 三, a block of section 四): the total is chosen first, as a suffix of the
    run, and bounds its parts while the rest is cut. A run longer than its cells can print
    has no reading, and is not searched.
    """
    if _longer_than_cells(text, len(kinds)):
        return []
    return _split(
        _Options(text, blanks, walls),
        begin=0,
        stop=len(text),
        kinds=kinds,
        sums=sums,
        budget=budget,
    )


def _longer_than_cells(text: str, cells: int) -> bool:
    """True when ``text`` is longer than ``cells`` cells can print: it has no reading."""
    return len(text) > cells * _MOST_CELL_CHARACTERS


def _split(
    options: _Options,
    *,
    begin: int,
    stop: int,
    kinds: Sequence[str],
    sums: Sequence[Sum],
    budget: Budget,
) -> list[tuple[str, ...]]:
    """:func:`split_run` of ``options.text[begin:stop]``."""
    if not sums:
        return _cut(options, begin=begin, stop=stop, kinds=kinds, target=None, budget=budget)
    (rule,) = sums
    if rule.total != len(kinds) - 1 or rule.parts != tuple(range(len(kinds) - 1)):
        raise ValueError("a sum must total the other cells in the last one")
    found: list[tuple[str, ...]] = []
    counts = all(kind == "count" for kind in kinds)
    for start in range(stop, begin - 1, -1):
        budget.spend()
        total = [o for o in options.at(kinds[-1], start) if start + o[1] == stop]
        if start == stop and options.blanks:
            total = [("", 0, 0)]
        # A number and its digits agree modulo 9, so however the parts are cut, their sum
        # is the sum of their digits modulo 9: a total that disagrees needs no search.
        if counts and total and (_digit_sum(options.text[begin:start]) - total[0][2]) % 9:
            continue
        for token, _, target in total:
            found.extend(
                (*parts, token)
                for parts in _cut(
                    options, begin=begin, stop=start, kinds=kinds[:-1], target=target, budget=budget
                )
            )
    return found


# low[pos][k], high[pos][k]: the least and most text[pos:stop] cut into the last k cells sums to
_Bounds = tuple[dict[int, list[int | Decimal | None]], dict[int, list[int | Decimal | None]]]


def _bounds(
    options: _Options, begin: int, stop: int, kinds: tuple[str, ...], budget: Budget
) -> _Bounds:
    """The bounds of the sums of every cut ending at ``stop``, from ``begin`` on (cached: they
    do not depend on where the cut begins)."""
    n = len(kinds)
    low, high = options.bounds.setdefault((stop, kinds), ({}, {}))
    for pos in range(stop, begin - 1, -1):
        if pos in low:
            continue
        budget.spend(n)
        none: list[int | Decimal | None] = [None] * n
        low[pos] = [0 if pos == stop else None, *none]
        high[pos] = list(low[pos])
        for k in range(1, n + 1):
            for _, length, value in options.at(kinds[n - k], pos):
                if pos + length > stop:
                    continue
                after_low = low[pos + length][k - 1]
                after_high = high[pos + length][k - 1]
                if after_low is None or after_high is None:
                    continue
                here_low, here_high = low[pos][k], high[pos][k]
                if here_low is None or value + after_low < here_low:
                    low[pos][k] = value + after_low
                if here_high is None or value + after_high > here_high:
                    high[pos][k] = value + after_high
    return low, high


def _cut(
    options: _Options,
    *,
    begin: int,
    stop: int,
    kinds: Sequence[str],
    target: int | Decimal | None,
    budget: Budget,
) -> list[tuple[str, ...]]:
    """Every cut of ``options.text[begin:stop]`` into cells of ``kinds`` (whose values add up
    to ``target``).

    The least and the most that the cells after any point can add up to are worked out
    first, so a branch that cannot reach the target is never walked.
    """
    n = len(kinds)
    low, high = _bounds(options, begin, stop, tuple(kinds), budget)
    found: list[tuple[str, ...]] = []
    cells: list[str] = []

    def walk(pos: int, i: int, rest: int | Decimal | None) -> None:
        budget.spend()
        k = n - i
        least, most = low[pos][k], high[pos][k]
        if least is None or most is None:
            return
        if rest is not None and not least <= rest <= most:
            return
        if k == 0:
            found.append(tuple(cells))
            return
        for token, length, value in options.at(kinds[i], pos):
            if pos + length > stop or (rest is not None and value > rest):
                continue
            cells.append(token)
            walk(pos + length, i + 1, None if rest is None else rest - value)
            cells.pop()

    walk(begin, 0, target)
    return found


@attrs.frozen
class Solution:
    """The readings of a set of runs that satisfy every identity among them.

    ``values[key]`` is the set of values the key takes across the readings; ``choices`` the
    index of the reading of each run in each solution.
    """

    choices: tuple[tuple[int, ...], ...]
    complete: bool


def solve(
    domains: Sequence[Sequence[Mapping[str, Value]]],
    identities: Sequence[Identity],
    *,
    budget: Budget,
    most: int,
) -> list[tuple[int, ...]]:
    """Every choice of one reading per run under which all ``identities`` hold.

    ``domains[v]`` lists the readings of run ``v`` as ``{key: value}``. An identity is used
    only when every key in it belongs to some run. Raises :class:`OverBudgetError` past the
    budget or past ``most`` solutions.
    """
    owner: dict[str, int] = {}
    for v, readings in enumerate(domains):
        if readings:
            owner.update((k, v) for k in readings[0])
    usable = [i for i in identities if all(k in owner for k in i.keys)]
    # contribution[c][v][r]: what reading r of run v adds to left − right of identity c
    contribution: list[dict[int, list[int | Decimal]]] = []
    for identity in usable:
        per_run: dict[int, list[int | Decimal]] = {}
        for v in {owner[k] for k in identity.keys}:
            per_run[v] = [
                sum((r[k] or 0 for k in identity.left if owner[k] == v), start=0)
                - sum((r[k] or 0 for k in identity.right if owner[k] == v), start=0)
                for r in domains[v]
            ]
        contribution.append(per_run)
    alive = [list(range(len(d))) for d in domains]
    _narrow(alive, contribution, budget)
    if any(not a for a in alive):
        return []
    order = sorted(range(len(domains)), key=lambda v: len(alive[v]))
    chosen = [0] * len(domains)
    solutions: list[tuple[int, ...]] = []

    # rest[step][c]: the least and most that the runs from ``step`` on add to identity c
    rest: list[list[tuple[int | Decimal, int | Decimal]]] = [[(0, 0)] * len(usable)]
    for v in reversed(order):
        after = rest[0]
        here = []
        for c, (low, high) in enumerate(after):
            if v in contribution[c]:
                options = [contribution[c][v][r] for r in alive[v]]
                here.append((low + min(options), high + max(options)))
            else:
                here.append((low, high))
        rest.insert(0, here)

    def walk(step: int, partial: list[int | Decimal]) -> None:
        budget.spend()
        if step == len(order):
            if all(p == 0 for p in partial):
                solutions.append(tuple(chosen))
                if len(solutions) > most:
                    raise OverBudgetError
            return
        v = order[step]
        for r in alive[v]:
            chosen[v] = r
            moved = [
                p + (contribution[c][v][r] if v in contribution[c] else 0)
                for c, p in enumerate(partial)
            ]
            if all(low <= -p <= high for p, (low, high) in zip(moved, rest[step + 1], strict=True)):
                walk(step + 1, moved)

    walk(0, [0] * len(usable))
    return solutions


def _narrow(
    alive: list[list[int]], contribution: list[dict[int, list[int | Decimal]]], budget: Budget
) -> None:
    """Drop readings that no choice of the other runs can complete, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for per_run in contribution:
            ranges = {
                v: (min(vals[r] for r in alive[v]), max(vals[r] for r in alive[v]))
                for v, vals in per_run.items()
                if alive[v]
            }
            if len(ranges) < len(per_run):
                return  # a run without readings: nothing can hold
            low = sum((lo for lo, _ in ranges.values()), start=0)
            high = sum((hi for _, hi in ranges.values()), start=0)
            for v, vals in per_run.items():
                budget.spend(len(alive[v]))
                lo, hi = ranges[v]
                rest_low, rest_high = low - lo, high - hi
                kept = [r for r in alive[v] if rest_low <= -vals[r] <= rest_high]
                if len(kept) < len(alive[v]):
                    alive[v] = kept
                    changed = True
                    if not kept:
                        return


def split_blocks(
    text: str,
    blocks: Sequence[tuple[Sequence[str], Sequence[Sum]]],
    *,
    blanks: bool,
    budget: Budget,
    most: int,
    walls: Walls = Walls(),
) -> list[tuple[str, ...]]:
    """Every reading of ``text`` as consecutive blocks, each cut by :func:`split_run`.

    Cutting block by block lets each block put its own total first: a row of fifteen cells
    in three blocks of ``parts + total`` is solved as three small searches per boundary.
    """
    if _longer_than_cells(text, sum(len(kinds) for kinds, _ in blocks)):
        return []
    memo: dict[tuple[int, int, int], list[tuple[str, ...]]] = {}
    options = _Options(text, blanks, walls)

    def block(b: int, start: int, end: int) -> list[tuple[str, ...]]:
        if (b, start, end) not in memo:
            kinds, sums = blocks[b]
            memo[b, start, end] = _split(
                options, begin=start, stop=end, kinds=kinds, sums=sums, budget=budget
            )
        return memo[b, start, end]

    def walk(b: int, start: int) -> list[tuple[str, ...]]:
        if b == len(blocks) - 1:
            return block(b, start, len(text))
        found: list[tuple[str, ...]] = []
        for end in range(start, len(text) + 1):
            heads = block(b, start, end)
            if not heads:
                continue
            for tail in walk(b + 1, end):
                found.extend(head + tail for head in heads)
                if len(found) > most:
                    raise OverBudgetError
        return found

    return walk(0, 0)
