-- Missing (type M) and away without authorisation (type A) episodes of looked-after children
-- open in the period: started in it, or started before it and not over by its first day (an
-- episode ending that day was open on it). LAIT 161 counts the episodes open on 1 April, carried
-- over from the year before, as well as those starting in the year. One row per episode.
SELECT p.la, p.period, m.person_id, m.missing_id AS event_id, m.start_date AS event_date,
    m.legal_status, m.placement_type, m.placement_provider,
    m.type = 'M' AS missing,
    m.type = 'A' AS away,
    -- the child's first episode of this type in the period: counting these counts children
    m.type = 'M' AND row_number() OVER child_and_type = 1 AS first_missing,
    m.type = 'A' AND row_number() OVER child_and_type = 1 AS first_away,
    m.type = 'M' AND m.rhi_offered AS rhi_offered,
    m.rhi_offered AND m.rhi_accepted AS rhi_accepted,
    m.start_date < p.period_start AS carried_over,
    m.end_date
FROM periods p
JOIN calc.missing m ON m.la = p.la AND m.start_date <= p.period_end AND m.open_until >= p.period_start
WHERE m.looked_after AND m.type IN ('M', 'A')
WINDOW child_and_type AS (PARTITION BY p.la, p.period, m.person_id, m.type ORDER BY m.start_date, m.missing_id)
