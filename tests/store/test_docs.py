"""docs/store.md is generated from the code by cog and must be current."""

from cogapp import Cog

from tests.conftest import ROOT


def test_store_doc_is_current():
    status = Cog().main(["cog", "--check", str(ROOT / "docs" / "store.md")])
    assert status == 0, "docs/store.md is out of date: run `cog -r docs/store.md`"


def test_every_store_column_is_in_the_doc():
    from cscperf.store.schema import TABLES

    text = (ROOT / "docs" / "store.md").read_text()
    for table in TABLES:
        assert f"### {table.name}" in text
        for column in table.columns:
            assert f"`{column.name}`" in text
