"""What the objects of a report's cells cost alone, against the floor and the full parse.

Run: ``python benchmarks/bench_cells.py [--repeat N]``. For the generated 10 KB text report in
each text layout it times, round by round: the floor (decode + normalise), the full parse with
every rule, and building just the objects the API hands over for each cell of that report (a
``RawCell`` from the extractor, then a ``Provenance`` and a ``Cell``), with nothing read, mapped
or checked. The last column is the objects' share of what the parse spends above the floor: the
part of the ×floor ratio that no reading code can remove while every cell is these objects.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from bench_parse import TEXT_KB, generated, machine, ms, padded_text, ratio, text_floor, timings

import govinfo_report
from govinfo_report import Cell, Parser, Provenance, Report
from govinfo_report.tables import RawCell


def cell_objects(report: Report) -> Callable[[], object]:
    """Build a RawCell, a Provenance and a Cell for every cell of ``report``."""
    sources = [
        (key, cell.value, p.extractor, p.origin, p.line, p.start or 0, p.end or 0, p.text)
        for key, cell in report.cells.items()
        for p in (cell.provenance,)
    ]

    def run() -> None:
        for key, value, extractor, origin, line, start, end, text in sources:
            RawCell(text, start, end)
            Cell(key, value, Provenance(extractor, origin, line, start, end, text))

    return run


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--repeat", type=int, default=200)
    args = cli.parse_args()
    print(machine())
    parser = Parser()
    report = generated(30)[-1]
    line = "{:<10}{:>6}{:>8}{:>8}{:>9}{:>9}{:>9}{:>12}"
    print("times in ms (medians); ratios are medians of the round-by-round ratios")
    print(
        line.format("layout", "cells", "floor", "parse", "×floor", "objects", "×floor", "of parse")
    )
    for layout in ("pipe", "tab", "lines", "markdown", "spaces"):
        data = padded_text(govinfo_report.render(report, layout), TEXT_KB).encode()
        parsed = parser.parse(data)
        times = timings(
            {
                "floor": text_floor(data),
                "parse": functools.partial(parser.parse, data),
                "objects": cell_objects(parsed),
            },
            args.repeat,
        )
        floor, parse, objects = times["floor"], times["parse"], times["objects"]
        above = [max(p - f, 1e-9) for p, f in zip(parse, floor, strict=True)]
        print(
            line.format(
                layout,
                len(parsed.cells),
                f"{ms(floor):.2f}",
                f"{ms(parse):.2f}",
                f"{ratio(parse, floor):.1f}",
                f"{ms(objects):.2f}",
                f"{ratio(objects, floor):.2f}",
                f"{ratio(objects, above) * 100:.0f}%",
            )
        )


if __name__ == "__main__":
    main()
