"""Findings: what the pipeline and the rules say about a report, each with a stable code."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

Number = int | Decimal


class Severity(str, enum.Enum):
    """How much a finding matters: an error makes a number untrustworthy."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Location:
    """Where a finding points: section, canonical row and column, and the source position."""

    section: str | None = None
    row: str | None = None
    column: str | None = None
    key: str | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the location as JSON-ready data (``None`` fields kept)."""
        return attrs.asdict(self)


@attrs.frozen
class Code:
    """A finding code of the catalogue: its default severity and bilingual description."""

    code: str
    severity: Severity
    title_zh: str
    title_en: str


#: Codes raised by the parsing pipeline itself (the rule engine adds its own).
CATALOGUE: Mapping[str, Code] = {
    c.code: c
    for c in (
        Code("GIR001", Severity.WARNING, "插件加载失败", "a plugin failed to load"),
        Code("GIR002", Severity.ERROR, "提取器运行出错", "an extractor raised an error"),
        Code("GIR101", Severity.ERROR, "缺少报告部分", "a part of the report is missing"),
        Code("GIR102", Severity.WARNING, "表格缺失或无法读取", "a table is missing or unreadable"),
        Code("GIR103", Severity.ERROR, "表格缺少行", "a table row is missing"),
        Code("GIR104", Severity.ERROR, "单元格无法定位", "cells could not be placed in columns"),
        Code("GIR105", Severity.WARNING, "表格行重复", "a table row appears twice"),
        Code("GIR106", Severity.WARNING, "无法识别的表格行", "a table row was not recognised"),
        Code("GIR201", Severity.ERROR, "单元格不是数字", "a cell is not a number"),
        Code("GIR202", Severity.ERROR, "件数不是整数", "a count is not a whole number"),
        Code("GIR401", Severity.WARNING, "无法确定模板版本", "the template version is unknown"),
        Code("GIR402", Severity.WARNING, "缺少报告年度", "the report year is missing"),
        Code("GIR403", Severity.WARNING, "缺少机关名称", "the agency name is missing"),
    )
}


def _number_to_json(value: Number | None) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _number_from_json(value: int | str | None) -> Number | None:
    return Decimal(value) if isinstance(value, str) else value


@attrs.frozen
class Finding:
    """One problem found in a report: code, severity, bilingual message, location and values."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    location: Location = Location()
    expected: Number | None = None
    actual: Number | None = None
    operands: tuple[tuple[str, Number | None], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data (money as decimal strings)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "location": self.location.to_dict(),
            "expected": _number_to_json(self.expected),
            "actual": _number_to_json(self.actual),
            "operands": [[name, _number_to_json(v)] for name, v in self.operands],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Rebuild a finding from :meth:`to_dict` output."""
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            message_zh=data["message_zh"],
            message_en=data["message_en"],
            location=Location(**data.get("location") or {}),
            expected=_number_from_json(data.get("expected")),
            actual=_number_from_json(data.get("actual")),
            operands=tuple((n, _number_from_json(v)) for n, v in data.get("operands", ())),
        )


def finding(
    code: str,
    detail_zh: str,
    detail_en: str,
    location: Location = Location(),
    *,
    severity: Severity | None = None,
    expected: Number | None = None,
    actual: Number | None = None,
    operands: tuple[tuple[str, Number | None], ...] = (),
) -> Finding:
    """Build a finding of a catalogued code, prefixing the messages with the code's title."""
    entry = CATALOGUE[code]
    return Finding(
        code=code,
        severity=severity or entry.severity,
        message_zh=f"{entry.title_zh}：{detail_zh}" if detail_zh else entry.title_zh,
        message_en=f"{entry.title_en}: {detail_en}" if detail_en else entry.title_en,
        location=location,
        expected=expected,
        actual=actual,
        operands=operands,
    )
