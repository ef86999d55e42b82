"""Generate one synthetic authority: simulate its children and write every format asked for."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from cscperf.synth.authorities import authority
from cscperf.synth.calibration import plausible
from cscperf.synth.dates import collection_year, default_end
from cscperf.synth.defects import Defects
from cscperf.synth.measures import Measures
from cscperf.synth.population import children
from cscperf.synth.targets import HEADLINE, national, published
from cscperf.synth.world import World
from cscperf.synth.writers.annex_a import AnnexAWriter
from cscperf.synth.writers.cin_census import CinCensusWriter
from cscperf.synth.writers.ssd import SsdWriter
from cscperf.synth.writers.ssda903 import Ssda903Writer

FORMATS = ("903", "cin", "annex-a", "ssd")
MANIFEST = "manifest.json"


@dataclass
class Manifest:
    """What was generated: the options, every file with its rows, and the rates achieved."""

    la: str
    name: str
    seed: int
    first: str
    end: str
    population: int
    formats: list[str]
    files: dict[str, int] = field(default_factory=dict)  # path (relative) -> rows
    targets: dict[str, float] = field(default_factory=dict)
    achieved: dict[str, float | None] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)  # targets that are the authority's own figures
    defects: int = 0  # faults injected (listed in defects.csv)

    @property
    def rows(self) -> int:
        return sum(self.files.values())

    def comparison(self) -> list[tuple[str, float, float | None]]:
        """(measure, target, achieved) for the headline measures."""
        return [(label, self.targets[name], self.achieved[name]) for name, label in HEADLINE]


def period(end: date | None, years: int) -> tuple[date, date]:
    """1 April `years` financial years back to the last 31 March on or before `end` (or today)."""
    last = default_end(end or date.today())
    return date(last.year - years, 4, 1), last


def generate(out: Path, like: str = "883", seed: int = 1, end: date | None = None, years: int = 5,
             formats: Iterable[str] = FORMATS, reference: Path | None = None, defects: float = 0.0,
             annex_a_on: date | None = None, progress: Callable[[int], None] | None = None) -> Manifest:
    """Simulate an authority like `like` (a DfE code) and write its data under `out`."""
    formats = set(formats)
    unknown = formats - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    formats = [f for f in FORMATS if f in formats]
    first, last = period(end, years)
    targets = published(like, reference, collection_year(last)) if reference else national(like)
    world = World.create(targets, seed, first, last)
    out.mkdir(parents=True, exist_ok=True)
    faults = Defects(defects, seed) if defects > 0 else None
    writers = []
    if "903" in formats:
        writers.append(Ssda903Writer(out / "ssda903", out, world.years, faults))
    if "cin" in formats:
        writers.append(CinCensusWriter(out / "cin_census", world.la, world.years))
    if "annex-a" in formats:
        on = annex_a_on or last
        writers.append(AnnexAWriter(out / "annex_a" / f"Annex_A_{world.la}_{on.isoformat()}.xlsx", on,
                                    authority(like).districts))
    if "ssd" in formats:
        writers.append(SsdWriter(out / "ssd", out, first, last, world.workforce))
    measures = Measures(collection_year(last))
    for n, child in enumerate(children(world), 1):
        measures.add(child)
        for writer in writers:
            writer.child(child)
        if progress and n % 1000 == 0:
            progress(1000)
    written = [w for writer in writers for w in writer.close()]
    aimed = plausible(targets)
    manifest = Manifest(
        la=world.la, name=authority(like).name, seed=seed, first=first.isoformat(), end=last.isoformat(),
        population=targets.population, formats=formats,
        files={w.path.relative_to(out).as_posix(): w.rows for w in written},
        targets={name: round(getattr(aimed, name), 1) for name, _ in HEADLINE},
        achieved=measures.rates(targets.population), published=list(targets.published),
        defects=len(faults.faults) if faults else 0)
    if faults:
        faults.write(out)
    (out / MANIFEST).write_text(json.dumps(asdict(manifest), indent=1) + "\n", encoding="utf-8")
    return manifest


def read_manifest(out: Path) -> Manifest:
    return Manifest(**json.loads((out / MANIFEST).read_text(encoding="utf-8")))
