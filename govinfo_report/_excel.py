"""Excel workbooks through XlsxWriter: typed value cells, the findings sheet, the wide table.

Excel and WPS keep a number as a double and show 15 significant digits, so a count or an
amount of at most 15 significant digits is written as a number (the double read back is the
value itself) and a longer one as text, with a comment saying so: never a number that differs
from what the report says. Money carries a 万元 number format with exactly the decimals the
report wrote.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from typing import IO, Any

from ._findings import Finding
from ._keys import all_keys, key_index
from ._model import Value
from ._wide import (
    COLUMNS,
    FINDING_COLUMNS,
    HEAD,
    KEY_COLUMNS,
    WideRow,
    finding_cells,
    optional,
    significant_digits,
)

#: What Excel and WPS store exactly and show whole: 15 significant digits.
EXCEL_DIGITS = 15
#: Rows of one sheet in Excel and WPS.
SHEET_ROWS = 1_048_576
UNKNOWN_TEXT = "未知"
UNKNOWN_NOTE = "未知：报告中无法读取该单元格（见“问题”表） / unknown: not read from the report"
LONG_NOTE = (
    "超过 Excel 的 15 位有效数字，以文本写出 / more than Excel's 15 significant digits: "
    "written as text, exactly"
)
#: The wide table's metadata columns, in Chinese, for the second header row.
HEAD_LABELS = {
    "file": "文件",
    "sha256": "SHA-256",
    "agency": "机关",
    "year": "年度",
    "template": "模板",
    "published": "发布日期",
    "error": "错误",
    "unknown": "未知单元格",
}
FINDING_LABELS = (
    "文件", "代码", "严重程度", "部分", "行", "列", "键", "行号", "应为", "实为", "说明",
    "message",
)  # fmt: skip


def workbook(target: str | IO[bytes], **options: Any) -> Any:
    """A new ``xlsxwriter.Workbook`` writing to ``target`` (a path or a binary stream)."""
    xlsxwriter = optional("xlsxwriter", "xlsx", "Excel output")
    if not isinstance(target, str):
        options["in_memory"] = True
    # Text from a document stays text: "=…" never becomes a formula, nor "http…" a link.
    plain = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    return xlsxwriter.Workbook(target, {**plain, **options})


#: Cell properties the workbooks share.
HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
UNKNOWN = {"italic": True, "font_color": "#808080"}
ABSENT = {"bg_color": "#EDEDED"}
DATE = {"num_format": "yyyy-mm-dd"}


class Styles:
    """The cell formats of one workbook, each made once from its properties."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.made: dict[tuple[tuple[str, Any], ...], Any] = {}

    def __call__(self, **properties: Any) -> Any:
        """The format of ``properties`` (``None`` for none)."""
        if not properties:
            return None
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.book.add_format(properties)
        return self.made[key]


def money_format(places: int) -> str:
    """The 万元 number format showing ``places`` decimals."""
    return "#,##0" + ("." + "0" * places if places else "") + '" 万元"'


def excel_number(value: int | Decimal) -> int | float | None:
    """``value`` as the number Excel keeps, when that number is ``value`` exactly."""
    if isinstance(value, int):
        return value if abs(value) < 10**EXCEL_DIGITS else None
    if not value.is_finite() or significant_digits(value) > EXCEL_DIGITS:
        return None
    return float(value)


def places(value: Decimal) -> int:
    """The decimals ``value`` was written with (``6.830`` has 3)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def write_value(
    sheet: Any, row: int, column: int, value: Value, styles: Styles, **properties: Any
) -> str | None:
    """Write a count or an amount as a number (money with its 万元 format), or as text when
    Excel cannot hold it exactly, and return the note to attach then; ``None`` (a blank cell)
    leaves the cell empty."""
    if value is None:
        if properties:
            sheet.write_blank(row, column, None, styles(**properties))
        return None
    number = excel_number(value)
    if number is None:
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        sheet.write_string(row, column, text, styles(**properties))
        return LONG_NOTE
    if isinstance(value, Decimal):
        money = money_format(places(value))
        sheet.write_number(row, column, number, styles(**properties, num_format=money))
    else:
        sheet.write_number(row, column, number, styles(**properties))
    return None


def _noted(sheet: Any, row: int, column: int, note: str | None) -> None:
    if note:
        sheet.write_comment(row, column, note)


def _check_rows(count: int, what: str) -> None:
    if count > SHEET_ROWS:
        raise ValueError(
            f"{count:,} rows of {what} exceed the {SHEET_ROWS:,} rows of an Excel sheet: "
            "write .parquet or .sqlite"
        )


def findings_sheet(book: Any, styles: Styles, rows: Sequence[tuple[Any, ...]]) -> Any:
    """The sheet 问题: one finding a row (:data:`FINDING_COLUMNS`), frozen headers, filters."""
    _check_rows(len(rows) + 2, "findings")
    sheet = book.add_worksheet("问题")
    sheet.write_row(0, 0, FINDING_COLUMNS, styles(**HEADER))
    sheet.write_row(1, 0, FINDING_LABELS, styles(**HEADER))
    numbers = (FINDING_COLUMNS.index("expected"), FINDING_COLUMNS.index("actual"))
    for r, cells in enumerate(rows, start=2):
        for c, cell in enumerate(cells):
            if c in numbers:
                _noted(sheet, r, c, write_value(sheet, r, c, cell, styles))
            elif cell is not None:
                sheet.write(r, c, cell)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(1, len(rows) + 1), len(FINDING_COLUMNS) - 1)
    for column, width in zip(range(12), (36, 8, 8, 6, 16, 14, 30, 6, 8, 8, 50, 50), strict=True):
        sheet.set_column(column, column, width)
    return sheet


def finding_rows(file: str | None, findings: Iterable[Finding]) -> list[tuple[Any, ...]]:
    """The rows of the findings sheet for one file."""
    return [finding_cells(file, f) for f in findings]


@cache
def _template_keys(template: str) -> frozenset[str]:
    return frozenset(key_index(template))


def wide_workbook(
    target: str | IO[bytes], rows: Iterable[tuple[WideRow, Sequence[Finding]]]
) -> None:
    """The workbook of a corpus run: sheet 报告 with one wide row a file (typed cells, an
    unknown cell the grey text 未知, a key its template lacks shaded) and sheet 问题 with
    every finding."""
    book = workbook(target, constant_memory=True)
    styles = Styles(book)
    sheet = book.add_worksheet("报告")
    sheet.write_row(0, 0, COLUMNS, styles(**HEADER))
    labels = [HEAD_LABELS[name] for name in HEAD] + [all_keys()[k].label for k in KEY_COLUMNS]
    sheet.write_row(1, 0, labels, styles(**HEADER))
    sheet.write_comment(1, HEAD.index("unknown"), UNKNOWN_NOTE, {"x_scale": 2})
    found: list[tuple[Any, ...]] = []
    r = 1
    for r, (row, findings) in enumerate(rows, start=2):
        _check_rows(r + 1, "reports")
        _wide_cells(sheet, r, row, styles)
        found.extend(finding_rows(row.file, findings))
    sheet.freeze_panes(2, 1)
    sheet.autofilter(1, 0, r, len(COLUMNS) - 1)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 12)
    sheet.set_column(2, 2, 24)
    sheet.set_column(len(HEAD), len(COLUMNS) - 1, 12)
    findings_sheet(book, styles, found)
    close(book)


def close(book: Any) -> None:
    """Write ``book`` out; a file that cannot be written is an ``OSError``, as for any file."""
    xlsxwriter = optional("xlsxwriter", "xlsx", "Excel output")
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        raise OSError(str(exc)) from exc


def _wide_cells(sheet: Any, r: int, row: WideRow, styles: Styles) -> None:
    for c, name in enumerate(HEAD):
        value = getattr(row, name)
        if value is None:
            continue
        if isinstance(value, datetime.date):
            sheet.write_datetime(r, c, value, styles(**DATE))
        elif isinstance(value, tuple):
            if value:
                sheet.write_string(r, c, " ".join(value))
        else:
            sheet.write(r, c, value)
    if row.error is not None:
        return
    unknown = set(row.unknown or ())
    own = _template_keys(row.template) if row.template else None
    for c, key in enumerate(KEY_COLUMNS, start=len(HEAD)):
        if key in row.values:
            _noted(sheet, r, c, write_value(sheet, r, c, row.values[key], styles))
        elif key in unknown:
            sheet.write_string(r, c, UNKNOWN_TEXT, styles(**UNKNOWN))
        elif own is not None and key not in own:
            sheet.write_blank(r, c, None, styles(**ABSENT))
