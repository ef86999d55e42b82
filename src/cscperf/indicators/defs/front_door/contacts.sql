-- Contacts received in the period: one row per contact.
SELECT p.la, p.period, c.person_id, c.contact_id AS event_id, c.contact_date AS event_date,
    c.referral_source,
    c.led_to_referral
FROM period_months p
JOIN calc.contacts c ON c.la = p.la AND p.month = calc.month_of(c.contact_date)
