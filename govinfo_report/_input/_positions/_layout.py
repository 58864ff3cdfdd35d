"""A page's text rebuilt from positions: lines of prose, and tables as grids.

Ruled tables come from the page's drawn lines (:mod:`._grid`): a cell's text is
every character inside it, however it wraps (a label over three lines, a vertical label one
character per line), and a cell with nothing inside is known to be blank. Tables drawn without
rules are rebuilt from the words' positions: value columns are the horizontal ranges the
numbers of the rows under one header share, widened by header words over columns that no row
fills; a label (its wrapped lines joined, also above a table's first row and below its last)
belongs to the row of numbers beside it, and a label beside none is a row whose cells are all
blank. A row whose numbers do not fall one per column is handed over without its blanks, so
that the core places it only when it is full and reports it otherwise. A table the page break
cut in two is joined again (a repeated header dropped); page headers, footers and page markers
stay outside its rows. Rows at the top of a page without a header of their own share the
columns of what stands at the foot of the page before: the table they continue, or their
header set there (a header that ends one page, its rows opening the next) — so a row with blank
cells, or a last row alone on its page, is placed as the page before lays the columns out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
import regex

from ..._intermediate import GridCell, Recognised, SourceTable
from ..._lexicon import is_value
from ._grid import Box, RuledTable, cell_texts, ruled_tables, words
from ._page import Char, PageContent

_MARKER = r"[-—–－]?\s*\d+\s*[-—–－]?|第\s*\d+\s*页(?:\s*[,/，]?\s*共\s*\d+\s*页)?"
_PAGE_MARKER = regex.compile(rf"^(?:{_MARKER})$")
# A heading of one of the report's parts ends a table drawn without rules. Word's numbering
# sets a gap after the numeral; a page marker may stand on its line.
_PART_HEADING = regex.compile(
    rf"^(?:(?:{_MARKER})\s+)?[一二三四五六七八九十]+\s*[、.．]\s*\S.{{0,40}}(?:情况|事项)$"
)
# Lines between a table at the foot of a page and its continuation: a footer and a header.
_MAX_CHROME_LINES = 2
# Header lines above the first row of numbers that can widen the value columns.
_MAX_HEADER_LINES = 6
# Lines of one wrapped label stand closer than this many ems (cells are padded apart).
_WRAP_GAP = 0.5
# Numbers in a table stand at least this many ems from the word before them.
_CELL_GAP = 0.6
# A table without rules has two rows of numbers, or one row of at least three numbers (section
# 四), or of two under a header (a table's last row carried over to the next page).
_MIN_LONE_ROW = 3
# Label lines further than this many line heights from every row of numbers end the table.
_MAX_LABEL_GAP = 8


@attrs.frozen
class Word:
    """A word of the text layer and its box (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: The least confidence of its recognised characters (``None``: from a text layer).
    confidence: float | None = None

    @property
    def box(self) -> Box:
        """``(x0, top, x1, bottom)``."""
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def middle(self) -> float:
        """The vertical centre of the word."""
        return (self.top + self.bottom) / 2


@attrs.frozen
class _Words:
    """Words that belong together (a line, a wrapped cell), with their vertical extent."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        """The top of the highest word."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """The bottom of the lowest word."""
        return max(w.bottom for w in self.words)

    @property
    def middle(self) -> float:
        """The vertical centre."""
        return (self.top + self.bottom) / 2


@attrs.frozen
class Line(_Words):
    """Words that stand on one line, left to right."""

    @property
    def text(self) -> str:
        """The words joined by spaces, as a text layer writes them."""
        return " ".join(w.text for w in self.words)


@attrs.frozen
class Cell:
    """A cell of a rebuilt table: its text, or a position covered by a value cell above."""

    text: str
    spanned: bool = False
    #: Recognised text: the least confidence of its characters, and its box.
    confidence: float | None = None
    box: Box | None = None


@attrs.frozen
class Table:
    """A table rebuilt on one page: rows of cells, its top, its width in columns."""

    rows: tuple[tuple[Cell, ...], ...]
    top: float
    bottom: float
    columns: int
    ruled: bool
    #: Rows written as text but left out of the grid (the headers of a table without rules).
    text_rows: frozenset[int] = frozenset()
    #: Without rules: the lines the table was rebuilt from and its header lines, so that it
    #: can be rebuilt with the columns of the page before (see :func:`write_pages`).
    source: tuple[Line, ...] = ()
    header: tuple[Line, ...] = ()
    #: Without rules: the lines of its last part (header and rows), whose columns a table
    #: continuing it on the next page shares.
    tail: tuple[Line, ...] = ()
    #: A row of numbers at the top of a page too short to be a table on its own: a table only
    #: when it continues one from the page before, its lines otherwise.
    tentative: bool = False


Item = Line | Table


def lines_of(words: Iterable[Word]) -> list[Line]:
    """Group words into lines: a word joins a line when its centre lies within the line."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        current = lines[-1] if lines else None
        if current is not None and min(w.top for w in current) <= word.middle <= max(
            w.bottom for w in current
        ):
            current.append(word)
        else:
            lines.append([word])
    return [Line(tuple(sorted(ws, key=lambda w: w.x0))) for ws in lines]


def words_of(chars: Iterable[Char]) -> list[Word]:
    """The words ``chars`` make, with their boxes."""
    return [
        Word(text, x0, x1, top, bottom, confidence)
        for text, (x0, top, x1, bottom), confidence in words(chars)
    ]


def _ruled_tables(page: PageContent) -> list[tuple[RuledTable, Table]]:
    """Tables drawn with rules; a one-column box (a framed paragraph) is not a table."""
    return [
        (found, _grid(found, cell_texts(found, page.chars)))
        for found in ruled_tables(page.edges)
        if len(found.columns) >= 2
    ]


def _grid(found: RuledTable, texts: list[list[tuple[str, float | None] | None]]) -> Table:
    """A ruled table's rows: cells where they start, value cells covering a row as spanned."""
    columns = found.columns
    starts: dict[tuple[float, float, float, float], str] = {}
    for row, row_texts in zip(found.rows, texts, strict=True):
        for box, read in zip(row, row_texts, strict=True):
            if box is not None:
                starts[box] = read[0] if read else ""
    rows: list[tuple[Cell, ...]] = []
    for row, row_texts in zip(found.rows, texts, strict=True):
        boxes = [b for b in row if b is not None]
        top = min(b[1] for b in boxes)
        bottom = min(b[3] for b in boxes)
        out: list[Cell] = []
        for c, (box, read) in enumerate(zip(row, row_texts, strict=True)):
            if box is not None:
                text, confidence = read or ("", None)
                out.append(Cell(text, confidence=confidence, box=box))
                continue
            x = (columns[c][0] + columns[c][2]) / 2
            y = (top + bottom) / 2
            cover = next(
                (b for b in starts if b[0] <= x <= b[2] and b[1] <= y <= b[3]),
                None,
            )
            from_above = (
                cover is not None and cover[1] < top - 1 and abs(cover[0] - columns[c][0]) < 1
            )
            if cover is not None and from_above:
                covering = starts[cover]
                if not covering or is_value(covering):
                    out.append(Cell("", spanned=True))
        rows.append(tuple(out))
    _, top, _, bottom = found.bbox
    return Table(tuple(rows), top, bottom, len(columns), ruled=True)


def _outside(
    chars: Sequence[Char], boxes: Sequence[tuple[float, float, float, float]]
) -> list[Char]:
    """The characters whose centre lies in none of ``boxes`` (edges included)."""
    out = list(chars)
    for x0, top, x1, bottom in boxes:
        out = [
            c
            for c in out
            if not (x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom)
        ]
    return out


def page_items(page: PageContent) -> list[Item]:
    """The page's lines and tables from top to bottom."""
    ruled = _ruled_tables(page)
    outside = _outside(page.chars, [found.bbox for found, _ in ruled])
    lines = lines_of(words_of(outside))
    items: list[Item] = [*(t for _, t in ruled), *_unruled(lines)]
    return sorted(items, key=lambda item: item.top)


# --- tables drawn without rules -------------------------------------------------------------


def _row_of_numbers(line: Line) -> bool:
    """Words then numbers, or numbers alone, each number apart from the word before it as a
    cell is from its neighbour (prose ending in a figure sets it one space away)."""
    words = line.words
    if not words or _PAGE_MARKER.match(line.text):
        return False
    start = _value_start(line)
    if start == len(words) or not any(_is_count(w.text) for w in words[start:]):
        return False
    em = line.bottom - line.top
    return all(
        words[i].x0 - words[i - 1].x1 >= _CELL_GAP * em for i in range(max(start, 1), len(words))
    )


def _is_count(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _value_start(line: Line) -> int:
    i = len(line.words)
    while i > 0 and is_value(line.words[i - 1].text):
        i -= 1
    return i


def _clusters(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping intervals merged: the columns the values share."""
    merged: list[list[float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _overlapping(word: Word, columns: Sequence[tuple[float, float]]) -> list[int]:
    return [i for i, (a, b) in enumerate(columns) if word.x0 < b and word.x1 > a]


def _unruled(lines: list[Line]) -> list[Item]:
    """Runs of rows of numbers become tables; every other line stays a line."""
    out: list[Item] = []
    i = 0
    while i < len(lines):
        if not _row_of_numbers(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        end = i
        j = i + 1
        height = lines[i].bottom - lines[i].top
        while j < len(lines):
            line = lines[j]
            if _PART_HEADING.match(line.text) or _PAGE_MARKER.match(line.text):
                break
            if line.top - lines[j - 1].bottom > _MAX_LABEL_GAP * height:
                break
            if _row_of_numbers(line):
                end = j
            j += 1
        header_start = i
        while (
            header_start > 0
            and i - header_start < _MAX_HEADER_LINES
            and not _row_of_numbers(lines[header_start - 1])
            and not _PART_HEADING.match(lines[header_start - 1].text)
            and lines[header_start].top - lines[header_start - 1].bottom < 2 * height
        ):
            header_start -= 1
        # A label wrapped over lines runs above its first row and below its last one.
        label_start = i
        while label_start > header_start and _wraps_onto(
            lines[label_start - 1], lines[i], lines[label_start]
        ):
            label_start -= 1
        last = lines[end]
        while end + 1 < len(lines) and _wraps_onto(lines[end + 1], last, lines[end]):
            end += 1
        rows = [line for line in lines[i : end + 1] if _row_of_numbers(line)]
        lone = len(rows[0].words) - _value_start(rows[0]) if len(rows) == 1 else _MIN_LONE_ROW
        tentative = False
        if lone < (_MIN_LONE_ROW if header_start == i else 2) and not _headed(
            rows[0], lines[label_start : end + 1], lines[header_start:label_start]
        ):
            # At the top of a page it may be a table's last row: the page before decides.
            tentative = header_start <= _MAX_CHROME_LINES and not any(
                isinstance(item, Table) for item in out
            )
            if not tentative:
                out.append(lines[i])
                i += 1
                continue
        # The header lines above were already written as lines: take them back.
        taken = i - header_start
        del out[len(out) - taken :]
        table = _rebuild(lines[header_start : end + 1], lines[header_start:label_start])
        out.append(attrs.evolve(table, tentative=tentative))
        i = end + 1
    return out


def _headed(row: Line, own: Sequence[Line], header: Sequence[Line], *, every: bool = True) -> bool:
    """True when every number of ``row`` (one number with ``every=False``; its label on the
    lines ``own``) has a word of the ``header`` lines over it and over no other, right of
    the label: a column header. A line of prose runs over the label, or over many columns."""
    values = row.words[_value_start(row) :]
    label = max((w.x1 for line in own for w in line.words if w.x1 < values[0].x0), default=0.0)
    words = [w for line in header for w in line.words if w.x0 > label]
    over = (
        any(
            _overlapping(w, [(v.x0, v.x1)])
            and not _overlapping(w, [(u.x0, u.x1) for u in values if u is not v])
            for w in words
        )
        for v in values
    )
    return all(over) if every else any(over)


def _wraps_onto(line: Line, row: Line, neighbour: Line) -> bool:
    """True when ``line`` holds only label words (left of ``row``'s values) a wrap apart from
    ``neighbour`` (the line above or below it): a line of a label that wraps."""
    left = row.words[_value_start(row)].x0
    em = line.bottom - line.top
    # Numbers standing between two lines of their label overlap both a little.
    gap = max(line.top - neighbour.bottom, neighbour.top - line.bottom)
    return (
        not _row_of_numbers(line)
        and not _PART_HEADING.match(line.text)
        and not _PAGE_MARKER.match(line.text)
        and all(w.x1 < left for w in line.words)
        and -em <= gap <= _WRAP_GAP * em
    )


def _centre(word: Word) -> float:
    return (word.x0 + word.x1) / 2


def _rebuild(lines: Sequence[Line], header: Sequence[Line], carried: Sequence[Line] = ()) -> Table:
    """Rows of one table drawn without rules, cells placed in columns by position.

    ``carried``: lines from the foot of the page before (the header, or the last part, of the
    table this one continues), whose columns the rows before this table's own header share.
    """
    numbers = [line for line in lines if _row_of_numbers(line)]
    left = min(w.x0 for line in numbers for w in line.words[_value_start(line) :])
    header_rows = [
        line
        for line in lines
        if line not in numbers and (line in header or any(_centre(w) >= left for w in line.words))
    ]
    # Each header opens a part with columns of its own (section 二's items differ in width).
    columns_of: dict[int, list[tuple[float, float]]] = {}
    parts = _parts(lines, numbers, header_rows)
    for n, part in enumerate(parts):
        part_numbers = [line for line in part if line in numbers]
        part_header = [line for line in part if line in header_rows]
        if n == 0 and not _heads(part_header, left):
            part_numbers_seen = [*(c for c in carried if _row_of_numbers(c)), *part_numbers]
            part_header = [*(c for c in carried if not _row_of_numbers(c)), *part_header]
        else:
            part_numbers_seen = part_numbers
        values = [w for line in part_numbers_seen for w in line.words[_value_start(line) :]]
        columns = _clusters((w.x0, w.x1) for w in values)
        # Header words over a column that no row fills add it (the lowest header first).
        for line in reversed(part_header):
            for word in line.words:
                if _centre(word) >= left and not _overlapping(word, columns):
                    columns = sorted([*columns, (word.x0, word.x1)])
        for line in part_numbers:
            columns_of[id(line)] = columns
    label_words = [
        w
        for line in lines
        if line not in header_rows
        for w in (line.words[: _value_start(line)] if line in numbers else line.words)
    ]
    # A label (wrapped or not) belongs to the row of numbers beside it; a label beside none is
    # a row of its own whose cells are all blank (or a group heading, which names no row).
    labels: dict[int, list[_Stack]] = {id(line): [] for line in numbers}
    blank_rows: list[_Stack] = []
    for stack in _stacks(label_words):
        slack = _WRAP_GAP * stack.em
        beside = [n for n in numbers if stack.top - slack <= n.middle <= stack.bottom + slack]
        if beside:
            nearest = min(beside, key=lambda n: abs(n.middle - stack.middle))
            labels[id(nearest)].append(stack)
        else:
            blank_rows.append(stack)
    # Header lines stay text: the grid needs no header (its columns are known), and a header
    # word such as 其他 alone on a line would read as a row with every cell blank.
    built: list[tuple[float, tuple[Cell, ...]]] = [
        (line.middle, tuple(Cell(w.text) for w in line.words)) for line in header_rows
    ]
    for line in numbers:
        cells = [Cell(s.text) for s in sorted(labels[id(line)], key=lambda s: s.x0)]
        placed = _value_cells(line.words[_value_start(line) :], columns_of[id(line)])
        built.append((line.middle, (*cells, *placed)))
    for stack in blank_rows:
        nearest = min(numbers, key=lambda n: abs(n.middle - stack.middle))
        blanks = (Cell("") for _ in columns_of[id(nearest)])
        built.append((stack.middle, (Cell(stack.text), *blanks)))
    order = sorted(range(len(built)), key=lambda i: built[i][0])
    return Table(
        tuple(built[i][1] for i in order),
        lines[0].top,
        lines[-1].bottom,
        len(columns_of[id(numbers[-1])]),
        ruled=False,
        text_rows=frozenset(n for n, i in enumerate(order) if i < len(header_rows)),
        source=tuple(lines),
        header=tuple(header),
        tail=tuple(line for line in parts[-1] if line in numbers or line in header_rows),
    )


def _heads(lines: Sequence[Line], left: float) -> bool:
    """True when one of ``lines`` has a word over the value columns (right of ``left``)."""
    return any(_centre(w) >= left for line in lines for w in line.words)


def _parts(
    lines: Sequence[Line], numbers: Sequence[Line], headers: Sequence[Line]
) -> list[list[Line]]:
    """The table's lines cut before every header that follows a row of numbers."""
    parts: list[list[Line]] = [[]]
    for line in lines:
        if line in headers and any(n in numbers for n in parts[-1]):
            parts.append([])
        parts[-1].append(line)
    return parts


@attrs.frozen
class _Stack(_Words):
    """Label words over one another, lines a wrap apart: one cell's text."""

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def em(self) -> float:
        return max(w.bottom - w.top for w in self.words)

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)


def _stacks(words: Iterable[Word]) -> list[_Stack]:
    """Label words joined into cells: a word right under another, a wrap apart, continues it."""
    cells: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        above = next(
            (c for c in reversed(cells) if c[-1].x0 < word.x1 and c[-1].x1 > word.x0), None
        )
        gap = word.top - above[-1].bottom if above is not None else 0.0
        if above is not None and -1 <= gap <= _WRAP_GAP * (word.bottom - word.top):
            above.append(word)
        else:
            cells.append([word])
    return [_Stack(tuple(c)) for c in cells]


def _value_cells(words: Sequence[Word], columns: Sequence[tuple[float, float]]) -> list[Cell]:
    """One cell per column, blank where no number stands; only the numbers when that is
    ambiguous (a number over two columns, two numbers in one)."""
    placed: dict[int, Word] = {}
    for word in words:
        hit = _overlapping(word, columns)
        if len(hit) != 1 or hit[0] in placed:
            return [_word_cell(w) for w in words]
        placed[hit[0]] = word
    return [_word_cell(placed[i]) if i in placed else Cell("") for i in range(len(columns))]


def _word_cell(word: Word) -> Cell:
    return Cell(word.text, confidence=word.confidence, box=word.box)


# --- the document ---------------------------------------------------------------------------


def continues(before: Table, between: Sequence[Line], after: Table) -> bool:
    """True when ``after`` (top of a page) continues ``before`` (foot of the previous page)."""
    return (
        before.ruled == after.ruled
        and before.columns == after.columns
        and len(between) <= 2 * _MAX_CHROME_LINES
        and not any(_PART_HEADING.match(line.text) for line in between)
    )


def without_repeated_header(before: Table, after: Table) -> Table:
    """``after`` without the leading rows that repeat the first rows of ``before``."""
    n = 0
    while n < len(after.rows) and n < len(before.rows) and after.rows[n] == before.rows[n]:
        n += 1
    kept = frozenset(i - n for i in after.text_rows if i >= n)
    return attrs.evolve(after, rows=after.rows[n:], text_rows=kept)


@attrs.define
class TextWriter:
    """Writes pages' items as text, recording page anchors and table grids."""

    parts: list[str] = attrs.Factory(list)
    length: int = 0
    anchors: list[tuple[int, int]] = attrs.Factory(list)
    tables: list[SourceTable] = attrs.Factory(list)
    recognised: list[Recognised] = attrs.Factory(list)
    number: int = 0

    def write(self, text: str) -> None:
        """Append ``text``."""
        self.parts.append(text)
        self.length += len(text)

    def _write_read(self, text: str, confidence: float | None, box: Box | None) -> None:
        """Append ``text``; a recognised one is recorded with its confidence and box."""
        if confidence is not None and text:
            self.recognised.append(
                Recognised(self.length, self.length + len(text), confidence, self.number, box)
            )
        self.write(text)

    def page(self, number: int) -> None:
        """Start page ``number``."""
        if self.parts and not self.parts[-1].endswith("\n"):
            self.write("\n")
        self.anchors.append((self.length, number))
        self.number = number

    def line(self, line: Line) -> None:
        """Write a line of text, words apart by a space."""
        if all(word.confidence is None for word in line.words):  # a text layer's line
            self.write(line.text + "\n")
            return
        for i, word in enumerate(line.words):
            if i:
                self.write(" ")
            self._write_read(word.text, word.confidence, word.box)
        self.write("\n")

    def table(self, table: Table, page: int, into: int | None = None) -> None:
        """Write a table's rows as tab-separated lines; extend grid ``into`` when it continues."""
        start = self.length
        rows = []
        for n, cells in enumerate(table.rows):
            grid = []
            for i, cell in enumerate(cells):
                if i:
                    self.write("\t")
                self._write_read(cell.text, cell.confidence, cell.box)
                grid.append(GridCell(self.length - len(cell.text), self.length, page, cell.spanned))
            self.write("\n")
            if n not in table.text_rows:
                rows.append(tuple(grid))
        if into is None:
            self.tables.append(SourceTable(start, self.length, tuple(rows)))
        else:
            before = self.tables[into]
            self.tables[into] = attrs.evolve(before, end=self.length, rows=(*before.rows, *rows))

    @property
    def text(self) -> str:
        """Everything written."""
        return "".join(self.parts)


def _carried(
    table: Table,
    *,
    last: tuple[Table, int, int] | None,
    number: int,
    between: Sequence[Line],
    feet: Sequence[Sequence[Line]],
) -> tuple[Line, ...]:
    """The lines at the foot of page ``number - 1`` whose columns ``table`` (drawn without
    rules, at the top of page ``number``) shares: the last part of the table it continues,
    or its header set at the foot of the page above its rows. ``between``: the lines since
    the last table; ``feet``: those lines page by page, this page's (above ``table``) last."""
    if last is not None and last[2] == number - 1 and len(between) <= 2 * _MAX_CHROME_LINES:
        if last[0].ruled or any(_PART_HEADING.match(line.text) for line in between):
            return ()
        return last[0].tail
    if any(_PART_HEADING.match(line.text) for line in feet[-1]):
        return ()
    header = _foot_header(feet[:-1])
    row = next(line for line in table.source if _row_of_numbers(line))
    own = [line for line in table.source if line not in table.header]
    headed = _headed(row, own, header, every=table.tentative)
    return header if headed else ()


def _foot_header(feet: Sequence[Sequence[Line]]) -> tuple[Line, ...]:
    """The header lines of a table set at the foot of the page before, over its footer and
    page marker (``feet``: each page's lines after the last table, the page before last). A
    header that fills a page of its own (but its chrome) runs on from the page before."""
    header: list[Line] = []
    for lines in reversed(feet):
        end = len(lines)
        for _ in range(_MAX_CHROME_LINES):  # the page marker and a footer line stand apart
            if end > 1 and (
                _PAGE_MARKER.match(lines[end - 1].text)
                or lines[end - 1].top - lines[end - 2].bottom >= 2 * _em(lines[end - 1])
            ):
                end -= 1
        start = end
        while (
            start > 0
            and len(header) + end - start < _MAX_HEADER_LINES
            and not _PART_HEADING.match(lines[start - 1].text)
            and (start == end or lines[start].top - lines[start - 1].bottom < 2 * _em(lines[start]))
        ):
            start -= 1
        header[:0] = lines[start:end]
        if (
            start == end
            or start > _MAX_CHROME_LINES
            or any(_PART_HEADING.match(line.text) for line in lines[:start])
        ):
            break
    return tuple(header)


def _em(line: Line) -> float:
    return line.bottom - line.top


def write_pages(pages: Sequence[list[Item]]) -> TextWriter:
    """Write every page's items; a table continued over a page break becomes one grid.

    A table without rules at the top of a page whose first rows have no header of their own
    takes its columns from the foot of the page before as well (the table it continues, or
    its header set there): rows with blank cells are then placed by the columns they share.
    """
    writer = TextWriter()
    # The last table written: its first part (whose header a continuation may repeat), the
    # grid it went into, the page it ended on; and the lines written since, all and by page.
    last: tuple[Table, int, int] | None = None
    between: list[Line] = []
    feet: list[list[Line]] = []
    for number, items in enumerate(pages, start=1):
        writer.page(number)
        feet.append([])
        first = True
        for found in items:
            if isinstance(found, Line):
                writer.line(found)
                between.append(found)
                feet[-1].append(found)
                continue
            item = found
            if first and not item.ruled and item.source:
                first = False
                carried = _carried(item, last=last, number=number, between=between, feet=feet)
                if carried:
                    item = _rebuild(item.source, item.header, carried)
                elif item.tentative:
                    for line in item.source:
                        writer.line(line)
                        between.append(line)
                        feet[-1].append(line)
                    continue
            first = False
            if last is not None and last[2] == number - 1 and continues(last[0], between, item):
                writer.table(without_repeated_header(last[0], item), number, into=last[1])
                last = (last[0], last[1], number)
            else:
                writer.table(item, number)
                last = (item, len(writer.tables) - 1, number)
            between = []
            feet = [[]]
    return writer
