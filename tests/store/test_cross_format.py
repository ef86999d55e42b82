"""Stacking across formats: a row from a later load replaces the earlier row with the same key,
but a column the later file does not carry keeps the earlier load's value (with a finding)."""

from datetime import date

from cscperf import sources, store
from tests.ssda903 import write


def ssd_export(folder, files: dict[str, str]):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load(con, path, year=None):
    return store.load(con, sources.read_paths([path], la="883", year=year))


def person(con, child):
    return con.execute("SELECT pers_sex, pers_dob, pers_is_mother, pers_upn, pers_nationality, "
                       "collection_year FROM ssd_person WHERE pers_person_id = ?", [child]).fetchone()


def kept(summary):
    return sorted((f.file, f.table, f.column, str(f.severity), f.message) for f in summary.findings
                  if f.rule == "kept-from-earlier-load")


HEADER = [{"CHILD": "A1", "SEX": "F", "DOB": "01/01/2008", "ETHNIC": "WBRI", "UPN": "A123456789012",
           "MOTHER": "1", "MC_DOB": "01/02/2024"},
          {"CHILD": "B2", "SEX": "M", "DOB": "01/01/2009", "ETHNIC": "WBRI", "UPN": "UN1"}]


def test_an_extract_after_the_returns_keeps_what_it_does_not_carry(tmp_path):
    con = store.connect()
    load(con, write(tmp_path / "SSDA903_2024_header.csv", HEADER))
    # The 2024-25 extract has no mother flag or UPN columns; it gives A1's sex as U.
    summary = load(con, ssd_export(tmp_path / "ssd", {
        "ssd_person.csv": "pers_person_id,pers_sex,pers_dob,pers_ethnicity,pers_nationality\n"
                          "A1,U,2008-01-01,WBRI,British\n"
                          "B2,M,2009-01-01,WBRI,\n"}), year=2025)
    assert person(con, "A1") == ("U", date(2008, 1, 1), "Y", "A123456789012", "British", 2025)
    assert person(con, "B2") == ("M", date(2009, 1, 1), None, None, None, 2025)  # not a mother
    assert con.execute("SELECT pers_upn_unknown FROM ssd_person WHERE pers_person_id = 'B2'").fetchone() == ("UN1",)
    message = "1 row(s) replacing earlier ones had no {}, which this file does not carry; the earlier load's value was kept"
    assert kept(summary) == [("ssd_person.csv", "ssd_person", column, "info", message.format(column))
                             for column in ("pers_is_mother", "pers_upn", "pers_upn_unknown")]


def test_returns_after_an_extract_keep_what_they_do_not_carry(tmp_path):
    con = store.connect()
    load(con, ssd_export(tmp_path / "ssd", {
        "ssd_person.csv": "pers_person_id,pers_sex,pers_dob,pers_nationality,pers_is_mother\n"
                          "A1,F,2008-01-01,British,N\n"
                          "B2,M,2009-01-01,Irish,Y\n"}), year=2024)
    summary = load(con, write(tmp_path / "SSDA903_2025_header.csv", HEADER))
    # The 903 carries MOTHER: a blank in it (B2) replaces the extract's value, as a later
    # return's blank does; it has no nationality, so the extract's is kept.
    assert person(con, "A1") == ("F", date(2008, 1, 1), "Y", "A123456789012", "British", 2025)
    assert person(con, "B2") == ("M", date(2009, 1, 1), None, None, "Irish", 2025)
    assert kept(summary) == [
        ("SSDA903_2025_header.csv", "ssd_person", "pers_nationality", "info", "2 row(s) replacing "
         "earlier ones had no pers_nationality, which this file does not carry; the earlier load's "
         "value was kept")]


def test_a_later_return_in_the_same_format_replaces_blanks_too(tmp_path):
    con = store.connect()
    load(con, write(tmp_path / "SSDA903_2024_header.csv", HEADER))
    summary = load(con, write(tmp_path / "SSDA903_2025_header.csv", [{**HEADER[0], "MOTHER": ""}]))
    assert person(con, "A1")[2] is None
    assert kept(summary) == []
