-- Children who left care in the period through a special guardianship order: children ceasing to
-- be looked after (as cla_ceased, by their last ceasing in the period) for reason E45 to E48
-- (E43, E44 in returns before 2016). One row per child.
SELECT p.la, p.period, e.person_id, e.episode_id AS event_id, e.ceased_date AS event_date,
    e.ceased_reason AS reason_ceased
FROM period_months p
JOIN calc.cla_episodes e ON e.la = p.la AND p.month = calc.month_of(e.ceased_date)
WHERE e.ends_care
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, e.person_id ORDER BY e.ceased_date DESC) = 1
    AND e.ceased_reason IN ('E43', 'E44', 'E45', 'E46', 'E47', 'E48')
