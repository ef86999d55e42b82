"""Standard Safeguarding Dataset (SSD) export: one CSV file per `ssd_*` table.

A file's table is recognised from its header (SSD column names, any case), the file name only
breaking a tie. Values are read as `store/schema.py` types them, a column at a time in Arrow:
each distinct raw value of a column is parsed once by the cell parsers (`cells.py`), and the
findings are those reading cell by cell would give, in the same order. SSD tables the store does
not hold (visits to children in need, care plans, EHCPs, ...) are recognised and reported, not read.

The SSD keeps legal status and placements in their own tables; cscperf's episodes also carry
them (as the SSDA903 gives them), so after reading, each episode takes the legal status and
placement current at its start, and rows the SSD links only by ID (assessment factors, CLA
reviews) take their child's ID, so indicators see the same columns whichever source was loaded.

Columns cscperf adds to the SSD (`added` in store/schema.py) are read when an export has them
(cscperf's own SSD-shaped files do), except those recording what cscperf did to the store
(`NOT_READ`). Two that the returns give and a plain SSD export lacks are derived where a row has
none, as the returns would give them, with an INFO finding saying how many rows were derived:
- a CP plan's number of previous plans (CIN census NumberOfPreviousCPP) counts the child's plans
  in the extract that started before it: a lower bound when the extract starts after the
  child's first plan;
- the birthday a care leaver's row is about (903 OC3) is the young person's 17th to 21st
  birthday in the extract's collection year, as the 903 takes it in the return's year: an SSD
  export holds each care leaver's current record. A row whose young person has no date of
  birth, or no such birthday that year, is kept without one and reported.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from cscperf.quality.findings import Finding, Findings, LoadError, Severity
from cscperf.sources import Detection
from cscperf.sources import cin_codes as codes
from cscperf.sources.batch import ArrowRows, Batch, arrow_type
from cscperf.sources.cells import PLACEHOLDERS, PLAIN_ID, CellProblem, RowCells, parse_code
from cscperf.sources.files import (CsvColumns, SourceFile, decode, header_key, header_row,
                                  read_columns)
from cscperf.sources.years import as_at_year, care_leaver_birthday
from cscperf.store.schema import SET_BY_CSCPERF, TABLES, TABLES_BY_NAME, Column, Table

FORMAT = "ssd"

# Added columns recording what cscperf itself did to the store.
NOT_READ = SET_BY_CSCPERF

# Added columns derived, where a row has none, by a function of the batch (below).
DERIVED = {
    ("ssd_cp_plans", "cppl_cp_plan_number_of_previous"):
        "the child's earlier plans in the extract",
    ("ssd_care_leavers", "clea_care_leaver_birthday"):
        "the 17th-21st birthday in the extract's year",
}

# Columns cscperf adds to the SSD that an export does not have, filled after reading from the
# SSD's own tables. By ID: (table, column, its link column) <- (table, link column, column).
FILLED_BY_ID = {
    ("ssd_assessment_factors", "cinf_person_id", "cinf_assessment_id"):
        ("ssd_cin_assessments", "cina_assessment_id", "cina_person_id"),
    ("ssd_cla_reviews", "clar_person_id", "clar_cla_id"): ("ssd_cla_episodes", "clae_cla_id", "clae_person_id"),
}
# By date: each episode's column from the legal status or placement current at its start.
FILLED_AT_EPISODE_START = {
    "clae_legal_status": ("ssd_legal_status", "lega_legal_status"),
    "clae_placement_type": ("ssd_cla_placement", "clap_cla_placement_type"),
    "clae_placement_provider": ("ssd_cla_placement", "clap_cla_placement_provider"),
    "clae_placement_postcode": ("ssd_cla_placement", "clap_cla_placement_postcode"),
    "clae_placement_urn": ("ssd_cla_placement", "clap_cla_placement_urn"),
}

# Added columns holding the time of day the SSD's datetime columns carry, when the export has no
# column of their own: read from the same cells as the date. Time column <- date column.
TIMES_FROM = {
    "miss_missing_episode_start_time": "miss_missing_episode_start_date",
    "miss_missing_episode_end_time": "miss_missing_episode_end_date",
}


def _readable(table: Table) -> dict[str, Column]:
    return {c.name: c for c in table.columns if c.name not in NOT_READ}


def _note(table: str, column: str) -> str:
    """How a column the export lacks is filled, for docs/store.md."""
    filled_by_id = {(t, c): f"{source}.{source_column} by {link}"
                    for (t, c, link), (source, _, source_column) in FILLED_BY_ID.items()}
    filled_at_start = {("ssd_cla_episodes", c): f"{source}.{source_column} at the episode's start"
                       for c, (source, source_column) in FILLED_AT_EPISODE_START.items()}
    times = {("ssd_missing", c): f"the time of day in {source}" for c, source in TIMES_FROM.items()}
    how = {**DERIVED, **filled_by_id, **filled_at_start, **times}.get((table, column))
    return f" (when blank or absent: {how})" if how else ""


_SPELLS = {  # table -> (child, start, end, ID) columns
    "ssd_legal_status": ("lega_person_id", "lega_legal_status_start_date",
                         "lega_legal_status_end_date", "lega_legal_status_id"),
    "ssd_cla_placement": ("clap_person_id", "clap_cla_placement_start_date",
                          "clap_cla_placement_end_date", "clap_cla_placement_id"),
}

# SSD column -> store column: the same name, for every column the store has (bar NOT_READ).
FIELDS: dict[tuple[str, str], str] = {
    (t.name, name): f"{t.name}.{name}{_note(t.name, name)}"
    for t in TABLES for name in _readable(t)}

# Dates of things due or expected, which may fall after the extract was taken.
PLANNED_DATES = frozenset({"pers_expected_dob", "icpc_icpc_target_date", "cppr_cp_review_due",
                           "clar_cla_review_due_date"})

# Columns checked against the CIN census code lists; sex also accepts the older 1/2/0/9.
_CODE_LISTS = {
    "pers_sex": (codes.SEX, codes.GENDER_CURRENT),
    "pers_ethnicity": (codes.ETHNICITY, None),
    "disa_disability_code": (codes.DISABILITY, None),
    "cont_contact_source_code": (codes.REFERRAL_SOURCE, None),
    "cine_referral_source_code": (codes.REFERRAL_SOURCE, None),
    "cine_cin_primary_need_code": (codes.PRIMARY_NEED, None),
    "clae_cla_primary_need_code": (codes.PRIMARY_NEED, None),
    "cine_close_reason": (codes.CLOSURE_REASON, None),
    "cppl_cp_plan_initial_category": (codes.ABUSE_CATEGORY, None),
    "cppl_cp_plan_latest_category": (codes.ABUSE_CATEGORY, None),
}

# SSD tables the store does not hold, by their columns' prefix.
NOT_STORED = {
    "cinv": "ssd_cin_visits", "lacp": "ssd_cla_care_plan", "dept": "ssd_department",
    "ehcp": "ssd_ehcp_active_plans", "ehca": "ssd_ehcp_assessment", "ehcn": "ssd_ehcp_named_plan",
    "ehcr": "ssd_ehcp_requests", "fami": "ssd_family", "link": "ssd_linked_identifiers",
    "prep": "ssd_pre_proceedings", "s251": "ssd_s251_finance", "senn": "ssd_sen_need",
    "send": "ssd_send", "voch": "ssd_voice_of_child",
}


def _column_name(header: str) -> str:
    return header_key(header).lower()


def identify(header: list[str], file_name: str) -> str | None:
    """The SSD table a header belongs to: most of its columns are that table's."""
    names = [_column_name(h) for h in header if h.strip()]
    scores = {t.name: sum(n in t.column_names for n in names) for t in TABLES}
    for prefix, table in NOT_STORED.items():
        scores[table] = sum(n.startswith(prefix + "_") for n in names)
    best = max(scores.values(), default=0)
    if best == 0 or 2 * best < len(names):
        return None
    tied = [name for name, score in scores.items() if score == best]
    named = [name for name in tied if name in file_name.lower()]
    return (named or tied)[0]


def _table_from_name(path: Path) -> str | None:
    stem = path.stem.lower()
    return next((name for name in [*TABLES_BY_NAME, *NOT_STORED.values()] if stem.endswith(name)), None)


def detect(path: Path, head: bytes) -> Detection | None:
    text = decode(head)
    if "\x00" in text:  # a binary file
        return None
    if not text.strip():  # an empty file: its name is the only evidence
        table = _table_from_name(path)
        return Detection(table) if table else None
    header = header_row(text)
    table = identify(header, path.name) if header else None
    return Detection(table) if table else None


def read(files: list[SourceFile], la: str) -> Batch:
    batch = Batch(FORMAT, la)
    read: dict[str, list[pa.Table]] = {}  # each table's rows, file by file
    given: dict[str, set[str]] = {}
    for file in files:
        index = batch.add_file(file)
        if not file.path.read_bytes().strip():
            batch.findings.add(file.name, "empty-file", "the file is empty; nothing was read",
                               Severity.INFO, table=file.part)
            file.rows_read = 0
            continue
        found = _read_table(batch, index, read_columns(file, batch.findings))
        if found:
            name, rows, columns = found
            read.setdefault(name, []).append(rows)
            given.setdefault(name, set()).update(columns)
    batch.tables = {name: ArrowRows(pa.concat_tables(rows), given[name])
                    for name, rows in read.items()}
    year = as_at_year(_dates(batch))
    for file in batch.files:
        if file.collection_year is None:
            file.collection_year = year
    _fill_by_id(batch)
    _fill_at_episode_start(batch)
    _derive_previous_plans(batch)
    _derive_care_leaver_birthdays(batch)
    return batch


def _read_table(batch: Batch, index: int, csv: CsvColumns) -> tuple[str, pa.Table, set[str]] | None:
    """A file's rows as its store table's columns (in Arrow), with the columns it gave."""
    file = csv.file
    name = file.part or identify(csv.header, file.name)
    file.rows_read = len(csv)
    batch.rows_read += len(csv)
    if name not in TABLES_BY_NAME:
        batch.findings.add(file.name, "table-not-stored",
                           f"{name} is an SSD table cscperf does not hold; its {len(csv)} row(s) "
                           "were not loaded", Severity.INFO, table=name)
        return None
    table = TABLES_BY_NAME[name]
    columns = _columns(batch, file, table, csv.header)
    parsers = [(key, column, _parser(column, column.name in table.key and not column.added))
               for key, column in columns.items()]
    keys = {column.name: key for key, column in columns.items()}
    parsers += [(keys[source], table.column(time), _parser(table.column(time), False))
                for time, source in TIMES_FROM.items() if source in keys and time not in keys]
    # A heading given twice: the last is read.
    raw = {header_key(heading): cells for heading, cells in zip(csv.header, csv.columns)}
    values, problems = {}, []
    for order, (key, column, parse) in enumerate(parsers):
        values[column.name], found = _read_column(raw[key], parse, column, file.name, table.name)
        problems += [(position, order, finding) for position, finding in found]
    # Findings in the order reading row by row, cell by cell, gives them.
    problems.sort(key=lambda problem: problem[:2])
    row_numbers = csv.rows.to_pylist() if problems else []
    batch.findings.extend(replace(finding, row=row_numbers[position])
                          for position, _, finding in problems)
    n = len(csv)
    rows = pa.table({**{c.name: values[c.name] if c.name in values else pa.nulls(n, arrow_type(c))
                        for c in table.columns},
                     "_file_index": pa.repeat(pa.scalar(index, pa.int32()), n), "source_row": csv.rows})
    return table.name, rows, set(values) if n else set()


def _read_column(raws: pa.Array, parse: Callable[[RowCells, str], object], column: Column,
                 file: str, table: str) -> tuple[pa.Array, list[tuple[int, Finding]]]:
    """A column's cells read as `parse` reads one. The values, and each problem as (position in
    the column, its finding, whose row the caller fills in)."""
    if column.type.kind != "id":
        return _read_each_distinct(raws, parse, column, file, table)
    # Plain IDs (nearly every cell of an ID column, nearly all different) are their own value,
    # found in C; the others are read as any cell is. (In Arrow's RE2, $ is the end of the text.)
    others = pc.invert(pc.and_(pc.match_substring_regex(raws, f"^{PLAIN_ID}$"),
                               pc.invert(pc.is_in(raws, pa.array(sorted(PLACEHOLDERS))))))
    values, problems = _read_each_distinct(raws.filter(others), parse, column, file, table)
    where = pc.indices_nonzero(others).to_pylist()
    return (pc.replace_with_mask(raws, others, values),
            [(where[position], finding) for position, finding in problems])


def _read_each_distinct(raws: pa.Array, parse: Callable[[RowCells, str], object], column: Column,
                        file: str, table: str) -> tuple[pa.Array, list[tuple[int, Finding]]]:
    """`_read_column`, parsing each distinct raw value once: a column repeats the same few dates
    and codes thousands of times."""
    encoded = raws.dictionary_encode()
    cells = RowCells(Findings(), file, table, None)
    reported = cells.findings.items
    values, problems = [], {}
    for n, raw in enumerate(encoded.dictionary.to_pylist()):
        before = len(reported)
        values.append(parse(cells, raw))
        if len(reported) > before:
            problems[n] = reported[before:]
    found = [(position, finding) for position, n in enumerate(encoded.indices.to_pylist())
             if n in problems for finding in problems[n]] if problems else []
    return pa.array(values, arrow_type(column)).take(encoded.indices), found


def _columns(batch: Batch, file: SourceFile, table: Table, header: list[str]) -> dict[str, Column]:
    """{header key: store column} for the store's columns the file has; the rest are reported."""
    readable = _readable(table)
    columns: dict[str, Column] = {}
    for raw in header:
        name = _column_name(raw)
        if name in readable and readable[name] not in columns.values():
            columns[header_key(raw)] = readable[name]
        elif name in readable:
            batch.findings.add(file.name, "column-repeated", "the column appears more than once; "
                               "only the last was read", table=table.name, row=1, column=raw)
        elif name in NOT_READ:
            batch.findings.add(file.name, "column-not-read", "cscperf sets this column itself "
                               "after loading; it was not read", Severity.INFO, table=table.name,
                               row=1, column=raw)
        elif raw.strip():
            batch.findings.add(file.name, "column-not-read", f"{table.name} in the store has no "
                               "such column; it was not read", Severity.INFO, table=table.name,
                               row=1, column=raw)
    # Added key columns are filled after reading when the file lacks them.
    missing = [k for k in table.key if not readable[k].added and readable[k] not in columns.values()]
    if missing:
        raise LoadError(file.name, f"the {table.name} table has no {', '.join(missing)} column "
                        "(needed to tell its rows apart)")
    return columns


def _parser(column: Column, required: bool) -> Callable[[RowCells, str | None], object]:
    """How a column's cells are read: (the row's cells, raw value) -> value."""
    name, kind = column.name, column.type.kind
    if name in _CODE_LISTS:
        allowed, synonyms = _CODE_LISTS[name]
        return lambda cells, raw: cells.code(name, raw, allowed, required, synonyms)
    if kind == "json":
        parse = _factors if name == "cinf_assessment_factors_json" else _json
        return lambda cells, raw: cells.parsed(name, raw, parse, required)
    if kind == "code":
        return lambda cells, raw: cells.text(name, raw, required)
    method = getattr(RowCells, kind)
    return lambda cells, raw: method(cells, name, raw, required=required)


def _json(raw: str) -> str:
    try:
        return json.dumps(json.loads(raw))
    except ValueError:
        raise CellProblem("json-malformed", "not valid JSON") from None


def _factors(raw: str) -> str:
    """Factors as a JSON list of codes, from the SSD's list ["1A", ...] or {"1A": "Yes", ...}."""
    value = json.loads(_json(raw))
    if isinstance(value, dict):
        value = [code for code, answer in value.items() if str(answer).strip().upper() in ("Y", "YES")]
    if not isinstance(value, list):
        raise CellProblem("json-malformed", "not a list of factor codes")
    return json.dumps([parse_code(code, codes.ASSESSMENT_FACTORS) for code in value])


def _fill_by_id(batch: Batch) -> None:
    for (table, column, link), (source, source_link, source_column) in FILLED_BY_ID.items():
        if table not in batch.tables or source not in batch.tables:
            continue
        found = batch.tables[source].columns(source_link, source_column)
        lookup = dict(zip(found[source_link], found[source_column]))
        rows = batch.tables[table]
        values = rows.columns(link, column)
        rows.replace(column, [lookup.get(key) if value is None else value
                              for key, value in zip(values[link], values[column])])


def _fill_at_episode_start(batch: Batch) -> None:
    episodes = batch.tables.get("ssd_cla_episodes")
    if episodes is None:
        return
    spells = {table: _spells_by_child(batch, table) for table in _SPELLS}
    placements_by_id = {spell["clap_cla_placement_id"]: spell
                        for child in spells["ssd_cla_placement"].values() for spell in child}
    values = episodes.columns("clae_person_id", "clae_cla_episode_start_date",
                              "clae_cla_placement_id", *FILLED_AT_EPISODE_START)
    for i, child in enumerate(values["clae_person_id"]):
        start = values["clae_cla_episode_start_date"][i]
        current = {table: _current(table, spells[table].get(child, []), start) for table in _SPELLS}
        current["ssd_cla_placement"] = (placements_by_id.get(values["clae_cla_placement_id"][i])
                                        or current["ssd_cla_placement"])
        for column, (table, source_column) in FILLED_AT_EPISODE_START.items():
            if values[column][i] is None and current[table] is not None:
                values[column][i] = current[table][source_column]
    for column in FILLED_AT_EPISODE_START:
        episodes.replace(column, values[column])


def _derive_previous_plans(batch: Batch) -> None:
    plans = batch.tables.get("ssd_cp_plans")
    if plans is None:
        return
    column = "cppl_cp_plan_number_of_previous"
    values = plans.columns("cppl_person_id", "cppl_cp_plan_start_date", column, "_file_index")
    children, starts = values["cppl_person_id"], values["cppl_cp_plan_start_date"]
    starts_by_child = defaultdict(list)
    for child, start in zip(children, starts):
        if start is not None:
            starts_by_child[child].append(start)
    derived = []
    for i, (child, start) in enumerate(zip(children, starts)):
        if values[column][i] is None and child is not None and start is not None:
            values[column][i] = sum(s < start for s in starts_by_child[child])
            derived.append(values["_file_index"][i])
    plans.replace(column, values[column])
    _report_derived(batch, "ssd_cp_plans", column, derived)


def _derive_care_leaver_birthdays(batch: Batch) -> None:
    leavers = batch.tables.get("ssd_care_leavers")
    if leavers is None:
        return
    people = batch.tables.get("ssd_person")
    table, column = "ssd_care_leavers", "clea_care_leaver_birthday"
    values = leavers.columns("clea_person_id", column, "_file_index", "source_row")
    born = {}
    if people:  # the care leavers' dates of birth
        person = people.arrow.filter(pc.is_in(people.arrow["pers_person_id"],
                                              pa.array(values["clea_person_id"], pa.string())))
        born = dict(zip(person["pers_person_id"].to_pylist(), person["pers_dob"].to_pylist()))
    derived = []
    for i, child in enumerate(values["clea_person_id"]):
        if values[column][i] is not None or child is None:
            continue
        file = batch.files[values["_file_index"][i]]
        row = values["source_row"][i]
        if born.get(child) is None or file.collection_year is None:
            batch.findings.add(file.name, "birthday-not-derived", "the row has no birthday and "
                               "ssd_person has no date of birth for the young person to work it "
                               "out from", table=table, row=row, column=column)
            continue
        try:
            values[column][i] = care_leaver_birthday(born[child], file.collection_year)
            derived.append(values["_file_index"][i])
        except CellProblem as problem:
            batch.findings.add(file.name, problem.rule, f"the row has no birthday, and "
                               f"{problem.message}", table=table, row=row, column=column)
    leavers.replace(column, values[column])
    _report_derived(batch, table, column, derived)


def _report_derived(batch: Batch, table: str, column: str, derived: list[int]) -> None:
    """One INFO finding per file: how many of its rows had the column derived (`derived`
    gives each such row's file)."""
    for index, n in sorted(Counter(derived).items()):
        batch.findings.add(batch.files[index].name, "derived", f"{n} row(s) had no {column}; "
                           f"derived from {DERIVED[(table, column)]}", Severity.INFO,
                           table=table, column=column)


def _spells_by_child(batch: Batch, table: str) -> dict[str, list[dict]]:
    spells: dict[str, list[dict]] = defaultdict(list)
    if table in batch.tables:
        wanted = {*_SPELLS[table], *(c for t, c in FILLED_AT_EPISODE_START.values() if t == table)}
        values = batch.tables[table].columns(*wanted)
        for i, child in enumerate(values[_SPELLS[table][0]]):
            spells[child].append({name: column[i] for name, column in values.items()})
    return spells


def _current(table: str, spells: list[dict], day: date | None) -> dict | None:
    """The spell that started last on or before `day` and had not ended by then."""
    if day is None:
        return None
    _, start, end, _ = _SPELLS[table]
    live = [s for s in spells if s[start] is not None and s[start] <= day
            and (s[end] is None or s[end] > day)]
    return max(live, key=lambda s: s[start], default=None)


def _dates(batch: Batch) -> list[date | None]:
    """The dates that say when the extract was taken: not those of things still to happen.
    Each distinct date once: the columns repeat them."""
    columns = [rows.arrow.column(column.name) for name, rows in batch.tables.items()
               for column in TABLES_BY_NAME[name].columns
               if column.type.kind == "date" and column.name not in PLANNED_DATES]
    return pc.unique(pa.chunked_array(columns, pa.date32())).to_pylist()
