-- Children who became subject of care proceedings in the period, as their legal status shows it:
-- the first episode of a period of care under an interim care order (C1) or a care order (C2),
-- dated in the period. This approximates proceedings issued (the application comes some days
-- before the first order). A period of care whose first loaded episode is not its start (reason
-- for new episode other than S, as when care began before the first loaded return) is left out:
-- its first order may be in a return not loaded. One row per child, from their first
-- such order in the period.
WITH first_orders AS (
    SELECT *
    FROM calc.cla_episodes
    WHERE legal_status IN ('C1', 'C2')
    QUALIFY row_number() OVER (PARTITION BY la, person_id, cla_id ORDER BY start_date) = 1
), history_known AS (
    -- periods of care whose first loaded episode is the start of care: reason for new episode S,
    -- on the day the child entered care
    SELECT la, person_id, cla_id
    FROM calc.cla_episodes
    GROUP BY ALL
    HAVING arg_min(new_reason, start_date) = 'S' AND min(start_date) <= min(entered_care_date)
)
SELECT p.la, p.period, o.person_id, o.episode_id AS event_id, o.start_date AS event_date,
    o.legal_status, o.placement_type, o.placement_provider, o.category_of_need, o.entered_care_date
FROM period_months p
JOIN first_orders o ON o.la = p.la AND p.month = calc.month_of(o.start_date)
JOIN history_known h ON h.la = o.la AND h.person_id = o.person_id AND h.cla_id = o.cla_id
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, o.person_id ORDER BY o.start_date) = 1
