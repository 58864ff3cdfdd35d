"""Helpers the docx plugin's tests share: Word files edited the way reviewers leave them."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def with_revision(data: bytes, cell_text: str, deleted: str, inserted: str) -> bytes:
    """``data`` with the first table run reading ``cell_text`` replaced by a tracked deletion
    of ``deleted`` and insertion of ``inserted``, as Word records a reviewer's edit."""
    document = docx.Document(io.BytesIO(data))
    run = next(
        r
        for t in document.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        for r in p.runs
        if r.text == cell_text
    )
    deletion = OxmlElement("w:del", {qn("w:id"): "1", qn("w:author"): "审核人"})
    removed = OxmlElement("w:r")
    removed_text = OxmlElement("w:delText")
    removed_text.text = deleted
    removed.append(removed_text)
    deletion.append(removed)
    insertion = OxmlElement("w:ins", {qn("w:id"): "2", qn("w:author"): "审核人"})
    added = OxmlElement("w:r")
    added_text = OxmlElement("w:t")
    added_text.text = inserted
    added.append(added_text)
    insertion.append(added)
    run._r.addprevious(deletion)
    run._r.addprevious(insertion)
    run._r.getparent().remove(run._r)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
