"""Loads keep the 903 and CIN census returns as submitted, replaced per authority, year and table,
and check each with the DfE's rules against last year's return in the store."""

from cscperf import sources, store

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"


def write(folder, name: str, text: str):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


def load(con, path):
    return store.load(con, sources.read_paths([path], la="883"))


def test_a_return_given_again_replaces_its_table_and_keeps_values_as_given(tmp_path, con):
    load(con, write(tmp_path / "a", "SSDA903_2025_header.csv", HEADER + "C1,M,01/06/2010,WBRI,UN1,,\n"))
    load(con, write(tmp_path / "b", "SSDA903_2025_header.csv", HEADER + "c2 ,male,2010-06-01,wbri,UN1,,\n"))
    rows = con.execute("SELECT la, collection_year, source_row, CHILD, SEX, DOB, ETHNIC "
                       "FROM ssda903.header").fetchall()
    # Only the second load's row, exactly as the file gave it (the store's tables read it as C2, M).
    assert rows == [("883", 2025, 2, "c2 ", "male", "2010-06-01", "wbri")]


def test_last_years_return_in_the_store_is_compared_with(tmp_path, con):
    load(con, write(tmp_path / "a", "SSDA903_2024_header.csv", HEADER + "C1,1,01/06/2010,WBRI,UN1,,\n"))
    summary = load(con, write(tmp_path / "b", "SSDA903_2025_header.csv", HEADER + "C1,M,02/06/2010,WBRI,UN1,,\n"))
    [dob] = [f for f in summary.findings if f.rule == "203"]
    assert (dob.file, dob.row, dob.column, dob.value, dob.child, str(dob.severity)) == (
        "SSDA903_2025_header.csv", 2, "DOB", "02/06/2010", "C1", "error")
    stored = con.execute("SELECT count(*) FROM meta.findings WHERE rule = '203' AND child = 'C1'").fetchone()
    assert stored == (1,)
