"""Write a report as a Word .docx: the official document with its tables merged as Word does.

The tables are built from the core's table model (``govinfo_report.rendering``) as Word writes
them: a cell spanning columns is one ``w:tc`` with ``w:gridSpan``; a cell spanning rows starts
with ``w:vMerge w:val="restart"`` and each row below holds an empty continuation ``w:vMerge``.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from govinfo_report import Report
from govinfo_report.rendering import (
    Heading,
    Paragraph,
    SignOff,
    Table,
    TableBlock,
    Title,
    blocks,
    placed,
)


def _tc(text: str, colspan: int, merge: str | None) -> BaseOxmlElement:
    """A ``w:tc``: its span over grid columns, its vertical merge, one paragraph of text."""
    tc = OxmlElement("w:tc")
    properties = OxmlElement("w:tcPr")
    if colspan > 1:
        properties.append(OxmlElement("w:gridSpan", {qn("w:val"): str(colspan)}))
    if merge == "restart":
        properties.append(OxmlElement("w:vMerge", {qn("w:val"): "restart"}))
    elif merge == "continue":
        properties.append(OxmlElement("w:vMerge"))
    tc.append(properties)
    paragraph = OxmlElement("w:p")
    if text:
        run = OxmlElement("w:r")
        run_text = OxmlElement("w:t")
        run_text.text = text
        run.append(run_text)
        paragraph.append(run)
    tc.append(paragraph)
    return tc


def _table(document: Document, rows: Table) -> None:
    """Write the table as Word does: a ``w:tc`` per cell start, ``vMerge`` continuations below."""
    cells, width = placed(rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    starts = {(p.row, p.column): p.cell for p in cells}
    below: dict[tuple[int, int], int] = {}  # positions a cell merged down covers: its colspan
    for p in cells:
        below.update(((p.row + dr, p.column), p.cell.colspan) for dr in range(1, p.cell.rowspan))
    for r in range(len(rows)):
        tr = OxmlElement("w:tr")
        c = 0
        while c < width:
            if (r, c) in starts:
                cell = starts[(r, c)]
                colspan = cell.colspan
                tr.append(_tc(cell.text, colspan, "restart" if cell.rowspan > 1 else None))
            else:
                colspan = below[(r, c)]
                tr.append(_tc("", colspan, "continue"))
            c += colspan
        table._tbl.append(tr)


def render_docx(report: Report) -> bytes:
    """``report`` as a .docx file: title, the six parts, the official tables, the sign-off."""
    document = docx.Document()
    for block in blocks(report):
        if isinstance(block, Title):
            document.add_heading(block.text, level=0)
        elif isinstance(block, Heading):
            document.add_heading(block.text, level=1)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, TableBlock):
            _table(document, block.rows)
        elif isinstance(block, SignOff):
            document.add_paragraph(block.agency)
            document.add_paragraph(block.date)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
