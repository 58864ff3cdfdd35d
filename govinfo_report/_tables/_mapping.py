"""Mapping, in the tables stage: raw tables' cells onto canonical keys by the official labels.

This is the one place that knows the templates' rows and columns; extractors only deliver rows
of cells. A row is recognised by its label, its values are placed in the template's column
order, and whatever cannot be placed exactly is left unknown with a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

import attrs

from .._findings import Finding, Location
from .._input._locate import Locator
from .._intermediate import RawCell, RawRow, RawTable, TableProblem
from .._keys import TABLE_SECTIONS, CanonicalKey, SectionName, Template, rows, section_keys
from .._labels import LabelIndex, LabelMatch, label_core, label_index
from .._lexicon import is_value
from .._model import CellRow
from ..rules import PARSE_RULES, Violation, finding
from ._values import read_value


@attrs.frozen
class Mapped:
    """Cells placed on canonical keys, and the findings met on the way."""

    cells: Mapping[str, CellRow]
    findings: tuple[Finding, ...]


class _Row(NamedTuple):
    """A raw row split into its label (if recognised) and the cells that follow the labels."""

    row: str | None
    label: RawCell | None
    values: tuple[RawCell, ...]
    columns: tuple[str, ...] | None
    #: The values that occupy a column: those with text, and merged ones.
    tokens: tuple[RawCell, ...]
    #: The label is only spelled nearly like the row's (a character lost or misread).
    close: bool = False


def _row(
    row: str | None,
    label: RawCell | None,
    values: tuple[RawCell, ...],
    columns: tuple[str, ...] | None,
    close: bool = False,
) -> _Row:
    tokens = tuple([c for c in values if c.text or c.spanned])
    return _Row(row, label, values, columns, tokens, close)


def _split(raw: RawRow, index: LabelIndex | None) -> _Row | None:
    """Split a raw row into its label and the cells after it; ``None`` for a header row.

    The values start at the first number, or, in a row that opens with known labels only,
    right after them: there an empty or unreadable cell is still the row's own cell.
    """
    cells = raw.cells
    first = 0
    for cell in cells:  # a loop, not next(generator): this runs for every row of every table
        if cell.text and is_value(cell.text):
            break
        first += 1
    else:
        return _labelled_without_numbers(raw, index)
    labels = [c for c in cells[:first] if c.text]
    row, label, close = raw.row, (labels[-1] if labels else None), False
    if index is not None and row is None and labels:
        quality, found = index.grade(labels[-1].text)
        if quality == LabelMatch.EXACT and found is not None:  # most rows: no better reading exists
            row = found
    if index is not None and row is None:
        for cell, texts in _label_candidates(labels):
            # The cell alone or joined to the one before (a wrapped label), whichever is the
            # better match: 复申请 is close to 重复申请, but 4.无正当理由大量反复 + 复申请 is exact.
            # A group heading (（三）不予公开) names no row; on a tie the cell alone wins.
            quality, found = LabelMatch.NONE, None
            for text in texts:
                graded = index.grade(text)
                if graded[1] is not None and graded[0] > quality:
                    quality, found = graded
                    if quality == LabelMatch.EXACT:
                        break
            if found is not None:
                row, label, close = found, cell, quality == LabelMatch.CLOSE
                break
    after = first
    while after > 0 and not cells[after - 1].text:
        after -= 1
    return _row(row, label, cells[after:], raw.columns, close)


def _label_candidates(labels: Sequence[RawCell]) -> Iterator[tuple[RawCell, list[str]]]:
    """Label texts to try, nearest the values first: each cell, alone and joined to the one
    before (a label wrapped over two lines, 一、本年新收政府信息公开 / 申请数量)."""
    for i in reversed(range(len(labels))):
        texts = [labels[i].text]
        if i > 0:
            texts.append(labels[i - 1].text + labels[i].text)
        yield labels[i], texts


def _labelled_without_numbers(raw: RawRow, index: LabelIndex | None) -> _Row | None:
    """A row that opens with known labels and holds no number: blank or unreadable cells.

    A header row always opens with a column label (自然人, 信息内容…) and is not taken.
    """
    if raw.row is not None:  # a row the extractor named, all of whose cells are blank
        return _row(raw.row, None, raw.cells, raw.columns) if raw.cells else None
    if index is None:
        return None
    found: tuple[int, str, bool] | None = None
    for i, cell in enumerate(raw.cells):
        if not cell.text:
            continue
        quality, row = index.grade(cell.text)
        if not quality:
            break
        if row is not None:
            found = (i, row, quality == LabelMatch.CLOSE)
    if found is None:
        return None
    at, row, close = found
    return _row(row, raw.cells[at], raw.cells[at + 1 :], raw.columns, close)


class _Mapper:
    """Maps the rows of one section; collects cells and findings."""

    def __init__(self, section: SectionName, template: Template, locator: Locator) -> None:
        self.section = section
        self.template = template
        self.locator = locator
        #: The cells read so far, by key, each with its place in the source.
        self.cells: dict[str, CellRow] = {}
        self.findings: list[Finding] = []
        self._place = locator.placer()

    def mapped(self) -> Mapped:
        """The cells read, each with its provenance, and the findings met."""
        return Mapped(self.cells, tuple(self.findings))

    def location(
        self, key: CanonicalKey | None, cell: RawCell | None, row: str | None = None
    ) -> Location:
        span = (cell.start, cell.end) if cell else None
        if key is None:
            return self.location_at(row, None, None, span)
        return self.location_at(key.row, key.column, key.key, span)

    def location_at(
        self, row: str | None, column: str | None, key: str | None, span: tuple[int, int] | None
    ) -> Location:
        """A location in this section; ``span`` of the normalised text, mapped to the source."""
        place = self.locator.place(*span) if span else None
        return Location(
            section=TABLE_SECTIONS[self.section],
            row=row,
            column=column,
            key=key,
            line=place.line if place else None,
            start=place.start if place else None,
            end=place.end if place else None,
        )

    def store(
        self, keys: Sequence[CanonicalKey], placed: Sequence[RawCell | None], table: RawTable
    ) -> None:
        """Store the values of the cells ``placed`` in column order under ``keys`` (a ``None``
        cell: blank by position); a merged or unreadable cell is reported instead."""
        cells, place = self.cells, self._place
        recognition = self.locator.recognition if self.locator.recognised else None
        extractor, origin = table.extractor, table.origin
        for key, cell in zip(keys, placed, strict=True):
            if cell is not None and cell.spanned:
                where = self.location(key, cell)
                self.findings.append(
                    finding("GIR104", where, case="merged", label=key.label, key=key.key)
                )
                continue
            reading = read_value(cell.text if cell is not None else "", key.kind)
            if reading.problem:
                self.findings.append(
                    finding(
                        reading.problem,
                        self.location(key, cell),
                        case=reading.case,
                        label=key.label,
                        key=key.key,
                        text=reading.text,
                        digits=reading.digits,
                        candidate=reading.candidate,
                    )
                )
                continue
            if cell is None:
                cells[key.key] = CellRow(key.key, reading.value, extractor, origin)
                continue
            line, start, end, text = place(cell.start, cell.end)
            read = recognition(cell.start, cell.end) if recognition is not None else None
            cells[key.key] = CellRow(
                key.key,
                reading.value,
                extractor,
                origin,
                line,
                start,
                end,
                text,
                read.confidence if read else None,
                read.box if read else None,
            )

    def unplaced(self, row: _Row, case: str, label: str = "", count: int = 0) -> None:
        """Report a row (``row.row``; ``None`` for the whole table) whose cells stay unknown:
        message ``case`` of GIR104, with the row's label and the cells it should have."""
        cells = " | ".join(c.text for c in row.values)
        where = row.label or (row.values[0] if row.values else None)
        self.findings.append(
            finding(
                "GIR104",
                self.location(None, where, row.row),
                case=case,
                label=label,
                row=row.row,
                count=count,
                cells_zh=f"（{cells}）" if cells else "",
                cells_en=f" ({cells})" if cells else "",
            )
        )


def _is_regular(split: Sequence[tuple[_Row, tuple[CanonicalKey, ...]]]) -> bool:
    """True when every complete row of the table starts its values right after its labels.

    Tables converted from PDF pad some rows with empty cells where a label spanned two
    columns; in such a table an empty cell in a short row could be a pad or a blank, so no
    short row is placed by position there.
    """
    complete = [row for row, keys in split if len(row.tokens) == len(keys)]
    return bool(complete) and all(row.values[0] is row.tokens[0] for row in complete)


def _is_right_aligned(split: Sequence[tuple[_Row, tuple[CanonicalKey, ...]]]) -> bool:
    """True when every row with a value ends in one: the last cells of each row are its
    columns, whatever cells a converter padded before them.

    Markdown written from an HTML table (html2text, markdownify) pads a row with empty cells
    where a label spanned columns, or drops a label a row above spanned, but never pads after
    the last column; a PDF converter may, and then a row's last cell is sometimes empty.
    """
    filled = [row for row, _ in split if row.tokens]
    return len(filled) >= 2 and all(row.values[-1] is row.tokens[-1] for row in filled)


def _place(
    row: _Row, width: int, table: RawTable, regular: bool, right_aligned: bool = False
) -> tuple[RawCell | None, ...] | None:
    """The cells of ``row`` in column order (``None`` or an empty cell = blank), or ``None``
    when ambiguous."""
    tokens = row.tokens
    if len(tokens) == width:
        return tokens
    if not table.keeps_empty_cells or len(tokens) > width:
        return None
    if not tokens:
        # Every cell there and empty: a blank row. A label with fewer cells after it (a label
        # on a line of its own) shows no cells at all, which is not the same.
        return row.values[:width] if len(row.values) >= width else None
    windows = []
    if regular:
        windows.append(row.values[:width])
    if right_aligned:
        windows.append(row.values[-width:])
    fitting = [
        window
        for window in windows
        if len(window) == width and sum(bool(c.text or c.spanned) for c in window) == len(tokens)
    ]
    # An empty cell in its place is blank, and keeps where it stands; two windows that place
    # the row differently leave it unplaced.
    return fitting[0] if fitting and all(w == fitting[0] for w in fitting) else None


def map_section(
    section: SectionName, template: Template, tables: Sequence[RawTable], locator: Locator
) -> Mapped:
    """Map ``tables`` read from ``section`` onto the canonical keys of ``template``."""
    mapper = _Mapper(section, template, locator)
    for table in tables:
        mapper.findings.extend(_problem(mapper, p) for p in table.problems)
        # Section 四 is one row of numbers, unless the extractor named the rows it read.
        if section == "review_litigation" and not any(r.row for r in table.rows):
            _map_review_litigation(mapper, table)
        else:
            _map_labelled(mapper, table)
    return mapper.mapped()


def _problem(mapper: _Mapper, problem: TableProblem) -> Finding:
    """The finding for what an extractor could not read."""
    span = (problem.start, problem.end or problem.start) if problem.start is not None else None
    known = section_keys(mapper.template, mapper.section)
    key = next((k.key for k in known if (k.row, k.column) == (problem.row, problem.column)), None)
    location = mapper.location_at(problem.row, problem.column, key, span)
    if problem.code not in PARSE_RULES:
        return finding(
            "GIR002",
            location,
            case="unknown_code",
            code=problem.code,
            detail_zh=problem.detail_zh,
            detail_en=problem.detail_en,
        )
    reported = PARSE_RULES[problem.code]
    details = (problem.detail_zh, problem.detail_en)
    if not any(details) and reported.messages:
        details = reported.details(problem.case, problem.fields)
    # else the extractor wrote its own details, and the rule gives the title
    return reported.finding(Violation(*details, location))


def _map_labelled(mapper: _Mapper, table: RawTable) -> None:
    template_rows = rows(mapper.template, mapper.section)
    index = label_index(mapper.template, mapper.section)
    split: list[tuple[_Row, tuple[CanonicalKey, ...]]] = []
    rows_of_table = [row for raw in table.rows if (row := _split(raw, index)) is not None]
    # （六）其他处理 as one row of numbers only where none of its three rows stands apart.
    other_apart = any(row.row in _OTHER_ROWS for row in rows_of_table)
    for row in rows_of_table:
        if row.row is None and not other_apart and _other_as_one_row(mapper, row, table):
            continue
        if row.row is None:
            mapper.findings.append(_not_a_row(mapper, row))
            continue
        keys = template_rows[row.row]
        if row.columns is not None:
            keys = tuple(k for k in keys if k.column in row.columns)
        split.append((row, keys))
    split = _near_labels_in_place(mapper, split)
    regular = table.aligned or _is_regular(split)
    right_aligned = not table.aligned and _is_right_aligned(split)
    for row, keys in split:
        if any(k.key in mapper.cells for k in keys):
            where = mapper.location(None, row.label, row.row)
            mapper.findings.append(finding("GIR105", where, label=keys[0].row_label, row=row.row))
            continue
        placed = _place(row, len(keys), table, regular, right_aligned)
        if placed is None:
            mapper.unplaced(row, "row", keys[0].row_label, len(keys))
        else:
            mapper.store(keys, placed, table)
    met = {row.row for row, _ in split}
    # Once every row of the template was met, no label can stand without its cells.
    if not table.keeps_empty_cells and not met.issuperset(template_rows):
        _labels_without_cells(mapper, table, index, met)


_OTHER_GROUP = "其他处理"
_OTHER_ROWS = ("other.no_correction", "other.fee_unpaid", "other.other")


def _other_as_one_row(mapper: _Mapper, row: _Row, table: RawTable) -> bool:
    """A 2021-template table that prints （六）其他处理 as one row of numbers, as the 2019
    template does. When every cell is 0, each of its three rows is 0 (their sum is 0 and no
    count is negative); otherwise they stay unknown. True when ``row`` was such a row."""
    label = label_core(row.label.text) if row.label else ""
    if mapper.template != "2021" or mapper.section != "applications" or label != _OTHER_GROUP:
        return False
    layout = rows(mapper.template, mapper.section)
    width = len(layout[_OTHER_ROWS[0]])
    if len(row.tokens) != width:
        return False
    values = [read_value(c.text, "count").value for c in row.tokens]
    where = mapper.location(None, row.label, "other")
    if all(v == 0 for v in values):
        for sub in _OTHER_ROWS:
            mapper.store(layout[sub], row.tokens, table)
        mapper.findings.append(finding("GIR108", where))
        return True
    cells = " | ".join(c.text for c in row.tokens)
    for sub in _OTHER_ROWS:
        where = mapper.location(None, row.label, sub)
        label = layout[sub][0].row_label
        mapper.findings.append(finding("GIR109", where, cells=cells, label=label, row=sub))
    return True


def _near_labels_in_place(
    mapper: _Mapper, split: list[tuple[_Row, tuple[CanonicalKey, ...]]]
) -> list[tuple[_Row, tuple[CanonicalKey, ...]]]:
    """Rows named by a label spelled only nearly like theirs (2.其他法律行政止公开) kept where
    the rows read before and after them stand on either side in the template's order, with
    an info finding naming the label as printed; elsewhere they are not taken for that row."""
    if not any(row.close for row, _ in split):
        return split
    order = {row: i for i, row in enumerate(rows(mapper.template, mapper.section))}
    kept = []
    for i, (row, keys) in enumerate(split):
        if not row.close:
            kept.append((row, keys))
            continue
        before = next((r.row for r, _ in reversed(split[:i]) if not r.close), None)
        after = next((r.row for r, _ in split[i + 1 :] if not r.close), None)
        here = order[row.row or ""]
        fits = (before is None or order[before] < here) and (after is None or here < order[after])
        printed = row.label.text if row.label else ""
        if fits and (before or after):
            kept.append((row, keys))
            where = mapper.location(None, row.label, row.row)
            label = keys[0].row_label
            mapper.findings.append(
                finding("GIR107", where, printed=printed, label=label, row=row.row)
            )
        else:
            mapper.findings.append(_not_a_row(mapper, row))
    return kept


def _not_a_row(mapper: _Mapper, row: _Row) -> Finding:
    """GIR106 for a row whose label names no row of the section's table."""
    label = row.label.text if row.label else ""
    numeral = TABLE_SECTIONS[mapper.section]
    where = mapper.location(None, row.label or row.values[0])
    return finding("GIR106", where, label=label, numeral=numeral)


def _labels_without_cells(
    mapper: _Mapper, table: RawTable, index: LabelIndex, placed: set[str | None]
) -> None:
    """Rows whose label stands in the table with no cells after it (one cell per line drops
    empty cells): the row is there, its cells cannot be read."""
    for raw in table.rows:
        for cell in raw.cells:
            if not cell.text or cell.is_value:
                continue
            quality, row = index.grade(cell.text)
            if row is None or quality < LabelMatch.EXACT or row in placed:
                continue
            placed.add(row)
            mapper.unplaced(_row(row, cell, (), None), "label_only", cell.text)


def _map_review_litigation(mapper: _Mapper, table: RawTable) -> None:
    keys = section_keys(mapper.template, "review_litigation")
    width = len(keys)
    value_rows = [row for raw in table.rows if (row := _split(raw, None)) is not None]
    if not value_rows:
        return
    placed = None
    # One row of exactly fifteen cells is placed by position even with blanks in it.
    complete = [row for row in value_rows if len(row.tokens) == width or len(row.values) == width]
    if len(complete) == 1:
        placed = _place(complete[0], width, table, len(complete[0].values) == width)
    elif sum(len(row.tokens) for row in value_rows) == width and all(
        c.is_value for row in value_rows for c in row.tokens
    ):
        # A page break split the one row of numbers in two (and nothing but numbers).
        placed = tuple(c for row in value_rows for c in row.tokens)
    elif table.keeps_empty_cells and sum(len(row.values) for row in value_rows) == width:
        # Small tables of a few columns each (OCR markdown): their cells, blanks included,
        # make up the row exactly.
        placed = tuple(c for r in value_rows for c in r.values)
    if placed is None:
        values = tuple(c for row in value_rows for c in row.values)
        mapper.unplaced(_row(None, None, values, None), "table", count=width)
    else:
        mapper.store(keys, placed, table)
