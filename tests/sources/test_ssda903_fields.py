"""The field map is what the reader does: a valid row of every table fills every store column
FIELDS names, and every field of every year is mapped (or said not to be stored)."""

import re

import pytest

from cscperf import store
from cscperf.sources.schemas.ssda903 import CHANGES, schema
from cscperf.sources.ssda903 import FIELDS
from cscperf.store.schema import TABLES_BY_NAME
from tests.ssda903 import found, load, write

VALUES = {"id": "A1", "upn": "A123456789012", "text": "Somewhere", "date": "01/06/2005",
          "partial_date": "zz/05/2015", "int": "2", "postcode": "SW1A 1AA"}


def valid_row(fields: dict) -> dict:
    return {name: field.codes[0] if field.kind == "code" else VALUES[field.kind]
            for name, field in fields.items()}


LATEST = max(CHANGES)


@pytest.mark.parametrize("year", range(2017, LATEST + 1))
def test_every_field_is_mapped(year):
    for table, fields in schema(year).items():
        for name in fields:
            assert FIELDS[(table, name)], (table, name)


def test_targets_are_store_columns():
    for targets in FIELDS.values():
        for target in targets:
            if not target.startswith("("):
                table, column = re.match(r"^(\w+)\.(\w+)", target).groups()
                TABLES_BY_NAME[table].column(column)


def test_a_valid_row_of_every_table_fills_every_mapped_column(tmp_path):
    con = store.connect()
    paths = []
    for table, fields in schema(LATEST).items():
        rows = [valid_row(fields)]
        if table == "header":  # a second child whose UPN is not known
            rows.append({**rows[0], "CHILD": "B2", "UPN": "UN1"})
        paths.append(write(tmp_path / f"SSDA903_{LATEST}_{table}.csv", rows, header=list(fields)))
    summary = load(con, *paths)
    assert found(summary) == []
    for (table, name), targets in FIELDS.items():
        for target in targets:
            if target.startswith("("):
                continue
            store_table, column = re.match(r"^(\w+)\.(\w+)", target).groups()
            filled = con.execute(f"SELECT count({column}) FROM {store_table}").fetchone()[0]
            assert filled, f"{table}.{name} -> {target}"
