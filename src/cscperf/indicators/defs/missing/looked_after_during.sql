-- Children looked after at any time in the period, LAIT 161's denominator ("children looked after
-- during the year", short breaks left out): an episode of care open on one of its days (one
-- ceasing on its first day was open on it). One row per child, with whether they went missing or
-- away: an episode of that type begun while looked after and open in the period, as missing.sql
-- counts them (one still open on the first day, carried over, counts too).
WITH during AS (
    SELECT p.la, p.period, p.period_start, p.period_end, e.person_id, e.episode_id
    FROM periods p
    JOIN calc.cla_episodes e ON e.la = p.la AND e.start_date <= p.period_end
        AND (e.ceased_date IS NULL OR e.ceased_date >= p.period_start)
    QUALIFY row_number() OVER (PARTITION BY p.la, p.period, e.person_id ORDER BY e.start_date DESC) = 1
)
SELECT d.la, d.period, d.person_id, d.episode_id AS event_id, d.period_end AS event_date,
    coalesce(bool_or(m.type = 'M'), false) AS went_missing,
    coalesce(bool_or(m.type = 'A'), false) AS went_away
FROM during d
LEFT JOIN calc.missing m ON m.la = d.la AND m.person_id = d.person_id AND m.looked_after
    AND calc.open_in(m.start_date, m.open_until, d.period_start, d.period_end)
GROUP BY d.la, d.period, d.person_id, d.episode_id, d.period_end
