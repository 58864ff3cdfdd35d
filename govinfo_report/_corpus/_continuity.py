"""Cells a report leaves open that last year's report of the same agency decides.

Part 二 has no identities, so glued digits there (行政规范性文件2111) may split in several ways.
Across years it has one: this year's 现行有效件数 = last year's + 本年制发 − 本年废止. After a
corpus run, each report whose part 二 was left open (GIR110) is parsed again with last year's
report beside it; the glued extractor keeps the readings that agree, and says so (GIR116).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from ._cross import _pairs
from ._pool import Result, file_hash

_OPEN_ROWS = ("regulations", "normative_documents")


def _open_in_part_two(db: sqlite3.Connection) -> set[str]:
    """The files whose part 二 has a row left open, from the index of finding codes."""
    rows = db.execute(
        "SELECT DISTINCT file FROM findings WHERE code = 'GIR110' AND section = '二' "
        f"AND row IN ({','.join('?' * len(_OPEN_ROWS))})",
        _OPEN_ROWS,
    )
    return {file for (file,) in rows}


def _values(db: sqlite3.Connection, file: str) -> dict[str, Any]:
    """The values of ``file``'s cells as ``Report.to_flat()`` gives them: money a ``Decimal``."""
    rows = db.execute("SELECT key, value, exact FROM cells WHERE file = ?", (file,))
    return {key: value if exact is None else Decimal(exact) for key, value, exact in rows}


def reports_to_redecide(db: sqlite3.Connection) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(this year's file, last year's values)`` for each report whose part 二 is open and
    whose agency's report of the year before is in the corpus."""
    open_files = _open_in_part_two(db)
    for last_file, this_file, _, template in _pairs(db):
        if template == "2021" and this_file in open_files:
            yield this_file, _values(db, last_file)


def redecide(
    db: sqlite3.Connection, parse: Callable[..., Any], write: Callable[[Result], None]
) -> int:
    """Parse each open report again beside last year's; write what it gives. How many."""
    done = 0
    for file, previous in list(reports_to_redecide(db)):
        try:
            report = parse(file, previous=previous)
        except Exception:  # the first reading of the file stays as it was
            continue
        write(Result(file, file_hash(file), report))
        done += 1
    return done
