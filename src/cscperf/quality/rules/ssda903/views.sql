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

-- The OC2 cohort: children looked after continuously for at least 12 months at 31 March, as
-- indicators/ counts them (looked_after_12m in defs/looked_after/cla.sql): looked after on 31
-- March (an episode not ceased by then; one ceasing that day is over) in a period of care that
-- began on or before 1 April, the year's first day. A period of care begins with a reason for new
-- episode S, or where an episode does not start on the day the one before it ceased. Short
-- breaks (legal status V3 or V4) are not care here: a child on one at 31 March is not in the
-- cohort, and care that follows short breaks begins a period of its own, as the DfE reads it.
CREATE OR REPLACE TEMP VIEW oc2_cohort AS
SELECT DISTINCT CHILD FROM (
    SELECT *, sum(CASE WHEN RNE = 'S' OR DECOM IS DISTINCT FROM previous_DEC THEN 1 ELSE 0 END)
                  OVER (PARTITION BY CHILD ORDER BY DECOM, source_row) AS period_of_care
    FROM (SELECT *, lag(DEC) OVER (PARTITION BY CHILD ORDER BY DECOM, source_row) AS previous_DEC
          FROM episodes
          WHERE CHILD IS NOT NULL AND DECOM IS NOT NULL AND coalesce(LS, '') NOT IN ('V3', 'V4')))
GROUP BY CHILD, period_of_care
HAVING min(DECOM) <= year_start() AND bool_or(DEC_text IS NULL OR DEC > year_end());

-- Each adoption: the episode in which a child ceased to be looked after by being adopted (reason
-- E11 or E12), with `placed`, the day the child was placed for adoption: the start of the
-- placement the episode is part of (the latest episode on or before it that began a placement,
-- with a reason for new episode S, P or B, or the child's first in the return).
CREATE OR REPLACE TEMP VIEW adoptions AS
SELECT * FROM (
    SELECT *, max(CASE WHEN RNE IN ('S', 'P', 'B') OR episode_no = 1 THEN DECOM END) OVER (
                  PARTITION BY CHILD ORDER BY DECOM, source_row ROWS UNBOUNDED PRECEDING) AS placed
    FROM episode_sequence)
WHERE REC IN ('E11', 'E12');

-- Each decision that a child should be placed for adoption (with a date), in date order: the
-- decision before it, and whether it is the child's latest.
CREATE OR REPLACE TEMP VIEW adoption_decisions AS
SELECT *, lag(DATE_PLACED) OVER w AS previous_DATE_PLACED,
       lag(DATE_PLACED_CEASED) OVER w AS previous_DATE_PLACED_CEASED,
       lag(DATE_PLACED_CEASED_text) OVER w AS previous_DATE_PLACED_CEASED_text,
       row_number() OVER w = count(*) OVER (PARTITION BY CHILD) AS latest
FROM placed_for_adoption
WHERE CHILD IS NOT NULL AND DATE_PLACED IS NOT NULL
WINDOW w AS (PARTITION BY CHILD ORDER BY DATE_PLACED, source_row);
