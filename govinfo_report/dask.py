"""The same parse on a Dask cluster: files from any fsspec location, read and parsed by the
workers, into typed Dask DataFrames and partitioned Parquet that a rerun resumes.

>>> from distributed import Client                                   # doctest: +SKIP
>>> from govinfo_report.dask import read_reports, to_parquet         # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                          # doctest: +SKIP
>>> reports = read_reports("s3://bucket/reports/**/*.pdf")           # doctest: +SKIP
>>> to_parquet(reports, "s3://bucket/out/")                          # doctest: +SKIP

Needs ``pip install 'govinfo-report[dask]'`` (dask[dataframe], distributed, fsspec, pandas,
pyarrow); ``docs/distributed.md`` tells how to run it on a real cluster.
"""

from __future__ import annotations

from ._hints import extra_hint

try:
    import dask.dataframe  # noqa: F401 - checked here, used by the modules below
    import distributed  # noqa: F401
    import fsspec  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError as exc:
    raise ImportError(
        f"govinfo_report.dask needs {exc.name or 'dask'}: {extra_hint('dask')}"
    ) from exc

from ._dask._cluster import local_cluster
from ._dask._plugins import check_workers, fingerprint
from ._dask._reports import Reports, read_reports
from ._dask._run import ParquetSummary, read_table, to_parquet
from ._dask._store import partitioning


def corpus_findings(reports: Reports) -> object:
    """The corpus rules' findings (GIR601 carry-over, GIR602 in-force continuity) of
    ``reports``: a lazy Dask DataFrame of the ``findings`` table's columns."""
    return reports.corpus_findings()


__all__ = [
    "ParquetSummary",
    "Reports",
    "check_workers",
    "corpus_findings",
    "fingerprint",
    "local_cluster",
    "partitioning",
    "read_reports",
    "read_table",
    "to_parquet",
]
