"""The loader: provenance, stacking by natural key, duplicates, and all-or-nothing loads."""

from datetime import date
from pathlib import Path

import pytest

from cscperf import store
from cscperf.quality.findings import LoadError
from cscperf.sources.batch import Batch
from cscperf.sources.files import SourceFile


def person_batch(tmp_path: Path, year: int, rows: list[tuple], name: str | None = None) -> Batch:
    path = tmp_path / (name or f"header_{year}.csv")
    path.write_text("placeholder")
    batch = Batch(format="test", la="883")
    index = batch.add_file(SourceFile.identify(path, "test", "header", year))
    for row_number, (child, sex) in enumerate(rows, start=2):
        batch.rows("ssd_person").add(index, row_number, pers_person_id=child, pers_sex=sex,
                                     pers_dob=date(2010, 1, 1))
    batch.rows_read = len(rows)
    return batch


def people(con):
    return con.execute("SELECT pers_person_id, pers_sex, collection_year FROM ssd_person "
                       "ORDER BY 1").fetchall()


def test_rows_carry_provenance(tmp_path):
    con = store.connect()
    summary = store.load(con, [person_batch(tmp_path, 2024, [("A1", "M"), ("B2", "F")])])
    assert summary.rows_loaded == {"ssd_person": 2}
    assert con.execute("SELECT DISTINCT la, load_id, source_file_id FROM ssd_person").fetchall() == [("883", 1, 1)]
    assert con.execute("SELECT source_row FROM ssd_person ORDER BY 1").fetchall() == [(2,), (3,)]
    name, size, sha = con.execute("SELECT name, size, sha256 FROM meta.load_files").fetchone()
    assert (name, size, len(sha)) == ("header_2024.csv", len("placeholder"), 64)


def test_later_return_replaces_earlier_whatever_the_load_order(tmp_path):
    for order in ([2024, 2025], [2025, 2024]):
        con = store.connect()
        sexes = {2024: "M", 2025: "F"}
        for year in order:
            store.load(con, [person_batch(tmp_path, year, [("A1", sexes[year])])])
        assert people(con) == [("A1", "F", 2025)]


def test_duplicate_key_in_one_file_is_a_finding_and_first_row_kept(tmp_path):
    con = store.connect()
    summary = store.load(con, [person_batch(tmp_path, 2024, [("A1", "M"), ("A1", "F")])])
    assert people(con) == [("A1", "M", 2024)]
    [finding] = [f for f in summary.findings if f.rule == "duplicate-key"]
    assert (finding.row, finding.table) == (3, "ssd_person")
    assert con.execute("SELECT count(*) FROM meta.findings WHERE rule = 'duplicate-key'").fetchone() == (1,)


def test_duplicate_key_in_a_superseded_file_is_still_a_finding(tmp_path):
    con = store.connect()
    batch = person_batch(tmp_path, 2024, [("A1", "M"), ("A1", "F"), ("B2", "F")])
    later = person_batch(tmp_path, 2025, [("A1", "F")])
    index = batch.add_file(later.files[0])
    batch.rows("ssd_person").add(index, 2, pers_person_id="A1", pers_sex="F", pers_dob=date(2010, 1, 1))
    summary = store.load(con, [batch])
    assert people(con) == [("A1", "F", 2025), ("B2", "F", 2024)]
    found = sorted((f.file, f.row, f.rule, str(f.severity), f.message) for f in summary.findings
                   if f.table == "ssd_person" and f.row is not None)
    assert found == [
        ("header_2024.csv", 2, "superseded-by-later-return", "info",
         "the 2025 return has this person id; its row was kept"),
        ("header_2024.csv", 3, "duplicate-key", "warning",
         "row 2 has the same person id; the 2025 return has it too, and its row was kept")]


def test_failed_load_changes_nothing(tmp_path):
    con = store.connect()
    store.load(con, [person_batch(tmp_path, 2024, [("A1", "M")])])
    good = person_batch(tmp_path, 2025, [("B2", "F")])
    bad = person_batch(tmp_path, 2025, [("C3", "F")], name="bad.csv")
    bad.rows("ssd_person").values["pers_dob"][0] = "not a date"
    with pytest.raises(LoadError, match="nothing was changed"):
        store.load(con, [good, bad])
    assert people(con) == [("A1", "M", 2024)]
    assert con.execute("SELECT count(*) FROM meta.loads").fetchone() == (1,)


def test_reloading_a_return_replaces_its_rows_with_a_blanked_key(tmp_path):
    con = store.connect()
    for _ in range(2):
        batch = person_batch(tmp_path, 2024, [("A1", "M"), (None, "F")])
        store.load(con, [batch])
    assert people(con) == [("A1", "M", 2024), (None, "F", 2024)]
