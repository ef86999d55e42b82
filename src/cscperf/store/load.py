"""Loading batches into the store: all of them or none.

Within one transaction, for each table: rows are staged with their provenance, duplicates within
a file are reported (even when a later return in the batch supersedes them), rows already in the
store with the same natural key are replaced when the new row's return is at least as recent (and
kept when it is not), keeping the earlier row's values of columns the new row's source does not
carry, then the derived tables are rebuilt for the authority. Any error rolls the whole load back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from cscperf import __version__
from cscperf.quality.findings import Findings, Severity
from cscperf.store import derive, returns, validate
from cscperf.store.duckdb import atomic
from cscperf.store.schema import PROVENANCE, SET_BY_CSCPERF, TABLES_BY_NAME, Table

if TYPE_CHECKING:  # sources import the store's schema, so importing them here would be circular
    from cscperf.sources.batch import Batch


@dataclass
class LoadSummary:
    """What one load did: counts to print and the findings it recorded."""

    load_ids: list[int] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: dict[str, int] = field(default_factory=dict)
    findings: Findings = field(default_factory=Findings)

    @property
    def total_loaded(self) -> int:
        return sum(self.rows_loaded.values())


def load(con: duckdb.DuckDBPyConnection, batches: Iterable[Batch], checks: bool = True) -> LoadSummary:
    """Load every batch in one transaction; on any error the store is left exactly as it was.

    `batches` may be a stream (as `sources.parallel.read_each` gives): each is loaded and let go
    as it comes, so the load holds one batch at a time, however many authorities it spans.
    `checks`: check each 903 and CIN census return with the DfE's rules (store/validate.py); the
    readers' own tests turn them off to see the readers' findings alone."""
    summary = LoadSummary()
    files: list[str] = []
    # Each authority's loads and findings: a finding is recorded against its own authority's
    # load of the file it names, as every authority's files may have the same names.
    by_la: dict[str, tuple[list[int], Findings]] = {}
    submitted: dict[str, set[tuple[str, int]]] = {}  # each authority's returns: (format, year)
    with atomic(con, lambda: (", ".join(files) or "load", "the load failed")):
        for batch in batches:
            files.extend(f.name for f in batch.files)
            load_ids, findings = by_la.setdefault(batch.la, ([], Findings()))
            load_ids.append(_load_batch(con, batch, summary, findings))
            if batch.returns is not None:
                returns.save(con, batch.la, load_ids[-1], batch.returns)
                submitted.setdefault(batch.la, set()).update(
                    (batch.returns.format, year) for year in batch.returns.years())
        for la, (load_ids, findings) in sorted(by_la.items()):
            findings.extend(derive.run(con, la))
            if checks:
                findings = validate.checked(con, la, sorted(submitted.get(la, ())), findings)
            _record_findings(con, la, load_ids, findings)
            summary.findings.extend(findings)
    return summary


def _load_batch(con: duckdb.DuckDBPyConnection, batch: Batch, summary: LoadSummary,
                findings: Findings) -> int:
    load_id = con.execute("SELECT nextval('meta.load_ids')").fetchone()[0]
    years = {f.collection_year for f in batch.files} - {None}
    con.execute(
        "INSERT INTO meta.loads (load_id, la, format, collection_year, started_at, rows_read, "
        "cscperf_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [load_id, batch.la, batch.format, max(years) if len(years) == 1 else None,
         datetime.now(), batch.rows_read, __version__])
    # The files' IDs in the order of the files, and the files recorded in one statement.
    file_ids = sorted(row[0] for row in con.execute(
        "SELECT nextval('meta.file_ids') FROM range(?)", [len(batch.files)]).fetchall())
    con.register("stage_files", pa.table({
        "_file_index": pa.array(range(len(batch.files)), pa.int32()),
        "source_file_id": pa.array(file_ids, pa.int32()),
        "file_name": pa.array([f.name for f in batch.files], pa.string()),
        "collection_year": pa.array([f.collection_year for f in batch.files], pa.int32()),
        **{name: pa.array([getattr(f, name) for f in batch.files], type_)
           for name, type_ in (("size", pa.int64()), ("sha256", pa.string()), ("format", pa.string()),
                               ("part", pa.string()), ("rows_read", pa.int32()))},
    }))
    con.execute("""INSERT INTO meta.load_files BY NAME SELECT source_file_id AS file_id, ? AS load_id,
                   file_name AS name, size, sha256, format, part, collection_year, rows_read
                   FROM stage_files""", [load_id])
    counts = {}
    for name, rows in batch.tables.items():
        if len(rows):
            counts[name] = _load_table(con, TABLES_BY_NAME[name], rows.to_arrow(), rows.given,
                                       batch.la, load_id, batch.format, findings)
    con.unregister("stage_files")
    findings.extend(batch.findings)
    summary.load_ids.append(load_id)
    summary.rows_read += batch.rows_read
    for name, n in counts.items():
        summary.rows_loaded[name] = summary.rows_loaded.get(name, 0) + n
    con.execute("UPDATE meta.loads SET finished_at = ?, rows_loaded = ?, row_counts = ? "
                "WHERE load_id = ?", [datetime.now(), sum(counts.values()), counts, load_id])
    return load_id


def _key_match(table: Table, left: str, right: str) -> str:
    return " AND ".join([f"{left}.la = {right}.la"] +
                        [f"{left}.{k} = {right}.{k}" for k in table.key])


def _load_table(con: duckdb.DuckDBPyConnection, table: Table, arrow: pa.Table, given: set[str],
                la: str, load_id: int, format: str, findings: Findings) -> int:
    columns = table.column_names
    target = columns + [c.name for c in PROVENANCE]
    key = ", ".join(table.key)
    con.register("stage_arrow", arrow)
    if _first_of_its_kind(con, table, la):
        # Nothing to report or replace (as for every table of a national load): straight in.
        inserted = con.execute(f"""
            INSERT INTO {table.name} ({', '.join(target)})
            SELECT {', '.join(target)} FROM (
                SELECT a.* EXCLUDE (_file_index), ? AS la, ? AS load_id, f.source_file_id,
                       f.collection_year
                FROM stage_arrow a JOIN stage_files f USING (_file_index))""", [la, load_id]).fetchone()[0]
        con.unregister("stage_arrow")
        return inserted
    # Within the batch, the latest return wins; ties go to the first row of the file.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE stage AS
        SELECT a.* EXCLUDE (_file_index), ? AS la, ? AS load_id, f.source_file_id,
               f.collection_year, f.file_name,
               row_number() OVER (PARTITION BY {key} ORDER BY f.collection_year DESC NULLS LAST,
                                  f.source_file_id, a.source_row) AS _rank,
               first_value(f.collection_year) OVER (PARTITION BY {key} ORDER BY
                   f.collection_year DESC NULLS LAST, f.source_file_id, a.source_row) AS _kept_year,
               first_value(a.source_row) OVER (PARTITION BY {key} ORDER BY
                   f.collection_year DESC NULLS LAST, f.source_file_id, a.source_row) AS _kept_row,
               -- a key twice in one file is a duplicate even when a later return supersedes both
               first_value(a.source_row) OVER (PARTITION BY {key}, f.source_file_id
                   ORDER BY a.source_row) AS _first_in_file
        FROM stage_arrow a JOIN stage_files f USING (_file_index)
    """, [la, load_id])
    con.unregister("stage_arrow")
    complete_key = _complete_key(table)
    for file_name, row, year, kept_year, kept_row, first_in_file in con.execute(f"""
            SELECT file_name, source_row, collection_year, _kept_year, _kept_row, _first_in_file
            FROM stage WHERE _rank > 1 AND {complete_key} ORDER BY file_name, source_row""").fetchall():
        if year == kept_year:
            findings.add(file_name, "duplicate-key",
                         f"another row has the same {_describe_key(table)}; row {kept_row} was kept",
                         table=table.name, row=row)
        elif row != first_in_file:
            findings.add(file_name, "duplicate-key",
                         f"row {first_in_file} has the same {_describe_key(table)}; the "
                         f"{kept_year} return has it too, and its row was kept",
                         table=table.name, row=row)
        else:
            findings.add(file_name, "superseded-by-later-return",
                         f"the {kept_year} return has this {_describe_key(table)}; its row was kept",
                         Severity.INFO, table=table.name, row=row)
    con.execute(f"DELETE FROM stage WHERE _rank > 1 AND {complete_key}")

    # A row already in the store from a later return stays; the staged row is reported.
    older = con.execute(f"""
        SELECT s.file_name, count(*) FROM stage s JOIN {table.name} t ON {_key_match(table, 't', 's')}
        WHERE coalesce(t.collection_year, 0) > coalesce(s.collection_year, 0)
        GROUP BY s.file_name ORDER BY s.file_name""").fetchall()
    for file_name, n in older:
        findings.add(file_name, "older-than-store",
                     f"{n} row(s) not loaded into {table.name}: a later return already in the "
                     "store has them", Severity.INFO, table=table.name)
    con.execute(f"""
        DELETE FROM stage s USING {table.name} t WHERE {_key_match(table, 't', 's')}
        AND coalesce(t.collection_year, 0) > coalesce(s.collection_year, 0)""")
    _keep_what_is_not_carried(con, table, given, findings)
    replaced = con.execute(f"""
        DELETE FROM {table.name} t USING stage s WHERE {_key_match(table, 't', 's')}""").fetchone()[0]
    # A row whose key was blanked by a bad cell cannot be matched; it belongs to its return, so a
    # re-submission of the same year's return in the same format replaces it.
    replaced += con.execute(f"""
        DELETE FROM {table.name} t WHERE t.la = ? AND NOT ({_complete_key(table, 't.')})
        AND t.collection_year IN (SELECT DISTINCT collection_year FROM stage)
        AND t.source_file_id IN (SELECT file_id FROM meta.load_files WHERE format = ?)""",
        [la, format]).fetchone()[0]
    if replaced:
        findings.add(table.name, "replaced-by-this-load",
                     f"{replaced} row(s) in {table.name} from earlier returns were replaced",
                     Severity.INFO, table=table.name)
    inserted = con.execute(f"INSERT INTO {table.name} ({', '.join(target)}) "
                           f"SELECT {', '.join(target)} FROM stage").fetchone()[0]
    con.execute("DROP TABLE stage")
    return inserted


def _first_of_its_kind(con: duckdb.DuckDBPyConnection, table: Table, la: str) -> bool:
    """The batch holds no key twice and the store nothing of this authority in the table: the
    steps below (duplicates, superseded and replaced rows, values kept) would do nothing."""
    key = ", ".join(table.key)
    return not con.execute(f"""
        SELECT EXISTS (FROM {table.name} WHERE la = $la)
            OR EXISTS (SELECT 1 FROM stage_arrow GROUP BY {key} HAVING count(*) > 1)""",
        {"la": la}).fetchone()[0]


def _keep_what_is_not_carried(con: duckdb.DuckDBPyConnection, table: Table, given: set[str],
                              findings: Findings) -> None:
    """A staged row replacing a stored one keeps the stored value of each column its source does
    not carry (an SSD extract has no 903 mother flag; the 903 has no nationality), so loading
    another format never blanks what an earlier load knew. One INFO finding per file and column."""
    columns = [c.name for c in table.columns
               if c.name not in given and c.name not in table.key and c.name not in SET_BY_CSCPERF]
    if not columns:
        return
    match = _key_match(table, "t", "s")
    counts = con.execute(f"""
        SELECT s.file_name, {', '.join(f'count(*) FILTER (s.{c} IS NULL AND t.{c} IS NOT NULL)'
                                       for c in columns)}
        FROM stage s JOIN {table.name} t ON {match} GROUP BY s.file_name ORDER BY 1""").fetchall()
    for file_name, *kept in counts:
        for column, n in zip(columns, kept):
            if n:
                findings.add(file_name, "kept-from-earlier-load",
                             f"{n} row(s) replacing earlier ones had no {column}, which this file "
                             "does not carry; the earlier load's value was kept", Severity.INFO,
                             table=table.name, column=column)
    if not any(any(kept) for _, *kept in counts):
        return
    con.execute(f"""UPDATE stage s SET {', '.join(f'{c} = coalesce(s.{c}, t.{c})' for c in columns)}
                    FROM {table.name} t WHERE {match}""")


def _complete_key(table: Table, alias: str = "") -> str:
    return " AND ".join(f"{alias}{k} IS NOT NULL" for k in table.key)


def _describe_key(table: Table) -> str:
    return " and ".join(k.split("_", 1)[1].replace("_", " ") for k in table.key)


def _record_findings(con: duckdb.DuckDBPyConnection, la: str, load_ids: list[int], findings: Findings) -> None:
    """Each finding goes with the authority's load of the file it names, else its last load."""
    if not findings.items:
        return
    load_by_file = dict(con.execute(
        "SELECT name, max(load_id) FROM meta.load_files WHERE load_id IN (SELECT unnest(?)) "
        "GROUP BY name", [load_ids]).fetchall())
    con.register("new_findings", pa.table({
        "load_id": pa.array([load_by_file.get(f.file, load_ids[-1]) for f in findings], pa.int32()),
        "la": pa.array([la] * len(findings), pa.string()),
        **{name: pa.array([getattr(f, name) for f in findings], type_)
           for name, type_ in (("file", pa.string()), ("table", pa.string()),
                               ("row", pa.int32()), ("column", pa.string()),
                               ("value", pa.string()), ("rule", pa.string()),
                               ("child", pa.string()))},
        "severity": pa.array([str(f.severity) for f in findings], pa.string()),
        "message": pa.array([f.message for f in findings], pa.string()),
    }))
    con.execute("INSERT INTO meta.findings BY NAME SELECT * FROM new_findings")
    con.unregister("new_findings")
