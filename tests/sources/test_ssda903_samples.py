"""Every 903 sample file loads: row counts checked against an independent count of the CSVs, and
specific findings and values checked by hand against the files."""

import csv
from datetime import date

import pytest

from cscperf import store
from tests.conftest import need_shared
from tests.ssda903 import found, load

SAMPLES = need_shared("samples", "ssda903")
MESSY = need_shared("samples", "ssda903-messy")
# The samples are named by the year each return starts: 2017-episodes.csv runs from April 2017 to
# March 2018, so it is the 2018 return (years are the year a return ends).
YEARS = range(2017, 2022)


def csv_rows(name: str) -> list[dict]:
    with open(SAMPLES / name, newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def samples():
    con = store.connect()
    summaries = {year + 1: load(con, *sorted(SAMPLES.glob(f"{year}-*.csv")), year=year + 1)
                 for year in YEARS}
    yield con, summaries
    con.close()


def count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_every_row_is_read(samples):
    con, _ = samples
    read = dict(con.execute("SELECT name, rows_read FROM meta.load_files").fetchall())
    assert read == {p.name: len(csv_rows(p.name)) for p in SAMPLES.glob("*.csv")}


def test_row_counts_stack_by_natural_key(samples):
    con, _ = samples
    def distinct(table, *key):
        return len({tuple(r[k] for k in key) for p in SAMPLES.glob(f"*-{table}.csv")
                    for r in csv_rows(p.name)})
    assert count(con, "ssd_person") == distinct("header", "CHILD")
    assert count(con, "ssd_cla_episodes") == distinct("episodes", "CHILD", "DECOM")
    assert count(con, "ssd_immigration_status") == distinct("uasc", "CHILD")
    assert count(con, "ssd_cla_reviews") == distinct("reviews", "CHILD", "REVIEW") == 3476
    assert count(con, "ssd_missing") == 3
    assert count(con, "ssd_care_leavers") == 126
    assert count(con, "ssd_cla_previous_permanence") == 819
    # Each OC2 row gives three health rows, and one each of immunisations, SDQ, convictions
    # and substance misuse (every item is filled in the sample).
    assert count(con, "ssd_cla_health") == 3 * 670
    for table in ("ssd_cla_immunisations", "ssd_sdq_scores", "ssd_cla_convictions",
                  "ssd_cla_substance_misuse"):
        assert count(con, table) == 670


def test_specific_findings(samples):
    _, summaries = samples
    first = found(summaries[2018])
    # E45 and CUSTOD are codes from the 2019 return on; 01 and 02 are not accommodation codes.
    assert ("2017-episodes.csv", 115, "REC", "E45", "149") in first
    assert ("2017-episodes.csv", 48, "REASON_PLACE_CHANGE", "CUSTOD", "1009") in first
    assert ("2017-oc3.csv", 7, "ACCOM", "02", "133") in first
    assert ("2017-oc3.csv", 20, "ACCOM", "01", "133") in first
    # V is not a postcode area.
    assert ("2017-episodes.csv", 2, "HOME_POST", "V28 5OY", "392c") in first
    duplicates = [(f.row, f.table) for f in summaries[2018].findings if f.rule == "duplicate-key"]
    assert duplicates == [(132, "ssd_cla_reviews"), (834, "ssd_cla_reviews"), (1235, "ssd_cla_reviews"),
                          (2388, "ssd_cla_reviews"), (2747, "ssd_cla_reviews")]
    [late] = [f for f in summaries[2018].findings if f.rule == "385"]
    assert (late.file, late.column) == ("2017-episodes.csv", "DEC")
    assert "2 date(s) after 31/03/2018" in late.message and "row 65" in late.message
    assert not [f for f in summaries[2020].findings if f.rule in ("149", "1009")]


def test_values_land_where_the_field_map_says(samples):
    con, _ = samples
    # 2017-header.csv row 2: 398768,2,17/12/1999,BCRB,B097131712320,1.0,21/11/2017
    assert con.execute("""SELECT pers_sex, pers_dob, pers_ethnicity, pers_upn, pers_is_mother
                          FROM ssd_person WHERE pers_person_id = '398768'""").fetchone() == (
        "F", date(1999, 12, 17), "BCRB", "B097131712320", "Y")
    assert con.execute("SELECT moth_person_id, moth_childs_dob FROM ssd_mother").fetchall() == [
        ("398768", date(2017, 11, 21))]
    # 2017-oc2.csv row 2: 868699, SDQ 38, CONVICTED 1, HEALTH_CHECK 0, IMMUNISATIONS 1,
    # TEETH_CHECK 1, HEALTH_ASSESSMENT 0, SUBSTANCE_MISUSE 1, received 1, offered 0
    assert con.execute("""SELECT clah_health_check_type, clah_health_check_date, clah_health_check_status
                          FROM ssd_cla_health WHERE clah_person_id = '868699' ORDER BY 1""").fetchall() == [
        ("DENTAL_CHECK", date(2018, 3, 31), "Completed"),
        ("HEALTH_ASSESSMENT", date(2018, 3, 31), "Not completed"),
        ("HEALTH_CHECK", date(2018, 3, 31), "Not completed")]
    assert con.execute("""SELECT csdq_sdq_score, clac_convicted, clai_immunisations_status,
                                 clas_substance_misused, clas_intervention_received, clas_intervention_offered
                          FROM ssd_sdq_scores JOIN ssd_cla_convictions ON clac_person_id = csdq_person_id
                          JOIN ssd_cla_immunisations ON clai_person_id = csdq_person_id
                          JOIN ssd_cla_substance_misuse ON clas_person_id = csdq_person_id
                          WHERE csdq_person_id = '868699'""").fetchone() == (38, "Y", "Y", "Y", "Y", "N")
    # 2017-oc3.csv row 2: 398768, DOB 17/12/1999, NREQ, G5, V1: 18 on 17/12/2017, in 2017-18.
    assert con.execute("""SELECT clea_care_leaver_birthday, clea_care_leaver_in_touch,
                                 clea_care_leaver_activity, clea_care_leaver_accommodation,
                                 clea_care_leaver_accom_suitable
                          FROM ssd_care_leavers WHERE clea_person_id = '398768'""").fetchone() == (
        date(2017, 12, 17), "NREQ", "G5", "V1", "Suitable")
    # 2017-uasc.csv row 2: 398768, DUC 12/12/2017
    assert con.execute("""SELECT immi_immigration_status, immi_immigration_status_end_date
                          FROM ssd_immigration_status WHERE immi_person_id = '398768'""").fetchone() == (
        "UASC", date(2017, 12, 12))


def test_messy_samples():
    con = store.connect()
    summary = load(con, MESSY)  # the year, 2020, is in the file names
    assert summary.rows_read == 10
    assert summary.rows_loaded == {"ssd_person": 2, "ssd_mother": 1, "ssd_cla_episodes": 5}
    findings = found(summary)
    episodes, header = "SSDA903_2020_episodes.csv", "SSDA903_2020_header.csv"
    for expected in [
        (episodes, None, "TEST_COLUMN", None, "column-not-in-spec"),
        (episodes, 3, "LS", "", "blank-mandatory"),
        (episodes, 5, "PL_POST", "2TR", "392c"),
        (episodes, 6, "RNE", "*DUMMY*", "143"),
        (header, 2, "UPN", "3412", "168"),
        (header, 6, "ETHNIC", "UNKN", "103"),
        (header, 3, None, None, "duplicate-key"),
        (header, 4, None, None, "duplicate-key"),
        (header, 6, None, None, "duplicate-key"),
    ]:
        assert expected in findings
    # Cells with problems are nulled; their rows are kept.
    assert con.execute("""SELECT clae_cla_episode_start_reason, clae_legal_status, clae_placement_postcode
                          FROM ssd_cla_episodes ORDER BY source_row""").fetchall() == [
        ("P", "V4", "T282WB"), ("S", None, "C251YT"), ("T", "J2", "C251YT"), ("L", "J3", None),
        (None, "V3", "P132TR")]
