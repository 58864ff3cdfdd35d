"""The JSON Schema (draft 2020-12) of a report as JSON, generated from the canonical keys."""

from __future__ import annotations

from typing import Any

from ._keys import TABLE_SECTIONS, TEMPLATES, all_keys, keys

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: What ``parse`` prints of a report (``--full`` prints all of :meth:`Report.to_dict`).
SUMMARY = ("agency", "year", "template", "published", "script", "extractors", "values", "findings")
#: A decimal as ``str(Decimal)`` writes it: money in 万元, and a finding's money values.
DECIMAL = r"^-?[0-9]+(\.[0-9]+)?(E[+-][0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_POSITION = {"type": ["integer", "null"], "minimum": 0}
_TEXT = {"type": ["string", "null"]}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return schema | ({"required": list(required)} if required else {})


def _number(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "anyOf": [{"type": "integer"}, {"type": "string", "pattern": DECIMAL}, {"type": "null"}],
    }


def _values() -> dict[str, Any]:
    """Each canonical key with the JSON type of its kind."""
    properties = {}
    for key in all_keys().values():
        value = (
            {"type": ["string", "null"], "pattern": DECIMAL}
            if key.kind == "money"
            else {"type": ["integer", "null"]}
        )
        kind = "万元, a decimal string" if key.kind == "money" else key.kind.replace("_", " ")
        properties[key.key] = {"description": f"{key.label} ({kind})", **value}
    return _object(properties) | {
        "description": "canonical key → value; null is a blank cell, a key absent is unknown"
    }


def _provenance() -> dict[str, Any]:
    return _object(
        {
            "extractor": {"type": "string"},
            "origin": {"enum": ["table", "prose"]},
            "line": _POSITION,
            "start": _POSITION,
            "end": _POSITION,
            "text": {"type": "string"},
            "confidence": {"type": ["number", "null"]},
            "box": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
        },
        ("extractor", "origin"),
    )


def _finding() -> dict[str, Any]:
    location = _object(
        {
            "section": _TEXT,
            "row": _TEXT,
            "column": _TEXT,
            "key": _TEXT,
            "line": _POSITION,
            "start": _POSITION,
            "end": _POSITION,
        }
    )
    operand = _object(
        {
            "key": {"type": "string"},
            "value": _number("the operand's value"),
            "line": _POSITION,
            "start": _POSITION,
            "end": _POSITION,
        },
        ("key", "value"),
    )
    return _object(
        {
            "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message_zh": {"type": "string"},
            "message_en": {"type": "string"},
            "location": location,
            "expected": _number("the value the rule expected"),
            "actual": _number("the value the report has"),
            "operands": {"type": "array", "items": operand},
        },
        ("code", "severity", "message_zh", "message_en"),
    )


def _by_template() -> list[dict[str, Any]]:
    """Each template's report holds only that template's keys."""
    return [
        {
            "if": {"properties": {"template": {"const": template}}, "required": ["template"]},
            "then": {
                "properties": {
                    "values": {"propertyNames": {"enum": [k.key for k in keys(template)]}}
                }
            },
        }
        for template in TEMPLATES
    ]


def json_schema(full: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report as ``parse --format json`` prints it; with
    ``full``, as ``parse --full`` prints it and :meth:`Report.to_dict` gives it."""
    nullable_int = {"type": ["integer", "null"]}
    properties: dict[str, Any] = {
        "file": {"type": "string", "description": "the path parsed (the command line adds it)"},
        "agency": _TEXT,
        "year": nullable_int,
        "template": {"enum": [*TEMPLATES, None]},
        "published": {"type": ["string", "null"], "format": "date", "pattern": _DATE},
        "script": {"enum": ["simplified", "traditional"]},
        "extractors": _object({section: {"type": "string"} for section in TABLE_SECTIONS}),
        "values": _values(),
        "findings": {"type": "array", "items": _finding()},
    }
    required: tuple[str, ...] = SUMMARY
    if full:
        provenance = _provenance()
        properties |= {
            "title": _TEXT,
            "template_basis": {"enum": ["labels", "notice", "year", "unknown"]},
            "period_year": nullable_int,
            "notice": _TEXT,
            "lines": {"type": "object", "additionalProperties": {"type": "integer"}},
            "source": _object(
                {
                    "path": _TEXT,
                    "sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                    "encoding": _TEXT,
                    "format": {"type": "string"},
                }
            ),
            "provenance": {"type": "object", "additionalProperties": provenance},
            "prose": {"type": "object", "additionalProperties": {"type": "string"}},
            "stated": {
                "type": "array",
                "items": _object(
                    {
                        "key": {"type": "string"},
                        "value": {"type": "integer"},
                        "provenance": provenance,
                        "phrase": {"enum": ["figure", "none"]},
                    },
                    ("key", "value", "provenance"),
                ),
            },
        }
        required = tuple(p for p in properties if p != "file")
    what = "parse --full (Report.to_dict)" if full else "parse --format json"
    return {
        "$schema": DIALECT,
        "title": f"govinfo_report report: {what}",
        "description": (
            "A government information-disclosure annual report in canonical form. In values, "
            "a count is an integer and money a decimal string in 万元; null is a blank cell and "
            "a key absent is unknown (a finding says why)."
        ),
        **_object(properties, required),
        "allOf": _by_template(),
    }
