-- Reviews of looked-after children held in the period (not cancelled): one row per review.
SELECT p.la, p.period, r.person_id, r.review_id AS event_id, r.review_date AS event_date,
    r.participation,
    -- PN0: the child was under 4, so participation is not expected
    r.participation IS DISTINCT FROM 'PN0' AS participation_expected,
    coalesce(r.participation IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6'), false) AS participated
FROM period_months p
JOIN calc.cla_reviews r ON r.la = p.la AND p.month = calc.month_of(r.review_date)
