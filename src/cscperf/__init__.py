"""cscperf: children's social care performance, from a local authority's own data to the
committee report and a live dashboard."""

__version__ = "0.1.0"
