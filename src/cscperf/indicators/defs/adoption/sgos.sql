-- Children who left care in the period through a special guardianship order (reason ceased E45
-- to E48; E43, E44 in returns before 2016): one row per child, from their latest such episode
-- (short breaks, legal status V3 or V4, are not care).
SELECT p.la, p.period, e.clae_person_id AS person_id,
    coalesce(e.clae_cla_episode_id, e.clae_person_id || '/' || e.clae_cla_episode_start_date) AS event_id,
    e.clae_cla_episode_ceased_date AS event_date,
    upper(e.clae_cla_episode_ceased_reason) AS reason_ceased
FROM period_months p
JOIN ssd_cla_episodes e ON e.la = p.la AND p.month = calc.month_of(e.clae_cla_episode_ceased_date)
WHERE upper(e.clae_cla_episode_ceased_reason) IN ('E43', 'E44', 'E45', 'E46', 'E47', 'E48')
  AND coalesce(upper(e.clae_legal_status), '') NOT IN ('V3', 'V4')
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, e.clae_person_id
                           ORDER BY e.clae_cla_episode_ceased_date DESC) = 1
