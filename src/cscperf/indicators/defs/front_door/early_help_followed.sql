-- Early help episodes started in the 12 months ending a year before the period's last day, so
-- that each has had its full 12 months to be stepped up: one row per episode, with whether the
-- child was referred to children's social care within 12 months of its start.
SELECT p.la, p.period, e.person_id, e.episode_id AS event_id, e.start_date AS event_date,
    e.end_date, e.organisation, e.next_referral_date, e.stepped_up_12m
FROM periods p
JOIN calc.early_help e ON e.la = p.la
    AND e.start_date BETWEEN p.period_end + INTERVAL 1 DAY - INTERVAL 24 MONTH AND p.period_end - INTERVAL 12 MONTH
