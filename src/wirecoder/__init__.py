"""wirecoder: raw news articles in, coded events out: who did what to whom, where and when."""

__version__ = "0.1.0"


def open(path="wirecoder.duckdb"):
    """Open a store for reading; ``.events(**filters)`` and ``.mentions()`` give polars DataFrames."""
    from .api import open as _open

    return _open(path)
