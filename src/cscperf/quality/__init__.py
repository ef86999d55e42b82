"""Data-quality findings: what was wrong with the input, where, and what was done about it."""

from cscperf.quality.findings import Finding, Findings, Severity

__all__ = ["Finding", "Findings", "Severity"]
