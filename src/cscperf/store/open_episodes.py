"""Repair of 903 episodes left open in one year's return but closed or superseded by a later one.

An episode open (no ceased date) in the return for year Y is closed
- at the start of the child's next episode in a later return, when there is one; or else
- at 31 March of year Y, when the return for Y+1 is loaded but the child is not in it.
A repair only ever fills an empty ceased date, says why in clae_repair_reason, and is undone and
redone on each run, so the result depends only on what is loaded. New repairs are INFO findings.
"""

from __future__ import annotations

import duckdb

from cscperf.quality.findings import Finding, Severity
from cscperf.store.spells import EPISODES_903

RULE = "open-episode-closed"

_REPAIRS = """
    SELECT e.clae_person_id, e.clae_cla_episode_start_date, e.clae_cla_episode_ceased_date,
           e.clae_repair_reason, f.name, e.source_row
    FROM ssd_cla_episodes e LEFT JOIN meta.load_files f ON f.file_id = e.source_file_id
    WHERE e.la = $la AND e.clae_repair_reason IS NOT NULL
    ORDER BY f.name, e.source_row, e.clae_person_id, e.clae_cla_episode_start_date"""

_BY_LATER_EPISODE = f"""
    UPDATE ssd_cla_episodes t
    SET clae_cla_episode_ceased_date = n.next_start,
        clae_repair_reason = format('open in the {{}} return; the {{}} return has a later episode '
                                    'for this child, starting {{}}', n.collection_year,
                                    n.next_year, strftime(n.next_start, '%d/%m/%Y'))
    FROM (SELECT o.clae_person_id, o.clae_cla_episode_start_date, o.collection_year,
                 min(l.clae_cla_episode_start_date) AS next_start,
                 arg_min(l.collection_year, l.clae_cla_episode_start_date) AS next_year
          FROM ({EPISODES_903}) o JOIN ({EPISODES_903}) l
            ON l.clae_person_id = o.clae_person_id
           AND l.clae_cla_episode_start_date > o.clae_cla_episode_start_date
           AND l.collection_year > o.collection_year
          WHERE o.clae_cla_episode_ceased_date IS NULL
          GROUP BY ALL) n
    WHERE t.la = $la AND t.clae_person_id = n.clae_person_id
      AND t.clae_cla_episode_start_date = n.clae_cla_episode_start_date"""

_NOT_IN_NEXT_RETURN = f"""
    UPDATE ssd_cla_episodes t
    SET clae_cla_episode_ceased_date = make_date(t.collection_year, 3, 31),
        clae_repair_reason = format('open in the {{}} return; the child is not in the {{}} '
                                    'return', t.collection_year, t.collection_year + 1)
    FROM ({EPISODES_903}) o
    WHERE t.la = $la AND t.clae_person_id = o.clae_person_id
      AND t.clae_cla_episode_start_date = o.clae_cla_episode_start_date
      AND o.clae_cla_episode_ceased_date IS NULL
      AND o.clae_cla_episode_start_date <= make_date(o.collection_year, 3, 31)
      AND o.collection_year + 1 IN (
          SELECT f.collection_year FROM meta.load_files f JOIN meta.loads l USING (load_id)
          WHERE l.la = $la AND f.format = 'ssda903' AND f.part = 'episodes')
      AND NOT EXISTS (SELECT 1 FROM ({EPISODES_903}) later
                      WHERE later.clae_person_id = o.clae_person_id
                        AND later.collection_year > o.collection_year)"""


def repair(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    params = {"la": la}
    before = {row[:4] for row in con.execute(_REPAIRS, params).fetchall()}
    con.execute("""UPDATE ssd_cla_episodes SET clae_cla_episode_ceased_date = NULL,
                   clae_repair_reason = NULL WHERE la = $la AND clae_repair_reason IS NOT NULL""",
                params)
    con.execute(_BY_LATER_EPISODE, params)
    con.execute(_NOT_IN_NEXT_RETURN, params)
    return [Finding(file or "store", RULE, f"open episode closed on {ceased:%d/%m/%Y}: {reason}",
                    Severity.INFO, table="ssd_cla_episodes", row=row, column="DEC",
                    value=ceased.isoformat())
            for person, start, ceased, reason, file, row in con.execute(_REPAIRS, params).fetchall()
            if (person, start, ceased, reason) not in before]
