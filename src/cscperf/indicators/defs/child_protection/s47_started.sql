-- Section 47 enquiries started in the period: one row per enquiry.
SELECT p.la, p.period, s.person_id, s.s47_id AS event_id, s.start_date AS event_date,
    s.team
FROM period_months p
JOIN calc.s47_enquiries s ON s.la = p.la AND p.month = calc.month_of(s.start_date)
