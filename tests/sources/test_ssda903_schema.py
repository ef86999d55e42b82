"""Our 903 schema agrees, year by year, with the DfE specification: the 2017 base YAML with each
year's diff applied in order."""

import copy
from functools import cache

import pytest
import yaml

from cscperf.sources.schemas.ssda903 import schema
from tests.conftest import need_shared

SPEC = need_shared("spec", "ssda903")
# The specification's table names, where ours are the DfE's longer ones.
OUR_NAMES = {"placed_adoption": "placed_for_adoption", "prev_perm": "previous_permanence"}
YEARS = range(2017, 2027)


@cache
def _yaml(name: str) -> dict:
    return yaml.load((SPEC / name).read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def spec_for(year: int) -> dict:
    tables = copy.deepcopy(_yaml("SSDA903_schema_2017.yml")["column_map"])
    for diff_year in sorted(int(p.name.split("_")[2].split(".")[0])
                            for p in SPEC.glob("SSDA903_schema_*.diff.yml")):
        if diff_year > year:
            continue
        for path, change in _yaml(f"SSDA903_schema_{diff_year}.diff.yml").items():
            assert change["type"] in ("add", "modify")
            *parents, last = path.split(".")[1:]  # drop the leading column_map
            node = tables
            for part in parents:
                node = node[part]
            node[last] = copy.deepcopy(change["value"])
    return {OUR_NAMES.get(name, name): columns for name, columns in tables.items()}


def expected_kind(spec: dict) -> str:
    if "date" in spec:
        return "date"
    if "category" in spec:
        return "code"
    if "numeric" in spec:
        return "int"
    return spec["string"]  # alphanumeric or postcode


OUR_KINDS = {"date": "date", "partial_date": "date", "code": "code", "int": "int",
             "postcode": "postcode", "id": "alphanumeric", "upn": "alphanumeric",
             "text": "alphanumeric"}


@pytest.mark.parametrize("year", YEARS)
def test_tables_and_columns_agree(year):
    ours, spec = schema(year), spec_for(year)
    assert ours.keys() == spec.keys()
    for table, columns in spec.items():
        assert list(ours[table]) == list(columns), table


@pytest.mark.parametrize("year", YEARS)
def test_each_column_agrees(year):
    ours = schema(year)
    for table, columns in spec_for(year).items():
        for name, spec in columns.items():
            field = ours[table][name]
            where = f"{year} {table}.{name}"
            assert OUR_KINDS[field.kind] == expected_kind(spec), where
            assert field.required == (spec["canbeblank"] is False), where
            if "category" in spec:
                assert set(field.codes) == {str(c["code"]) for c in spec["category"]}, where
            if "numeric" in spec:
                assert (field.minimum, field.maximum) == (spec["numeric"].get("min_value"),
                                                          spec["numeric"].get("max_value")), where


def test_names_given_in_the_specification_are_accepted_as_synonyms():
    uasc_sex = schema(2025)["uasc"]["SEX"]
    assert uasc_sex.spellings["1"] == "M" and uasc_sex.spellings["FEMALE"] == "F"
    assert "1" not in schema(2025)["header"]["SEX"].spellings
    assert schema(2024)["header"]["SEX"].spellings["MALE"] == "1"
