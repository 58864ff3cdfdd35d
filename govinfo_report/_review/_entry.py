"""One input of a review: a report, or the reason its file could not be read."""

from __future__ import annotations

import attrs

from .._findings import Severity
from .._marks import SEVERITIES
from .._model import Report


@attrs.frozen
class Entry:
    """One input of a review: its name (path), and the report or why it could not be read."""

    name: str
    report: Report | None = None
    error: str | None = None
    #: Whether the report's findings already hold the corpus rules' (a corpus database's entry,
    #: as its rule configuration chose them), even none; otherwise, unless some entry carries a
    #: corpus finding, the dashboard runs those rules itself.
    corpus_checked: bool = False

    def counts(self) -> dict[Severity, int]:
        """The number of findings of each severity."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in self.report.findings if self.report else ():
            counts[f.severity] += 1
        return counts
