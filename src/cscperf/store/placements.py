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
from cscperf.store.spells import first, last, spell_id, spells

STARTS_NEW = """clae_cla_id IS DISTINCT FROM prev_cla_id
                OR coalesce(clae_cla_episode_start_reason, '') IN ('S', 'P', 'B')"""
METRES_PER_MILE = 1609.34


def derive(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    params = {"la": la}
    con.execute("DELETE FROM ssd_cla_placement WHERE la = $la AND clap_derived = 'Y'", params)
    con.execute(f"""
        INSERT INTO ssd_cla_placement (
            clap_cla_placement_id, clap_person_id, clap_cla_id, clap_cla_placement_start_date,
            clap_cla_placement_end_date, clap_cla_placement_type, clap_cla_placement_provider,
            clap_cla_placement_postcode, clap_cla_placement_urn, clap_cla_placement_distance,
            clap_cla_placement_change_reason, clap_derived,
            la, load_id, source_file_id, source_row, collection_year)
        SELECT p.placement_id, p.clae_person_id, p.cla_id, p.spell_start, p.end_date, p.type,
               p.provider, p.postcode, p.urn,
               round(sqrt(power(pl.easting - home.easting, 2) + power(pl.northing - home.northing, 2))
                     / {METRES_PER_MILE}, 1),
               p.change_reason, 'Y', $la, p.load_id, p.source_file_id, p.source_row, p.collection_year
        FROM (
            SELECT clae_person_id, spell_start, {spell_id('plac')} AS placement_id,
                   {first('clae_cla_id')} AS cla_id,
                   {last('clae_cla_episode_ceased_date')} AS end_date,
                   {first('clae_placement_type')} AS type, {first('clae_placement_provider')} AS provider,
                   {first('clae_placement_postcode')} AS postcode,
                   {first('clae_home_postcode')} AS home_postcode, {first('clae_placement_urn')} AS urn,
                   {last('clae_placement_change_reason')} AS change_reason,
                   {first('load_id')} AS load_id, {first('source_file_id')} AS source_file_id,
                   {first('source_row')} AS source_row, {first('collection_year')} AS collection_year
            FROM ({spells(STARTS_NEW)}) GROUP BY clae_person_id, spell_start) p
        LEFT JOIN meta.postcodes home ON home.postcode = p.home_postcode
        LEFT JOIN meta.postcodes pl ON pl.postcode = p.postcode
        WHERE NOT EXISTS (SELECT 1 FROM ssd_cla_placement x WHERE x.la = $la
                          AND x.clap_person_id = p.clae_person_id
                          AND x.clap_cla_placement_start_date = p.spell_start)""", params)
    # Each episode points to its placement (a derived one, or one loaded for the same start).
    con.execute(f"""
        UPDATE ssd_cla_episodes t SET clae_cla_placement_id = x.clap_cla_placement_id
        FROM ({spells(STARTS_NEW)}) s JOIN ssd_cla_placement x
          ON x.la = $la AND x.clap_person_id = s.clae_person_id
         AND x.clap_cla_placement_start_date = s.spell_start
        WHERE t.la = $la AND t.clae_person_id = s.clae_person_id
          AND t.clae_cla_episode_start_date = s.clae_cla_episode_start_date""", params)
    return []
