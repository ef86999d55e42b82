"""Placements derived from 903 episodes: a placement is a spell with the same carer.

A new placement starts with reason for new episode S, P or B (or a new period of care); T, U and
L continue it. Type, provider, postcode and URN come from its first episode, the end date and
the reason it ended from its last. Distance is the DfE's: the straight line between the home
and placement postcodes' grid references, in miles (metres / 1609.34), to one decimal place.
Derived rows are marked clap_derived = 'Y' and rebuilt each time; other rows are left alone.
"""

from __future__ import annotations

import duckdb

from cscperf.quality.findings import Finding
from cscperf.store.spells import first, last, provenance, rebuild, spell_id, spells

STARTS_NEW = """clae_cla_id IS DISTINCT FROM prev_cla_id
                OR coalesce(clae_cla_episode_start_reason, '') IN ('S', 'P', 'B')"""
METRES_PER_MILE = 1609.34


def derive(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    rebuild(con, la, "ssd_cla_placement", "clap_derived", f"""
        SELECT p.* EXCLUDE (home_postcode), 'Y' AS clap_derived,
               round(sqrt(power(pl.easting - home.easting, 2)
                          + power(pl.northing - home.northing, 2)) / {METRES_PER_MILE}, 1)
                   AS clap_cla_placement_distance
        FROM (
            SELECT {spell_id('plac')} AS clap_cla_placement_id, clae_person_id AS clap_person_id,
                   {first('clae_cla_id')} AS clap_cla_id,
                   spell_start AS clap_cla_placement_start_date,
                   {last('clae_cla_episode_ceased_date')} AS clap_cla_placement_end_date,
                   {first('clae_placement_type')} AS clap_cla_placement_type,
                   {first('clae_placement_provider')} AS clap_cla_placement_provider,
                   {first('clae_placement_postcode')} AS clap_cla_placement_postcode,
                   {first('clae_placement_urn')} AS clap_cla_placement_urn,
                   {last('clae_placement_change_reason')} AS clap_cla_placement_change_reason,
                   {first('clae_home_postcode')} AS home_postcode, {provenance()}
            FROM ({spells(STARTS_NEW)}) GROUP BY clae_person_id, spell_start) p
        LEFT JOIN meta.postcodes home ON home.postcode = p.home_postcode
        LEFT JOIN meta.postcodes pl ON pl.postcode = p.clap_cla_placement_postcode""")
    # Each episode points to its placement (a derived one, or one loaded for the same start).
    con.execute(f"""
        UPDATE ssd_cla_episodes t SET clae_cla_placement_id = x.clap_cla_placement_id
        FROM ({spells(STARTS_NEW)}) s JOIN ssd_cla_placement x
          ON x.la = $la AND x.clap_person_id = s.clae_person_id
         AND x.clap_cla_placement_start_date = s.spell_start
        WHERE t.la = $la AND t.clae_person_id = s.clae_person_id
          AND t.clae_cla_episode_start_date = s.clae_cla_episode_start_date""", {"la": la})
    return []
