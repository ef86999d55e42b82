"""Periods of care, placements, legal status spells and distances derived from 903 episodes,
checked against expectations worked out by hand."""

from datetime import date

from cscperf import store
from cscperf.store import derive
from tests.ssda903 import load, write

HOME, NEAR, FAR = "SW1A 1AA", "W1A 0AX", "B1 1AA"


def episode(decom, rne, ls, place, dec="", rec="", provider="PR1", home=HOME, placed=NEAR, urn="",
            reason="", child="A1"):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place,
            "PLACE_PROVIDER": provider, "DEC": dec, "REC": rec, "REASON_PLACE_CHANGE": reason,
            "HOME_POST": home, "PL_POST": placed, "URN": urn}


# One child in the 2024 return (April 2023 to March 2024).
EPISODES_2024 = [
    episode("01/04/2023", "S", "C2", "U1", "10/05/2023", "X1", urn="SC1"),        # starts care
    episode("10/05/2023", "L", "C1", "U1", "01/07/2023", "X1", urn="SC1", reason="CARPL"),
    episode("01/07/2023", "P", "C1", "U3", "15/08/2023", "X1", "PR2", placed=FAR, urn="SC2"),
    episode("15/08/2023", "T", "C1", "U4", "01/09/2023", "X1", "PR2", placed=FAR, urn="SC2"),
    episode("01/09/2023", "U", "E1", "U4", "20/12/2023", "E11", "PR2", placed=FAR, urn="SC2"),
    episode("05/02/2024", "S", "V2", "U6", provider="PR3", placed=NEAR),          # a new period
]


def test_periods_placements_and_legal_status(tmp_path):
    con = store.connect()
    load(con, write(tmp_path / "SSDA903_2024_episodes.csv", EPISODES_2024))
    assert con.execute("""SELECT clae_cla_episode_start_date, clae_cla_id, clae_entered_care_date,
                                 clae_cla_placement_id FROM ssd_cla_episodes ORDER BY 1""").fetchall() == [
        (date(2023, 4, 1), "cla-A1-20230401", date(2023, 4, 1), "plac-A1-20230401"),
        (date(2023, 5, 10), "cla-A1-20230401", date(2023, 4, 1), "plac-A1-20230401"),  # L: same carer
        (date(2023, 7, 1), "cla-A1-20230401", date(2023, 4, 1), "plac-A1-20230701"),   # P: new carer
        (date(2023, 8, 15), "cla-A1-20230401", date(2023, 4, 1), "plac-A1-20230701"),  # T: same carer
        (date(2023, 9, 1), "cla-A1-20230401", date(2023, 4, 1), "plac-A1-20230701"),   # U: same carer
        (date(2024, 2, 5), "cla-A1-20240205", date(2024, 2, 5), "plac-A1-20240205"),   # S: new period
    ]
    # Type, provider, postcode and URN from the first episode; end and its reason from the last.
    # Distances: SW1A 1AA is at (529090, 179645), W1A 0AX at (531073, 182317), B1 1AA at
    # (406649, 286530). sqrt(1983² + 2672²) = 3327.4 m = 2.07 miles -> 2.1;
    # sqrt(122441² + 106885²) = 162530.6 m = 100.99 miles -> 101.0.
    assert con.execute("""
        SELECT clap_cla_placement_id, clap_cla_id, clap_cla_placement_start_date,
               clap_cla_placement_end_date, clap_cla_placement_type, clap_cla_placement_provider,
               clap_cla_placement_postcode, clap_cla_placement_urn, clap_cla_placement_distance,
               clap_cla_placement_change_reason, clap_derived, source_row, collection_year
        FROM ssd_cla_placement ORDER BY 3""").fetchall() == [
        ("plac-A1-20230401", "cla-A1-20230401", date(2023, 4, 1), date(2023, 7, 1), "U1", "PR1",
         "W1A0AX", "SC1", 2.1, "CARPL", "Y", 2, 2024),
        ("plac-A1-20230701", "cla-A1-20230401", date(2023, 7, 1), date(2023, 12, 20), "U3", "PR2",
         "B11AA", "SC2", 101.0, None, "Y", 4, 2024),
        ("plac-A1-20240205", "cla-A1-20240205", date(2024, 2, 5), None, "U6", "PR3",
         "W1A0AX", None, 2.1, None, "Y", 7, 2024),
    ]
    assert con.execute("""
        SELECT lega_legal_status, lega_legal_status_start_date, lega_legal_status_end_date, lega_derived
        FROM ssd_legal_status ORDER BY 2""").fetchall() == [
        ("C2", date(2023, 4, 1), date(2023, 5, 10), "Y"),
        ("C1", date(2023, 5, 10), date(2023, 9, 1), "Y"),
        ("E1", date(2023, 9, 1), date(2023, 12, 20), "Y"),
        ("V2", date(2024, 2, 5), None, "Y"),
    ]
    assert con.execute("SELECT * FROM meta.postcodes ORDER BY 1").fetchall() == [
        ("B11AA", 406649.0, 286530.0, "E08000025"), ("SW1A1AA", 529090.0, 179645.0, "E09000033"),
        ("W1A0AX", 531073.0, 182317.0, "E09000019")]


def test_distance_from_coordinates_in_the_store(tmp_path):
    # Postcodes not in the directory are kept (with a finding); coordinates already in
    # meta.postcodes are used: 3 km east and 4 km north is 5000 m = 3.107 miles -> 3.1.
    con = store.connect()
    con.execute("INSERT INTO meta.postcodes VALUES ('ZZ11AA', 400000, 300000, NULL), "
                "('ZZ22BB', 403000, 304000, NULL)")
    summary = load(con, write(tmp_path / "SSDA903_2024_episodes.csv",
                              [episode("01/04/2023", "S", "C2", "U1", home="ZZ1 1AA", placed="ZZ2 2BB")]))
    assert con.execute("SELECT clap_cla_placement_distance FROM ssd_cla_placement").fetchall() == [(3.1,)]
    assert {(f.column, f.value, f.rule) for f in summary.findings} == {
        ("HOME_POST", "ZZ1 1AA", "392c"), ("PL_POST", "ZZ2 2BB", "392c")}


def test_rows_from_other_sources_are_left_alone(tmp_path):
    con = store.connect()
    con.execute("""INSERT INTO ssd_legal_status (lega_legal_status_id, lega_person_id, lega_legal_status,
                   lega_legal_status_start_date, la) VALUES ('SSD-1', 'A1', 'C2', DATE '2023-04-01', '883')""")
    load(con, write(tmp_path / "SSDA903_2024_episodes.csv", EPISODES_2024[:2]))
    # The derived C2 spell has the same start as the SSD row, so that row stands instead.
    assert con.execute("""SELECT lega_legal_status_id, lega_legal_status, lega_derived
                          FROM ssd_legal_status ORDER BY lega_legal_status_start_date""").fetchall() == [
        ("SSD-1", "C2", None), ("lega-A1-20230510", "C1", "Y")]


def test_derivation_is_idempotent(tmp_path):
    con = store.connect()
    load(con, write(tmp_path / "SSDA903_2024_episodes.csv", EPISODES_2024))
    tables = ("ssd_cla_episodes", "ssd_cla_placement", "ssd_legal_status")
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    assert derive.run(con, "883") == []
    assert {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables} == before
