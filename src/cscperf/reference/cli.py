"""`cscperf reference ...`: import, download and show published reference data.

The commands parse options and call `cscperf.reference` and `cscperf.compare.benchmarks`.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict
from enum import Enum
from pathlib import Path

import duckdb
import typer
from rich.console import Console

from cscperf import settings, store, terminal
from cscperf.quality.findings import LoadError

app = typer.Typer(help="Published reference data: DfE benchmarks, ONS population, statistical neighbours.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)


def out(stderr: bool = False) -> Console:
    """A console for this command's output (made per use, so it fits the terminal it runs in);
    long lines are not wrapped, so paths and commands can be copied whole."""
    return Console(stderr=stderr, soft_wrap=True)


DbOption = typer.Option(None, "--db", help="DuckDB store file [default: $CSCPERF_DB or cscperf.duckdb]")


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


def _fail(message: str) -> None:
    out(stderr=True).print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(1)


def _connect(db: Path | None):
    path = db or Path(settings.get("db"))
    try:
        return store.connect(path)
    except (duckdb.Error, OSError) as error:
        _fail(f"cannot open the store {path}: {str(error).splitlines()[0]}")


@app.command("import")
def import_(
    folder: Path = typer.Argument(None, help="Folder of published files, laid out as `reference download` "
                                             "writes them (ees/, lait/, ons/, stat-neighbours/, lookups/) "
                                             "[default: the snapshot shipped with cscperf]"),
    population: Path = typer.Option(None, "--population", help="A population file supplied with your data "
                                    "(ONS layout); its estimates are used for rates"),
    db: Path = DbOption,
) -> None:
    """Import published figures, population, statistical neighbours and lookups into the store.

    With no folder (and no --population), the snapshot shipped with cscperf is imported.
    Files already imported are skipped; a revised file is kept beside the earlier release.
    """
    from cscperf.reference.importer import import_population, import_reference
    from cscperf.reference.snapshot import SNAPSHOT

    if folder is None and population is None:
        folder = SNAPSHOT
    con = _connect(db)
    try:
        summaries = ([import_reference(con, folder)] if folder else []) + \
                    ([import_population(con, population)] if population else [])
    except LoadError as error:
        _fail(f"{error}\nNothing was imported.")
    for summary in summaries:
        new = [f for f in summary.files if not f.unchanged]
        out().print(f"Imported {len(new)} file(s), {summary.rows:,} rows, in {summary.seconds:.1f}s; "
                      f"{len(summary.files) - len(new)} already imported.")
        for kind in sorted({f.kind for f in new}):
            files = [f for f in new if f.kind == kind]
            out().print(f"  {kind}: {len(files)} file(s), {sum(f.rows for f in files):,} rows")
        if summary.ignored:
            out().print(f"Not imported (not used by cscperf): {', '.join(summary.ignored)}")


@app.command()
def localities(
    file: Path = typer.Argument(..., help="Two-column CSV: an area (postcode sector such as 'RM17 6', ward "
                                          "code or ward name) and the locality it belongs to"),
    db: Path = DbOption,
) -> None:
    """Set the authority's own localities, which breakdowns by locality name.

    The file replaces any set before: configure it once, and again when localities change."""
    from cscperf.reference.areas import set_localities

    con = _connect(db)
    try:
        count = set_localities(con, file)
    except LoadError as error:
        _fail(f"{error}\nThe localities were not changed.")
    names = con.execute("SELECT count(DISTINCT locality) FROM ref.localities").fetchone()[0]
    out().print(f"Set {names} localities from {count} areas in {file}.", highlight=False)


@app.command()
def download(
    cache: Path = typer.Option(None, "--cache", help="Folder to save the files in "
                               "[default: $CSCPERF_REFERENCE_CACHE or ~/.cache/cscperf/reference]"),
    mirror: str = typer.Option(None, "--mirror", help="Base URL of a copy of the reference folder "
                               "to fetch from instead [default: $CSCPERF_REFERENCE_MIRROR]"),
) -> None:
    """Download the published files from DfE and ONS sources into a local cache."""
    from cscperf.reference.download import DownloadError
    from cscperf.reference.download import download as fetch

    cache = (cache or Path(settings.get("reference_cache"))).expanduser()
    try:
        summary = fetch(cache, mirror=mirror or settings.get("reference_mirror") or None)
    except DownloadError as error:
        _fail(str(error))
    for item in summary.fetched:
        if item.problem:
            out(stderr=True).print(f"[red]failed:[/red] {item.path}: {item.problem}", highlight=False)
        else:
            out().print(f"{item.path} ({item.size:,} bytes) from {item.url}", highlight=False)
    for source in summary.by_hand:
        out().print(f"not downloaded (no direct link): {source.path}; see {source.page}", highlight=False)
    done = len(summary.fetched) - len(summary.failed)
    out().print(f"Downloaded {done} file(s) into {cache}. Next: cscperf reference import {cache}")
    if summary.failed:
        _fail(f"{len(summary.failed)} file(s) could not be downloaded (see above)")


@app.command()
def snapshot(
    folder: Path = typer.Argument(..., help="The publishers' files, laid out as `reference download` writes "
                                            "them (its cache, or a copy such as ../shared/reference)"),
    target: Path = typer.Option(None, "--out", help="Folder to write the snapshot in [default: the one "
                                "shipped with cscperf, src/cscperf/reference/snapshot]"),
) -> None:
    """Build the compact snapshot of the published figures cscperf ships: what the published measures
    and the synthetic generator read, with SOURCES.md naming each file's source, release and licence.

    Run it again after adding a mapping to measures.yml."""
    from cscperf.reference.snapshot import SNAPSHOT, build

    try:
        made = build(folder, target or SNAPSHOT)
    except (LoadError, duckdb.Error, OSError) as error:
        _fail(f"{error}\nThe snapshot was not changed.")
    out().print(f"Wrote {len(made.files)} files ({made.size / 2**20:.1f} MB) to {made.folder}; "
                f"their sources are in {made.folder / 'SOURCES.md'}.", highlight=False)


@app.command()
def show(
    measure_id: str = typer.Argument(..., metavar="MEASURE",
                                     help="Published measure id (see `reference measures`)"),
    la: str = typer.Option(..., "--la", help="Local authority, DfE 3-digit code"),
    year: int = typer.Option(None, "--year", help="Year the published period ends in [default: latest]"),
    db: Path = DbOption,
    fmt: ShowFormat = typer.Option(ShowFormat.table, "--format"),
) -> None:
    """The published benchmark for a measure and authority.

    Its own figure, England, its region, its statistical neighbours and their average, and its
    national rank and quartile, each with its year and release."""
    from cscperf.compare.benchmarks import benchmark
    from cscperf.reference.measures import MeasureError

    try:
        result = benchmark(_connect(db), measure_id, la, year)
    except MeasureError as error:
        _fail(str(error))
    if fmt is ShowFormat.json:
        shown = asdict(result) | {"measure": result.measure.model_dump(mode="json")}
        print(json.dumps(shown, default=str, indent=2))
        return
    _print_benchmark(result)


def _print_benchmark(result) -> None:
    title = f"{result.measure.title}: {result.la_name} ({result.la}), {result.year or 'no year'}"
    if result.unavailable:
        out().print(f"{title}\nUnavailable: {result.unavailable}")
        return
    rows = []

    def add(name: str, figure, note: str | None = None) -> None:
        if figure is None:
            rows.append((name, "unavailable", "", "", note))
        else:
            rows.append((name, figure.shown(), figure.time_period, figure.release.file_name,
                         "; ".join(n for n in (figure.label, figure.code_meaning) if n)))

    add(result.la_name, result.own, result.own_reason)
    if result.joint:
        add("reported with", result.joint)
    add(result.region.area_name if result.region else "region", result.region)
    add("England", result.england)
    average = "unavailable" if result.neighbour_average is None else f"{result.neighbour_average:.1f}"
    rows.append((f"statistical neighbours ({result.neighbour_model or 'none'} model)", average, "", "",
                 f"mean of {result.neighbour_average_of} of {len(result.neighbours)}"
                 + (f"; {result.neighbour_note}" if result.neighbour_note else "")))
    for n in result.neighbours:
        add(f"  {n.rank}. {n.name} ({n.la})", n.figure, n.reason)
    for line in terminal.lines(["area", "value", "year", "release", "note"], rows, ["note"], title):
        typer.echo(line)
    rank = f"{result.rank} of {result.ranked_out_of}" if result.rank else "unranked"
    typer.echo("\n".join(textwrap.wrap(
        f"National rank: {rank}; quartile: {result.quartile or 'none'} ({result.rank_note}). "
        f"Polarity: {result.measure.polarity.value.replace('_', ' ')}. "
        f"Neighbour average: {result.neighbour_average_method}.", terminal.width())))


@app.command()
def measures() -> None:
    """The published measures: id, unit, polarity, title and where the figures come from."""
    from cscperf.reference.measures import catalogue

    rows = [(m.id, m.unit.value, m.polarity.value, m.title, "; ".join(s.describe() for s in m.sources))
            for m in catalogue().values()]
    for line in terminal.lines(["id", "unit", "polarity", "title", "sources"], rows, ["title", "sources"]):
        typer.echo(line)
