-- Child protection plans whose end date is in the period: one row per plan.
SELECT p.la, p.period, c.person_id, c.plan_id AS event_id, c.end_date AS event_date,
    c.latest_category AS category_of_abuse,
    c.start_date,
    -- LAIT 98: more than 729 days, counting the day the plan ceased
    c.end_date - c.start_date + 1 > 729 AS lasted_2y_plus
FROM period_months p
JOIN calc.cp_plans c ON c.la = p.la AND p.month = calc.month_of(c.end_date)
