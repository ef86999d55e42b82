"""Checking one return (an authority's 903 or CIN census for one collection year) against the
year's DfE rules, in DuckDB, over the returns as submitted (`sources/returns/`).

The return's tables are copied once into temporary tables named as the rules name them (and last
year's as `<table>_last`), then each rule's query runs over them. A rule is not run when it cannot
be checked from a return, when a table it reads was not given, or when last year's return is not
there; the outcome says which and why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from time import process_time

import duckdb

from cscperf.quality.rules import lookups
from cscperf.quality.rules.declare import RULES, Rule, describe_year, list_year, registry, view_tables
from cscperf.sources.returns import RawTable
from cscperf.sources.returns import tables as raw_tables
from cscperf.store.returns import stored_tables

MACROS = resources.files("cscperf.quality.rules").joinpath("macros.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Breach:
    """One row that breaks one rule."""

    rule: str
    severity: str  # error or query
    message: str
    file: str
    row: int | None  # Excel row, or XML line
    table: str
    child: str | None
    values: dict[str, str | None]  # the fields in question, as given

    @property
    def columns(self) -> str:
        return ", ".join(self.values)


@dataclass
class Outcome:
    """What checking one return found."""

    format: str
    year: int
    list_year: int
    run: list[Rule] = field(default_factory=list)
    not_run: dict[str, str] = field(default_factory=dict)  # rule code -> why
    breaches: list[Breach] = field(default_factory=list)

    @property
    def list_note(self) -> str:
        """Which year's list checked the return, said plainly when it is not the return's own."""
        name = "903" if self.format == "ssda903" else "CIN census"
        if self.list_year == self.year:
            return f"{describe_year(self.year)} {name} return checked with the {describe_year(self.year)} rules"
        return (f"{describe_year(self.year)} {name} return checked with the "
                f"{describe_year(self.list_year)} rules, the nearest list cscperf has")

    def breached(self) -> Counter:
        return Counter(b.rule for b in self.breaches)

    @property
    def errors(self) -> int:
        return sum(b.severity == "error" for b in self.breaches)


def check(con: duckdb.DuckDBPyConnection, format: str, year: int, la: str,
          codes: list[str] | None = None, cpu: dict[str, float] | None = None) -> Outcome:
    """Check the return of `format` for `la` and `year` held in `con` (schemas ssda903 and
    cin_census, as `store.returns` keeps them); `codes` limits the rules run (tests); `cpu`, when
    given, gets the process's CPU seconds for each rule and for preparing (bench/rules_profile.py)."""
    outcome = Outcome(format, year, list_year(format, year))
    rules = [r for r in registry()[format].values()
             if outcome.list_year in r.years and (codes is None or r.code in codes)]
    cpu = {} if cpu is None else cpu
    given = _prepare(con, format, year, la, rules, cpu)
    tables = raw_tables(format)
    for rule in sorted(rules, key=lambda r: _order(r.code)):
        started = process_time()
        why = rule.why_not or _missing(rule, given, la)
        if why:
            outcome.not_run[rule.code] = why
            continue
        table = tables.get(rule.table.removesuffix("_last"))
        child, message = table.child if table else None, rule.message(outcome.list_year)
        try:
            found = con.execute(_shown_columns(rule.sql(year), rule, child))
        except duckdb.Error as error:  # a fault in a rule, not in the data: said, never a crash
            outcome.not_run[rule.code] = f"could not run ({str(error).splitlines()[0]})"
            continue
        outcome.run.append(rule)
        names = [d[0] for d in found.description]
        fields = [f for f in rule.fields if f in names]
        written = {f: f"{f}_text" if f"{f}_text" in names else f for f in fields}  # a date as given
        shown: dict[str, list[str]] = {}  # the fields shown for a row of each table flagged
        for values in found.fetchall():
            row = dict(zip(names, values))
            flagged = row.get("flagged_table") or rule.table
            if flagged not in shown:  # a rule flagging several tables: the fields of the row's own
                own = tables.get(flagged.removesuffix("_last"))
                shown[flagged] = [f for f in fields
                                  if "flagged_table" not in row or own is None or f in own.columns]
            outcome.breaches.append(Breach(
                rule.code, rule.severity, message, row.get("source_file") or "", row.get("source_row"),
                flagged, row.get(child) if child else None,
                {f: _as_given(row[written[f]]) for f in shown[flagged]}))
        cpu[rule.code] = process_time() - started
    _drop(con, format)
    return outcome


def _shown_columns(query: str, rule: Rule, child: str | None) -> str:
    """The rule's query keeping only the columns a breach shows: a rule is written `SELECT *`,
    and DuckDB then carries (and hands to Python) no other column of its rows."""
    wanted = ["source_file", "source_row", "flagged_table", *([child] if child else []),
              *rule.fields, *(f"{f}_text" for f in rule.fields)]
    return f"SELECT COLUMNS('^({'|'.join(wanted)})$') FROM ({query})"


def _order(code: str) -> tuple:
    digits = "".join(c for c in code if c.isdigit())
    return (not digits, int(digits) if digits else 0, code)


def _as_given(value) -> str | None:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else (
        None if value is None else str(value))


def _missing(rule: Rule, given: set[str], la: str) -> str | None:
    if "own_la()" in rule.check and not lookups.own_la(la):
        return "needs the authority's own code (give it with --la)"
    absent = sorted(rule.tables() - given)
    if not absent:
        return None
    if any(name.endswith("_last") for name in absent):
        return "needs last year's return (give it with --previous, or load it)"
    return f"no {', '.join(absent)} table was given"


def _prepare(con: duckdb.DuckDBPyConnection, format: str, year: int, la: str,
             rules: list[Rule], cpu: dict[str, float]) -> set[str]:
    """Copy the tables the rules read from the return (and last year's) into temporary tables,
    with the lookups they read; the names of the tables given. `cpu` gets the CPU seconds of
    each step (`(tables)`, `(lookups)`, `(views)`)."""
    started = process_time()
    needed = set().union(*(r.tables() for r in rules), *view_tables(format).values())
    con.execute(MACROS)
    con.execute(f"CREATE OR REPLACE TEMP MACRO year_start() AS DATE '{date(year - 1, 4, 1)}'")
    con.execute(f"CREATE OR REPLACE TEMP MACRO year_end() AS DATE '{date(year, 3, 31)}'")
    given = {(table, y) for table, y in con.execute(
        'SELECT DISTINCT "table", collection_year FROM meta.returns_given WHERE la = ? '
        "AND format = ? AND collection_year IN (?, ?)", [la, format, year, year - 1]).fetchall()}
    stored = stored_tables(con, format)
    names = set()
    for table in raw_tables(format).values():
        for suffix, y in (("", year), ("_last", year - 1)):
            if suffix and table.name + suffix not in needed:  # this year's are made for any rule
                continue
            source = f"(SELECT * FROM {table.qualified} WHERE la = $la AND collection_year = $year)" \
                if table.name in stored else _empty(table)
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table.name}{suffix} AS "
                        f"SELECT {_columns(table)} FROM {source}",
                        {"la": la, "year": y} if table.name in stored else None)
            if (table.name, y) in given:
                names.add(table.name + suffix)
    cpu["(tables)"], started = process_time() - started, process_time()
    lookups.prepare(con, la, " ".join(r.check for r in rules), names)
    cpu["(lookups)"], started = process_time() - started, process_time()
    views = RULES / format / "views.sql"
    if views.exists():
        con.execute(views.read_text(encoding="utf-8"))
    cpu["(views)"] = process_time() - started
    return names


def _columns(table: RawTable) -> str:
    """Each column as the rules read it: text trimmed (blank as NULL), dates parsed beside their
    text, the numbers that link the census's tables as they are."""
    columns = ["source_file", "source_row"]
    for name in table.columns:
        text = f"nullif(trim({name}), '')"
        if name in table.keys:
            columns.append(name)
        elif name in table.dates:
            columns += [f"to_date({name}) AS {name}", f"{text} AS {name}_text"]
        else:
            columns.append(f"{text} AS {name}")
    return ", ".join(columns)


def _empty(table: RawTable) -> str:
    columns = ", ".join(f"NULL::{'INTEGER' if c in table.keys else 'VARCHAR'} AS {c}"
                        for c in table.columns)
    return f"(SELECT NULL::VARCHAR AS source_file, NULL::INTEGER AS source_row, {columns} LIMIT 0)"


def _drop(con: duckdb.DuckDBPyConnection, format: str) -> None:
    for name in con.execute("SELECT view_name FROM duckdb_views() WHERE temporary").fetchall():
        con.execute(f"DROP VIEW IF EXISTS temp.{name[0]}")
    for table in raw_tables(format):
        for suffix in ("", "_last"):
            con.execute(f"DROP TABLE IF EXISTS temp.{table}{suffix}")
    for table in (*lookups.TABLES, *view_tables(format)):  # views.sql may make a table too
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
