"""Findings: what the pipeline and the rules say about a report, located and explained."""

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
    """Where a finding points: part, canonical row and column, key, and the source position."""

    section: str | None = None
    row: str | None = None
    column: str | None = None
    key: str | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None


@attrs.frozen
class Operand:
    """One value a finding involves: its canonical key, value and place in the source."""

    key: str
    value: Number | None
    line: int | None = None
    start: int | None = None
    end: int | None = None


def _number_to_json(value: Number | None) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def number_from_json(value: int | str | None) -> Number | None:
    return Decimal(value) if isinstance(value, str) else value


@attrs.frozen
class Finding:
    """One problem found in a report: code, severity, bilingual message, location and values."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    location: Location = attrs.field(factory=Location)
    expected: Number | None = None
    actual: Number | None = None
    operands: tuple[Operand, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data (money as decimal strings)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "location": attrs.asdict(self.location),
            "expected": _number_to_json(self.expected),
            "actual": _number_to_json(self.actual),
            "operands": [
                attrs.asdict(o) | {"value": _number_to_json(o.value)} for o in self.operands
            ],
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
            expected=number_from_json(data.get("expected")),
            actual=number_from_json(data.get("actual")),
            operands=tuple(
                Operand(**(o | {"value": number_from_json(o.get("value"))}))
                for o in data.get("operands", ())
            ),
        )
