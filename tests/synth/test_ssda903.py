"""Every 903 table's columns and codes match its collection year's schema (2017 base plus the
diffs up to that year, in ../shared/spec/ssda903)."""

import csv
import re
from datetime import datetime
from functools import cache

import yaml

from tests.conftest import need_shared

SPEC = need_shared("spec", "ssda903")
SPEC_NAMES = {"placed_for_adoption": "placed_adoption", "previous_permanence": "prev_perm"}


@cache
def schema(year: int) -> dict:
    """The year's column_map: the 2017 base with each diff up to `year` applied in order."""
    tables = yaml.safe_load((SPEC / "SSDA903_schema_2017.yml").read_text())["column_map"]
    for diff in sorted(SPEC.glob("SSDA903_schema_*.diff.yml")):
        if int(diff.name.split("_")[2].split(".")[0]) > year:
            continue
        for path, change in yaml.safe_load(diff.read_text()).items():
            keys = path.split(".")[1:]
            if change["type"] == "add":
                tables[keys[0]] = change["value"]
            else:
                target = tables
                for key in keys[:-1]:
                    target = target[key]
                target[keys[-1]] = change["value"]
    return tables


def test_schema_diffs_apply():
    assert "social_worker" not in schema(2023) and "social_worker" in schema(2024)
    assert [c["code"] for c in schema(2024)["header"]["SEX"]["category"]] == ["1", "2"]
    assert [c["code"] for c in schema(2025)["header"]["SEX"]["category"]] == ["M", "F", "U"]


def check(path, year: int) -> list[tuple[int, str, str]]:
    """Problems with one 903 file against its year's schema: (row, column, problem)."""
    table = re.match(r"SSDA903_\d{4}_(\w+)\.csv", path.name).group(1)
    spec = schema(year)[SPEC_NAMES.get(table, table)]
    problems = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if set(reader.fieldnames) != set(spec):
            return [(1, "", f"columns {reader.fieldnames} are not {list(spec)}")]
        for n, row in enumerate(reader, 2):
            for column, rule in spec.items():
                value = row[column]
                if value == "":
                    if not rule.get("canbeblank", True):
                        problems.append((n, column, "blank"))
                elif "category" in rule and value not in {str(c["code"]) for c in rule["category"]}:
                    # An episode that ended on the year's first day carries last year's code.
                    if not (table == "episodes" and row["DEC"] == f"01/04/{year - 1}"
                            and value in {str(c["code"]) for c in schema(year - 1)["episodes"][column]["category"]}):
                        problems.append((n, column, "not in the year's list"))
                elif "date" in rule and not (column == "DATE_PERM" and re.fullmatch(r"(zz|\d\d)/(zz|\d\d)/\d{4}", value)):
                    # (the 903 allows a previous permanence order date known only in part)
                    try:
                        datetime.strptime(value, rule["date"])
                    except ValueError:
                        problems.append((n, column, "not a dd/mm/yyyy date"))
                elif "numeric" in rule:
                    number = int(value)
                    if not rule["numeric"].get("min_value", number) <= number <= rule["numeric"].get("max_value", number):
                        problems.append((n, column, "out of range"))
    return problems


def test_every_table_matches_its_years_schema(small):
    out, manifest = small
    files = sorted((out / "ssda903").glob("*.csv"))
    assert len(files) == 3 * 11
    problems = [p for path in files for p in check(path, int(path.name[8:12]))]
    assert problems == []
    rows = {path.name: manifest.files[f"ssda903/{path.name}"] for path in files}
    assert all(rows[f"SSDA903_{y}_{t}.csv"] > 0 for y in (2024, 2025, 2026)
               for t in ("header", "episodes", "reviews", "oc2", "oc3", "missing", "social_worker"))


def test_every_child_in_a_table_is_in_that_years_header(small):
    out, _ = small
    for year in (2024, 2025, 2026):
        def children(table):
            with (out / "ssda903" / f"SSDA903_{year}_{table}.csv").open(newline="") as handle:
                return {row["CHILD"] for row in csv.DictReader(handle)}
        header = children("header")
        assert all(child.startswith("SYN857") for child in header)
        for table in ("episodes", "reviews", "oc2", "oc3", "missing", "uasc", "social_worker"):
            assert children(table) <= header, table


def test_earlier_years_follow_their_schemas(tmp_path):
    """Returns from before the social worker table and with the older codes (2019-20, 2020-21)."""
    from datetime import date

    from cscperf.synth import generate

    generate(tmp_path, like="857", end=date(2021, 3, 31), years=2, formats=["903"])
    files = sorted((tmp_path / "ssda903").glob("*.csv"))
    assert len(files) == 2 * 10
    assert [p for path in files for p in check(path, int(path.name[8:12]))] == []
