-- Children who started to be looked after in the period: an episode with reason for new episode
-- S (not a short break) starting in it. One row per child, from their first start in the period.
WITH starts AS (
    SELECT e.*,
        -- the start of the child's previous section 20 (V2) period of care, in any year
        CASE WHEN e.legal_status = 'V2' THEN lag(e.start_date) OVER (
            PARTITION BY e.la, e.person_id, e.legal_status = 'V2' ORDER BY e.start_date) END AS previous_s20_start
    FROM calc.cla_episodes e
    WHERE e.new_reason = 'S'
), assessed AS (
    -- the first initial health assessment on or after the day care started
    SELECT s.*, iha.day AS initial_health_assessment
    FROM starts s
    ASOF LEFT JOIN (SELECT * FROM calc.cla_health WHERE kind = 'INITIAL_HEALTH_ASSESSMENT' AND done) iha
        ON iha.la = s.la AND iha.person_id = s.person_id AND iha.day >= s.start_date
)
SELECT p.la, p.period, s.person_id, s.episode_id AS event_id, s.start_date AS event_date,
    s.legal_status, s.placement_type, s.placement_provider, s.category_of_need,
    calc.age_on(s.dob, s.start_date) < 1 AS under_1,
    calc.age_on(s.dob, s.start_date) < 5 AS under_5,
    calc.is_uasc(s.ever_uasc, s.uasc_start, s.uasc_end, s.start_date) AS is_uasc,
    -- any start in the period of a section 20 period of care after an earlier one
    bool_or(s.previous_s20_start IS NOT NULL) OVER (PARTITION BY p.la, p.period, s.person_id) AS repeat_s20,
    s.previous_s20_start,
    s.initial_health_assessment,
    calc.working_days(s.start_date, s.initial_health_assessment) <= 20 AS initial_health_assessment_20wd,
    -- the 20 working days had passed by the period's end, so whether it was in time is known
    calc.working_days(s.start_date, p.period_end) >= 20 AS initial_health_assessment_due
FROM period_months p
JOIN assessed s ON s.la = p.la AND p.month = calc.month_of(s.start_date)
QUALIFY row_number() OVER (PARTITION BY p.la, p.period, s.person_id ORDER BY s.start_date) = 1
