"""Comparisons: an authority's figures against published benchmarks, targets and earlier periods."""
