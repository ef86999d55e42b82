"""Everything a synthetic authority's children share: its period, parameters, places and staff."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from cscperf.synth.authorities import authorities, authority
from cscperf.synth.calibration import Params, calibrate
from cscperf.synth.dates import collection_year
from cscperf.synth.geography import Places, places
from cscperf.synth.model import Episode
from cscperf.synth.targets import Targets
from cscperf.synth.workforce import Providers, Workforce


@dataclass
class World:
    la: str
    seed: int
    first: date  # first day of the period (1 April)
    end: date  # last day simulated (31 March); nothing later is known
    targets: Targets
    params: Params
    places: Places
    providers: Providers
    workforce: Workforce

    @classmethod
    def create(cls, targets: Targets, seed: int, first: date, end: date) -> World:
        la = targets.la
        rng = random.Random(f"{seed}:{la}:world")
        where = places(authority(la).districts)
        return cls(la, seed, first, end, targets, calibrate(targets), where,
                   Providers.build(rng, where), Workforce.build(rng, la, targets.population))

    @property
    def years(self) -> range:
        """Collection years in the period (2025 for 2024-25)."""
        return range(collection_year(self.first), collection_year(self.end) + 1)

    def rng(self, *key: object) -> random.Random:
        """A random stream of its own for each child or purpose, so output is reproducible."""
        return random.Random(":".join(map(str, (self.seed, self.la, *key))))

    def clip(self, day: date | None) -> date | None:
        """A date as known on the last day simulated: later dates are not yet known."""
        return day if day is not None and day <= self.end else None

    def clip_episodes(self, episodes: list[Episode]) -> list[Episode]:
        kept = [e for e in episodes if e.start <= self.end]
        if kept and kept[-1].end is not None and kept[-1].end > self.end:
            kept[-1].end = kept[-1].reason_ceased = kept[-1].placement_change_reason = None
        return kept

    def neighbour(self, rng: random.Random) -> str:
        """Another authority's code, for orders made elsewhere."""
        return rng.choice([code for code in authorities() if code != self.la])
