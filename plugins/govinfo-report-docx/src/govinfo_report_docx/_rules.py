"""The plugin's rules: what a Word file left in draft state says about its numbers.

Both are raised by the reader while it reads the file (``check=None``), so they are listed,
selected and re-graded like any rule, and kept when a saved report is checked again.
"""

from __future__ import annotations

from govinfo_report import Rule, Severity

TRACKED_CHANGES = Rule(
    "DOCX001",
    Severity.WARNING,
    "文档中有未处理的修订",
    "the document has tracked changes not accepted or rejected",
    example="第38段：插入“15”，删除“12”：表格数字仍处于修订状态，按接受修订读取",
    name="tracked-changes",
)
COMMENTS = Rule(
    "DOCX002",
    Severity.WARNING,
    "文档中留有批注",
    "the document still has reviewers' comments",
    example="第12段有批注：发布的是审阅稿",
    name="comments-left",
)

RULES = (TRACKED_CHANGES, COMMENTS)
