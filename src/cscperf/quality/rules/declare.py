"""How a DfE rule is declared: the code, message, severity and years from the DfE's lists, the
table whose rows it flags, the fields in question, and what it checks.

Rules live in YAML files, one per group (`ssda903/<group>.yaml`, `cin_census/<group>.yaml`), each
mapping a rule code to its declaration. What a rule checks is one of these shapes:

  codes: TABLE.COLUMN   the value is not in the year's code list. The lists are the readers'
                        (`sources/schemas/ssda903.py`, `sources/cin_codes.py`), so one list
                        serves reading and checking. A blank fails too when the 903 specification
                        says the column cannot be blank, or `or_blank: true` says so.
  date: TABLE.COLUMN    the value is not a date (a blank as for `codes`)
  blank: TABLE.COLUMN   the value is blank
  unique: TABLE.COLUMN  the value appears on more than one row (every such row is flagged)
  not_in_header: TABLE  the row's child is not in the 903 header
  differs_from_header: TABLE.COLUMN
                        the row's value differs from its child's in the 903 header (dates
                        compared as dates; a header value blank or not a date is no
                        difference, the row's is)
  where: CONDITION      with `table:`, the rows of that table where the SQL condition holds
  sql: QUERY            with `table:`, the rows the query returns (of that table, with its
                        source_file, source_row and child ID columns). A rule flagging rows of
                        several tables names each row's table in a `flagged_table` column
                        (UNION ALL BY NAME); such a row shows the fields its table has.
  cannot: REASON        the rule cannot be checked here, and why (shown when it is not run)

In SQL, each table of the return is named as the rules name it (`header`, `episodes`, ...;
`episodes_last` for last year's return): text trimmed, blank as NULL, each date column parsed
(NULL when not a date) with its text as given beside it (`DECOM_text`). Helpers are in
`macros.sql`; `year_start()` and `year_end()` are the collection year's first and last days, and
`codes(TABLE.COLUMN)` is replaced by the year's code list, as `('A', 'B', ...)`. Views several
rules share are in `<format>/views.sql` (the 903's `episode_sequence`: each child's episodes in
order with the episodes either side; `located('episodes')`: each episode with what the DfE works
out from its postcodes). A rule runs only when every table it reads was given (a rule reading a
view needs the tables the view reads), except those listed in `optional:`, read as empty when not
given. `lookups.py` makes the reference data some rules read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from cscperf.sources import cin_codes
from cscperf.sources.returns import tables as raw_tables
from cscperf.sources.schemas.ssda903 import schema

RULES = Path(str(resources.files("cscperf.quality.rules")))

# The years of the DfE's rule lists (the year a return ends: 2023 for 2022-23). A return is checked
# with its own year's list, or the latest before it; returns before the first list use the first.
LIST_YEARS = {"ssda903": (2023, 2024, 2025, 2026, 2027), "cin_census": (2023, 2025)}
SHAPES = ("codes", "date", "blank", "unique", "not_in_header", "differs_from_header", "where", "sql",
          "cannot")
KEYS = {*SHAPES, "message", "severity", "years", "table", "fields", "or_blank", "optional"}
SEVERITIES = ("error", "query")


class RuleError(Exception):
    """A declaration that cannot be used: the file and rule, and what is wrong."""


def list_year(format: str, year: int) -> int:
    years = LIST_YEARS[format]
    return max((y for y in years if y <= year), default=years[0])


def describe_year(year: int) -> str:
    return f"{year - 1}-{year % 100:02d}"


@dataclass(frozen=True)
class Rule:
    code: str
    format: str
    group: str  # the file it is declared in
    messages: tuple[tuple[int, str], ...]  # (first list year, message), oldest first
    severity: str  # error or query
    years: frozenset[int]  # the list years it is in
    table: str  # the table whose rows it flags
    fields: tuple[str, ...]  # the values in question
    shape: str
    check: str  # the shape's argument: a column, a condition, a query or a reason
    or_blank: bool | None = None  # None: as the specification says (a required 903 column)
    optional: frozenset[str] = frozenset()  # tables it reads when given, as empty when not

    @property
    def source(self) -> str:
        """Data to Insight's own cross-table checks are in the DfE's lists but are not the DfE's."""
        return "Data to Insight" if re.match(r"^(INT\d+|EPI|NoE)$", self.code) else "DfE"

    def message(self, year: int | None = None) -> str:
        if year is None:
            return self.messages[-1][1]
        return next((m for first, m in reversed(self.messages) if first <= year), self.messages[0][1])

    @property
    def why_not(self) -> str | None:
        return self.check if self.shape == "cannot" else None

    def sql(self, year: int) -> str:
        """The query for a return of `year`: rows of `self.table` that break the rule."""
        column = self.check.split(".", 1)[-1]
        table = raw_tables(self.format).get(self.table)
        dated = table is not None and column in table.dates
        given = f"{column}_text" if dated else column
        blank = f" OR {given} IS NULL" if self._blank_fails(column, year) else ""
        if self.shape == "codes":
            listed = _listed(code_list(self.format, self.table, column, year))
            return f"SELECT * FROM {self.table} WHERE {column} NOT IN {listed}{blank}"
        if self.shape == "date":
            return f"SELECT * FROM {self.table} WHERE ({column} IS NULL AND {given} IS NOT NULL){blank}"
        if self.shape == "blank":
            return f"SELECT * FROM {self.table} WHERE {given} IS NULL"
        if self.shape == "unique":
            return (f"SELECT * FROM {self.table} WHERE {column} IS NOT NULL "
                    f"QUALIFY count(*) OVER (PARTITION BY {column}) > 1")
        if self.shape == "not_in_header":
            return (f"SELECT * FROM {self.table} t WHERE CHILD IS NOT NULL "
                    "AND NOT EXISTS (FROM header h WHERE h.CHILD = t.CHILD)")
        if self.shape == "differs_from_header":
            # Dates compared as dates. A header's blank or a value that is not a date is no
            # difference but the header's own breach (one breach, one finding); the table's copy
            # has no rule of its own, so a blank or a value that is not the header's date differs.
            differs = f"h.{column} IS NOT NULL AND t.{column} IS DISTINCT FROM h.{column}"
            return f"SELECT t.* FROM {self.table} t JOIN header h USING (CHILD) WHERE {differs}"
        query = self.check if self.shape == "sql" else f"SELECT * FROM {self.table} WHERE {self.check}"
        return _CODES.sub(lambda m: _listed(code_list(self.format, m[1], m[2], year)), query)

    def _blank_fails(self, column: str, year: int) -> bool:
        if self.or_blank is not None or self.format != "ssda903":
            return bool(self.or_blank)
        fields = schema(year).get(self.table, {})
        return column in fields and fields[column].required

    def tables(self) -> set[str]:
        """The tables (and last year's) its SQL reads, by the names rules use, through the shared
        views too."""
        if self.shape == "cannot":
            return set()
        names = {*raw_tables(self.format), *(f"{t}_last" for t in raw_tables(self.format))}
        header = {"header"} if self.shape in ("not_in_header", "differs_from_header") else set()
        words = set(re.findall(r"\b\w+\b", self.check))
        views = view_tables(self.format)
        through_views = set().union(*(views[v] for v in words & views.keys()))
        return ({self.table} | header | (words & names) | through_views) - self.optional


_CODES = re.compile(r"\bcodes\((\w+)\.(\w+)\)")
_VIEW = re.compile(r"CREATE OR REPLACE TEMP (?:VIEW|TABLE) (\w+) AS(.*?)(?=CREATE OR REPLACE|\Z)", re.S)


@cache
def view_tables(format: str) -> dict[str, frozenset[str]]:
    """The return's tables (and last year's) each shared view (`<format>/views.sql`) reads,
    through the views it reads as well."""
    path = RULES / format / "views.sql"
    text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8")) if path.exists() else ""
    names, views = {*raw_tables(format), *(f"{t}_last" for t in raw_tables(format))}, {}
    for view, body in _VIEW.findall(text):
        words = set(re.findall(r"\b\w+\b", body))
        views[view] = frozenset(words & names).union(*(views[v] for v in words & views.keys()))
    return views


def _listed(codes: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def code_list(format: str, table: str, column: str, year: int) -> tuple[str, ...]:
    """The codes a column may hold in a year's return."""
    if format == "ssda903":
        return schema(year)[table][column].codes or OTHER_903_CODES[(table, column)]()
    return CIN_CODES[column]


def authority_codes() -> tuple[str, ...]:
    """Where a previous permanence order was made: an English authority's DfE code, today's or a
    predecessor's (orders predate reorganisations), or WAL, SCO, NIR or NUK (Wales, Scotland,
    Northern Ireland, outside the UK)."""
    from cscperf.reference.authorities import SUCCESSIONS
    from cscperf.synth.authorities import authorities

    predecessors = {la for s in SUCCESSIONS for la in s.predecessors}
    return tuple(sorted({*authorities(), *predecessors})) + ("WAL", "SCO", "NIR", "NUK")


# Lists the rules check that the 903 readers do not (the specification gives the column as text).
OTHER_903_CODES = {("previous_permanence", "LA_PERM"): authority_codes}


CIN_CODES: dict[str, tuple[str, ...]] = {
    "GenderCurrent": tuple(cin_codes.GENDER_CURRENT), "Sex": cin_codes.SEX,
    "UPNunknown": cin_codes.UPN_UNKNOWN, "Ethnicity": cin_codes.ETHNICITY,
    "Disability": cin_codes.DISABILITY, "ReferralSource": cin_codes.REFERRAL_SOURCE,
    "PrimaryNeedCode": cin_codes.PRIMARY_NEED, "ReasonForClosure": cin_codes.CLOSURE_REASON,
    "InitialCategoryOfAbuse": cin_codes.ABUSE_CATEGORY,
    "LatestCategoryOfAbuse": cin_codes.ABUSE_CATEGORY,
    "AssessmentFactors": cin_codes.ASSESSMENT_FACTORS,
    "ReferralNFA": ("0", "1", "true", "false"), "ICPCnotRequired": ("0", "1", "true", "false"),
}


def _years(format: str, given: object) -> frozenset[int]:
    """'2024-' (that list and later), '2023-2025', '2025' or a list of years."""
    known = LIST_YEARS[format]
    if given is None:
        return frozenset(known)
    if isinstance(given, list):
        return frozenset(int(y) for y in given)
    first, _, last = str(given).partition("-")
    if not _:
        return frozenset({int(first)})
    return frozenset(y for y in known if int(first) <= y <= (int(last) if last else known[-1]))


def _rule(format: str, group: str, code: str, spec: dict) -> Rule:
    where = f"{format}/{group}.yaml, rule {code}"
    if not isinstance(spec, dict) or set(spec) - KEYS:
        raise RuleError(f"{where}: unknown keys {sorted(set(spec) - KEYS) if isinstance(spec, dict) else spec}")
    shapes = [s for s in SHAPES if s in spec]
    if len(shapes) != 1:
        raise RuleError(f"{where}: give exactly one of {', '.join(SHAPES)}")
    shape, check = shapes[0], str(spec[shapes[0]]).strip()
    table, fields = spec.get("table"), spec.get("fields")
    if shape in ("codes", "date", "blank", "unique", "differs_from_header"):
        table, column = check.split(".", 1)
        fields = fields or [column]
    if shape == "not_in_header":
        table, fields = check, fields or ["CHILD"]
    if shape in ("where", "sql") and not (table and fields):
        raise RuleError(f"{where}: a `{shape}` rule needs `table` and `fields`")
    message = spec.get("message")
    messages = tuple(sorted(message.items())) if isinstance(message, dict) else ((0, message),)
    default = "query" if format == "cin_census" and code.endswith("Q") else "error"
    severity = spec.get("severity", default)
    if not message or severity not in SEVERITIES:
        raise RuleError(f"{where}: needs a message and a severity of error or query")
    return Rule(code, format, group, tuple((int(y), str(m).strip()) for y, m in messages), severity,
                _years(format, spec.get("years")), table or "", tuple(fields or ()), shape, check,
                spec.get("or_blank"), frozenset(spec.get("optional", ())))


# libyaml's loader where PyYAML has it (its wheels do): the same reading, a tenth of the time.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def registry() -> dict[str, dict[str, Rule]]:
    """Every declared rule, by format and code."""
    found: dict[str, dict[str, Rule]] = {format: {} for format in LIST_YEARS}
    for format in LIST_YEARS:
        for path in sorted((RULES / format).glob("*.yaml")):
            for code, spec in (yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}).items():
                code = str(code)
                if code in found[format]:
                    raise RuleError(f"{format}/{path.name}: rule {code} is also declared in "
                                    f"{found[format][code].group}.yaml")
                found[format][code] = _rule(format, path.stem, code, spec)
    return found
