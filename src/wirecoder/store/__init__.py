"""Store stage: records -> DuckDB tables. Entry point: :class:`Store` (``write_results``).

See ``docs/stages/store.md`` for the tables.
"""

from .duckdb import Store

__all__ = ["Store"]
