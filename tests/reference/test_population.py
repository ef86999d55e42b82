"""Population for rates: the estimate for the latest mid-year (30 June) on or before a date."""

from datetime import date
from pathlib import Path

import pytest

from cscperf.quality.findings import LoadError
from cscperf.reference import population
from cscperf.reference.importer import import_population, import_reference

HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
          "old_la_code,new_la_code,la_name,age_group,population_estimate\n")


def ons_file(path: Path, rows: list[tuple[int, str, str]]) -> Path:
    """A population file in the ONS layout: (mid-year, DfE code, estimate)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(
        f"{year},Reporting year,Local authority,E92000001,England,E12000006,East of England,{la},E10000012,"
        f"Essex,Children aged 0 to 17 years,{estimate}\n" for year, la, estimate in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("on_date, expected", [
    (date(2025, 3, 31), 329197),  # 31 March 2025: mid-2024
    (date(2024, 6, 30), 329197),  # on the mid-year itself
    (date(2024, 6, 29), 324479),  # the day before: mid-2023
    (date(2023, 3, 31), 318238),  # mid-2022
    (date(2030, 1, 1), 329197),   # the latest there is
    (date(2012, 6, 29), None),    # before the first estimate
])
def test_latest_mid_year_on_or_before(reference_con, on_date, expected):
    assert population(reference_con, "881", on_date) == expected


def test_unknown_authority_or_none_imported(reference_con, con):
    assert population(reference_con, "999", date(2025, 3, 31)) is None
    assert population(con, "881", date(2025, 3, 31)) is None


def test_reorganised_authority_has_no_estimate_before_it_existed(reference_con):
    assert population(reference_con, "942", date(2023, 3, 31)) is None  # Cumberland: from mid-2023
    assert population(reference_con, "942", date(2024, 3, 31)) == 52019


def test_population_table_source(reference_con):
    assert reference_con.execute("SELECT mid_year, population, source FROM ref.population "
                                 "WHERE la = '881' ORDER BY mid_year DESC LIMIT 1").fetchone() == (
        date(2024, 6, 30), 329197, "ons_mid-year_population_estimates_2012_to_2024.csv")


def test_a_supplied_file_is_used_for_rates_before_the_published_one(con, tmp_path):
    supplied = ons_file(tmp_path / "mine" / "essex_population.csv", [(2024, "881", 330000)])
    published = ons_file(tmp_path / "published" / "ons" / "ons_mid-year_population_estimates_2012_to_2024.csv",
                         [(2023, "881", 324479), (2024, "881", 329197)])
    import_reference(con, published.parents[1])
    assert population(con, "881", date(2025, 3, 31)) == 329197
    import_population(con, supplied)
    assert population(con, "881", date(2025, 3, 31)) == 330000
    assert population(con, "881", date(2024, 3, 31)) == 324479  # not in the supplied file
    # Importing a newer published file later does not override what the authority supplied.
    newer = ons_file(tmp_path / "newer" / "ons" / "ons_mid-year_population_estimates_2012_to_2025.csv",
                     [(2024, "881", 329500)])
    import_reference(con, newer.parents[1])
    assert population(con, "881", date(2025, 3, 31)) == 330000
    assert con.execute("SELECT source FROM ref.population WHERE la = '881' AND mid_year = '2024-06-30'"
                       ).fetchone() == ("essex_population.csv",)
    assert con.execute("SELECT count(*) FROM ref.population_estimates").fetchone()[0] == 4


def test_a_supplied_file_in_another_layout_is_refused(con, tmp_path):
    wrong = tmp_path / "population.csv"
    wrong.write_text("la,children\n881,330000\n", encoding="utf-8")
    with pytest.raises(LoadError, match="population.csv: is not a population file in the ONS layout"):
        import_population(con, wrong)
    assert con.execute("SELECT count(*) FROM ref.releases").fetchone()[0] == 0
