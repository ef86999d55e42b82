-- Children who ceased to be looked after in the period: an episode (not a short break) ceased in
-- it for a reason other than X1 (an episode ending with no reason recorded counts when it is the
-- last of its period of care: calc.cla_episodes.ends_care). One row per child, from their last
-- such episode in the period; adoptions and special guardianship orders count children by it too.
SELECT p.la, p.period, e.person_id, e.episode_id AS event_id, e.ceased_date AS event_date,
    calc.reason_ceased(e.ceased_reason) AS reason_ceased,
    e.ceased_reason AS reason_ceased_code,
    coalesce(e.ceased_reason IN ('E11', 'E12'), false) AS adopted,
    coalesce(e.ceased_reason IN ('E43', 'E44', 'E45', 'E46', 'E47', 'E48'), false) AS special_guardianship,
    coalesce(e.ceased_reason IN ('E4A', 'E4B'), false) AS returned_home,
    -- E3: care taken over by another local authority (the National Transfer Scheme's transfers)
    coalesce(e.ceased_reason = 'E3', false)
        AND calc.is_uasc(e.ever_uasc, e.uasc_start, e.uasc_end, e.ceased_date) AS uasc_transferred_out,
    e.legal_status, e.placement_type, e.placement_provider, e.category_of_need,
    e.entered_care_date
FROM period_months p
JOIN calc.cla_episodes e ON e.la = p.la AND p.month = calc.month_of(e.ceased_date)
WHERE e.ends_care
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, e.person_id ORDER BY e.ceased_date DESC) = 1
