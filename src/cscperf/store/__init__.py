"""The store: one canonical, SSD-shaped, child-level model in an embedded DuckDB file."""

from cscperf.store.duckdb import connect
from cscperf.store.load import LoadSummary, load

__all__ = ["connect", "load", "LoadSummary"]
