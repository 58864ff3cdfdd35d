"""The built-in rules, one plugin module per family, registered by every parser."""

from __future__ import annotations

#: ``(plugin name, module)`` of the built-in rule plugins.
BUILTIN_RULES: tuple[tuple[str, str], ...] = (
    ("rules.identities", "govinfo_report._checks.identities"),
    ("rules.values", "govinfo_report._checks.values"),
    ("rules.completeness", "govinfo_report._checks.completeness"),
    ("rules.metadata", "govinfo_report._checks.metadata"),
    ("rules.prose", "govinfo_report._checks.prose"),
)
