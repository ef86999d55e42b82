-- Views the 903 rules share, made after the return's tables (quality/rules/run.py).

-- Each child's episodes in date order, with the items of the episodes either side, the episode's
-- number in the child's return, and its period of care (a new one begins at each RNE S). A table,
-- worked out once: some thirty rules read it (a 50,000-child return's rules take 30% less CPU).
CREATE OR REPLACE TEMP TABLE episode_sequence AS
SELECT *,
       lag(DECOM) OVER w AS previous_DECOM, lag(DEC) OVER w AS previous_DEC,
       lag(REC) OVER w AS previous_REC, lag(LS) OVER w AS previous_LS,
       lag(PLACE) OVER w AS previous_PLACE, lag(PL_POST) OVER w AS previous_PL_POST,
       lag(PLACE_PROVIDER) OVER w AS previous_PLACE_PROVIDER, lag(URN) OVER w AS previous_URN,
       lead(DECOM) OVER w AS next_DECOM, lead(RNE) OVER w AS next_RNE,
       lead(PLACE) OVER w AS next_PLACE, lead(PL_POST) OVER w AS next_PL_POST,
       row_number() OVER w AS episode_no, count(*) OVER (PARTITION BY CHILD) AS episodes,
       sum(CASE WHEN RNE = 'S' THEN 1 ELSE 0 END) OVER w AS period_of_care
FROM episodes
WHERE CHILD IS NOT NULL AND DECOM IS NOT NULL
WINDOW w AS (PARTITION BY CHILD ORDER BY DECOM, source_row);

-- Each episode with the spell of its legal status: the episodes that follow on from each other
-- (each beginning the day the one before ended) under the same legal status, from `spell_start`
-- to `spell_end` (the last one's end, 31 March while open, none when an end in it is not a date).
-- A legal status lasts its spell, through changes of placement.
CREATE OR REPLACE TEMP TABLE status_spells AS
SELECT *, min(DECOM) OVER s AS spell_start,
       CASE WHEN bool_and(lasted_until(DEC, DEC_text) IS NOT NULL) OVER s
            THEN max(lasted_until(DEC, DEC_text)) OVER s END AS spell_end
FROM (SELECT *, sum(CASE WHEN LS = previous_LS AND DECOM = previous_DEC THEN 0 ELSE 1 END)
                    OVER (PARTITION BY CHILD ORDER BY DECOM, source_row) AS spell
      FROM episode_sequence)
WINDOW s AS (PARTITION BY CHILD, spell);

-- The OC2 cohort: children looked after continuously for at least 12 months at 31 March, by the
-- DfE's markers: looked after during the year, and none of their episodes starting a period of
-- care (reason for new episode S) after 1 April, ceasing in the year (on 31 March too) other than
-- for a new episode (reason X1), or a short break (legal status V3 or V4) during the year. On
-- episodes that follow on from each other, short breaks aside, this is the indicators'
-- looked_after_12m (looked after on 31 March in a period of care begun by 1 April:
-- defs/looked_after/cla.sql); an overlap or a gap between episodes, a fault of its own, does not
-- take a child out of it. An episode whose start is not a date (141's breach) still counts by its
-- end and reason.
CREATE OR REPLACE TEMP TABLE oc2_cohort AS
SELECT CHILD FROM episodes
WHERE CHILD IS NOT NULL AND (DECOM <= year_end() OR DECOM IS NULL)
GROUP BY CHILD
HAVING count(*) FILTER (WHERE DEC_text IS NULL OR DEC >= year_start()) > 0
   AND count(*) FILTER (WHERE RNE = 'S' AND DECOM > year_start()) = 0
   AND count(*) FILTER (WHERE DEC BETWEEN year_start() AND year_end() AND REC IS DISTINCT FROM 'X1') = 0
   AND count(*) FILTER (WHERE LS IN ('V3', 'V4') AND (DEC_text IS NULL OR DEC >= year_start())) = 0;

-- Each adoption: the episode in which a child ceased to be looked after by being adopted (reason
-- E11 or E12), with `placed`, the day the child was placed for adoption: the start of the latest
-- placement for adoption (A3-A6) on or before it. One starts where an episode placed for adoption
-- follows one that was not (foster carers becoming adopters, reason T or U, included), or begins
-- with new carers (reason for new episode S, P or B).
CREATE OR REPLACE TEMP TABLE adoptions AS
SELECT * FROM (
    SELECT *, max(CASE WHEN PLACE IN ('A3', 'A4', 'A5', 'A6')
                        AND (RNE IN ('S', 'P', 'B') OR coalesce(previous_PLACE, '') NOT IN ('A3', 'A4', 'A5', 'A6'))
                       THEN DECOM END) OVER (w ROWS UNBOUNDED PRECEDING) AS placed
    FROM (SELECT *, lag(PLACE) OVER w AS previous_PLACE FROM episodes
          WHERE DECOM IS NOT NULL AND CHILD IN (SELECT CHILD FROM episodes WHERE REC IN ('E11', 'E12'))
          WINDOW w AS (PARTITION BY CHILD ORDER BY DECOM, source_row))
    WINDOW w AS (PARTITION BY CHILD ORDER BY DECOM, source_row))
WHERE REC IN ('E11', 'E12');

-- Each decision that a child should be placed for adoption (with a date), in date order: the
-- decision before it, and whether it is the child's latest.
CREATE OR REPLACE TEMP TABLE adoption_decisions AS
SELECT *, lag(DATE_PLACED) OVER w AS previous_DATE_PLACED,
       lag(DATE_PLACED_CEASED) OVER w AS previous_DATE_PLACED_CEASED,
       lag(DATE_PLACED_CEASED_text) OVER w AS previous_DATE_PLACED_CEASED_text,
       row_number() OVER w = count(*) OVER (PARTITION BY CHILD) AS latest
FROM placed_for_adoption
WHERE CHILD IS NOT NULL AND DATE_PLACED IS NOT NULL
WINDOW w AS (PARTITION BY CHILD ORDER BY DATE_PLACED, source_row);

-- located('episodes') (or 'episodes_last'): each episode with what the DfE works out from its
-- postcodes, as the return carries none of them (quality/rules/lookups.py makes the directory):
--   PL_DISTANCE  miles from home to placement: the straight line between the two postcodes'
--                grid references / 1609.34, to one decimal place (as the store's placements)
--   PL_LA        the authority whose area holds the placement postcode (its DfE code), WAL, SCO or
--                NIR in Wales, Scotland or Northern Ireland, NUK outside the UK (Channel Islands,
--                Isle of Man)
--   PL_LOCATION  IN the authority's own area or OUT of it (NULL when its own code is not known)
-- each NULL when a postcode is not in the ONS postcode directory. Worked out once for each year's
-- episodes (some fifteen rules read them) by locate(), which does the work.
CREATE OR REPLACE TEMP MACRO locate(episodes_table) AS TABLE
SELECT *, CASE WHEN PL_LA = own_la() THEN 'IN' WHEN own_la() IS NOT NULL THEN 'OUT' END AS PL_LOCATION
FROM (
    SELECT e.*,
           round(sqrt(power(pl.easting - home.easting, 2) + power(pl.northing - home.northing, 2))
                 / 1609.34, 1) AS PL_DISTANCE,
           coalesce(d.la, CASE left(pl.district, 1) WHEN 'W' THEN 'WAL' WHEN 'S' THEN 'SCO'
                          WHEN 'N' THEN 'NIR' WHEN 'L' THEN 'NUK' WHEN 'M' THEN 'NUK' END) AS PL_LA
    FROM query_table(episodes_table) e
    LEFT JOIN postcode_directory home ON home.postcode = replace(upper(e.HOME_POST), ' ', '')
    LEFT JOIN postcode_directory pl ON pl.postcode = replace(upper(e.PL_POST), ' ', '')
    LEFT JOIN district_la d ON d.district = pl.district);
CREATE OR REPLACE TEMP TABLE episodes_located AS FROM locate('episodes');
CREATE OR REPLACE TEMP TABLE episodes_last_located AS FROM locate('episodes_last');
CREATE OR REPLACE TEMP MACRO located(episodes_table) AS TABLE FROM query_table(episodes_table || '_located');

-- Each child's social worker episodes in order of their start, with the end of the episode before,
-- and whether it is the child's latest.
CREATE OR REPLACE TEMP TABLE social_worker_sequence AS
SELECT *, lag(SW_DEC) OVER w AS previous_SW_DEC, lead(SW_DECOM) OVER w AS next_SW_DECOM,
       row_number() OVER w = count(*) OVER (PARTITION BY CHILD) AS latest
FROM social_worker
WHERE CHILD IS NOT NULL AND SW_DECOM IS NOT NULL
WINDOW w AS (PARTITION BY CHILD ORDER BY SW_DECOM, source_row);
