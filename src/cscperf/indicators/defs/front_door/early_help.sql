-- Early help episodes started in the period: one row per episode, with whether the child was
-- referred to children's social care within 12 months of its start.
SELECT p.la, p.period, e.person_id, e.episode_id AS event_id, e.start_date AS event_date,
    e.end_date, e.organisation, e.next_referral_date, e.stepped_up_12m
FROM period_months p
JOIN calc.early_help e ON e.la = p.la AND p.month = calc.month_of(e.start_date)
