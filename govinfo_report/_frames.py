"""Reports as a pandas DataFrame: one wide row per report, typed as the Parquet schema is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._corpus._pool import Result
from ._corpus._sinks import result_row
from ._model import Report
from ._wide import WideRow, arrow_table, optional, wide_row


def to_dataframe(items: Iterable[Report | Result]) -> Any:
    """A ``pandas.DataFrame`` of reports, or of corpus results (a failed file is a row with its
    ``error``): one row each, the columns of the wide table.

    Counts are ``Int64``; money is exact, ``decimal128(38, 6)`` in 万元 (each value a
    ``Decimal``; more decimals when an amount has more, up to 19); metadata are
    ``string[pyarrow]``, ``year`` ``Int64``, ``published`` a date;
    ``unknown`` lists the template's keys the report holds no cell for. A blank cell and an
    unknown one are both ``<NA>`` in their column; ``unknown`` tells them apart. A value no
    column holds exactly is a ``ValueError``, never rounded. Needs pandas and pyarrow
    (``pip install 'govinfo-report[data]'``).
    """
    optional("pandas", "data", "to_dataframe")
    return arrow_table(_rows(items)).to_pandas(types_mapper=pandas_type)


def pandas_type(arrow_type: Any) -> Any:
    """The pandas dtype a column of ``arrow_type`` becomes: ``Int64`` for int64,
    ``string[pyarrow]`` for strings, the Arrow type itself (``ArrowDtype``) for the rest."""
    pd = optional("pandas", "data", "a typed DataFrame")
    pa = optional("pyarrow", "data", "a typed DataFrame")
    if pa.types.is_int64(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_string(arrow_type):
        return pd.StringDtype("pyarrow")
    return pd.ArrowDtype(arrow_type)


def _rows(items: Iterable[Report | Result]) -> Iterable[WideRow]:
    for item in items:
        if isinstance(item, Result):
            yield result_row(item)
        else:
            yield wide_row(item.source.path, item.source.sha256, item)
