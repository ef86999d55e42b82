"""docs/store.md, written by cog from code: the store's tables (schema.py) and, for each column,
the statutory fields that fill it.

Each reader module declares `FIELDS`: {(source table, field): target or tuple of targets}, a
target being "ssd_table.column", optionally followed by a note in brackets ("ssd_person.pers_sex
(1 as M, 2 as F)"), or only a note in brackets when the field is not stored.
"""

from __future__ import annotations

import re
from collections import defaultdict

from cscperf.sources import readers
from cscperf.store.schema import PROVENANCE, TABLES

_COLUMN = re.compile(r"^(ssd_\w+\.\w+)( \(.*\))?$")  # table.column, maybe with a note


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows), ""]


def _target(target: str) -> str:
    match = _COLUMN.match(target)
    return f"`{match[1]}`{match[2] or ''}" if match else target


def field_maps() -> dict[str, dict[tuple[str, str], tuple[str, ...]]]:
    """Each reader's field map, by format, every target as a tuple."""
    return {module.FORMAT: {key: (targets,) if isinstance(targets, str) else tuple(targets)
                            for key, targets in getattr(module, "FIELDS", {}).items()}
            for module in readers()}


def store_markdown(maps: dict[str, dict[tuple[str, str], tuple[str, ...]]] | None = None) -> str:
    maps = field_maps() if maps is None else maps
    filled_from: dict[str, list[str]] = defaultdict(list)
    for format, fields in maps.items():
        for (table, field), targets in fields.items():
            for target in targets:
                if match := _COLUMN.match(target):
                    filled_from[match[1]].append(f"{format} {table}.{field}")
    lines = ["## Tables", "",
             "Every table also has the provenance columns: " +
             "; ".join(f"`{c.name}` ({c.description})" for c in PROVENANCE) + ".", ""]
    for table in TABLES:
        lines += [f"### {table.name}", "", f"{table.description} Natural key: "
                  + ", ".join(f"`{k}`" for k in table.key) + ".", ""]
        lines += _rows(["column", "type", "meaning", "filled from"], [
            [f"`{c.name}`" + (" (added)" if c.added else ""), c.type, c.description,
             ", ".join(filled_from.get(f"{table.name}.{c.name}", []))] for c in table.columns])
    lines += ["## Statutory fields", ""]
    for format, fields in maps.items():
        lines += [f"### {format}", ""]
        lines += _rows(["table", "field", "store column"], [
            [table, field, "; ".join(_target(t) for t in targets)]
            for (table, field), targets in fields.items()])
    return "\n".join(lines)
