"""Testing helpers for plugin and rule authors: report strategies and real-world noise.

``reports()`` draws canonical reports whose identities hold (with blanks, large counts, money
to four decimals); ``broken_reports()`` draws one with a chosen cell changed; ``noise``
holds the transforms the real corpus shows, to apply to a rendered report. Import this
package in tests only: it needs ``hypothesis`` (``pip install govinfo-report[test]``).
"""

from __future__ import annotations

from . import noise
from ._strategies import AGENCIES, GENERATED, broken_reports, identity_keys, money, reports

__all__ = ["AGENCIES", "GENERATED", "broken_reports", "identity_keys", "money", "noise", "reports"]
