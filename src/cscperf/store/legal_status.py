"""Legal status spells derived from 903 episodes: consecutive episodes in one period of care
with the same legal status (LS) are one spell. Derived rows are marked lega_derived = 'Y' and
rebuilt each time; other rows are left alone."""

from __future__ import annotations

import duckdb

from cscperf.quality.findings import Finding
from cscperf.store.spells import first, last, provenance, rebuild, spell_id, spells

STARTS_NEW = """clae_cla_id IS DISTINCT FROM prev_cla_id
                OR clae_legal_status IS DISTINCT FROM prev_legal_status"""


def derive(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    rebuild(con, la, "ssd_legal_status", "lega_derived", f"""
        SELECT {spell_id('lega')} AS lega_legal_status_id, clae_person_id AS lega_person_id,
               {first('clae_legal_status')} AS lega_legal_status,
               spell_start AS lega_legal_status_start_date,
               {last('clae_cla_episode_ceased_date')} AS lega_legal_status_end_date,
               'Y' AS lega_derived, {provenance()}
        FROM ({spells(STARTS_NEW)}) GROUP BY clae_person_id, spell_start""")
    return []
