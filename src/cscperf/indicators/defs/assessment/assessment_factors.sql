-- Children with an assessment authorised in the period that identified factors (CIN census
-- codes; 21, none, left out): one row per child, with the factors of all their assessments
-- authorised in the period as a list (`factor`), so that by factor each child is counted once
-- under each of their factors.
SELECT p.la, p.period, f.person_id, min(f.assessment_id) AS event_id, min(f.auth_date) AS event_date,
    list(DISTINCT f.factor ORDER BY f.factor) AS factor,
    -- child sexual exploitation (11A), trafficking (12A), gangs (13A), child criminal exploitation (24A)
    bool_or(f.factor IN ('11A', '12A', '13A', '24A')) AS exploitation
FROM period_months p
JOIN calc.assessment_factors f ON f.la = p.la AND p.month = calc.month_of(f.auth_date)
GROUP BY p.la, p.period, f.person_id
