"""Reports as a pandas DataFrame: one row per report, one column per canonical key."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._corpus._pool import Result
from ._corpus._sinks import ALL_KEYS
from ._model import Report


def to_dataframe(items: Iterable[Report | Result]) -> Any:
    """A ``pandas.DataFrame`` of reports (or corpus results): metadata columns, then every
    canonical key; money stays an exact ``Decimal``, blank and unknown cells are ``None``."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional: only this function needs pandas
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install pandas") from exc
    rows = []
    for item in items:
        report = item.report if isinstance(item, Result) else item
        failure = item.failure if isinstance(item, Result) else None
        row: dict[str, Any] = {
            "file": item.path
            if isinstance(item, Result)
            else (report.source.path if report else None),
            "agency": report.agency if report else None,
            "year": report.year if report else None,
            "template": report.template if report else None,
            "published": report.published if report else None,
            "error": f"{failure.type}: {failure.message}" if failure else None,
        }
        values = report.to_flat() if report else {}
        row.update((key, values.get(key)) for key in ALL_KEYS)
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["file", "agency", "year", "template", "published", "error", *ALL_KEYS]
    )
