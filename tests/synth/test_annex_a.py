"""The Annex A workbook has lists 1-11 with the canonical headers, and coded values the
schema recognises (`../shared/spec/annex-a/Annex_A_schema.yml`)."""

from datetime import datetime

import yaml
from openpyxl import load_workbook

from tests.conftest import need_shared


def known(rule: dict) -> set[str]:
    """A coded column's codes and the other spellings the schema recognises, in lower case."""
    found = set()
    for category in rule["category"]:
        names = category.get("name") or []
        for value in [category["code"], *([names] if isinstance(names, str) else names)]:
            found.add(str(value).strip().lower())
    return found


def test_lists_headers_and_codes(small):
    out, _ = small
    spec = yaml.safe_load(need_shared("spec", "annex-a", "Annex_A_schema.yml").read_text())["column_map"]
    book = load_workbook(out / "annex_a" / "Annex_A_857_2026-03-31.xlsx", read_only=True)
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    for n in range(1, 12):
        columns = spec[f"list_{n}"]
        rows = list(book[f"List {n}"].iter_rows(values_only=True))
        assert list(rows[0]) == list(columns), n
        if n in (1, 3, 4, 6, 8, 9):
            assert len(rows) > 5, n
        codes = {name: known(rule) for name, rule in columns.items() if "category" in rule}
        for row in rows[1:]:
            for name, value in zip(rows[0], row):
                rule = columns[name]
                if value is None:
                    assert rule.get("canbeblank", True), (n, name)
                elif name in codes:
                    assert str(value).strip().lower() in codes[name], (n, name, value)
                elif "date" in rule:
                    assert isinstance(value, datetime), (n, name, value)
