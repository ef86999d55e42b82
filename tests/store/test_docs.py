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


def test_each_readers_field_map_is_shown_against_the_columns():
    from cscperf.store.docs import store_markdown

    text = store_markdown({"census": {("Child", "Sex"): ("ssd_person.pers_sex (1 as M)",),
                                      ("Child", "Note"): ("(not stored)",)}})
    assert "| `pers_sex` | VARCHAR | Sex: M, F or U" in text and "| census Child.Sex |" in text
    assert "| Child | Sex | `ssd_person.pers_sex` (1 as M) |" in text
    assert "| Child | Note | (not stored) |" in text
