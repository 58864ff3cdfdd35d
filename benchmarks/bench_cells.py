"""What the objects of a report's cells cost alone, against the floor and the full parse.

Run: ``python benchmarks/bench_cells.py [--repeat N]``. For the generated 10 KB text report in
each text layout it times, round by round: the floor (decode + normalise), the full parse with
every rule, and building just the objects the API hands over for each cell of that report (a
``RawCell`` from the extractor, then a ``Provenance`` and a ``Cell``), with nothing read, mapped
or checked. ``of parse`` is the objects' share of what the parse spends above the floor: the
part of the ×floor ratio that no reading code can remove while every cell is these objects.

Two more columns bound what the two levers left would gain, without changing the library:
``one ext`` parses with only the extractor that reads the layout registered (no other
extractor scores the sections), and ``plain`` builds the same objects as plain mutable slotted
classes (what frozen attrs objects cost over the cheapest Python object). ``both`` is the parse
with only one extractor, its frozen objects swapped for plain ones: the best the text path
could do with neither scoring nor immutability, everything else kept.
"""

from __future__ import annotations

import argparse
import functools
import importlib
from collections.abc import Callable

import attrs
from bench_parse import TEXT_KB, generated, machine, ms, padded_text, ratio, text_floor, timings

import govinfo_report
from govinfo_report import Cell, Parser, Provenance, Report
from govinfo_report.tables import RawCell

#: The built-in plugin module that reads each text layout.
READER = {"pipe": "pipe", "tab": "tab", "lines": "lines", "markdown": "pipe", "spaces": "spaces"}


def _plain(frozen: type) -> type:
    """A mutable slotted class with the fields of ``frozen``: the cheapest object to build."""
    fields = {field.name: attrs.field(default=field.default) for field in attrs.fields(frozen)}
    return attrs.make_class(f"Plain{frozen.__name__}", fields, slots=True, frozen=False)


def cell_objects(report: Report, plain: bool = False) -> Callable[[], object]:
    """Build a RawCell, a Provenance and a Cell for every cell of ``report`` (``plain``: the
    same fields in plain mutable classes)."""
    types: tuple[type, ...] = (RawCell, Provenance, Cell)
    raw_cell, provenance, cell_type = tuple(map(_plain, types)) if plain else types
    sources = [
        (key, cell.value, p.extractor, p.origin, p.line, p.start or 0, p.end or 0, p.text)
        for key, cell in report.cells.items()
        for p in (cell.provenance,)
    ]

    def run() -> None:
        for key, value, extractor, origin, line, start, end, text in sources:
            raw_cell(text, start, end)
            cell_type(key, value, provenance(extractor, origin, line, start, end, text))

    return run


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--repeat", type=int, default=200)
    args = cli.parse_args()
    print(machine())
    parser = Parser()
    report = generated(30)[-1]
    line = "{:<10}{:>6}{:>8}{:>8}{:>8}{:>9}{:>9}{:>10}{:>9}{:>9}"
    print("times in ms (medians); ratios (×floor) are medians of the round-by-round ratios")
    print(
        line.format(
            *("layout", "cells", "floor", "parse", "×floor"),
            *("objects", "of parse", "one ext", "plain", "both"),
        )
    )
    for layout in ("pipe", "tab", "lines", "markdown", "spaces"):
        data = padded_text(govinfo_report.render(report, layout), TEXT_KB).encode()
        parsed = parser.parse(data)
        reader = importlib.import_module(f"govinfo_report_plugins.{READER[layout]}")
        alone = Parser(plugins=[reader], entry_points=False)
        if alone.parse(data).cells != parsed.cells:
            raise SystemExit(f"{layout}: {READER[layout]} alone reads other cells")
        times = timings(
            {
                "floor": text_floor(data),
                "parse": functools.partial(parser.parse, data),
                "one": functools.partial(alone.parse, data),
                "objects": cell_objects(parsed),
                "plain": cell_objects(parsed, plain=True),
            },
            args.repeat,
        )
        floor, parse, objects = times["floor"], times["parse"], times["objects"]
        above = [max(p - f, 1e-9) for p, f in zip(parse, floor, strict=True)]
        best = [
            o - frozen + plain
            for o, frozen, plain in zip(times["one"], objects, times["plain"], strict=True)
        ]
        print(
            line.format(
                layout,
                len(parsed.cells),
                f"{ms(floor):.2f}",
                f"{ms(parse):.2f}",
                f"{ratio(parse, floor):.1f}",
                f"{ratio(objects, floor):.2f}",
                f"{ratio(objects, above) * 100:.0f}%",
                f"{ratio(times['one'], floor):.1f}",
                f"{ratio(times['plain'], floor):.2f}",
                f"{ratio(best, floor):.1f}",
            )
        )


if __name__ == "__main__":
    main()
