"""The indicator registry: definitions loaded from `defs/`, checked, and looked up by id.

`defs/<section>.yaml` maps each indicator id to its metadata (fields in `schema.Indicator`); the
units it counts are listed by `defs/<section>/<units>.sql` (the contract is in `query.py`).
`load` checks each entry's shape; `check` also runs every SQL file against an empty store and
checks what it returns against what the definitions use. Every issue carries file:line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb
import yaml
from pydantic import ValidationError

from cscperf.indicators import breakdowns, calc, query
from cscperf.indicators.schema import REGISTRY_FIELDS, Indicator, Section, Unit
from cscperf.quality.findings import Severity
from cscperf.reference import measures

DEFS = Path(str(resources.files("cscperf.indicators").joinpath("defs")))
NUMERIC = re.compile(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|DOUBLE|FLOAT|DECIMAL.*|UBIGINT|UINTEGER)$")


@dataclass(frozen=True)
class Issue:
    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


class RegistryError(Exception):
    def __init__(self, issues: list[Issue]):
        super().__init__("indicator definitions have errors:\n" + "\n".join(map(str, issues)))
        self.issues = issues


@dataclass(frozen=True)
class Registry:
    indicators: tuple[Indicator, ...]
    issues: tuple[Issue, ...]
    defs: Path

    def __iter__(self):
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    @property
    def ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def get(self, id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == id:
                return indicator
        raise KeyError(f"no indicator {id!r} (see `cscperf indicators list`)")

    def select(self, ids: list[str] | None) -> list[Indicator]:
        return list(self.indicators) if not ids else [self.get(i) for i in ids]


def _entries(path: Path, issues: list[Issue]):
    """(id, line, fields, key lines) for each entry of a definitions file, keeping line numbers."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 1
        issues.append(Issue(path.name, line, f"not valid YAML: {error}"))
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        issues.append(Issue(path.name, 1, "expected a mapping of indicator id to definition"))
        return
    constructor = yaml.SafeLoader("")
    seen: set[str] = set()
    for key, value in root.value:
        line = key.start_mark.line + 1
        if key.value in seen:
            issues.append(Issue(path.name, line, f"{key.value} is defined twice in this file"))
            continue
        seen.add(key.value)
        if not isinstance(value, yaml.MappingNode):
            issues.append(Issue(path.name, line, f"{key.value}: expected a mapping of fields"))
            continue
        key_lines = {k.value: k.start_mark.line + 1 for k, _ in value.value}
        yield key.value, line, constructor.construct_object(value, deep=True), key_lines


def _sql_path(defs: Path, section: Section, units: str) -> Path:
    """`units` names a file in the section's folder, or `<section>/<name>` in another's."""
    folder, _, name = units.rpartition("/")
    return defs / (folder or section.value) / f"{name}.sql"


def load(defs: Path = DEFS) -> Registry:
    """Read every definition, checking shape, ids, SQL files and benchmarks (each must be a published
    measure in reference/measures.yml with the same unit and polarity); not the SQL's meaning: see
    `check`."""
    issues: list[Issue] = []
    indicators: list[Indicator] = []
    used_sql: set[Path] = set()
    where: dict[str, str] = {}
    for path in sorted(defs.glob("*.yaml"), key=lambda p: _section_order(p.stem)):
        try:
            section = Section(path.stem)
        except ValueError:
            issues.append(Issue(path.name, 1, f"{path.stem} is not a section; name the file after one of "
                                              f"{', '.join(s.value for s in Section)}"))
            continue
        for id, line, fields, key_lines in _entries(path, issues):
            source = f"{path.name}:{line}"
            if id in where:
                issues.append(Issue(path.name, line, f"{id} is already defined at {where[id]}"))
                continue
            where[id] = source
            reserved = [k for k in fields if k in REGISTRY_FIELDS]
            if reserved:
                issues.append(Issue(path.name, key_lines[reserved[0]], f"{id}: {reserved[0]} is set by "
                                                                        "the registry, not written"))
                continue
            # a published figure has no SQL: its value is read from the published files
            sql_path = None if fields.get("published_only") else _sql_path(defs, section, fields.get("units") or id)
            sql = sql_path.read_text(encoding="utf-8") if sql_path and sql_path.is_file() else ""
            try:
                indicator = Indicator(id=id, section=section, sql=sql, source=source,
                                      sql_source=str(sql_path.relative_to(defs)) if sql_path else "", **fields)
            except ValidationError as error:
                for problem in error.errors():
                    field = str(problem["loc"][0]) if problem["loc"] else ""
                    issues.append(Issue(path.name, key_lines.get(field, line),
                                        f"{id}: {field + ': ' if field else ''}{problem['msg']}"))
                continue
            if sql_path and not sql_path.is_file():
                issues.append(Issue(path.name, key_lines.get("units", line),
                                    f"{id}: no SQL file {sql_path.relative_to(defs)}"))
                continue
            if sql_path:
                used_sql.add(sql_path.resolve())
            problem = _benchmark_problem(indicator)
            if problem:
                issues.append(Issue(path.name, key_lines.get("benchmark", line), f"{id}: benchmark: {problem}"))
                continue
            indicators.append(indicator)
    for orphan in sorted(set(p.resolve() for p in defs.glob("*/*.sql")) - used_sql):
        issues.append(Issue(str(orphan.relative_to(defs.resolve())), 1, "no indicator uses this SQL file",
                            Severity.WARNING))
    return Registry(tuple(indicators), tuple(issues), defs)


# The published catalogue has no `days` or `median` unit (its averages include them) and says `neither`.
_PUBLISHED_UNIT = {Unit.days: "average", Unit.median: "average"}
_PUBLISHED_POLARITY = {"neutral": "neither"}


def _benchmark_problem(indicator: Indicator) -> str | None:
    """Why the indicator's benchmark is not a published measure it can be compared with, if so."""
    if indicator.benchmark is None:
        return None
    published = measures.catalogue().get(indicator.benchmark)
    if published is None:
        return f"{indicator.benchmark} is not a measure in reference/measures.yml"
    unit = _PUBLISHED_UNIT.get(indicator.unit, indicator.unit.value)
    if published.unit.value != unit:
        return f"{indicator.benchmark} is published as a {published.unit.value}, not a {unit}"
    polarity = _PUBLISHED_POLARITY.get(indicator.polarity.value, indicator.polarity.value)
    if published.polarity.value != polarity:
        return f"{indicator.benchmark} is published as {published.polarity.value}, not {polarity}"
    return None


def _section_order(name: str) -> int:
    names = [s.value for s in Section]
    return names.index(name) if name in names else len(names)


def check(registry: Registry) -> list[Issue]:
    """Run every SQL file against an empty store and check its columns against the definitions."""
    from cscperf import store

    con = store.connect()
    calc.prepare(con)
    issues = list(registry.issues)
    columns_in = {}  # table (qualified outside the main schema) -> its columns, for recorded_in
    for table, column in con.execute("SELECT CASE table_schema WHEN 'main' THEN '' ELSE table_schema || '.' END "
                                     "|| table_name, column_name FROM information_schema.columns").fetchall():
        columns_in.setdefault(table, set()).add(column)
    columns_of: dict[str, dict[str, str] | None] = {}
    for indicator in registry:
        if indicator.published_only:
            continue
        file, line = indicator.source.split(":")
        if indicator.sql_source not in columns_of:
            columns_of[indicator.sql_source] = _describe(con, indicator, issues)
        columns = columns_of[indicator.sql_source]
        if columns is not None:
            issues.extend(Issue(file, int(line), f"{indicator.id}: {problem}")
                          for problem in _column_problems(indicator, columns))
        for entry in indicator.recorded_entries:
            table, column, condition = query.recorded_parts(entry)
            if table not in columns_in:
                issues.append(Issue(file, int(line), f"{indicator.id}: recorded_in: no store table {table}"))
            elif column and column not in columns_in[table]:
                issues.append(Issue(file, int(line), f"{indicator.id}: recorded_in: {table} has no column {column}"))
            elif condition:
                try:
                    con.execute(query.recorded_sql(entry))
                except duckdb.Error as error:
                    issues.append(Issue(file, int(line), f"{indicator.id}: recorded_in: {str(error).splitlines()[0]}"))
    con.close()
    return issues


def _describe(con: duckdb.DuckDBPyConnection, indicator: Indicator, issues: list[Issue]) -> dict | None:
    try:
        return query.describe(con, indicator.sql)
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        found = re.search(r"LINE (\d+):", str(error))
        line = max(1, int(found[1]) - query.SQL_LINE_OFFSET) if found else 1
        issues.append(Issue(indicator.sql_source, line, f"SQL does not run: {message}"))
        return None


def _column_problems(indicator: Indicator, columns: dict[str, str]) -> list[str]:
    problems = []
    for name, type_ in query.REQUIRED_COLUMNS.items():
        if name not in columns:
            problems.append(f"its SQL ({indicator.sql_source}) must return a column {name}")
        elif columns[name] != type_:
            problems.append(f"column {name} must be {type_}, not {columns[name]}")
    for field in ("numerator_flag", "denominator_flag", "history_flag"):
        flag = getattr(indicator, field)
        if flag and columns.get(flag) != "BOOLEAN":
            problems.append(f"{field}: {indicator.sql_source} has no BOOLEAN column {flag}")
    for field in ("average_of", "per"):
        column = getattr(indicator, field)
        if column and not NUMERIC.match(columns.get(column, "")):
            problems.append(f"{field}: {indicator.sql_source} has no numeric column {column}")
    for breakdown in indicator.breakdowns:
        split = breakdowns.get(breakdown)
        if not split.of_child and breakdown.value not in columns:
            problems.append(f"breakdown {breakdown.value}: {indicator.sql_source} has no column "
                            f"{breakdown.value}")
        elif split.is_list and not columns[breakdown.value].endswith("[]"):
            problems.append(f"breakdown {breakdown.value}: {indicator.sql_source}'s column "
                            f"{breakdown.value} must be a list, not {columns[breakdown.value]}")
    return problems


@lru_cache(maxsize=1)
def default() -> Registry:
    """The installed library. Raises RegistryError if any definition has an error."""
    registry = load()
    errors = [i for i in registry.issues if i.severity >= Severity.ERROR]
    if errors:
        raise RegistryError(errors)
    return registry
