-- Initial child protection conferences held in the period, except transfer-in conferences:
-- one row per conference.
SELECT p.la, p.period, i.person_id, i.icpc_id AS event_id, i.icpc_date AS event_date,
    i.team,
    i.s47_start_date,
    i.working_days,
    -- a conference with no section 47 enquiry before it is not known to be within 15 working days
    coalesce(i.working_days <= 15, false) AS within_15_working_days,
    -- the DfE's bands of working days
    CASE WHEN i.working_days <= 10 THEN '0-10' WHEN i.working_days <= 15 THEN '11-15'
         WHEN i.working_days <= 20 THEN '16-20' WHEN i.working_days > 20 THEN '21+' END AS working_days_band
FROM period_months p
JOIN calc.icpcs i ON i.la = p.la AND p.month = calc.month_of(i.icpc_date)
WHERE NOT i.transfer_in
