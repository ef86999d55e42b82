"""What authorities' systems really produce, read without loss: every change is normalised or
reported, structural problems stop the load and name the file."""

import re
from datetime import date

import pytest

from cscperf import sources, store
from cscperf.quality.findings import LoadError
from cscperf.sources.collection_year import from_name
from tests.ssda903 import found, load, write


def one(con, sql):
    return con.execute(sql).fetchall()


@pytest.mark.parametrize("name, year", [
    ("SSDA903_2025_episodes.csv", 2025), ("903 2024-25 header.csv", 2025), ("oc2_2024_25.csv", 2025),
    ("oc2_2425.csv", 2025), ("episodes_1920.csv", 2020), ("2021-episodes.csv", 2021),
    ("2017-episodes.csv", 2017), ("episodes 2017-2018.csv", 2018), ("SSDA903_202324_uasc.csv", 2024),
    ("header.csv", None), ("header_2019_2022.csv", None), ("export_20240401.csv", None),
])
def test_collection_year_from_the_file_name(name, year):
    assert from_name(name) == year


def test_format_and_table_come_from_the_content(tmp_path):
    path = write(tmp_path / "SSDA903_2024_episodes.csv", [], header=["CHILD", "SEX", "DOB", "ETHNIC",
                                                                      "UPN", "MOTHER", "MC_DOB"])
    [batch] = sources.read_paths([path], la="883")
    assert [(f.format, f.part, f.collection_year) for f in batch.files] == [("ssda903", "header", 2024)]


def test_ids_dates_encodings_and_headers_as_exported(tmp_path):
    con = store.connect()
    # UTF-8 with a byte-order mark, headers in other cases and spacing.
    header = write(tmp_path / "SSDA903_2024_header.csv", [
        [" 12 34 ", "Male", "2012-04-01", "wbri", "un4", "", ""],
        ["ab12", "2", "41000", "WBRI", "A12345678901B", "1.0", "01/04/2023 00:00:00"],
        ["123.0", "1", "1/4/2012", "WBRI", "a123456789012", "no", ""],
    ], header=["child", " Sex ", "DOB", "Ethnic", "upn", "MOTHER", "mc dob"], encoding="utf-8-sig")
    # Windows-1252: an en dash and an accent in the free-text LA name.
    permanence = write(tmp_path / "SSDA903_2024_previous_permanence.csv", [
        ["1234", "01/04/2012", "P1", "Rhondda Cynon Taf – Pontypridd é", "zz/05/2015"],
        ["AB12", "01/04/2012", "P2", "", "2015-05-03"],
        ["123", "01/04/2012", "P3", "", "32/13/2015"],
    ], encoding="cp1252")
    summary = load(con, header, permanence)
    # 41000 is Excel's serial number for 2012-04-01.
    assert one(con, """SELECT pers_person_id, pers_sex, pers_dob, pers_ethnicity, pers_upn, pers_upn_unknown,
                              pers_is_mother FROM ssd_person ORDER BY 1""") == [
        ("123", "M", date(2012, 4, 1), "WBRI", "A123456789012", None, "N"),
        ("1234", "M", date(2012, 4, 1), "WBRI", None, "UN4", None),
        ("AB12", "F", date(2012, 4, 1), "WBRI", "A12345678901B", None, "Y")]
    assert one(con, "SELECT moth_person_id, moth_childs_dob FROM ssd_mother") == [("AB12", date(2023, 4, 1))]
    assert one(con, """SELECT lapp_person_id, lapp_previous_permanence_option, lapp_previous_permanence_la,
                              lapp_previous_permanence_order_date FROM ssd_cla_previous_permanence ORDER BY 1""") == [
        ("123", "P3", None, None),
        ("1234", "P1", "Rhondda Cynon Taf – Pontypridd é", "zz/05/2015"),
        ("AB12", "P2", None, "03/05/2015")]
    findings = found(summary)
    assert ("SSDA903_2024_header.csv", 2, "CHILD", " 12 34 ", "id-normalised") in findings
    assert ("SSDA903_2024_header.csv", 4, "CHILD", "123.0", "id-normalised") in findings
    assert ("SSDA903_2024_previous_permanence.csv", 4, "DATE_PERM", "32/13/2015", "632") in findings
    assert len(found(summary, "632")) == 1


def test_codes_and_dates_that_do_not_fit_are_findings_and_the_row_is_kept(tmp_path):
    con = store.connect()
    path = write(tmp_path / "SSDA903_2024_episodes.csv", [
        {"CHILD": "A", "DECOM": "31/02/2023", "RNE": "S", "LS": "C9", "CIN": "N1", "PLACE": "U1",
         "DEC": "soon", "PLACE_PROVIDER": "pr1", "HOME_POST": "not a postcode"},
    ])
    summary = load(con, path)
    assert found(summary) == [
        (path.name, 2, "DECOM", "31/02/2023", "141"), (path.name, 2, "LS", "C9", "144"),
        (path.name, 2, "DEC", "soon", "147"), (path.name, 2, "HOME_POST", "not a postcode", "392c")]
    assert one(con, """SELECT clae_person_id, clae_cla_episode_start_date, clae_legal_status,
                              clae_placement_provider FROM ssd_cla_episodes""") == [("A", None, None, "PR1")]


def test_overlapping_episodes_of_a_child_are_findings_on_the_later_row(tmp_path):
    con = store.connect()
    episode = {"RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", "PLACE_PROVIDER": "PR1", "REC": "X1"}
    path = write(tmp_path / "SSDA903_2024_episodes.csv", [{**episode, "CHILD": c, "DECOM": s, "DEC": e} for c, s, e in (
        ("A", "01/04/2023", "01/06/2023"),  # row 2
        ("A", "01/06/2023", "10/08/2023"),  # 3: starts the day 2 ceases: no overlap
        ("A", "15/07/2023", ""),            # 4: starts before 3 ceases
        ("B", "01/05/2023", "01/09/2023"),  # 5
        ("B", "01/04/2023", "20/04/2023"),  # 6: earlier, and ceased before 5 starts: no overlap
        ("C", "10/05/2023", "01/03/2024"),  # 7
        ("C", "01/05/2023", "20/05/2023"),  # 8: earlier, but 7 starts before it ceases
        ("D", "01/04/2023", "01/03/2024"),  # 9
        ("D", "01/05/2023", "01/06/2023"),  # 10: inside 9
        ("D", "01/07/2023", "01/08/2023"),  # 11: inside 9, after 10
        ("E", "01/04/2023", "01/05/2023"),  # 12
        ("E", "01/04/2023", "01/05/2023"),  # 13: the same start is a duplicate, not an overlap
    )])
    summary = load(con, path)
    overlaps = [(f.row, f.column, f.value, str(f.severity), f.message) for f in summary.findings
                if f.rule == "episodes-overlap"]
    assert overlaps == [
        (4, "DECOM", "15/07/2023", "warning", "overlaps the child's episode at row 3: one starts "
         "before the other has ceased; both kept as given"),
        (8, "DECOM", "01/05/2023", "warning", "overlaps the child's episode at row 7: one starts "
         "before the other has ceased; both kept as given"),
        (10, "DECOM", "01/05/2023", "warning", "overlaps the child's episode at row 9: one starts "
         "before the other has ceased; both kept as given"),
        (11, "DECOM", "01/07/2023", "warning", "overlaps the child's episode at row 9: one starts "
         "before the other has ceased; both kept as given")]
    assert found(summary, "duplicate-key") == [(path.name, 13, None, None, "duplicate-key")]
    assert one(con, "SELECT count(*) FROM ssd_cla_episodes") == [(11,)]  # all but the duplicate


def test_the_years_code_lists_apply(tmp_path):
    con = store.connect()
    rows = [{"CHILD": "A", "SEX": "M", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1"},
            {"CHILD": "B", "SEX": "1", "DOB": "01/01/2010", "ETHNIC": "WBRI", "UPN": "UN1"}]
    summary = load(con, write(tmp_path / "SSDA903_2025_header.csv", rows),
                   write(tmp_path / "SSDA903_2025_uasc.csv", [{"CHILD": "B", "SEX": "1", "DOB": "01/01/2010"}]))
    # From 2025 the header's sex is M/F/U; the uasc table still accepts 1 and 2.
    assert found(summary) == [("SSDA903_2025_header.csv", 3, "SEX", "1", "101")]
    assert one(con, "SELECT pers_person_id, pers_sex FROM ssd_person ORDER BY 1") == [("A", "M"), ("B", None)]


def test_care_leaver_birthday_in_the_collection_year(tmp_path):
    con = store.connect()
    summary = load(con, write(tmp_path / "SSDA903_2023_oc3.csv", [
        # Born on 29 February: 19 on 1 March 2023, in 2022-23.
        {"CHILD": "A", "DOB": "29/02/2004", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "S2"},
        {"CHILD": "B", "DOB": "01/04/2010", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "S1"},  # 12
    ]))
    assert one(con, """SELECT clea_person_id, clea_care_leaver_birthday, clea_care_leaver_accom_suitable
                       FROM ssd_care_leavers ORDER BY 1""") == [
        ("A", date(2023, 3, 1), "Unsuitable"), ("B", None, "Suitable")]
    assert found(summary) == [("SSDA903_2023_oc3.csv", 3, "DOB", "01/04/2010", "391")]


def test_adoption_tables_make_one_permanence_record(tmp_path):
    con = store.connect()
    summary = load(con, write(tmp_path / "SSDA903_2024_ad1.csv", [
        {"CHILD": "A", "DOB": "01/01/2020", "DATE_INT": "01/06/2022", "DATE_MATCH": "01/09/2022",
         "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"}]),
        write(tmp_path / "SSDA903_2024_placed_for_adoption.csv", [
            {"CHILD": "A", "DOB": "01/01/2020", "DATE_PLACED": "01/06/2022"},
            {"CHILD": "A", "DOB": "01/01/2020", "DATE_PLACED": "01/06/2022", "REASON_PLACED_CEASED": "RD1"},
            {"CHILD": "B", "DOB": "01/01/2021", "DATE_PLACED": "01/02/2023", "DATE_PLACED_CEASED": "01/03/2023",
             "REASON_PLACED_CEASED": "RD2"},
            {"CHILD": "B", "DOB": "01/01/2021", "DATE_PLACED": "01/02/2023", "REASON_PLACED_CEASED": "RD3"}]))
    assert one(con, """SELECT perm_person_id, perm_adm_decision_date, perm_matched_date, perm_adopted_by_carer_flag,
                              perm_number_of_adopters, perm_adopter_sex, perm_adopter_legal_status,
                              perm_decision_reversed_date, perm_decision_reversed_reason
                       FROM ssd_permanence ORDER BY 1""") == [
        ("A", date(2022, 6, 1), date(2022, 9, 1), "N", 2, "MF", "L0", None, "RD1"),
        ("B", date(2023, 2, 1), None, None, None, None, None, date(2023, 3, 1), "RD2")]
    assert found(summary) == [("SSDA903_2024_placed_for_adoption.csv", 5, "REASON_PLACED_CEASED", "RD3",
                               "conflicting-values")]


def test_social_workers_become_involvements_and_professionals(tmp_path):
    con = store.connect()
    load(con, write(tmp_path / "SSDA903_2024_social_worker.csv", [
        {"CHILD": "A", "DOB": "01/01/2015", "SW_ID": "sw 1", "SW_DECOM": "01/04/2023", "SW_DEC": "01/07/2023",
         "SW_REASON": "LEFTRL"},
        {"CHILD": "A", "DOB": "01/01/2015", "SW_ID": "SW2", "SW_DECOM": "01/07/2023"},
        {"CHILD": "B", "DOB": "01/01/2016", "SW_ID": "SW1", "SW_DECOM": "01/05/2023"}]))
    assert one(con, "SELECT prof_professional_id FROM ssd_professionals ORDER BY 1") == [("SW1",), ("SW2",)]
    assert one(con, """SELECT invo_person_id, invo_professional_id, invo_involvement_start_date,
                              invo_involvement_end_date, invo_worker_change_reason
                       FROM ssd_involvements ORDER BY 1, 3""") == [
        ("A", "SW1", date(2023, 4, 1), date(2023, 7, 1), "LEFTRL"), ("A", "SW2", date(2023, 7, 1), None, None),
        ("B", "SW1", date(2023, 5, 1), None, None)]


DOLO = ["CHILD", "DOB", "DOLO_START", "DOLO_END"]


def test_deprivation_of_liberty_orders_from_the_2026_27_return(tmp_path):
    # A peer's test set as it comes: the tables named by themselves, the year given, DoLo.csv among them.
    con = store.connect()
    header = write(tmp_path / "header.csv", [["A", "M", "01/01/2012", "WBRI", "UN1", "", ""]],
                   header=["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])
    dolo = write(tmp_path / "DoLo.csv", [["a ", "01/01/2012", "01/05/2026", "01/09/2026"],
                                         ["A", "01/01/2012", "2026-10-01", ""],
                                         ["B", "01/01/2013", "31/02/2026", ""]], header=DOLO)
    summary = load(con, header, dolo, year=2027)
    assert one(con, "SELECT dolo_person_id, dolo_start_date, dolo_end_date, source_row FROM "
                    "ssd_deprivation_of_liberty ORDER BY 2 NULLS FIRST") == [
        ("B", None, None, 4), ("A", date(2026, 5, 1), date(2026, 9, 1), 2), ("A", date(2026, 10, 1), None, 3)]
    # DfE rule 700: the start of a DoLO is not a valid date.
    assert (dolo.name, 4, "DOLO_START", "31/02/2026", "700") in found(summary)


def test_a_table_the_years_return_does_not_have_is_a_warning(tmp_path):
    con = store.connect()
    header = write(tmp_path / "SSDA903_2025_header.csv", [["A", "M", "01/01/2012", "WBRI", "UN1", "", ""]],
                   header=["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])
    dolo = write(tmp_path / "SSDA903_2025_dolo.csv", [["A", "01/01/2012", "01/05/2024", ""]], header=DOLO)
    workers = write(tmp_path / "SSDA903_2023_social_worker.csv", [])
    summary = load(con, header, dolo, workers)
    assert summary.rows_loaded == {"ssd_person": 1}
    assert [(f.file, f.rule, str(f.severity), f.message) for f in summary.findings] == [
        (dolo.name, "table-not-in-year", "warning", "the 903 dolo table is part of the return from 2027, not "
         "in 2025; not loaded (if the file is from a later return, give its year)"),
        (workers.name, "table-not-in-year", "warning", "the 903 social_worker table is part of the return "
         "from 2024, not in 2023; not loaded (if the file is from a later return, give its year)")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_text_exports_are_read(tmp_path, encoding):
    # Excel's "Unicode Text" is UTF-16 (with a byte-order mark) and tab-delimited.
    con = store.connect()
    text = "CHILD\tSEX\tDOB\tETHNIC\tUPN\tMOTHER\tMC_DOB\r\nÉlan 1\t2\t01/01/2012\tWBRI\tUN1\t\t\r\n"
    path = tmp_path / "SSDA903_2024_header.txt"
    path.write_bytes(text.encode(encoding))
    summary = load(con, path)
    assert one(con, "SELECT pers_person_id, pers_sex, pers_dob FROM ssd_person") == [
        ("ÉLAN1", "F", date(2012, 1, 1))]
    assert [f.rule for f in summary.findings] == ["id-normalised"]


def test_columns_extra_or_missing_and_files_with_no_rows(tmp_path):
    con = store.connect()
    episodes = write(tmp_path / "SSDA903_2024_episodes.csv", [["A", "01/04/2023", "S", "C2", "N1", "U1", "x", "y"]],
                     header=["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "NOTES"])
    reviews = write(tmp_path / "SSDA903_2024_reviews.csv", [])
    summary = load(con, episodes, reviews)
    findings = found(summary)
    assert (episodes.name, None, "NOTES", None, "column-not-in-spec") in findings
    assert (episodes.name, 2, None, "y", "extra-cells") in findings
    assert (episodes.name, None, "URN", None, "column-missing") in findings
    assert (reviews.name, None, None, None, "no-rows") in findings
    assert summary.rows_loaded == {"ssd_cla_episodes": 1}


@pytest.mark.parametrize("name, content, message", [
    ("SSDA903_2024_episodes.csv", "CHILD,DECOM,RNE,LS,CIN\r\nA,01/04/2023,S,C2,N1\r\n",
     "the 903 episodes table needs column(s) PLACE"),
    ("episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE\r\n", "give it with --year"),
])
def test_structural_problems_stop_the_load_and_name_the_file(tmp_path, name, content, message):
    con = store.connect()
    good = write(tmp_path / "SSDA903_2024_header.csv", [{"CHILD": "A", "SEX": "1", "DOB": "01/01/2010",
                                                          "ETHNIC": "WBRI", "UPN": "UN1"}])
    bad = tmp_path / name
    bad.write_text(content)
    with pytest.raises(LoadError, match=re.escape(message)) as error:
        load(con, good, bad)
    assert error.value.file == name
    assert one(con, "SELECT count(*) FROM ssd_person") == [(0,)]
    assert one(con, "SELECT count(*) FROM meta.loads") == [(0,)]


def test_year_given_overrides_the_name(tmp_path):
    con = store.connect()
    load(con, write(tmp_path / "episodes.csv", [{"CHILD": "A", "DECOM": "01/04/2023", "RNE": "S", "LS": "C2",
                                                  "CIN": "N1", "PLACE": "U1"}]), year=2024)
    assert one(con, "SELECT collection_year FROM ssd_cla_episodes") == [(2024,)]
