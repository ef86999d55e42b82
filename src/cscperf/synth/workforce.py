"""The authority's teams and social workers, and the providers it places children with."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from cscperf.synth.geography import Places, Postcode

# Teams by the work they hold; sizes are shares of the authority's social workers.
TEAMS = {
    "assessment": (("Front Door (MASH)", 0.10), ("Assessment Team", 0.22)),
    "cin": (("Child in Need Team", 0.22), ("Child Protection Team", 0.12), ("Disabled Children's Team", 0.05)),
    "care": (("Children in Care Team", 0.20), ("Leaving Care Team", 0.09)),
}
# Children in the population per children's social worker: Thurrock had 145 FTE for 46,000 children
# at 30 September 2024 (DfE workforce statistics), about 90 of them holding cases, 12 each.
CHILDREN_PER_WORKER = 320


@dataclass(frozen=True)
class Worker:
    id: str  # SW and a number: the 903 asks for social worker IDs beginning SW (rule SW02STG1)
    team: str
    agency: bool
    fte: float


@dataclass
class Workforce:
    workers: tuple[Worker, ...]
    by_work: dict[str, tuple[Worker, ...]]
    caseload: Counter = field(default_factory=Counter)  # open involvements on the last day

    @classmethod
    def build(cls, rng: random.Random, la: str, population: int) -> Workforce:
        total = max(12, round(population / CHILDREN_PER_WORKER))
        workers, by_work, n = [], {}, 0
        for work, teams in TEAMS.items():
            members = []
            for name, share in teams:
                size = max(2, round(total * share))
                count = max(1, size // 8)  # teams of about eight
                for i in range(size):
                    n += 1
                    team = name if count == 1 else f"{name} {i % count + 1}"
                    members.append(Worker(f"SW{la}{n:04d}", team, rng.random() < 0.15,
                                          1.0 if rng.random() < 0.8 else rng.choice((0.6, 0.8))))
            by_work[work] = tuple(members)
            workers.extend(members)
        return cls(tuple(workers), by_work)

    def allocate(self, rng: random.Random, work: str) -> tuple[str, str]:
        """A team and worker for a new piece of work: (team, worker ID)."""
        worker = rng.choice(self.by_work[work])
        return worker.team, worker.id

    def pick(self, rng: random.Random, work: str) -> Worker:
        return rng.choice(self.by_work[work])

    def holds(self, worker: str, start: date, end: date | None, last_day: date) -> None:
        if start <= last_day and end is None:
            self.caseload[worker] += 1


@dataclass(frozen=True)
class Providers:
    """Children's homes (each with a URN and postcode) and fostering agencies (URNs)."""

    homes: dict[str, tuple[tuple[str, Postcode], ...]]
    agencies: tuple[str, ...]

    @classmethod
    def build(cls, rng: random.Random, places: Places) -> Providers:
        def urn() -> str:
            return f"SC{rng.randint(100000, 999999)}"

        homes = {where: tuple((urn(), places.placement_postcode(rng, where)) for _ in range(count))
                 for where, count in (("in", 12), ("near", 20), ("far", 60))}
        return cls(homes, tuple(urn() for _ in range(15)))

    def home(self, rng: random.Random, where: str) -> tuple[str, Postcode]:
        return rng.choice(self.homes.get(where) or self.homes["far"])

    def agency(self, rng: random.Random) -> str:
        return rng.choice(self.agencies)
