-- Assessments whose authorisation date is in the period: one row per assessment.
SELECT p.la, p.period, a.person_id, a.assessment_id AS event_id, a.auth_date AS event_date,
    a.team,
    a.start_date,
    a.working_days,
    -- an assessment with no start date is not known to be within 45 working days
    coalesce(a.working_days <= 45, false) AS within_45_working_days
FROM period_months p
JOIN calc.assessments a ON a.la = p.la AND p.month = calc.month_of(a.auth_date)
