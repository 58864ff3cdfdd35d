"""Helpers the docx plugin's tests share: Word files edited the way reviewers leave them."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _tracked(kind: str, revision: str, text_tag: str, text: str) -> OxmlElement:
    """A tracked change (``w:ins``/``w:del``) by a reviewer holding one run of ``text``."""
    change = OxmlElement(kind, {qn("w:id"): revision, qn("w:author"): "审核人"})
    run = OxmlElement("w:r")
    run_text = OxmlElement(text_tag)
    run_text.text = text
    run.append(run_text)
    change.append(run)
    return change


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
    deletion = _tracked("w:del", "1", "w:delText", deleted)
    insertion = _tracked("w:ins", "2", "w:t", inserted)
    run._r.addprevious(deletion)
    run._r.addprevious(insertion)
    run._r.getparent().remove(run._r)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
