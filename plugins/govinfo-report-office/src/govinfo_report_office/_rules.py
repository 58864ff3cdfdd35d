"""The plugin's rule: a report read from a converted file says so, and by what.

Raised by the reader (``check=None``) with the converter's version, so it is listed, selected
and ignored like any rule and kept when a saved report is checked again.
"""

from __future__ import annotations

from govinfo_report import Rule, Severity

CONVERTED = Rule(
    "OFFICE001",
    Severity.INFO,
    "文档经格式转换后读取",
    "the document was read from a conversion to .docx",
    example="由 LibreOffice 7.4.7.2 从 .doc 转换为 .docx",
    name="converted-by-libreoffice",
    messages=(
        (
            "",
            "由 {converter} 从 .{source} 转换为 .docx",
            "from .{source} to .docx by {converter}",
        ),
    ),
)

RULES = (CONVERTED,)
