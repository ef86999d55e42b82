-- Referrals (CIN episodes) dated in the period, NFA or not: one row per referral.
SELECT p.la, p.period, r.person_id, r.referral_id AS event_id, r.referral_date AS event_date,
    r.referral_source, r.category_of_need, r.team,
    r.nfa,
    -- closed after assessment as not in need: no further action (RC8) or to early help (RC9)
    coalesce(r.close_reason IN ('RC8', 'RC9'), false) AS assessed_not_in_need,
    r.close_reason,
    -- the same child's previous referral, in any year's return, was on or after this
    -- referral's calendar date a year earlier
    coalesce(r.previous_referral_date >= r.referral_date - INTERVAL 1 YEAR, false) AS rereferral_12m,
    r.previous_referral_date
FROM period_months p
JOIN calc.referrals r ON r.la = p.la AND p.month = calc.month_of(r.referral_date)
