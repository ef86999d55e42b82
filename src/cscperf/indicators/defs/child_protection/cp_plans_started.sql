-- Child protection plans whose start date is in the period: one row per plan.
SELECT p.la, p.period, c.person_id, c.plan_id AS event_id, c.start_date AS event_date,
    c.initial_category AS category_of_abuse,
    -- the child had an earlier plan in the data, or the return says they had previous plans
    c.previous_plan_start IS NOT NULL OR coalesce(c.number_of_previous, 0) > 0 AS second_or_subsequent,
    c.previous_plan_start,
    c.number_of_previous
FROM period_months p
JOIN calc.cp_plans c ON c.la = p.la AND p.month = calc.month_of(c.start_date)
