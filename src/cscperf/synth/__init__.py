"""Synthetic local authorities: seeded, deterministic child-level histories in every format.

`generate(out, like="883", seed=1)` simulates one authority and writes its SSDA903 returns, CIN
census files, an Annex A workbook and an SSD extract; `generate_national(out)` does all 153.
"""

from cscperf.synth.national import generate_national
from cscperf.synth.run import FORMATS, Manifest, generate, read_manifest

__all__ = ["FORMATS", "Manifest", "generate", "generate_national", "read_manifest"]
