-- Missing (type M) and away without authorisation (type A) episodes of looked-after children
-- open in the period: started in it, or started before it and not over by its first day (an
-- episode ending that day was open on it). LAIT 161 counts the episodes open on 1 April, carried
-- over from the year before, as well as those starting in the year. One row per episode.
WITH open_in AS (
    SELECT p.la, p.period, m.* EXCLUDE (la), false AS carried_over
    FROM period_months p
    JOIN calc.missing m ON m.la = p.la AND p.month = calc.month_of(m.start_date)
    UNION ALL
    -- only an episode running into a later month can be open on a period's first day
    SELECT p.la, p.period, m.* EXCLUDE (la), true
    FROM periods p
    JOIN (SELECT * FROM calc.missing WHERE calc.month_of(open_until) > calc.month_of(start_date)) m
        ON m.la = p.la AND m.start_date < p.period_start AND m.open_until >= p.period_start
)
SELECT la, period, person_id, missing_id AS event_id, start_date AS event_date,
    legal_status, placement_type, placement_provider,
    type = 'M' AS missing,
    type = 'A' AS away,
    -- the child's first episode of this type in the period: counting these counts children
    type = 'M' AND row_number() OVER child_and_type = 1 AS first_missing,
    type = 'A' AND row_number() OVER child_and_type = 1 AS first_away,
    type = 'M' AND rhi_offered AS rhi_offered,
    rhi_offered AND rhi_accepted AS rhi_accepted,
    carried_over,
    end_date
FROM open_in
WHERE looked_after AND type IN ('M', 'A')
WINDOW child_and_type AS (PARTITION BY la, period, person_id, type ORDER BY start_date, missing_id)
