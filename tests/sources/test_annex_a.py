"""The Annex A reader: the shared sample workbook, messy workbooks, and all-or-nothing loads."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cscperf import sources, store
from cscperf.quality.findings import LoadError
from cscperf.sources import annex_a

SAMPLE = "samples/annex-a/Annex_A_2024_Jan.xlsx"
REFERRALS = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Date of Referral",
             "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
             "Allocated Team", "Allocated Worker"]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def load(con, *paths: Path, la: str = "883", **options):
    return store.load(con, sources.read_paths(list(paths), la=la, **options))


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def findings(summary) -> set[tuple]:
    return {(f.table, f.rule, f.row, f.column, f.value) for f in summary.findings}


def test_sample_workbook_loads(shared, con):
    summary = load(con, shared / SAMPLE, la="201")
    assert summary.rows_loaded == {
        "ssd_person": 48, "ssd_contacts": 5, "ssd_early_help_episodes": 5, "ssd_cin_episodes": 11,
        "ssd_cin_assessments": 5, "ssd_s47_enquiry": 5, "ssd_initial_cp_conference": 3,
        "ssd_cp_plans": 7, "ssd_cp_visits": 7, "ssd_cp_reviews": 5, "ssd_legal_status": 5,
        "ssd_cla_placement": 5, "ssd_cla_episodes": 5, "ssd_cla_reviews": 5, "ssd_cla_visits": 5,
        "ssd_cla_health": 10, "ssd_care_leavers": 6, "ssd_permanence": 5}
    # The latest date in the workbook is 2 March 2021: the 2020-21 collection year.
    assert rows(con, "SELECT DISTINCT collection_year FROM ssd_person") == [(2021,)]
    # Each list is recorded as a part of the workbook; list 11 is counted, not loaded.
    assert rows(con, "SELECT part, rows_read FROM meta.load_files ORDER BY file_id")[::5] == [
        ("list_1", 5), ("list_6", 5), ("list_11", 5)]
    found = findings(summary)
    assert ("List 11", "list-not-loaded", None, None, None) in found
    assert ("List 6", "answer-not-recognised", 2, "Primary Need Code",
            "PSRMEM - Support with memory and cognition") in found
    assert ("List 10", "lists-disagree", 2, "Date of Birth", "2002-02-13") in found
    assert ("List 8", "column-not-stored", 1, "LA of Placement", None) in found
    # 'a) WBRI', 'q) 6: Police', 'j) 3D: Health services', 'E1: Placement order' and so on.
    assert rows(con, "SELECT pers_sex, pers_ethnicity, pers_dob FROM ssd_person "
                     "WHERE pers_person_id = '9212044'") == [("F", "WBRI", date(2015, 1, 25))]
    assert rows(con, "SELECT cont_contact_source_code, cont_contact_source_desc FROM ssd_contacts "
                     "WHERE cont_person_id = '9212044'") == [("6", "q) 6: Police")]
    assert rows(con, "SELECT cine_referral_source_code, cine_referral_nfa FROM ssd_cin_episodes "
                     "WHERE cine_referral_id = '4653765/2020-09-16'") == [("3D", "N")]
    # The current episode starts with the latest of care, legal status and placement starting.
    assert rows(con, "SELECT clae_cla_episode_start_date, clae_entered_care_date, clae_legal_status, "
                     "clae_placement_type, clae_placement_provider FROM ssd_cla_episodes "
                     "WHERE clae_person_id = '1373595'") == [
        (date(2010, 7, 12), date(2009, 8, 6), "C2", "U1", "PR1")]
    # 'Y: Other accommodation' that is 'a) Suitable' is stored as the SSDA903 writes it.
    assert ("Y1", "Suitable", "G5") in rows(
        con, "SELECT clea_care_leaver_accommodation, clea_care_leaver_accom_suitable, "
             "clea_care_leaver_activity FROM ssd_care_leavers")
    # Dates given by formulas are read from the values Excel saved.
    assert rows(con, "SELECT perm_placement_order_date, perm_permanence_order_type FROM ssd_permanence "
                     "WHERE perm_person_id = '7961370'") == [(date(2009, 8, 16), "Adoption")]


def test_messy_workbook(tmp_path, con):
    path = workbook(tmp_path / "annexa.xlsx", {
        "Notes": [["Annex A return, prepared by the performance team"]],
        "Referrals (L3)": [  # named for neither the list nor its number: found by its headings
            ["Annex A list 3: referrals"], [],
            ["child id", " SEX ", "Ethnic origin", "DOB", "Date of referral", "Referral Source",
             "Referral NFA?", "Favourite colour"],
            ["1001.0", "1 - Male", "WBRI - White British", "01/02/2015", 45293, "Police", "No", "blue"],
            ["a 2", "Female", "Any Other White Background", datetime(2016, 3, 4), "31/02/2024",
             "Individual", "=1+1", "red"],
            [None, None, None, None, None, None, None, None],
            ["A3", "#N/A", "Martian", None, "2024-06-30", "NHS walk-in centre", "Y", None],
        ],
        "List 6": [["Child Unique ID", "CIN Start Date", "Primary Need Code"],
                   ["1001", datetime(2024, 1, 2), "N1 - Abuse or neglect"]],
    })
    summary = load(con, path)
    assert rows(con, "SELECT pers_person_id, pers_sex, pers_ethnicity, pers_dob FROM ssd_person "
                     "ORDER BY 1") == [("1001", "M", "WBRI", date(2015, 2, 1)),
                                       ("A2", "F", None, date(2016, 3, 4)), ("A3", None, None, None)]
    # Lists 3 and 6 describe the same referral (child 1001, 2 January 2024): one episode.
    assert rows(con, "SELECT cine_referral_id, cine_referral_source_code, cine_referral_nfa, "
                     "cine_cin_primary_need_code FROM ssd_cin_episodes ORDER BY 1") == [
        ("1001/2024-01-02", "6", "N", "N1"), ("A2/row5", None, None, None),
        ("A3/2024-06-30", None, "Y", None)]
    found = findings(summary)
    assert ("Referrals (L3)", "id-normalised", 4, "Child Unique ID", "1001.0") in found
    assert ("Referrals (L3)", "date-malformed", 5, "Date of referral", "31/02/2024") in found
    assert ("Referrals (L3)", "formula-not-calculated", 5, "Referral NFA?", "=1+1") in found
    assert ("Referrals (L3)", "answer-without-code", 5, "Referral Source", "Individual") in found
    assert ("Referrals (L3)", "answer-without-code", 5, "Ethnicity", "Any Other White Background") in found
    assert ("Referrals (L3)", "excel-error", 7, "Gender", "#N/A") in found
    assert ("Referrals (L3)", "answer-not-recognised", 7, "Ethnicity", "Martian") in found
    assert ("Referrals (L3)", "answer-without-code", 7, "Referral Source", "NHS walk-in centre") in found
    assert ("Referrals (L3)", "column-not-read", 3, "Favourite colour", None) in found
    assert ("Referrals (L3)", "column-missing", 3, "Referral Source", None) not in found
    assert ("Notes", "sheet-not-read", None, None, None) in found
    # As at 30 June 2024, the latest date: the 2024-25 collection year.
    assert rows(con, "SELECT DISTINCT collection_year FROM ssd_cin_episodes") == [(2025,)]


def test_year_given_overrides_the_dates(tmp_path, con):
    path = workbook(tmp_path / "a.xlsx", {"List 3": [REFERRALS[:1] + ["Date of Referral"],
                                                     ["C1", datetime(2024, 6, 30)]]})
    load(con, path, year=2024)
    assert rows(con, "SELECT collection_year FROM ssd_cin_episodes") == [(2024,)]


@pytest.mark.parametrize("missing, named", [("Date of Referral", "Date of referral"),
                                            ("Child Unique ID", "Child Unique ID")])
def test_a_missing_mandatory_column_fails_cleanly(tmp_path, con, shared, missing, named):
    load(con, shared / SAMPLE)
    before = rows(con, "SELECT count(*), max(load_id) FROM ssd_person")
    path = workbook(tmp_path / "broken.xlsx", {
        "List 1": [["Child Unique ID", "Date of Contact"], ["C1", datetime(2024, 5, 1)]],
        "List 3": [[h for h in REFERRALS if h != missing], ["C1"] + [None] * 9]})
    with pytest.raises(LoadError, match=rf"broken.xlsx: sheet 'List 3' \(list 3\) has no "
                                        rf"'{named}' column"):
        load(con, path)
    assert rows(con, "SELECT count(*), max(load_id) FROM ssd_person") == before


def test_a_workbook_that_is_not_annex_a_is_not_claimed(tmp_path):
    path = workbook(tmp_path / "budget.xlsx", {"Sheet1": [["Cost centre", "Amount"], ["A", 1]]})
    assert annex_a.detect(path, path.read_bytes()[:65536]) is None
    with pytest.raises(LoadError, match="budget.xlsx: not a file cscperf can read"):
        sources.read_paths([path], la="883")


cell = st.one_of(st.none(), st.integers(-5, 50000), st.floats(allow_nan=False, allow_infinity=False),
                 st.text(alphabet="0123456789/-.aAbMFYN #!", max_size=12),
                 st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(cell, cell, cell, cell), min_size=1, max_size=4))
# Text exports write for a missing value: read as blank, and reported as typed text.
@example(data=[("NAN", "NONE", "NULL", "N/A")])
@example(data=[(" n/a ", "NaN", "None", "null"), ("NaT", None, "", " ")])
def test_every_cell_is_stored_or_reported_and_rows_are_kept(tmp_path, data):
    path = workbook(tmp_path / "h.xlsx", {"List 3": [
        ["Child Unique ID", "Gender", "Date of referral", "Referral NFA?", "Referral Source"],
        *[[f"C{n}", *values] for n, values in enumerate(data)]]})
    [batch] = sources.read_paths([path], la="883")
    episodes = batch.tables["ssd_cin_episodes"].values
    people = batch.tables["ssd_person"].values
    assert len(episodes["cine_person_id"]) == len(data)  # each row has a child ID, so none is blank
    reported = {(f.row, f.column) for f in batch.findings}
    person = {child: n for n, child in enumerate(people["pers_person_id"])}
    episode = {child: n for n, child in enumerate(episodes["cine_person_id"])}
    for n, (sex, day, nfa, source) in enumerate(data):
        row, p, e = n + 2, person[f"C{n}"], episode[f"C{n}"]
        for heading, raw, stored in (("Gender", sex, people["pers_sex"][p]),
                                     ("Date of referral", day, episodes["cine_referral_date"][e]),
                                     ("Referral NFA?", nfa, episodes["cine_referral_nfa"][e]),
                                     ("Referral Source", source,
                                      episodes["cine_referral_source_code"][e])):
            blank = raw is None or (isinstance(raw, str) and not raw.strip())
            assert (stored is None) == (blank or (row, heading) in reported), (heading, raw, stored)
