"""The document model the renderer writes every layout from, for writers of other formats.

``blocks(report)`` yields the report as the official document: its :class:`Title`, the six
parts' :class:`Heading` and :class:`Paragraph` blocks, a :class:`TableBlock` per official table
(rows of :class:`TableCell` with rowspan, colspan and the canonical key of each value cell) and
the :class:`SignOff`. A plugin that reads a new format writes its test documents from these.
"""

from __future__ import annotations

from ._render._document import (
    Block,
    Heading,
    Paragraph,
    SignOff,
    TableBlock,
    Title,
    blocks,
    title_of,
)
from ._render._official import GridCell as TableCell
from ._render._official import PlacedCell, Row, Table, placed, value_text

__all__ = [
    "Block",
    "Heading",
    "Paragraph",
    "PlacedCell",
    "Row",
    "SignOff",
    "Table",
    "TableBlock",
    "TableCell",
    "Title",
    "blocks",
    "placed",
    "title_of",
    "value_text",
]
