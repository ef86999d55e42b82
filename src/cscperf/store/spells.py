"""The SSDA903 episodes of an authority, grouped into spells: periods of care, placements and
legal statuses are each a run of consecutive episodes of one child.

Only episodes loaded from 903 returns take part (rows from other sources, such as an SSD
export, are left as they are), and only those with a child and a start date.
"""

from __future__ import annotations

import duckdb

from cscperf.store.schema import TABLES_BY_NAME

EPISODES_903 = """
    SELECT * FROM ssd_cla_episodes
    WHERE la = $la AND clae_person_id IS NOT NULL AND clae_cla_episode_start_date IS NOT NULL
      AND source_file_id IN (SELECT file_id FROM meta.load_files WHERE format = 'ssda903')"""


def spells(starts_new: str) -> str:
    """SQL giving each 903 episode with `spell_start`, the start of the spell it belongs to.

    `starts_new` is a condition on the episode and the child's previous episode, whose ceased
    date, period of care and legal status are `prev_ceased`, `prev_cla_id`, `prev_legal_status`
    (all null for a child's first episode). A null condition starts a new spell.
    """
    return f"""
        SELECT *, first_value(clae_cla_episode_start_date) OVER (
                      PARTITION BY clae_person_id, spell_no ORDER BY clae_cla_episode_start_date
                  ) AS spell_start
        FROM (
            SELECT *, sum(CASE WHEN coalesce(({starts_new}), true) THEN 1 ELSE 0 END) OVER (
                          PARTITION BY clae_person_id ORDER BY clae_cla_episode_start_date
                          ROWS UNBOUNDED PRECEDING) AS spell_no
            FROM (
                SELECT *, lag(clae_cla_episode_ceased_date) OVER w AS prev_ceased,
                       lag(clae_cla_id) OVER w AS prev_cla_id,
                       lag(clae_legal_status) OVER w AS prev_legal_status
                FROM ({EPISODES_903})
                WINDOW w AS (PARTITION BY clae_person_id ORDER BY clae_cla_episode_start_date)))"""


def spell_id(prefix: str) -> str:
    """SQL for a spell's ID: readable and stable, e.g. 'plac-123456-20230401'."""
    return f"'{prefix}-' || clae_person_id || '-' || strftime(spell_start, '%Y%m%d')"


def first(column: str) -> str:
    """SQL aggregate: the column's value on the spell's first episode."""
    return f"first({column} ORDER BY clae_cla_episode_start_date)"


def last(column: str) -> str:
    """SQL aggregate: the column's value on the spell's last episode (null if null there)."""
    return f"last({column} ORDER BY clae_cla_episode_start_date)"


def provenance() -> str:
    """SQL aggregates: a spell's provenance is its first episode's."""
    return ", ".join(f"{first(c)} AS {c}" for c in
                     ("load_id", "source_file_id", "source_row", "collection_year")) + ", $la AS la"


def rebuild(con: duckdb.DuckDBPyConnection, la: str, table: str, derived: str, rows: str) -> None:
    """Replace the authority's derived rows of `table` (`derived` = 'Y') with `rows`, a SELECT
    naming its columns; a row loaded from another source with the same natural key stands."""
    key = " AND ".join(f"x.{k} = r.{k}" for k in TABLES_BY_NAME[table].key)
    con.execute(f"DELETE FROM {table} WHERE la = $la AND {derived} = 'Y'", {"la": la})
    con.execute(f"""INSERT INTO {table} BY NAME SELECT * FROM ({rows}) r
                    WHERE NOT EXISTS (SELECT 1 FROM {table} x WHERE x.la = $la AND {key})""",
                {"la": la})
