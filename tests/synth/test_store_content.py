"""A load writes the same store whichever way its rows go in: straight in, when the store holds
nothing of the authority's in a table and the files no key twice (every table of a national
load), or through the steps that report and replace rows (every table when the same files are
loaded again). Checked on a synthetic authority in each format."""

import pytest

from cscperf import sources, store
from cscperf.store.schema import TABLES

# Which load and file a row came from: a second load's own numbers.
NOT_COMPARED = {"load_id", "source_file_id"}


def content(con) -> dict[str, list[tuple]]:
    found = {}
    for table in TABLES:
        columns = [c for c in (*table.column_names, "la", "source_row", "collection_year")
                   if c not in NOT_COMPARED]
        found[table.name] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table.name}").fetchall(),
                                   key=repr)
    return found


@pytest.mark.parametrize("folder", ["ssda903", "cin_census", "annex_a", "ssd"])
def test_once_straight_in_is_the_same_store_as_again_through_every_step(small, folder):
    out, _ = small
    once, twice = store.connect(), store.connect()
    store.load(once, sources.read_paths([out / folder], la="857"))
    for _ in range(2):
        summary = store.load(twice, sources.read_paths([out / folder], la="857"))
    assert any(f.rule == "replaced-by-this-load" for f in summary.findings)  # the second went through every step
    first, second = content(once), content(twice)
    assert sum(map(len, first.values())) > 1000
    assert {name: rows for name, rows in first.items() if rows != second[name]} == {}
