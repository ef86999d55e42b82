-- Missing (type M) and away without authorisation (type A) episodes that started in the period
-- while the child was looked after: one row per episode.
SELECT p.la, p.period, m.person_id, m.missing_id AS event_id, m.start_date AS event_date,
    m.legal_status, m.placement_type, m.placement_provider,
    m.type = 'M' AS missing,
    m.type = 'A' AS away,
    -- the child's first episode of this type in the period: counting these counts children
    m.type = 'M' AND row_number() OVER child_and_type = 1 AS first_missing,
    m.type = 'A' AND row_number() OVER child_and_type = 1 AS first_away,
    m.type = 'M' AND m.rhi_offered AS rhi_offered,
    m.rhi_offered AND m.rhi_accepted AS rhi_accepted,
    m.end_date
FROM period_months p
JOIN calc.missing m ON m.la = p.la AND p.month = calc.month_of(m.start_date)
WHERE m.looked_after AND m.type IN ('M', 'A')
WINDOW child_and_type AS (PARTITION BY p.la, p.period, m.person_id, m.type ORDER BY m.start_date, m.missing_id)
