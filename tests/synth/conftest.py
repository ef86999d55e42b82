"""A small synthetic authority shared by the synth tests: Rutland-sized, three collection years
(2023-24 to 2025-26, so each CIN census schema is used), generated once per test process."""

from datetime import date

import pytest

from cscperf.reference.snapshot import SNAPSHOT

SMALL = dict(like="857", seed=7, end=date(2026, 3, 31), years=3)


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    from cscperf.synth import generate

    out = tmp_path_factory.mktemp("synth") / "857"
    manifest = generate(out, reference=SNAPSHOT, **SMALL)
    return out, manifest
