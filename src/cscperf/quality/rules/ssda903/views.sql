-- Views the 903 rules share, made after the return's tables (quality/rules/run.py).

-- Each child's episodes in date order, with the items of the episodes either side, the episode's
-- number in the child's return, and its period of care (a new one begins at each RNE S).
CREATE OR REPLACE TEMP VIEW episode_sequence AS
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

-- located('episodes') (or 'episodes_last'): each episode with what the DfE works out from its
-- postcodes, as the return carries none of them (quality/rules/lookups.py makes the directory):
--   PL_DISTANCE  miles from home to placement: the straight line between the two postcodes'
--                grid references / 1609.34, to one decimal place (as the store's placements)
--   PL_LA        the authority whose area holds the placement postcode (its DfE code), WAL, SCO or
--                NIR in Wales, Scotland or Northern Ireland, NUK outside the UK (Channel Islands,
--                Isle of Man)
--   PL_LOCATION  IN the authority's own area or OUT of it (NULL when its own code is not known)
-- each NULL when a postcode is not in the ONS postcode directory.
CREATE OR REPLACE TEMP MACRO located(episodes_table) AS TABLE
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

-- Each child's social worker episodes in order of their start, with the end of the episode before,
-- and whether it is the child's latest.
CREATE OR REPLACE TEMP VIEW social_worker_sequence AS
SELECT *, lag(SW_DEC) OVER w AS previous_SW_DEC, lead(SW_DECOM) OVER w AS next_SW_DECOM,
       row_number() OVER w = count(*) OVER (PARTITION BY CHILD) AS latest
FROM social_worker
WHERE CHILD IS NOT NULL AND SW_DECOM IS NOT NULL
WINDOW w AS (PARTITION BY CHILD ORDER BY SW_DECOM, source_row);
