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
