"""Areas by name (issue 11): each child's home postcode gives its district, its ward (through the
ONS postcode directory that `cscperf reference import` takes) and the authority's own locality
(from its localities file), and every indicator of a child can be broken down by them. A child
with no area says why: no home postcode, a postcode not in the lookup, a lookup not imported."""

import shutil
from pathlib import Path

import pytest

from cscperf.quality.findings import LoadError
from cscperf.reference.areas import read_localities, set_localities
from cscperf.reference.importer import import_reference

FIXTURES = Path(__file__).parents[1] / "reference" / "fixtures"


def _children(a):
    homes = {"A": "RM17 6SL", "B": "RM16 6AA", "C": "RM18 2AA", "D": "ZZ99 9ZZ", "E": "RM17 6ST"}
    for child, postcode in homes.items():
        a.child(child)
        a.home(child, postcode, district="E06000034" if child != "D" else None)
        a.referral(child, "2024-05-01")
    a.child("F")  # known only from the CIN census, which carries no postcode
    a.referral("F", "2024-05-01")


def _wards(a, tmp_path):
    shutil.copytree(FIXTURES / "lookups", tmp_path / "lookups")
    import_reference(a.con, tmp_path)


def test_wards_by_name_from_the_postcode_directory(authority, tmp_path):
    a = authority
    _children(a)
    everyone = {"No home postcode recorded": (1, None, 1), "Ward lookup not imported": (5, None, 5)}
    assert a.by("referrals", "2024-25", "ward") == everyone
    _wards(a, tmp_path)
    assert a.by("referrals", "2024-25", "ward") == {
        "Riverside Test Ward": (2, None, 2),  # A and E, in E05099901
        "Hilltop Test Ward": (1, None, 1),
        "Postcode not in the ward lookup": (2, None, 2),  # C has no ward in the directory; D is not in it
        "No home postcode recorded": (1, None, 1)}


def test_the_authoritys_own_localities(authority, tmp_path):
    a = authority
    _children(a)
    _wards(a, tmp_path)
    assert a.by("referrals", "2024-25", "locality")["No localities set"] == (5, None, 5)
    localities = tmp_path / "localities.csv"
    # a postcode sector, a ward code and a ward's name, as an authority may write them
    localities.write_text("Area,Locality\nrm17 6,Grays\nE05099902,Chafford and North Stifford\n")
    set_localities(a.con, localities)
    assert a.by("referrals", "2024-25", "locality") == {
        "Grays": (2, None, 2), "Chafford and North Stifford": (1, None, 1),
        "Not in any locality": (2, None, 2),  # C and D: sectors RM18 2 and ZZ99 9 are in no locality
        "No home postcode recorded": (1, None, 1)}
    # a new file changes the names, and replaces the old one whole
    localities.write_text("Hilltop Test Ward,North\nRM18 2,South\n")
    set_localities(a.con, localities)
    assert a.by("referrals", "2024-25", "locality") == {
        "North": (1, None, 1), "South": (1, None, 1), "Not in any locality": (3, None, 3),
        "No home postcode recorded": (1, None, 1)}


def test_districts_by_name(authority, tmp_path):
    a = authority
    _children(a)
    assert a.by("referrals", "2024-25", "district")["District E06000034"] == (4, None, 4)
    a.con.execute("INSERT INTO ref.ltla_utla VALUES (1, 'E06000034', 'Thurrock', 'E06000034', 'Thurrock')")
    assert a.by("referrals", "2024-25", "district") == {
        "Thurrock": (4, None, 4), "Home postcode not found": (1, None, 1), "No home postcode recorded": (1, None, 1)}


@pytest.mark.parametrize("text, problem", [
    ("RM17 6,Grays\nRM16 6\n", "localities.csv: row 2: expected two columns, an area"),
    ("RM17 6,Grays\nrm17  6,Tilbury\n", "localities.csv: row 2: rm17  6 is already in locality 'Grays' \\(row 1\\)"),
    ("Area,Locality\n", "localities.csv: has no localities"),
])
def test_a_localities_file_with_a_problem_changes_nothing(con, tmp_path, text, problem):
    path = tmp_path / "localities.csv"
    path.write_text("RM17 6,Grays\n")
    set_localities(con, path)
    path.write_text(text)
    with pytest.raises(LoadError, match=problem):
        set_localities(con, path)
    assert con.execute("SELECT area, locality FROM ref.localities").fetchall() == [("RM17 6", "Grays")]


def test_areas_are_read_as_keys(tmp_path):
    path = tmp_path / "localities.csv"
    path.write_text("rm176,Grays\nSW1A 1,Westminster\ne05099901,Riverside\n  Hilltop  Test Ward ,North\n")
    assert read_localities(path) == [("RM17 6", "Grays", 1), ("SW1A 1", "Westminster", 2),
                                     ("E05099901", "Riverside", 3), ("HILLTOP TEST WARD", "North", 4)]
