"""Which periods an authority's records cover: returns cover their collection years, an SSD extract
the months from its earliest contact or review to its latest; every year, quarter, month and 12
months within them is offered, and the dashboard opens on the last quarter of the latest return."""

from __future__ import annotations

from datetime import date, timedelta

from cscperf import store
from cscperf.compare.coverage import coverage
from cscperf.indicators.periods import Period
from cscperf.sources.batch import Batch
from cscperf.sources.files import SourceFile


def a_load(folder, la: str, format: str, year: int, people: int = 10, contacts: tuple[date, ...] = ()) -> Batch:
    path = folder / f"{la}_{format}_{year}_{people}.csv"
    path.write_text("placeholder")
    batch = Batch(format=format, la=la)
    index = batch.add_file(SourceFile.identify(path, format, "people", year))
    for row in range(people):
        batch.rows("ssd_person").add(index, row + 2, pers_person_id=f"{la}-{year}-{row}", pers_sex="F",
                                     pers_dob=date(2015, 1, 1))
    for row, day in enumerate(contacts):
        batch.rows("ssd_contacts").add(index, row + 2, cont_contact_id=str(row), cont_person_id=f"{la}-{year}-0",
                                       cont_contact_date=day)
    batch.rows_read = people + len(contacts)
    return batch


def written(groups) -> dict[str, list[str]]:
    return {year: [str(p) for p in periods] for year, periods in groups}


def test_returns_cover_their_collection_years_and_a_stray_year_does_not_count(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    # 903-like returns for 2022-23 and 2023-24, and a few rows given under 2024-25
    store.load(con, [a_load(tmp_path, "883", "ssda903", 2023), a_load(tmp_path, "883", "ssda903", 2024),
                     a_load(tmp_path, "883", "ssda903", 2025, people=2)])
    covered = coverage(con)["883"]
    assert (covered.first, covered.last) == (Period.parse("2022-04"), Period.parse("2024-03"))
    groups = written(covered.periods())
    assert list(groups) == ["2023-24", "2022-23"]  # newest first
    assert groups["2023-24"][:5] == ["2023-24", "2023-24:Q4", "2023-24:Q3", "2023-24:Q2", "2023-24:Q1"]
    assert groups["2023-24"][5:17] == [f"12m:{m}" for m in (
        "2024-03", "2024-02", "2024-01", "2023-12", "2023-11", "2023-10", "2023-09", "2023-08", "2023-07",
        "2023-06", "2023-05", "2023-04")]
    assert groups["2023-24"][17:] == ["2024-03", "2024-02", "2024-01", "2023-12", "2023-11", "2023-10",
                                      "2023-09", "2023-08", "2023-07", "2023-06", "2023-05", "2023-04"]
    # the first 12 months end in March 2023: no 12 months reach back before April 2022
    assert [p for p in groups["2022-23"] if p.startswith("12m:")] == ["12m:2023-03"]
    assert covered.latest == Period.parse("2023-24:Q4")


def test_an_extract_covers_its_own_timeframe_and_ends_where_it_was_taken(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    # an SSD extract taken on 14 November 2025 (its collection year 2025-26), contacts from 10 June 2021
    days = tuple(date(2021, 6, 10) + timedelta(days=7 * week) for week in range(232))
    assert days[-1] == date(2025, 11, 13)
    store.load(con, [a_load(tmp_path, "850", "ssd", 2026, contacts=days)])
    covered = coverage(con)["850"]
    assert (covered.first, covered.last) == (Period.parse("2021-06"), Period.parse("2025-11"))
    groups = written(covered.periods())
    assert list(groups) == ["2025-26", "2024-25", "2023-24", "2022-23", "2021-22"]
    # 2025-26: no year (it is not over), quarters 2 and 1, months April to November
    assert groups["2025-26"][:2] == ["2025-26:Q2", "2025-26:Q1"] and groups["2025-26"][-1] == "2025-04"
    assert groups["2025-26"][2] == "12m:2025-11" and groups["2025-26"][10] == "2025-11"
    # 2021-22: from June, so neither the year nor its first quarter; 12 months only from May 2022
    assert groups["2021-22"][:3] == ["2021-22:Q4", "2021-22:Q3", "2021-22:Q2"]
    assert not any(p.startswith("12m:") for p in groups["2021-22"])
    assert "12m:2022-05" in groups["2022-23"] and "12m:2022-04" not in groups["2022-23"]
    assert covered.latest == Period.parse("2025-26:Q2")  # the latest quarter that has ended


def test_each_authority_has_its_own(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    store.load(con, [a_load(tmp_path, "883", "ssda903", 2024)])
    store.load(con, [a_load(tmp_path, "850", "cin_census", 2025)])
    found = coverage(con)
    assert {la: str(c.latest) for la, c in found.items()} == {"883": "2023-24:Q4", "850": "2024-25:Q4"}
