"""A Dask cluster of this machine: what ``--dask local``, the tests and the benchmark run on."""

from __future__ import annotations

from typing import Any

import distributed


def local_cluster(workers: int) -> Any:
    """A ``distributed.LocalCluster`` of ``workers`` processes of one thread each (a parse is
    pure Python: threads would share one interpreter lock), listening on 127.0.0.1 only and
    without the dashboard's web server."""
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
