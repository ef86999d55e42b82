-- Children looked after at any time in the period: an episode of care (not a short break)
-- started on or before its last day and not ceased before its first (one ceasing on the first
-- day counts). One row per child, from their latest such episode, with whether they were missing
-- (type M) or away without authorisation (type A) while looked after in the period: an incident
-- that started in it, or was still open on its first day (LAIT 161 counts those carried over
-- from before 1 April).
WITH looked_after AS (
    SELECT p.la, p.period, p.period_start, p.period_end, e.*
    FROM periods p
    JOIN calc.cla_episodes e ON e.la = p.la AND calc.open_in(e.start_date, e.ceased_date, p.period_start, p.period_end)
    QUALIFY row_number() OVER (PARTITION BY p.la, p.period, e.person_id ORDER BY e.start_date DESC) = 1
), incidents AS (
    SELECT l.la, l.period, l.person_id,
        bool_or(m.type = 'M') AS went_missing,
        bool_or(m.type = 'A') AS went_away,
        count(*) FILTER (WHERE m.type = 'M') AS missing_incidents
    FROM looked_after l
    JOIN calc.missing m ON m.la = l.la AND m.person_id = l.person_id AND m.looked_after
        AND calc.open_in(m.start_date, m.end_date, l.period_start, l.period_end)
    GROUP BY ALL
)
SELECT l.la, l.period, l.person_id, l.episode_id AS event_id, l.period_end AS event_date,
    l.legal_status, l.placement_type, l.placement_provider, l.category_of_need,
    coalesce(i.went_missing, false) AS went_missing,
    coalesce(i.went_away, false) AS went_away,
    coalesce(i.missing_incidents, 0) AS missing_incidents
FROM looked_after l
LEFT JOIN incidents i USING (la, period, person_id)
