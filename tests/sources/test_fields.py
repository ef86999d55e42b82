"""Each reader declares which source field fills which store column (docs/store.md reads it)."""

import importlib

import pytest

from cscperf.store.schema import TABLES_BY_NAME


@pytest.mark.parametrize("reader", ["cin_census", "annex_a", "ssd"])
def test_fields_name_store_columns_that_exist(reader):
    fields = importlib.import_module(f"cscperf.sources.{reader}").FIELDS
    assert fields
    for (part, field), target in fields.items():
        assert isinstance(part, str) and isinstance(field, str)
        table, column = target.split(" (")[0].split(".")  # a note in brackets may follow
        assert column in TABLES_BY_NAME[table].column_names, (part, field, target)
