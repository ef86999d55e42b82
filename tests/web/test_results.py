"""The dashboard's results are computed once and kept until the data change."""

from __future__ import annotations

import threading
import time
from datetime import date

from cscperf import store
from cscperf.compare import analyst_files
from cscperf.outputs.web.results import Results
from cscperf.sources.batch import Batch
from cscperf.sources.files import SourceFile


def a_load(folder, la="883") -> Batch:
    path = folder / "header_2025.csv"
    path.write_text("placeholder")
    batch = Batch(format="test", la=la)
    index = batch.add_file(SourceFile.identify(path, "test", "header", 2025))
    batch.rows("ssd_person").add(index, 2, pers_person_id="Z9", pers_sex="F", pers_dob=date(2015, 1, 1))
    batch.rows_read = 1
    return batch


def test_computed_once_however_many_ask_and_again_after_a_load_or_an_edit(tmp_path):
    db = tmp_path / "cscperf.duckdb"
    con = store.connect(db)
    results, calls = Results(db, kept=512), []

    def compute():
        calls.append(1)
        time.sleep(0.05)
        return len(calls)
    askers = [threading.Thread(target=lambda: results.get(con.cursor(), ("k",), compute)) for _ in range(10)]
    for t in askers:
        t.start()
    for t in askers:
        t.join()
    assert len(calls) == 1 and results.get(con, ("k",), compute) == 1
    store.load(con, [a_load(tmp_path)])
    assert results.get(con, ("k",), compute) == 2  # a new load
    assert results.get(con, ("k",), compute) == 2
    analyst_files.TARGETS.path(db).write_text("# none yet\n")
    assert results.get(con, ("k",), compute) == 3  # an edited targets file


def test_only_the_most_recently_used_are_kept(tmp_path):
    con = store.connect(tmp_path / "cscperf.duckdb")
    results = Results(tmp_path / "cscperf.duckdb", kept=2)
    for key in ("a", "b", "a", "c"):
        results.get(con, (key,), lambda: key)
    assert results.get(con, ("b",), lambda: "again") == "again"
    assert results.get(con, ("c",), lambda: "again") == "c"
