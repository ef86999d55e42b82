"""Synthetic local authorities: seeded, deterministic child-level histories in every format.

`generate(out, like="883", seed=1)` simulates one authority and writes its SSDA903 returns, CIN
census files, an Annex A workbook and an SSD extract; `generate_national(out)` does all 153.
"""

import importlib

# Where each name is defined: imported on first use, so that a command reading only the list of
# authorities (`cscperf.synth.authorities`, as the DfE's rules do) does not import the simulation.
_DEFINED_IN = {"generate_national": "national", "FORMATS": "run", "Manifest": "run", "generate": "run",
               "read_manifest": "run"}
__all__ = sorted(_DEFINED_IN)


def __getattr__(name: str):
    if name not in _DEFINED_IN:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_DEFINED_IN[name]}"), name)
