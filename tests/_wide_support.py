"""Documents for the tests of the wide outputs: the seeds, and seed 002 with a blank cell and
with a row removed (an unknown cell)."""

from __future__ import annotations

from pathlib import Path

from _support import SEEDS

#: Seed 002 as a tab layout, its row 规章 read with a blank cell, and without the row.
TAB_SEED = SEEDS[2]
ROW = "规章\t0\t0\t0\n"
BLANK_KEY = "active.regulations.repealed"


def blank_and_unknown() -> tuple[str, str]:
    """Seed 002 with one cell of 规章 left empty, and with the row of 规章 removed."""
    text = TAB_SEED.read_text("utf-8")
    assert text.count(ROW) == 1
    return text.replace(ROW, "规章\t0\t\t0\n"), text.replace(ROW, "")


def write_documents(docs: Path) -> Path:
    """Into ``docs``: the seeds, seed 002 with a blank cell (``blank.txt``) and without a row
    (``unknown.txt``), and an undecodable file."""
    docs.mkdir()
    for path in SEEDS:
        (docs / path.name).write_bytes(path.read_bytes())
    blank, unknown = blank_and_unknown()
    (docs / "blank.txt").write_text(blank, "utf-8")
    (docs / "unknown.txt").write_text(unknown, "utf-8")
    (docs / "undecodable.txt").write_bytes(b"\xff\xfe\x00\xd8\x81")
    return docs
