"""The same parse on a Dask cluster: files listed and read through fsspec by the workers,
parsed a partition at a time into typed DataFrames, written as partitioned Parquet that a rerun
resumes, and the corpus rules run after a shuffle by agency.

:mod:`govinfo_report.dask` is the public face; these modules need dask, distributed, fsspec,
pandas and pyarrow (``pip install 'govinfo-report[dask]'``).
"""
