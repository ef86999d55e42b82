"""Legal status spells derived from 903 episodes: consecutive episodes in one period of care
with the same legal status (LS) are one spell. Derived rows are marked lega_derived = 'Y' and
rebuilt each time; other rows are left alone."""

from __future__ import annotations

import duckdb

from cscperf.quality.findings import Finding
from cscperf.store.spells import first, last, spell_id, spells

STARTS_NEW = """clae_cla_id IS DISTINCT FROM prev_cla_id
                OR clae_legal_status IS DISTINCT FROM prev_legal_status"""


def derive(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    params = {"la": la}
    con.execute("DELETE FROM ssd_legal_status WHERE la = $la AND lega_derived = 'Y'", params)
    con.execute(f"""
        INSERT INTO ssd_legal_status (
            lega_legal_status_id, lega_person_id, lega_legal_status, lega_legal_status_start_date,
            lega_legal_status_end_date, lega_derived,
            la, load_id, source_file_id, source_row, collection_year)
        SELECT {spell_id('lega')}, clae_person_id, {first('clae_legal_status')}, spell_start,
               {last('clae_cla_episode_ceased_date')}, 'Y', $la,
               {first('load_id')}, {first('source_file_id')}, {first('source_row')},
               {first('collection_year')}
        FROM ({spells(STARTS_NEW)}) s
        WHERE NOT EXISTS (SELECT 1 FROM ssd_legal_status x WHERE x.la = $la
                          AND x.lega_person_id = s.clae_person_id
                          AND x.lega_legal_status_start_date = s.spell_start)
        GROUP BY clae_person_id, spell_start""", params)
    return []
