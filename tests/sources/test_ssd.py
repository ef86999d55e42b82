"""The SSD export reader: tables recognised by header, messy cells, and episodes filled from the
legal status and placement tables."""

import codecs
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscperf import sources, store
from cscperf.quality.findings import Findings, LoadError
from cscperf.sources import ssd
from cscperf.sources.cells import RowCells
from cscperf.store.schema import TABLES_BY_NAME

EXPORT = {
    "ssd_person.csv": "\ufeff PERS_Person_ID ,Pers_Sex,pers_dob,pers_ethnicity,pers_forename\n"
                      "A1,M,2012-04-01,WBRI,Ann\n"
                      "a 2 ,2,31/02/2013,XXXX,Bob\n"
                      "\n"
                      "A3,F,44562,WBRI,Cat\n",
    "ssd_cla_episodes.csv": "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,"
                            "clae_cla_id,clae_cla_placement_id\n"
                            "E1,A1,2023-01-10,P1,\n"
                            "E2,A1,2023-06-01,P1,\n"
                            "E3,A3,2024-02-01,P3,PL9\n",
    "ssd_legal_status.csv": "lega_legal_status_id,lega_person_id,lega_legal_status,"
                            "lega_legal_status_start_date,lega_legal_status_end_date\n"
                            "L1,A1,V2,2023-01-10,2023-06-01\n"
                            "L2,A1,C2,2023-06-01,\n",
    "ssd_cla_placement.csv": "clap_cla_placement_id,clap_person_id,clap_cla_placement_start_date,"
                             "clap_cla_placement_end_date,clap_cla_placement_type,"
                             "clap_cla_placement_provider,clap_cla_placement_postcode,"
                             "clap_cla_placement_urn,clap_cla_placement_distance\n"
                             "PL1,A1,2023-01-10,,U4,PR1,AB1 2CD,SC123,3.5\n"
                             "PL8,A3,2024-01-20,,K2,PR4,,,\n"
                             "PL9,A3,2024-01-01,,U6,PR5,,,1,2\n",
    "ssd_cla_reviews.csv": "clar_cla_review_id,clar_cla_id,clar_cla_review_date\nR1,P1,2023-03-01\n",
    "ssd_cin_assessments.csv": "cina_assessment_id,cina_person_id,cina_assessment_start_date\n"
                               "AS1,A1,2022-11-01\n",
    "ssd_assessment_factors.csv": 'cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\n'
                                  'F1,AS1,"{""1A"": ""Yes"", ""2B"": ""No"", ""3A"": ""Yes""}"\n'
                                  'F2,AS2,"[""1A"", ""99""]"\n'
                                  'F3,AS3,{broken\n',
    "ssd_cin_visits.csv": "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date\nV1,A1,2024-05-01\n",
    "ssd_contacts.csv": "",
}


def write_export(folder: Path, files: dict[str, str] = EXPORT) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load(con, *paths: Path, la="883", **options):
    return store.load(con, sources.read_paths(list(paths), la=la, **options))


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_an_export_folder_loads(tmp_path, con):
    summary = load(con, write_export(tmp_path / "export"))
    assert summary.rows_loaded == {"ssd_person": 3, "ssd_cla_episodes": 3, "ssd_legal_status": 2,
                                   "ssd_cla_placement": 3, "ssd_cla_reviews": 1,
                                   "ssd_cin_assessments": 1, "ssd_assessment_factors": 3}
    # The latest date read is 1 February 2024 (an episode starting): the 2023-24 year. The visit
    # of 1 May 2024 is in a table the store does not hold, so it is not read.
    assert rows(con, "SELECT DISTINCT collection_year FROM ssd_person") == [(2024,)]
    assert rows(con, "SELECT pers_person_id, pers_sex, pers_dob, pers_ethnicity, source_row "
                     "FROM ssd_person ORDER BY 1") == [
        ("A1", "M", date(2012, 4, 1), "WBRI", 2), ("A2", "F", None, None, 3),
        ("A3", "F", date(2022, 1, 1), "WBRI", 5)]
    found = {(f.file, f.rule, f.row, f.column, f.value) for f in summary.findings}
    assert ("ssd_person.csv", "date-malformed", 3, "pers_dob", "31/02/2013") in found
    assert ("ssd_person.csv", "code-not-in-list", 3, "pers_ethnicity", "XXXX") in found
    assert ("ssd_person.csv", "id-normalised", 3, "pers_person_id", "a 2 ") in found
    assert ("ssd_person.csv", "column-not-read", 1, "pers_forename", None) in found
    assert ("ssd_cla_placement.csv", "extra-cells", 4, None, "2") in found
    assert ("ssd_assessment_factors.csv", "code-not-in-list", 3, "cinf_assessment_factors_json",
            '["1A", "99"]') in found
    assert ("ssd_assessment_factors.csv", "json-malformed", 4, "cinf_assessment_factors_json",
            "{broken") in found
    rules = {(f.file, f.rule) for f in summary.findings}
    assert ("ssd_cin_visits.csv", "table-not-stored") in rules
    assert ("ssd_contacts.csv", "empty-file") in rules


def test_episodes_take_the_legal_status_and_placement_current_at_their_start(tmp_path, con):
    load(con, write_export(tmp_path / "export"))
    assert rows(con, "SELECT clae_cla_episode_id, clae_legal_status, clae_placement_type, "
                     "clae_placement_provider, clae_placement_postcode, clae_placement_urn "
                     "FROM ssd_cla_episodes ORDER BY 1") == [
        ("E1", "V2", "U4", "PR1", "AB1 2CD", "SC123"),
        ("E2", "C2", "U4", "PR1", "AB1 2CD", "SC123"),  # status changed on the day; same placement
        ("E3", None, "U6", "PR5", None, None)]  # the episode names its placement


def test_rows_linked_by_id_take_their_childs_id(tmp_path, con):
    load(con, write_export(tmp_path / "export"))
    assert rows(con, "SELECT clar_person_id FROM ssd_cla_reviews") == [("A1",)]
    assert rows(con, "SELECT cinf_assessment_id, cinf_person_id, cinf_assessment_factors_json "
                     "FROM ssd_assessment_factors ORDER BY 1") == [
        ("AS1", "A1", '["1A", "3A"]'), ("AS2", None, None), ("AS3", None, None)]


def test_added_columns_are_read_when_the_export_has_them(tmp_path, con):
    load(con, write_export(tmp_path / "export", {
        "ssd_cp_plans.csv": "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,"
                            "cppl_cp_plan_number_of_previous\nP1,A1,2024-06-01,3\n",
        "ssd_care_leavers.csv": "clea_table_id,clea_person_id,clea_care_leaver_in_touch,"
                                "clea_care_leaver_birthday\nL1,A1,YES,2024-10-01\n",
        "ssd_cla_placement.csv": "clap_cla_placement_id,clap_person_id,clap_cla_placement_start_date,"
                                 "clap_derived\nPL1,A1,2024-01-10,Y\n"}))
    assert rows(con, "SELECT cppl_cp_plan_number_of_previous FROM ssd_cp_plans") == [(3,)]
    assert rows(con, "SELECT clea_care_leaver_birthday FROM ssd_care_leavers") == [(date(2024, 10, 1),)]
    # cscperf's own record of what it derived is never taken from a file: the placement stays
    # the export's, not one the rebuild after loading may replace.
    assert rows(con, "SELECT clap_cla_placement_id, clap_derived FROM ssd_cla_placement") == [("PL1", None)]
    assert rows(con, "SELECT file, rule, \"column\" FROM meta.findings WHERE rule = 'column-not-read'") == [
        ("ssd_cla_placement.csv", "column-not-read", "clap_derived")]


def test_previous_cp_plans_are_counted_from_the_extract_when_it_lacks_them(tmp_path, con):
    summary = load(con, write_export(tmp_path / "export", {
        "ssd_cp_plans.csv": "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,"
                            "cppl_cp_plan_number_of_previous\n"
                            "P3,A1,2024-01-10,\n"
                            "P1,A1,2022-05-01,\n"
                            "P2,A1,2023-06-01,5\n"  # given: kept, and not recounted
                            "P4,B1,2023-09-01,\n"
                            "P5,B1,,\n"}))  # no start date: nothing to count from
    assert rows(con, "SELECT cppl_cp_plan_id, cppl_cp_plan_number_of_previous FROM ssd_cp_plans "
                     "ORDER BY 1") == [("P1", 0), ("P2", 5), ("P3", 2), ("P4", 0), ("P5", None)]
    derived = [(f.file, str(f.severity), f.column, f.message) for f in summary.findings if f.rule == "derived"]
    assert derived == [("ssd_cp_plans.csv", "info", "cppl_cp_plan_number_of_previous",
                        "3 row(s) had no cppl_cp_plan_number_of_previous; derived from the "
                        "child's earlier plans in the extract")]


def test_care_leaver_birthdays_are_the_17th_to_21st_in_the_extracts_year(tmp_path, con):
    # The 2024-25 extract: birthdays from 1 April 2024 to 31 March 2025.
    summary = load(con, write_export(tmp_path / "export", {
        "ssd_person.csv": "pers_person_id,pers_dob\n"
                          "C1,2006-07-15\n"
                          "C2,2004-02-29\n"
                          "C3,2015-01-01\n",
        "ssd_care_leavers.csv": "clea_table_id,clea_person_id,clea_care_leaver_in_touch\n"
                                "L1,C1,YES\n"
                                "L2,C2,NO\n"
                                "L3,C3,YES\n"
                                "L4,C4,YES\n"}), year=2025)
    assert rows(con, "SELECT clea_table_id, clea_care_leaver_birthday FROM ssd_care_leavers ORDER BY 1") == [
        ("L1", date(2024, 7, 15)),  # 18th
        ("L2", date(2025, 3, 1)),   # 21st: born on 29 February, so 1 March in 2025, as the 903 takes it
        ("L3", None), ("L4", None)]  # aged 9 or 10 that year; no date of birth
    found = {(f.file, f.rule, f.row, f.column, str(f.severity)) for f in summary.findings
             if f.table == "ssd_care_leavers"}
    assert found == {
        ("ssd_care_leavers.csv", "birthday-not-in-year", 4, "clea_care_leaver_birthday", "warning"),
        ("ssd_care_leavers.csv", "birthday-not-derived", 5, "clea_care_leaver_birthday", "warning"),
        ("ssd_care_leavers.csv", "derived", None, "clea_care_leaver_birthday", "info")}


def test_what_exports_write_for_a_missing_value_is_blank_and_reported(tmp_path, con):
    summary = load(con, write_export(tmp_path / "export", {
        "ssd_person.csv": "pers_person_id,pers_dob,pers_nationality,pers_upn\n"
                          "A1,NULL,N/A,\n"
                          "NULL,2010-01-01, ,nan\n"}))
    assert rows(con, "SELECT pers_person_id, pers_dob, pers_nationality, pers_upn FROM ssd_person "
                     "ORDER BY source_row") == [("A1", None, None, None), (None, date(2010, 1, 1), None, None)]
    assert sorted((f.row, f.column, f.value, f.rule, str(f.severity)) for f in summary.findings
                  if f.file == "ssd_person.csv") == [
        (2, "pers_dob", "NULL", "placeholder-read-as-blank", "info"),
        (2, "pers_nationality", "N/A", "placeholder-read-as-blank", "info"),
        (3, "pers_person_id", "NULL", "blank-mandatory", "warning"),
        (3, "pers_person_id", "NULL", "placeholder-read-as-blank", "info"),
        (3, "pers_upn", "nan", "placeholder-read-as-blank", "info")]


def test_year_given_overrides_the_dates(tmp_path, con):
    load(con, write_export(tmp_path / "export"), year=2023)
    assert rows(con, "SELECT DISTINCT collection_year FROM ssd_cla_episodes") == [(2023,)]


def test_dates_still_to_come_do_not_make_the_extract_later(tmp_path, con):
    # Taken in March 2024 (2023-24): the next review is due in May and the ICPC target is in April.
    load(con, write_export(tmp_path / "export", {
        "ssd_cla_reviews.csv": "clar_cla_review_id,clar_person_id,clar_cla_review_date,clar_cla_review_due_date\n"
                               "R1,A1,2024-03-20,2024-05-20\n",
        "ssd_initial_cp_conference.csv": "icpc_icpc_id,icpc_person_id,icpc_icpc_date,icpc_icpc_target_date\n"
                                         "I1,B1,,2024-04-02\n"}))
    assert rows(con, "SELECT DISTINCT collection_year FROM ssd_cla_reviews") == [(2024,)]


def test_table_is_found_from_the_header_and_the_name_only_breaks_ties(tmp_path):
    export = write_export(tmp_path / "export", {
        "extract_01.csv": "disa_person_id,disa_disability_code\nA1,AUT\n",
        "ssd_person_2024.csv": "pers_person_id,cine_person_id\nA1,A1\n"})
    detected = {p.name: ssd.detect(p, p.read_bytes()).part for p in export.iterdir()}
    assert detected == {"extract_01.csv": "ssd_disability", "ssd_person_2024.csv": "ssd_person"}
    assert ssd.detect(export / "x.csv", b"CHILD,SEX,DOB\n1,1,01/01/2010\n") is None


def test_windows_1252_is_read(tmp_path, con):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "people.csv").write_bytes(
        codecs.encode("pers_person_id,pers_nationality\nA1,Français\n", "cp1252"))
    load(con, folder)
    assert rows(con, "SELECT pers_nationality FROM ssd_person") == [("Français",)]


def test_a_missing_key_column_fails_the_load_and_changes_nothing(tmp_path, con):
    load(con, write_export(tmp_path / "first"))
    before = rows(con, "SELECT count(*) FROM ssd_person")
    bad = write_export(tmp_path / "second", {
        "ssd_person.csv": "pers_person_id\nB1\n",
        "ssd_cin_episodes.csv": "cine_referral_id,cine_person_id,cine_referral_source_code\nR1,B1,6\n"})
    with pytest.raises(LoadError, match="ssd_cin_episodes.csv: .*no cine_referral_date column"):
        load(con, bad)
    assert rows(con, "SELECT count(*) FROM ssd_person") == before
    assert rows(con, "SELECT count(*) FROM meta.loads") == [(1,)]


values = st.text(alphabet=" 0123456789/-.:ABCMFUXabz", max_size=12)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(values, values), min_size=1, max_size=5))
def test_every_cell_is_stored_or_reported(tmp_path, cells):
    body = "".join(f"C{n},{dob},{sex}\n" for n, (dob, sex) in enumerate(cells))
    folder = write_export(tmp_path / "hypothesis", {"ssd_person.csv": "pers_person_id,pers_dob,pers_sex\n" + body})
    [batch] = sources.read_paths([folder], la="883")
    person = batch.tables["ssd_person"].columns("pers_person_id", "pers_dob", "pers_sex")
    assert len(person["pers_person_id"]) == len(cells)
    reported = {(f.row, f.column) for f in batch.findings}
    for n, (dob, sex) in enumerate(cells):
        for column, raw in (("pers_dob", dob), ("pers_sex", sex)):
            stored = person[column][n]
            assert (stored is None) == (not raw.strip() or (n + 2, column) in reported)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.sampled_from(["lega_person_id", "lega_legal_status_start_date"]),
       good_rows=st.integers(min_value=0, max_value=3))
def test_a_structurally_bad_file_never_half_loads(tmp_path, drop, good_rows):
    con = store.connect()
    load(con, write_export(tmp_path / "first", {"ssd_person.csv": "pers_person_id\nZ1\n"}))
    columns = [c for c in ("lega_person_id", "lega_legal_status_start_date", "lega_legal_status")
               if c != drop]
    export = write_export(tmp_path / "second", {
        "ssd_person.csv": "pers_person_id\n" + "".join(f"P{n}\n" for n in range(good_rows)),
        "ssd_legal_status.csv": ",".join(columns) + "\n" + ",".join("x" for _ in columns) + "\n"})
    with pytest.raises(LoadError, match=f"ssd_legal_status.csv: .*no {drop} column"):
        load(con, export)
    assert rows(con, "SELECT pers_person_id FROM ssd_person") == [("Z1",)]


def test_a_bad_value_repeated_is_reported_on_every_row(tmp_path, con):
    summary = load(con, write_export(tmp_path / "export", {
        "ssd_person.csv": "pers_person_id,pers_dob\nA1,31/02/2013\nA2,31/02/2013\nA3,2013-02-28\nA4,2013-02-28\n"}))
    assert [(f.row, f.value) for f in summary.findings if f.rule == "date-malformed"] == \
        [(2, "31/02/2013"), (3, "31/02/2013")]
    assert rows(con, "SELECT pers_person_id, pers_dob FROM ssd_person ORDER BY 1") == [
        ("A1", None), ("A2", None), ("A3", date(2013, 2, 28)), ("A4", date(2013, 2, 28))]


def test_a_column_whose_every_value_fails_is_reported_row_by_row_cell_by_cell(tmp_path):
    # Columns are read whole, each distinct value once; findings still come in the order of
    # reading row by row, left to right, and a cell with two (a placeholder where a value is
    # required) keeps their order.
    folder = write_export(tmp_path / "export", {
        "ssd_person.csv": "pers_person_id,pers_dob,pers_sex\nA1,soon,X\nNULL,soon,M\nA3,later,X\n"})
    [batch] = sources.read_paths([folder], la="883")
    assert [(f.row, f.column, f.rule, f.value) for f in batch.findings] == [
        (2, "pers_dob", "date-malformed", "soon"), (2, "pers_sex", "code-not-in-list", "X"),
        (3, "pers_person_id", "placeholder-read-as-blank", "NULL"),
        (3, "pers_person_id", "blank-mandatory", "NULL"), (3, "pers_dob", "date-malformed", "soon"),
        (4, "pers_dob", "date-malformed", "later"), (4, "pers_sex", "code-not-in-list", "X")]
    assert batch.tables["ssd_person"].columns("pers_dob") == {"pers_dob": [None, None, None]}


@pytest.mark.parametrize("body, expected", [
    ("", []),
    ("A1,2013-02-28\n", [("A1", date(2013, 2, 28), 2)]),
    ("\n\nA1,2013-02-28\n\n", [("A1", date(2013, 2, 28), 4)]),  # Excel's row 4: blank lines count
])
def test_a_header_alone_or_one_row_is_read(tmp_path, con, body, expected):
    export = write_export(tmp_path / "export", {"ssd_person.csv": "pers_person_id,pers_dob\n" + body})
    summary = load(con, export)
    assert summary.rows_read == len(expected)
    assert rows(con, "SELECT pers_person_id, pers_dob, source_row FROM ssd_person") == expected


# One column of each kind the SSD reader parses (ID, code list with synonyms, date, datetime,
# flag, whole number, number, JSON, text), and cells as exports write them.
KINDS = [("ssd_person", "pers_person_id"), ("ssd_person", "pers_sex"), ("ssd_person", "pers_dob"),
         ("ssd_missing", "miss_missing_episode_start_time"), ("ssd_person", "pers_send_flag"),
         ("ssd_cp_plans", "cppl_cp_plan_number_of_previous"),
         ("ssd_cla_placement", "clap_cla_placement_distance"),
         ("ssd_contacts", "cont_contact_outcome_json"), ("ssd_cla_placement", "clap_cla_placement_urn")]
MESSY = ["", " ", "NULL", "n/a", "NaN", "A1", "a 1", "A1.0", "SYN1", "2013-02-28", "28/02/2013",
         "31/02/2013", "41333", "2013-02-28 14:30", "2013-02-28 00:00", "Y", "no", "1.0", "2", "-3",
         "1,234.5", "inf", "M", "f", "1", '{"NFA_FLAG": "Y"}', "{broken", "NONE", "NAN", "A1\n",
         "\tA1", "SYN\u00e91"]


@settings(max_examples=200, deadline=None)
@given(where=st.sampled_from(KINDS), required=st.booleans(),
       cells=st.lists(st.sampled_from(MESSY) | st.text(alphabet=" 0123456789/-.:ANYaz", max_size=8),
                      max_size=20))
def test_a_column_read_whole_is_each_cell_read_alone(where, required, cells):
    # The reader parses each distinct value of a column once (plain IDs not at all); the values
    # and findings are those of reading each cell on its own row, in order.
    table, name = where
    column = TABLES_BY_NAME[table].column(name)
    parse = ssd._parser(column, required)
    values, found = ssd._read_column(pa.array(cells, pa.string()), parse, column, "f.csv", table)
    alone = Findings()
    expected = [parse(RowCells(alone, "f.csv", table, row), raw) for row, raw in enumerate(cells)]
    assert values.to_pylist() == expected
    assert [replace(finding, row=position) for position, finding in found] == alone.items


def test_an_id_is_read_as_it_is_only_when_plain():
    # Letters and digits in upper case, the whole cell: 'A1' followed by a newline is normalised.
    found = Findings()
    cells = RowCells(found, "f.csv", "ssd_person", 2)
    assert [cells.id("pers_person_id", raw) for raw in ("A1", "A1\n", "a1", "NULL")] == \
        ["A1", "A1", "A1", None]
    assert [f.rule for f in found] == ["id-normalised", "id-normalised",
                                       "placeholder-read-as-blank", "blank-mandatory"]
