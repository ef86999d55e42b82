"""Published reference data: DfE figures (Explore Education Statistics, LAIT), ONS population,
statistical neighbours and LA code lookups, in the store's `ref` schema.

This package must not import the store: `cscperf.store` creates the `ref` schema through
`cscperf.reference.schema`.
"""

from cscperf.reference.population_estimates import population

__all__ = ["population"]
