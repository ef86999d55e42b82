-- Children with a child in need plan open on the snapshot day (started on or before it, no end
-- date or one after it). One row per child, from their latest-started open plan.
SELECT p.la, p.period, c.person_id, c.plan_id AS event_id, p.period_end AS event_date,
    c.team,
    c.start_date
FROM periods p
JOIN calc.cin_plans c ON c.la = p.la AND c.start_date <= p.period_end
    AND (c.end_date IS NULL OR c.end_date > p.period_end)
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, c.person_id ORDER BY c.start_date DESC) = 1
