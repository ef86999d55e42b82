"""Reading several authorities in worker processes and loading them in one go gives the same
store as loading each authority's folder in turn, and a bad folder among them changes nothing."""

from pathlib import Path

import pytest

from cscperf import sources, store
from cscperf.quality.findings import LoadError
from cscperf.sources.parallel import read_each
from cscperf.store.schema import TABLES
from tests.sources.test_ssd import EXPORT, write_export

# Two authorities' exports: the same files, one with a child more and a bad date (a finding).
OTHER = {**EXPORT, "ssd_person.csv": EXPORT["ssd_person.csv"] + "B9,F,not a date,WBRI,Dan\n"}


def folders(tmp_path: Path) -> list[tuple[str, list[Path]]]:
    return [("883", [write_export(tmp_path / "883")]), ("201", [write_export(tmp_path / "201", OTHER)])]


def contents(con) -> dict[str, list[tuple]]:
    """Every stored row, every table; load times aside (they differ from run to run)."""
    tables = [t.name for t in TABLES] + ["meta.load_files", "meta.findings", "meta.postcodes"]
    found = {name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr) for name in tables}
    found["meta.loads"] = con.execute("SELECT * EXCLUDE (started_at, finished_at) FROM meta.loads "
                                      "ORDER BY load_id").fetchall()
    return found


def test_several_authorities_load_as_they_do_one_by_one(tmp_path):
    one_by_one = store.connect()
    for la, paths in folders(tmp_path):
        store.load(one_by_one, sources.read_paths(paths, la=la))
    together = store.connect()
    summary = store.load(together, read_each(folders(tmp_path), workers=2))
    assert contents(together) == contents(one_by_one)
    assert contents(together)["ssd_person"]  # the comparison is not of two empty stores
    assert {f.rule for f in summary.findings} >= {"date-malformed"}
    assert together.execute("SELECT la, count(*) FROM ssd_person GROUP BY la ORDER BY la").fetchall() == \
        [("201", 4), ("883", 3)]


def test_a_bad_authority_among_several_changes_nothing(tmp_path):
    con = store.connect()
    bad = write_export(tmp_path / "bad", {"ssd_cin_episodes.csv": "cine_referral_id,cine_person_id\nR1,B1\n"})
    with pytest.raises(LoadError, match="ssd_cin_episodes.csv: .*no cine_referral_date column"):
        store.load(con, read_each([*folders(tmp_path), ("202", [bad])], workers=2))
    assert con.execute("SELECT count(*) FROM meta.loads").fetchone() == (0,)
    assert all(not rows for rows in contents(con).values())
