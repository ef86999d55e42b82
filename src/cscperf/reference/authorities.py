"""Local authorities: code lookups, reorganisations and joint returns.

The DfE 3-digit code names an authority in every published file. Some authorities were
reorganised (the lookup file lists each code's ONS codes and first and last collection years):

- where the code stayed (Buckinghamshire 2020, North Yorkshire and Somerset 2023) the earlier
  figures are those of the predecessor council, on the same area, and are labelled as such;
- where the code changed (Bournemouth, Christchurch and Poole and Dorset 2019, Northamptonshire
  2021, Cumbria 2023) the successions are declared below: a successor asking for a year before
  it existed gets its single predecessor's figure, labelled, or nothing when it had several.

Two authorities are too small for most published figures and are reported alongside a larger
neighbour in some files (joint returns): the Isles of Scilly with Cornwall and the City of London
with Hackney. Their own figure is never replaced; the partner's figure is offered beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError


@dataclass(frozen=True)
class Succession:
    la: str                        # the new authority
    first_year: int                # its first collection year (year ending 31 March)
    predecessors: tuple[str, ...]
    note: str


SUCCESSIONS: tuple[Succession, ...] = (
    Succession("839", 2020, ("836", "837"), "Bournemouth, Christchurch and Poole was formed on 1 April "
               "2019 from Bournemouth, Poole and Christchurch (then part of Dorset)"),
    Succession("838", 2020, ("835",), "Dorset Council replaced Dorset County Council on 1 April 2019, "
               "without Christchurch"),
    Succession("940", 2022, ("928",), "North Northamptonshire was formed from part of Northamptonshire "
               "on 1 April 2021"),
    Succession("941", 2022, ("928",), "West Northamptonshire was formed from part of Northamptonshire "
               "on 1 April 2021"),
    Succession("942", 2024, ("909",), "Cumberland was formed from part of Cumbria on 1 April 2023"),
    Succession("943", 2024, ("909",), "Westmorland and Furness was formed from part of Cumbria on "
               "1 April 2023"),
)


@dataclass(frozen=True)
class JointReturn:
    la: str       # the small authority
    partner: str  # the authority it is reported with
    note: str


JOINT_RETURNS: tuple[JointReturn, ...] = (
    JointReturn("420", "908", "the Isles of Scilly are reported with Cornwall where figures are combined"),
    JointReturn("201", "204", "the City of London is reported with Hackney where figures are combined"),
)


@dataclass(frozen=True)
class Authority:
    la: str
    name: str
    ons_code: str | None = None
    region_code: str | None = None
    region_name: str | None = None


def succession(la: str) -> Succession | None:
    return next((s for s in SUCCESSIONS if s.la == la), None)


def successors(la: str) -> list[Succession]:
    return [s for s in SUCCESSIONS if la in s.predecessors]


def joint_return(la: str) -> JointReturn | None:
    return next((j for j in JOINT_RETURNS if j.la == la), None)


def existed(la: str, year: int) -> tuple[bool, str | None]:
    """Whether the authority made returns for that collection year, and why not when it did not."""
    new = succession(la)
    if new and year < new.first_year:
        return False, f"{new.note}; there is no figure for it before {new.first_year}"
    later = [s for s in successors(la) if s.la != la]
    if later and year >= min(s.first_year for s in later):
        return False, "; ".join(s.note for s in later)
    return True, None


def authority(con: duckdb.DuckDBPyConnection, la: str, year: int | None = None) -> Authority:
    """The authority as it was in `year` (its latest form when None): name, ONS code, region.

    From the LA code lookup when imported, else from the latest published figure that names it."""
    row = con.execute("""
        SELECT name, ons_code, region_code, region_name FROM ref.la_codes WHERE la = ?
        ORDER BY (? BETWEEN first_year AND last_year) DESC, last_year DESC LIMIT 1
    """, [la, year]).fetchone()
    if row:
        return Authority(la, *row)
    row = con.execute("""
        SELECT area_name, region_code FROM ref.figures WHERE level = 'la' AND area_code = ?
        ORDER BY region_code IS NULL, year DESC, release_id DESC LIMIT 1
    """, [la]).fetchone()
    return Authority(la, row[0], region_code=row[1]) if row else Authority(la, la)


def predecessor_label(con: duckdb.DuckDBPyConnection, la: str, year: int) -> str | None:
    """How to label a figure published under the same code for a predecessor council, if it was."""
    then, now = authority(con, la, year), authority(con, la)
    if then.ons_code and now.ons_code and then.ons_code != now.ons_code:
        return f"figure for the predecessor council, {then.name} ({then.ons_code})"
    return None


@dataclass(frozen=True)
class Lookup:
    file: str        # file name under lookups/
    table: str
    columns: dict[str, str]  # our column: SQL over the file's columns


LOOKUPS: tuple[Lookup, ...] = (
    Lookup("la_lookup_old_new_codes_region.csv", "ref.la_codes", {
        "la": "lpad(trim(old_la_code), 3, '0')", "ons_code": "trim(new_la_code)", "name": "trim(la_name)",
        "region_code": "trim(region_code)", "region_name": "trim(region_name)",
        "first_year": "CAST(first_year AS INTEGER)", "last_year": "CAST(last_year AS INTEGER)",
        "lait_region": "trim(lait_region)", "la_type": "trim(la_type)"}),
    Lookup("la_code_list.csv", "ref.la_list", {
        "la": "lpad(trim(\"LA Number\"), 3, '0')", "name": "trim(\"LA Name\")", "region": "trim(Region)",
        "la_type": "trim(Type)"}),
    Lookup("LTLA-UTLA_*.csv", "ref.ltla_utla", {  # column names carry the year: LTLA23CD
        "ltla_code": "COLUMNS('^LTLA[0-9]+CD$')", "ltla_name": "COLUMNS('^LTLA[0-9]+NM$')",
        "utla_code": "COLUMNS('^UTLA[0-9]+CD$')", "utla_name": "COLUMNS('^UTLA[0-9]+NM$')"}),
    Lookup("Ward_to_Local_Authority_District*.csv", "ref.wards", {  # WD24CD, WD24NM, LAD24CD, LAD24NM
        "ward_code": "COLUMNS('^WD[0-9]+CD$')", "ward_name": "COLUMNS('^WD[0-9]+NM$')",
        "district_code": "COLUMNS('^LAD[0-9]+CD$')", "district_name": "COLUMNS('^LAD[0-9]+NM$')"}),
    Lookup("ofsted_region_mapping_corrections.csv", "ref.ofsted_regions", {
        "la_name": "trim(la_name)", "region_name": "trim(region_name_correct)"}),
)


def load_lookup(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    """Replace one lookup table with this release of its file."""
    lookup = next(item for item in LOOKUPS if path.match(item.file))
    con.execute(f"DELETE FROM {lookup.table}")
    try:
        return con.execute(f"""
            INSERT INTO {lookup.table} ({", ".join(["release_id", *lookup.columns])})
            SELECT ?, {", ".join(lookup.columns.values())} FROM read_csv(?, all_varchar = true)
        """, [release_id, str(path)]).fetchone()[0]
    except duckdb.Error as error:
        problem = str(error).splitlines()[0]
        raise LoadError(path.name, f"is not in the expected layout ({problem})") from error
