"""Periods of care: a period starts when a child starts to be looked after (903 reason for new
episode S) and continues while each episode starts on the day the previous one ceased."""

from __future__ import annotations

import duckdb

from cscperf.quality.findings import Finding
from cscperf.store.spells import spell_id, spells

STARTS_NEW = """coalesce(clae_cla_episode_start_reason, '') = 'S' OR prev_ceased IS NULL
                OR clae_cla_episode_start_date <> prev_ceased"""


def derive(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    con.execute(f"""
        UPDATE ssd_cla_episodes t SET clae_cla_id = p.cla_id, clae_entered_care_date = p.spell_start
        FROM (SELECT clae_person_id, clae_cla_episode_start_date, spell_start,
                     {spell_id('cla')} AS cla_id FROM ({spells(STARTS_NEW)})) p
        WHERE t.la = $la AND t.clae_person_id = p.clae_person_id
          AND t.clae_cla_episode_start_date = p.clae_cla_episode_start_date""", {"la": la})
    return []
