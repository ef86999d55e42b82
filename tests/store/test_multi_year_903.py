"""Several years of 903 returns stack into one history: re-submitted rows replace earlier ones,
and episodes left open in one return are repaired, with the reason, from the next."""

from datetime import date

import pytest

from cscperf import store
from cscperf.store import derive
from tests.ssda903 import load, write


def episode(child, decom, rne, ls, dec="", rec=""):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": "U1",
            "DEC": dec, "REC": rec}


def person(child, ethnic):
    return {"CHILD": child, "SEX": "1", "DOB": "01/01/2012", "ETHNIC": ethnic, "UPN": "UN1"}


def write_returns(folder):
    """2023 (April 2022 to March 2023) and 2024 returns for children A, B and C."""
    y2023, y2024 = folder / "2023", folder / "2024"
    y2023.mkdir()
    y2024.mkdir()
    write(y2023 / "SSDA903_2023_header.csv", [person("A", "WBRI"), person("B", "WBRI"), person("C", "WBRI")])
    write(y2023 / "SSDA903_2023_episodes.csv", [
        episode("A", "01/06/2022", "S", "C2"),                     # row 2: open; A is back in 2024
        episode("B", "01/09/2022", "S", "V2"),                     # row 3: open; B is not in 2024
        episode("C", "01/05/2022", "S", "C2", "01/08/2022", "X1"),  # row 4: LS corrected in 2024
        episode("C", "01/08/2022", "P", "C2"),                     # row 5: closed by the 2024 return
    ])
    # A's ethnicity is corrected in 2024; B has left care.
    write(y2024 / "SSDA903_2024_header.csv", [person("A", "WIRI"), person("C", "WBRI")])
    write(y2024 / "SSDA903_2024_episodes.csv", [
        episode("A", "10/10/2023", "S", "C1"),
        episode("C", "01/05/2022", "S", "C1", "01/08/2022", "X1"),
        episode("C", "01/08/2022", "P", "C1", "01/12/2023", "E11"),
    ])
    return y2023, y2024


def episodes(con):
    return con.execute("""
        SELECT clae_person_id, clae_cla_episode_start_date, clae_legal_status,
               clae_cla_episode_ceased_date, clae_repair_reason, collection_year
        FROM ssd_cla_episodes ORDER BY 1, 2""").fetchall()


EXPECTED = [
    ("A", date(2022, 6, 1), "C2", date(2023, 10, 10),
     "open in the 2023 return; the 2024 return has a later episode for this child, starting 10/10/2023", 2023),
    ("A", date(2023, 10, 10), "C1", None, None, 2024),
    ("B", date(2022, 9, 1), "V2", date(2023, 3, 31),
     "open in the 2023 return; the child is not in the 2024 return", 2023),
    ("C", date(2022, 5, 1), "C1", date(2022, 8, 1), None, 2024),
    ("C", date(2022, 8, 1), "C1", date(2023, 12, 1), None, 2024),
]


def snapshot(con):
    """The derived history, without load and file ids (which depend on load order)."""
    return {table: con.execute(f"SELECT * EXCLUDE (load_id, source_file_id) FROM {table} ORDER BY ALL").fetchall()
            for table in ("ssd_person", "ssd_cla_episodes", "ssd_cla_placement", "ssd_legal_status")}


def test_resubmitted_rows_replaced_and_open_episodes_repaired(tmp_path):
    y2023, y2024 = write_returns(tmp_path)
    con = store.connect()
    first = load(con, y2023)
    # With only 2023 loaded there is nothing to repair from.
    assert [row[3] for row in episodes(con) if row[0] in "AB"] == [None, None]
    assert not [f for f in first.findings if f.rule == "open-episode-closed"]

    second = load(con, y2024)
    assert episodes(con) == EXPECTED
    assert con.execute("SELECT pers_person_id, pers_ethnicity, collection_year FROM ssd_person "
                       "ORDER BY 1").fetchall() == [("A", "WIRI", 2024), ("B", "WBRI", 2023), ("C", "WBRI", 2024)]
    repairs = sorted((f.file, f.row, f.column, f.value, str(f.severity))
                     for f in second.findings if f.rule == "open-episode-closed")
    assert repairs == [("SSDA903_2023_episodes.csv", 2, "DEC", "2023-10-10", "info"),
                       ("SSDA903_2023_episodes.csv", 3, "DEC", "2023-03-31", "info")]
    assert {(f.table, f.rule) for f in second.findings} >= {
        ("ssd_cla_episodes", "replaced-by-this-load"), ("ssd_person", "replaced-by-this-load")}
    # The repaired ceased dates shape the periods, placements and legal statuses.
    assert con.execute("""SELECT lega_person_id, lega_legal_status, lega_legal_status_start_date,
                                 lega_legal_status_end_date FROM ssd_legal_status ORDER BY 1, 3""").fetchall() == [
        ("A", "C2", date(2022, 6, 1), date(2023, 10, 10)), ("A", "C1", date(2023, 10, 10), None),
        ("B", "V2", date(2022, 9, 1), date(2023, 3, 31)), ("C", "C1", date(2022, 5, 1), date(2023, 12, 1))]
    # Runs after the load redo the same repairs and report nothing new.
    assert derive.run(con, "883") == []
    assert episodes(con) == EXPECTED


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_history_does_not_depend_on_load_order(tmp_path, order):
    folders = write_returns(tmp_path)
    together = store.connect()
    load(together, *folders)
    one_by_one = store.connect()
    for i in order:
        load(one_by_one, folders[i])
    assert episodes(one_by_one) == EXPECTED
    assert snapshot(one_by_one) == snapshot(together)


def test_repairs_are_per_authority(tmp_path):
    y2023, y2024 = write_returns(tmp_path)
    con = store.connect()
    load(con, y2023, la="883")
    load(con, y2024, la="884")  # another authority's next return repairs nothing here
    assert con.execute("SELECT count(*) FROM ssd_cla_episodes WHERE clae_repair_reason IS NOT NULL"
                       ).fetchone() == (0,)
