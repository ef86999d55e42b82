"""The demo: a synthetic authority taken from its files to the committee report in one run.

It does what an analyst does each quarter, on data nobody has to keep confidential: the synthetic
generator writes an authority's Standard Safeguarding Dataset extract (five years of children's
histories), the readers load it into a new store beside a population file and a localities file
(four made-up localities, so breakdowns by area have names), illustrative targets and commentary
are written where the report and dashboard look for them, and the report for the
last quarter is written in every format. Published benchmarks (and the authority's own
published rates, which the generator then aims at) come from the reference folder given, else from
`cscperf reference download`'s cache when it holds files, else from the snapshot shipped with
cscperf: the demo compares with England, the region and the neighbours offline.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cscperf import settings, sources, store
from cscperf.indicators.periods import Period
from cscperf.reference.snapshot import SNAPSHOT
from cscperf.synth.run import Manifest

LIKE = "883"  # Thurrock: a mid-sized unitary authority
STORE = "cscperf.duckdb"
# Printed at the end of the run: the figures a committee asks about first.
HEADLINES = ("referrals", "rereferrals_12m_pct", "assessments_45wd_pct", "cp_plans", "cp_rate_per_10k",
             "cla", "cla_rate_per_10k", "cla_3plus_placements_pct", "cla_missing_children",
             "cla_missing_episodes", "care_leavers_19_21_eet_pct")

# Illustrative targets and commentary, so the report shows ratings, priorities and officers' words.
TARGETS = """\
# Demo targets: illustrative, for a synthetic authority.
assessments_45wd_pct:
  target: 85
  tolerance: 5
  priority:
    text: Complete 85% of assessments within 45 working days by March {due_year}
    owner: Head of Assessment
    due: {due_year}-03-31
rereferrals_12m_pct: {{target: 20, tolerance: 3}}
cp_second_or_subsequent_pct: {{target: 20, tolerance: 3}}
cp_visited_10wd_pct: {{target: 90, tolerance: 5}}
cla_3plus_placements_pct:
  target: 10
  ceiling: 12
  priority:
    text: Keep the share of children looked after with three or more placements in the year at or below 10% by March {due_year}
    owner: Head of Corporate Parenting
    due: {due_year}-03-31
cla_placed_20miles_pct: {{target: 15, ceiling: 20}}
cla_health_assessment_pct: {{target: 90, tolerance: 5}}
cla_rhi_offered_pct: {{target: 95, tolerance: 5}}
care_leavers_19_21_eet_pct: {{target: 60, floor: 55}}
care_leavers_19_21_suitable_accommodation_pct: {{target: 90, tolerance: 5}}
"""
COMMENTARY = """\
# Demo commentary: illustrative, for a synthetic authority.
"{period}":
  rereferrals_12m_pct:
    cause: Families returning after short-term support ended without a step-down plan.
    action: Every closure now has an early help follow-up call at three months.
    owner: Head of Early Help
  cla_3plus_placements_pct:
    cause: Two residential providers closed homes at short notice this year.
    action: Commissioning are securing local homes; the placement panel reviews every move.
    owner: Head of Corporate Parenting
"""


MARKER = ".cscperf-demo"


class DemoError(Exception):
    """The demo cannot run where asked."""


@dataclass(frozen=True)
class Demo:
    folder: Path
    store: Path
    period: str
    la: str
    name: str
    rows_loaded: int
    findings: int
    report: list[Path]
    reference: Path  # where the published benchmarks came from


def run(folder: Path, seed: int = 1, end: date | None = None, reference: Path | None = None,
        step: Callable[[str], None] = lambda _: None) -> Demo:
    """Build the demo under `folder`, replacing an earlier demo there; `step` is told each stage."""
    from cscperf import synth
    from cscperf.outputs.report import make
    from cscperf.reference.areas import set_localities
    from cscperf.reference.importer import import_population, import_reference

    folder = Path(folder)
    reference = reference or downloaded() or SNAPSHOT
    files, db = folder / "files", folder / STORE
    clear(folder)
    step("Simulating a synthetic authority's children (five years)")
    manifest = synth.generate(files, like=LIKE, seed=seed, end=end, formats=("ssd",), reference=reference)
    population = write_population(files / "population.csv", manifest)
    step("Loading its SSD extract into a new store")
    batches = sources.read_paths([files / "ssd"], la=manifest.la)
    with store.connect(db) as con:
        summary = store.load(con, batches)
        import_population(con, population)
        set_localities(con, write_localities(con, files / "localities.csv"))
        step("Importing published benchmarks")
        import_reference(con, reference)
    period = str(Period.parse(f"{int(manifest.end[:4]) - 1}-{manifest.end[2:4]}:Q4"))
    # beside the store, where the dashboard looks for them unless settings say otherwise
    targets, commentary = folder / f"{db.stem}.targets.yml", folder / f"{db.stem}.commentary.yml"
    targets.write_text(TARGETS.format(due_year=int(manifest.end[:4]) + 1))
    commentary.write_text(COMMENTARY.format(period=period))
    step(f"Writing the committee report for {period}")
    written = make(db, period, folder / "report", la=manifest.la, targets=targets, commentary=commentary)
    return Demo(folder, db, period, manifest.la, manifest.name, summary.total_loaded, len(summary.findings),
                written, reference)


def clear(folder: Path) -> None:
    """Empty `folder` for a new demo: only when it is new, empty or an earlier demo's (marked), so
    that `cscperf demo .` cannot delete an authority's real store."""
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise DemoError(f"{folder} holds files that are not an earlier demo's; give a new or empty folder")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("cscperf demo: `cscperf demo` may replace everything in this folder\n")


def downloaded() -> Path | None:
    """`cscperf reference download`'s cache, when it holds files."""
    cache = Path(settings.get("reference_cache")).expanduser()
    return cache if cache.is_dir() and any(cache.iterdir()) else None


def write_localities(con, path: Path) -> Path:
    """A localities file for the synthetic authority, as an authority configures its own: each
    postcode sector of its children's homes (in its own districts: those of at least 5% of homes)
    in one of four localities, North-east, North-west, South-east or South-west of the middle of
    those homes."""
    from cscperf.reference.areas import area_key

    homes = con.execute("""
        WITH homes AS (
            SELECT p.postcode, p.easting, p.northing, p.district FROM ssd_address a
            JOIN meta.postcodes p ON p.postcode = replace(upper(a.addr_address_postcode), ' ', '')
            WHERE upper(a.addr_address_type) = 'HOME'
        )
        SELECT postcode, easting, northing FROM homes
        WHERE district IN (SELECT district FROM homes GROUP BY ALL
                           HAVING count(*) >= 0.05 * (SELECT count(*) FROM homes))""").fetchall()
    sectors: dict[str, list[tuple[float, float]]] = {}
    for postcode, easting, northing in homes:
        sectors.setdefault(area_key(postcode[:-2]), []).append((easting, northing))
    middle = [sorted(xy[i] for xy in sum(sectors.values(), []))[len(homes) // 2] for i in (0, 1)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Postcode sector", "Locality"])
        for sector, places in sorted(sectors.items()):
            east, north = (sum(xy[i] for xy in places) / len(places) for i in (0, 1))
            writer.writerow([sector, ("North" if north >= middle[1] else "South")
                             + ("-east" if east >= middle[0] else "-west")])
    return path


def write_population(path: Path, manifest: Manifest) -> Path:
    """The synthetic authority's children aged 0-17 for each mid-year of its history, in the ONS
    layout `cscperf reference import --population` reads (the generator holds it constant)."""
    first, last = int(manifest.first[:4]) - 1, int(manifest.end[:4])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["time_period", "geographic_level", "old_la_code", "la_name", "age_group",
                         "population_estimate"])
        for year in range(first, last + 1):
            writer.writerow([year, "Local authority", manifest.la, manifest.name,
                             "Children aged 0 to 17 years", manifest.population])
    return path
