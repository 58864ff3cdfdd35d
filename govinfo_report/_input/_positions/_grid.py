"""Ruled tables and words from a page's rules and characters.

The rules are snapped (segments within :data:`_SNAP` points of one position share it), joined
(collinear pieces with gaps under :data:`_JOIN` become one) and filtered (shorter than
:data:`_MIN_LENGTH`); where a horizontal and a vertical rule cross is a corner, and each corner
opens the smallest cell whose other three corners the rules connect to it. Cells that share a
corner form one table; its rows are the cells with one top, its columns those with one left
edge, and a row has ``None`` where no cell starts. This is the lattice method of pdfplumber's
table finder, whose tolerances it keeps. Words are characters on one line with no space and
no gap wider than :data:`_WORD_GAP` between them.
"""

from __future__ import annotations

import bisect
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from ._page import Char, Edge

_SNAP = 3.0
_JOIN = 3.0
_MIN_LENGTH = 3.0
_MIN_PIECE = 1.0
_CROSS = 3.0
_WORD_GAP = 3.0
_LINE_TOLERANCE = 3.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_TOP_LEFT = operator.attrgetter("top", "x0")
_LEFT = operator.attrgetter("x0")
Point = tuple[float, float]


@attrs.frozen
class RuledTable:
    """A table of ruled cells: its rows (a box or ``None`` per column) and its columns."""

    rows: tuple[tuple[Box | None, ...], ...]
    columns: tuple[Box, ...]
    bbox: Box


def _clusters(values: Sequence[float], tolerance: float) -> dict[float, float]:
    """Each value → the mean of its cluster (sorted values each within ``tolerance`` of the
    one before)."""
    out: dict[float, float] = {}
    group: list[float] = []
    for value in sorted(set(values)):
        if group and value - group[-1] > tolerance:
            mean = sum(group) / len(group)
            out.update(dict.fromkeys(group, mean))
            group = []
        group.append(value)
    if group:
        mean = sum(group) / len(group)
        out.update(dict.fromkeys(group, mean))
    return out


def _merged(edges: Iterable[Edge]) -> list[Edge]:
    """Snapped, joined and long enough (pieces under a point, the ends of a thin box drawn
    as a rule, are left out first)."""
    edges = [e for e in edges if max(e.x1 - e.x0, e.bottom - e.top) >= _MIN_PIECE]
    horizontal = [e for e in edges if e.horizontal]
    vertical = [e for e in edges if not e.horizontal]
    ys = _clusters([e.top for e in horizontal], _SNAP)
    xs = _clusters([e.x0 for e in vertical], _SNAP)
    rows: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for e in horizontal:
        rows[ys[e.top]].append((e.x0, e.x1))
    columns: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for e in vertical:
        columns[xs[e.x0]].append((e.top, e.bottom))
    out = []
    for y, spans in rows.items():
        out += [Edge(a, b, y, y) for a, b in _joined(spans) if b - a >= _MIN_LENGTH]
    for x, spans in columns.items():
        out += [Edge(x, x, a, b) for a, b in _joined(spans) if b - a >= _MIN_LENGTH]
    return out


def _joined(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + _JOIN:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _corners(edges: Sequence[Edge]) -> dict[Point, tuple[set[Edge], set[Edge]]]:
    """Where rules cross: each corner and its horizontal and vertical rules."""
    horizontal = sorted((e for e in edges if e.horizontal), key=lambda e: (e.top, e.x0))
    vertical = sorted((e for e in edges if not e.horizontal), key=lambda e: (e.x0, e.top))
    tops = [h.top for h in horizontal]
    corners: dict[Point, tuple[set[Edge], set[Edge]]] = {}
    for v in vertical:
        first = bisect.bisect_left(tops, v.top - _CROSS)
        last = bisect.bisect_right(tops, v.bottom + _CROSS)
        for h in horizontal[first:last]:
            if h.x0 - _CROSS <= v.x0 <= h.x1 + _CROSS:
                across, down = corners.setdefault((v.x0, h.top), (set(), set()))
                across.add(h)
                down.add(v)
    return corners


def _cells(corners: dict[Point, tuple[set[Edge], set[Edge]]]) -> list[Box]:
    """The smallest cell each corner opens (its top-left), whose sides are rules."""

    def joined(a: Point, b: Point) -> bool:
        if a[0] == b[0] and corners[a][1] & corners[b][1]:
            return True
        return a[1] == b[1] and bool(corners[a][0] & corners[b][0])

    by_x: dict[float, list[Point]] = defaultdict(list)
    by_y: dict[float, list[Point]] = defaultdict(list)
    for point in sorted(corners):
        by_x[point[0]].append(point)
        by_y[point[1]].append(point)
    cells = []
    for point in sorted(corners):
        below = [p for p in by_x[point[0]] if p[1] > point[1]]
        right = [p for p in by_y[point[1]] if p[0] > point[0]]
        cell = _smallest(point, below, right, corners, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    point: Point,
    below: Sequence[Point],
    right: Sequence[Point],
    corners: Mapping[Point, object],
    joined: Callable[[Point, Point], bool],
) -> Box | None:
    """The nearest corners below and to the right that close a cell with ``point``."""
    for down in below:
        if not joined(point, down):
            continue
        for across in right:
            if not joined(point, across):
                continue
            corner = (across[0], down[1])
            if corner in corners and joined(corner, across) and joined(corner, down):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped by shared corners, top to bottom; a lone cell is no table."""
    owner: dict[Point, int] = {}
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[find(i)].append(cell)
    tables = [g for g in groups.values() if len(g) > 1]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))


def ruled_tables(edges: Iterable[Edge]) -> list[RuledTable]:
    """The page's ruled tables, top to bottom."""
    out = []
    for cells in _tables(_cells(_corners(_merged(edges)))):
        lefts = sorted({c[0] for c in cells})
        tops = sorted({c[1] for c in cells})
        at = {(c[0], c[1]): c for c in cells}
        rows = tuple(tuple(at.get((x, top)) for x in lefts) for top in tops)
        columns = tuple(
            (
                x,
                min(c[1] for c in cells if c[0] == x),
                max(c[2] for c in cells if c[0] == x),
                max(c[3] for c in cells if c[0] == x),
            )
            for x in lefts
        )
        bbox = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )
        out.append(RuledTable(rows, columns, bbox))
    return out


def cell_texts(
    table: RuledTable, chars: Sequence[Char]
) -> list[list[tuple[str, float | None] | None]]:
    """The text of each cell of ``table`` and the least confidence of its characters (``None``
    where no cell starts), each character in the cell its centre falls in; found by bisecting
    the grid the cells' edges draw."""
    cells = [box for row in table.rows for box in row if box is not None]
    xs = sorted({v for c in cells for v in (c[0], c[2])})
    ys = sorted({v for c in cells for v in (c[1], c[3])})
    column = {x: i for i, x in enumerate(xs)}
    row = {y: j for j, y in enumerate(ys)}
    slot: dict[tuple[int, int], Box] = {}
    for cell in cells:
        for i in range(column[cell[0]], column[cell[2]]):
            for j in range(row[cell[1]], row[cell[3]]):
                slot[i, j] = cell
    found: dict[Box, list[Char]] = defaultdict(list)
    left, top, right, bottom = table.bbox
    for char in chars:
        x = (char.x0 + char.x1) / 2
        y = (char.top + char.bottom) / 2
        if not (left <= x < right and top <= y < bottom):
            continue
        home = slot.get((bisect.bisect_right(xs, x) - 1, bisect.bisect_right(ys, y) - 1))
        if home is not None:  # its slot lies in the cell, right and bottom edges excluded
            found[home].append(char)
    return [
        [None if box is None else (cell_text(found[box]), _least(found[box])) for box in row]
        for row in table.rows
    ]


def _least(chars: Sequence[Char]) -> float | None:
    """The least confidence of the recognised ``chars``; ``None`` when none was recognised."""
    return min((c.confidence for c in chars if c.confidence is not None), default=None)


def text_lines(chars: Iterable[Char]) -> list[list[list[Char]]]:
    """Characters as lines (top to bottom) of words (left to right) of characters."""
    lines: list[list[Char]] = []
    last_top = -1e9
    for char in sorted(chars, key=_TOP_LEFT):
        if char.top - last_top <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
        last_top = char.top
    out = []
    for line in lines:
        words: list[list[Char]] = []
        word: list[Char] = []
        right = -1e9
        for char in sorted(line, key=_LEFT) if len(line) > 1 else line:
            if char.text.isspace():
                word = []
            elif word and char.x0 <= right + _WORD_GAP:
                word.append(char)
            else:
                word = [char]
                words.append(word)
            right = char.x1
        out.append(words)
    return out


def words(chars: Iterable[Char]) -> list[tuple[str, Box, float | None]]:
    """The words of ``chars``, their boxes and least confidences, line by line."""
    return [
        (
            "".join(c.text for c in word),
            # a word runs left to right on one line: its ends bound it across
            (word[0].x0, min(c.top for c in word), word[-1].x1, max(c.bottom for c in word)),
            _least(word),
        )
        for line in text_lines(chars)
        for word in line
    ]


def cell_text(chars: Sequence[Char]) -> str:
    """A cell's text: its lines joined as they wrap (no break), words by a space."""
    if len(chars) == 1:  # most value cells: one digit
        return "" if chars[0].text.isspace() else chars[0].text
    return "".join(" ".join("".join(c.text for c in w) for w in line) for line in text_lines(chars))
