"""The corpus rules on a Dask result: a shuffle by agency puts every report of an agency in
one partition, where the local run's rule functions
(:func:`govinfo_report._corpus._cross.cross_findings` over
:func:`govinfo_report._codec.memory_database`) find what they find over a whole corpus."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._codec import corpus_finding_rows, memory_database
from .._corpus._cross import cross_findings
from ..rules import RuleConfig
from ._meta import FINDINGS, NUMBERS, frame_of, meta, number, table_of

#: Partitions up to which the corpus rules' shuffle is task-based.
_FEW_PARTITIONS = 32


def _filed(frame: pd.DataFrame) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """``{file: (head, cells)}`` of the compared rows, as ``memory_database`` takes them (the
    agency as matched across years stands for the agency: matching it again keeps it)."""
    filed: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for file, agency, year, template, key, value, exact, line in frame.itertuples(
        index=False, name=None
    ):
        head = {"agency": agency, "year": int(year), "template": _text(template)}
        _, cells = filed.setdefault(file, (head, {}))
        if _text(key) is not None:
            cells[key] = (number(value, _text(exact)), None if pd.isna(line) else int(line))
    return filed


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def rules_of_agencies(frame: pd.DataFrame, config: RuleConfig) -> pd.DataFrame:
    """The corpus findings of the agencies whose reports ``frame`` holds whole, as rows of the
    ``findings`` table (scope ``corpus``) that ``config`` selects."""
    filed = _filed(frame)
    db = memory_database((file, head, cells) for file, (head, cells) in filed.items())
    try:
        found = [(file, kept) for file, f in cross_findings(db) for kept in config.apply([f])]
    finally:
        db.close()
    return frame_of(table_of(corpus_finding_rows(found), FINDINGS, NUMBERS["findings"]))


def corpus_findings(compared: Any, config: RuleConfig) -> Any:
    """The corpus findings of ``compared`` (a Dask DataFrame of :data:`._meta.COMPARED`): a
    shuffle by agency, then the corpus rules in each partition."""
    # The task-based shuffle costs less than P2P's fixed start for a few dozen partitions.
    method = "tasks" if compared.npartitions <= _FEW_PARTITIONS else None
    by_agency = compared.shuffle(on="agency_key", shuffle_method=method)
    return by_agency.map_partitions(rules_of_agencies, config, meta=meta(FINDINGS))
