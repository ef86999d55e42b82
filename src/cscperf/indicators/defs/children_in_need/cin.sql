-- Children in need on the snapshot day: a referral dated on or before it, not marked NFA, with
-- no closure date or one after it. One row per child, from their latest such referral.
SELECT p.la, p.period, r.person_id, r.referral_id AS event_id, p.period_end AS event_date,
    r.category_of_need, r.team,
    r.referral_date,
    r.close_date,
    -- in need for 2 years or more on the day (referred on or before the same date 2 years earlier)
    r.referral_date <= p.period_end - INTERVAL 2 YEAR AS in_need_2y_plus
FROM periods p
JOIN calc.referrals r ON r.la = p.la AND r.referral_date <= p.period_end
    AND (r.close_date IS NULL OR r.close_date > p.period_end)
WHERE NOT r.nfa
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, r.person_id ORDER BY r.referral_date DESC) = 1
