"""Noise the real corpus shows, to apply to a rendered report: each a small named transform.

A transform takes the document's text and a ``random.Random`` (draw it from hypothesis with
``st.randoms()`` so that failures shrink and replay) and returns the noisy text. ``layouts``
says which layouts can carry it; ``keeps_blanks`` whether a blank cell stays readable as
blank after it (padding a row the way a PDF converter does makes that undecidable).
Transforms compose: apply them one after the other.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import regex

from .._model import Report
from .._render import LAYOUTS
from .._render._writers import (
    CELL_STYLES,
    HEADING_MARKS,
    HEADING_WORDINGS,
    OUTLINES,
    PAGE_FOOTERS,
    PLACEHOLDERS,
    table_rows,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

Transform = Callable[[str, random.Random], str]

TEXT_LAYOUTS = frozenset({"pipe", "tab", "markdown", "lines", "spaces"})
DELIMITED = frozenset({"pipe", "tab", "markdown"})
ALL = frozenset(LAYOUTS)

_TAG_OR_TEXT = regex.compile(r"(<[^>]*>)|([^<]+)")
_HAN_PAIR = regex.compile(r"(?<=\p{Han})(?=\p{Han})")
_HAN = regex.compile(r"\p{Han}")
_FULL_WIDTH = str.maketrans("0123456789().:,", "０１２３４５６７８９（）．：，")
_GLOSSES = ("jù", "fā", "xiàn", "shù", "guī", "tǒng", "wǎng", "zhí", "jiān", "yè")
_BIG_NUMBER = regex.compile(r"(?<=^|[|\t>])[ ]*(\d{4,})[ ]*(?=$|[|\t<])", regex.MULTILINE)
_DELIMITER = {"pipe": " | ", "tab": "\t", "markdown": " | ", "spaces": " "}


@attrs.frozen
class Noise:
    """A named transform of a rendered document, the layouts it fits, whether blanks survive."""

    name: str
    transform: Transform
    layouts: frozenset[str]
    keeps_blanks: bool = True

    def __call__(self, text: str, rng: random.Random) -> str:
        """Apply the transform."""
        return self.transform(text, rng)


def in_text(transform: Transform) -> Transform:
    """Apply ``transform`` to the text between tags only, so that markup stays markup."""

    def apply(text: str, rng: random.Random) -> str:
        return "".join(
            m.group(1) or transform(m.group(2), rng) for m in _TAG_OR_TEXT.finditer(text)
        )

    return apply


def _traditional(text: str, rng: random.Random) -> str:
    import opencc  # noqa: PLC0415 - only the tests that ask for it pay the dictionary load

    return str(opencc.OpenCC("s2tw").convert(text))


def _glosses(text: str, rng: random.Random) -> str:
    return _HAN.sub(
        lambda m: m.group() + (f"({rng.choice(_GLOSSES)})" if rng.random() < 0.08 else ""), text
    )


def _full_width(text: str, rng: random.Random) -> str:
    return text.translate(_FULL_WIDTH)


def _invisible(text: str, rng: random.Random) -> str:
    def mark(m: regex.Match[str]) -> str:
        roll = rng.random()
        return "\u00a0" if roll < 0.1 else "\u200b" if roll < 0.15 else ""

    # Before a number (not inside one) and after a character of a word.
    return regex.sub(r"(?<![\d.,])(?=\d)|(?<=\p{Han})", mark, text)


def _spaced_labels(text: str, rng: random.Random) -> str:
    return _HAN_PAIR.sub(lambda m: " " if rng.random() < 0.1 else "", text)


def _crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


def _thousands(text: str, rng: random.Random) -> str:
    return _BIG_NUMBER.sub(lambda m: f"{int(m.group(1)):,}", text)


def _chrome(text: str, rng: random.Random) -> str:
    before = "首页 > 政府信息公开 > 年度报告\n【字号：大 中 小】 打印\n分享到：\n"
    after = "\n扫一扫在手机上查看当前页面\n主办：某某市人民政府\n网站标识码：1234567890\n"
    if text.lstrip().startswith("<"):
        return text.replace("<body>", f"<body><div>{before}</div>", 1).replace(
            "</body>", f"<div>{after}</div></body>", 1
        )
    return before + text + after


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _is_row(line: str, delimiter: str) -> bool:
    return delimiter.strip() in line if delimiter.strip() else delimiter in line


def _table_rows(layout: str) -> Transform:
    """Page breaks inside tables: page markers and blank lines between rows or cells."""

    def apply(text: str, rng: random.Random) -> str:
        out = []
        for line in _lines(text):
            out.append(line)
            inside = line.strip() and (layout == "lines" or _is_row(line, _DELIMITER[layout]))
            if inside and rng.random() < 0.08:
                out.extend(("", f"- {rng.randint(1, 30)} -", ""))
        return "\n".join(out)

    return apply


def _html_page_breaks(text: str, rng: random.Random) -> str:
    rows = text.split("<tr>")
    return rows[0] + "".join(
        ("</tbody></table><p>- 3 -</p><table><tbody><tr>" if i and rng.random() < 0.05 else "<tr>")
        + row
        for i, row in enumerate(rows[1:])
    )


def _blank_lines(text: str, rng: random.Random) -> str:
    return "\n".join(line + ("\n" if rng.random() < 0.2 else "") for line in _lines(text))


def _split_headers(layout: str) -> Transform:
    """Header cells split in two, as a PDF breaks 结果维持 into 结果 | 维持."""
    delimiter = _DELIMITER.get(layout, "\n\n")

    def apply(text: str, rng: random.Random) -> str:
        out = []
        for line in _lines(text):
            cells = line.split(delimiter.strip() or delimiter) if layout != "lines" else [line]
            # A header row: every cell filled, none a number (a row left blank is no header).
            header = all(c.strip() for c in cells) and not any(
                regex.search(r"\d", c) for c in cells
            )
            if header and (layout == "lines" or _is_row(line, delimiter)):
                cells = [_split_cell(c, rng) for c in cells]
            out.append(
                (delimiter.strip() or delimiter).join(cells) if layout != "lines" else cells[0]
            )
        return "\n".join(out)

    def _split_cell(cell: str, rng: random.Random) -> str:
        words = cell.strip()
        if len(words) < 4 or not _HAN.match(words) or rng.random() > 0.3:
            return cell
        middle = len(words) // 2
        if layout == "lines":
            return words[:middle] + "\n" + words[middle:]
        return f" {words[:middle]} {delimiter.strip() or delimiter} {words[middle:]} "

    return apply


def _wrapped_labels(text: str, rng: random.Random) -> str:
    """One cell per line: a long label wrapped over two lines (本年新 / 制作数量)."""
    out: list[str] = []
    for line in _lines(text):
        words = line.strip()
        short = (
            6 <= len(words) <= 40
            and "年度报告" not in words
            and not regex.match(r"[一二三四五六]、", words)
        )
        if (
            short
            and _HAN.search(words)
            and not regex.search(r"\d{4}", words)
            and rng.random() < 0.3
        ):
            cut = rng.randint(2, len(words) - 2)
            out.extend((words[:cut], words[cut:]))
        else:
            out.append(line)
    return "\n".join(out)


def _pdf_cells(text: str, rng: random.Random) -> str:
    """Tab rows padded the way a PDF converter pads them: empty cells before a sub-row's label
    for the columns a label above spans (which some rows lose), an empty cell after some
    labels, one at the end of some rows."""
    out = []
    for line in _lines(text):
        cells = line.split("\t")
        if len(cells) > 1 and not regex.fullmatch(r"[\d.,+\-]*", cells[0]):
            if regex.match(r"\d+[.、]|\(", cells[0]) and rng.random() < 0.6:
                cells[:0] = [""] * rng.randint(1, 2)  # kept leading cells; the others lost them
            if rng.random() < 0.4:
                cells.insert(
                    len(cells) - sum(1 for c in cells if regex.fullmatch(r"[\d.,+\-]+", c)), ""
                )
            if rng.random() < 0.4:
                cells.append("")
        out.append("\t".join(cells))
    return "\n".join(out)


_PLACEHOLDERS = ("数据{}", "列{}", "Column {}")
_BLANK_CELLS = ("", "", "-", "—", "——", "／")
_MARKDOWN_RULE = regex.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*")


def _markdown_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().removeprefix("|").removesuffix("|").split("|")]


def _markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _ocr_markdown(text: str, rng: random.Random) -> str:
    """Markdown as OCR and LLM tools write tables: every header replaced by placeholders
    (数据1, 列1, Column 1), a table of its own for some row groups, a stray header row in the
    middle, section 四's row of numbers cut into small tables, -, — or ／ in empty cells."""
    style = rng.choice(_PLACEHOLDERS)

    def header(width: int) -> list[str]:
        return [_markdown_row([style.format(i) for i in range(1, width + 1)]), _separator(width)]

    def _separator(width: int) -> str:
        return "|" + "---|" * width

    out: list[str] = []
    in_table = False
    for line in _lines(text):
        if not line.startswith("|"):
            in_table = False
            out.append(line)
            continue
        if _MARKDOWN_RULE.fullmatch(line):
            continue  # the writer's own rules; every table here gets its own
        cells = _markdown_cells(line)
        is_header = all(cells) and not any(regex.search(r"\d", c) for c in cells)
        numbers_only = all(regex.fullmatch(r"[\d.,+\-]*", c) for c in cells)
        if is_header:
            row = header(len(cells))
            out.extend(row if not in_table else row[:1])  # a stray header mid-table
            in_table = True
            continue
        cells = [c or rng.choice(_BLANK_CELLS) for c in cells]
        if numbers_only and len(cells) >= 10:  # section 四: one small table per block
            cut = rng.choice((5, 10))
            for part in (cells[:cut], cells[cut:]):
                out.extend(("", *header(len(part)), _markdown_row(part), ""))
            in_table = False
            continue
        if not in_table or rng.random() < 0.15:  # a table of its own for the next rows
            out.extend(("", *header(len(cells))))
        elif rng.random() < 0.05:
            out.append(_markdown_row([style.format(i) for i in range(1, len(cells) + 1)]))
        out.append(_markdown_row(cells))
        in_table = True
    return "\n".join(out)


_PAGE_MARKERS = ("- {} -", "—{}—", "第 {} 页", "第{}页")
_PART_HEADING = regex.compile(r"[一二三四五六]、\S*(?:情况|事项)")
_AGENCY = regex.compile(r"\D+?(?=\d{4}年)")


def _chance(rng: random.Random, p: float) -> bool:
    """True with probability ``p``; false when hypothesis shrinks the draw to 0, so that a
    failing example shrinks to as little noise as it needs."""
    return rng.random() >= 1 - p


def _pdf_split_tables(text: str, rng: random.Random) -> str:
    """A PDF's pages in its text: between lines, inside and around the tables, a page marker
    (``- 3 -``, ``—3—``, ``第 3 页``) and the page header (the agency's name) of the next page;
    a marker right before a part's heading sometimes glued to it (``- 4 -四、…``); the first
    small table of part 二 often at the foot of a page, its rows after the marker."""
    lines = _lines(text)
    title = lines[0]
    header = m.group() if (m := _AGENCY.match(title)) else title
    marker = rng.choice(_PAGE_MARKERS)
    page = rng.randint(1, 3)
    first_rows = next((i + 1 for i, line in enumerate(lines) if line.startswith("信息内容")), -1)
    foot = _chance(rng, 0.6)
    out = [title]
    for i, line in enumerate(lines[1:], 1):
        if line and ((i == first_rows and foot) or _chance(rng, 0.1)):
            if _PART_HEADING.fullmatch(line) and _chance(rng, 0.5):
                out.append(marker.format(page) + line)  # the page's end glued to the heading
                page += 1
                continue
            out.extend((marker.format(page), header))
            page += 1
        out.append(line)
    return "\n".join(out)


NOISES: tuple[Noise, ...] = (
    Noise("traditional", _traditional, ALL),
    Noise("glosses", in_text(_glosses), ALL),
    Noise("full_width", in_text(_full_width), ALL),
    Noise("invisible", in_text(_invisible), ALL),
    Noise("spaced_labels", in_text(_spaced_labels), ALL),
    Noise("chrome", _chrome, ALL),
    Noise("crlf", _crlf, ALL),
    Noise("thousands", _thousands, ALL),
    Noise("blank_lines", _blank_lines, DELIMITED),
    Noise("html_page_breaks", _html_page_breaks, frozenset({"html"})),
    Noise("wrapped_labels", _wrapped_labels, frozenset({"lines"})),
    Noise("ocr_markdown", _ocr_markdown, frozenset({"markdown"})),
    Noise("pdf_cells", _pdf_cells, frozenset({"tab"}), keeps_blanks=False),
    *(
        Noise(f"page_breaks_{layout}", _table_rows(layout), frozenset({layout}))
        for layout in sorted(TEXT_LAYOUTS)
    ),
    *(
        Noise(f"split_headers_{layout}", _split_headers(layout), frozenset({layout}))
        for layout in sorted(DELIMITED)
    ),
    Noise("pdf_split_tables", _pdf_split_tables, frozenset({"spaces", "tab"})),
)


def for_layout(layout: str) -> Sequence[Noise]:
    """The transforms ``layout`` can carry."""
    return [n for n in NOISES if layout in n.layouts]


def apply(text: str, noises: Sequence[Noise], rng: random.Random) -> str:
    """Apply ``noises`` in order."""
    for noise in noises:
        text = noise(text, rng)
    return text


# -- options of the layouts real documents come in, as hypothesis strategies ------------------
# (hypothesis is a test dependency: imported when a strategy is asked for)


def _heading_options() -> dict[str, SearchStrategy[Any]]:
    from hypothesis import strategies as st  # noqa: PLC0415

    return {
        "outline": st.sampled_from(sorted(OUTLINES)),
        "wordings": st.fixed_dictionaries(
            {}, optional={part: st.sampled_from(w) for part, w in HEADING_WORDINGS.items()}
        ),
        "spaced_headings": st.booleans(),
        "year_first": st.booleans(),
    }


def crawler_options() -> SearchStrategy[dict[str, Any]]:
    """Keyword options of ``render(report, "crawler", **options)``: each table glued or
    spaced, one line or a line per part, text nodes joined with nothing or a space, and the
    headings' numbering, wordings and stray spaces."""
    from hypothesis import strategies as st  # noqa: PLC0415

    style = st.sampled_from(CELL_STYLES)
    return st.fixed_dictionaries(
        {
            "cells": st.tuples(style, style, style),
            "one_line": st.booleans(),
            "joiner": st.sampled_from(("", " ")),
            **_heading_options(),
        }
    )


def markdown_export_options(report: Report) -> SearchStrategy[dict[str, Any]]:
    """Keyword options of ``render(report, "markdown_export", **options)``: heading marks,
    captions, section 三 cut by row groups, placeholder headers, labels floating before or
    after some rows of ``report``, page footers after some rows, the headings' numbering,
    wordings and stray spaces, the title year first or over two lines."""
    from hypothesis import strategies as st  # noqa: PLC0415

    names = table_rows(report)
    some_rows = st.lists(st.sampled_from(names), unique=True, max_size=6) if names else st.just([])
    floating = st.tuples(st.sampled_from(("before", "after")), some_rows).map(
        lambda drawn: dict.fromkeys(drawn[1], drawn[0])
    )
    return st.fixed_dictionaries(
        {
            "mark": st.sampled_from(HEADING_MARKS),
            "captions": st.sampled_from((None, "plain", "marked")),
            "split_applications": st.booleans(),
            "placeholder": st.sampled_from((None, *PLACEHOLDERS)),
            "floating_labels": floating,
            "page_breaks": some_rows,
            "footer": st.sampled_from(PAGE_FOOTERS),
            "footer_as_row": st.booleans(),
            "split_title": st.booleans(),
            **_heading_options(),
        }
    )
