-- Care leavers aged 17 to 21 on the snapshot day: one row per young person, from their latest
-- record (903 OC3, Annex A) dated on or before the day, so the same day gives the same answer
-- whatever the period's length. Those whose latest record says they died or returned home to
-- their parents for 6 months or more (in touch DIED, RHOM) are left out, as in the DfE's figures.
WITH leavers AS (
    SELECT DISTINCT l.la, l.clea_person_id AS person_id, c.dob
    FROM ssd_care_leavers l
    JOIN calc.children c ON c.la = l.la AND c.person_id = l.clea_person_id
    WHERE l.la IN (SELECT la FROM periods)
), aged AS (
    -- young people with care leaver records, aged 17 to 21 on the day
    SELECT p.la, p.period, p.period_end, x.person_id
    FROM periods p
    JOIN leavers x ON x.la = p.la AND calc.age_on(x.dob, p.period_end) BETWEEN 17 AND 21
), latest AS (
    SELECT a.la, a.period, a.period_end, a.person_id,
        coalesce(l.clea_table_id, l.clea_person_id || '/' || l.clea_care_leaver_birthday) AS leaver_id,
        upper(trim(l.clea_care_leaver_in_touch)) AS in_touch,
        nullif(trim(l.clea_care_leaver_personal_advisor), '') AS personal_adviser,
        l.clea_pathway_plan_review_date AS pathway_plan_reviewed,
        l.clea_care_leaver_allocated_team AS team
    FROM aged a
    ASOF JOIN (SELECT * FROM ssd_care_leavers WHERE la IN (SELECT la FROM periods)) l
        ON l.la = a.la AND l.clea_person_id = a.person_id AND l.clea_care_leaver_birthday <= a.period_end
)
SELECT la, period, person_id, leaver_id AS event_id, period_end AS event_date,
    team, personal_adviser, pathway_plan_reviewed,
    -- a personal adviser, and a pathway plan reviewed in the 6 months to the day (plans are
    -- reviewed at least every 6 months; the record holds only the latest review, so one dated
    -- after the day also counts)
    personal_adviser IS NOT NULL
        AND upper(personal_adviser) NOT IN ('NONE', 'N/A', 'NA', 'NO', 'NOT ALLOCATED', 'UNALLOCATED')
        AND coalesce(pathway_plan_reviewed + INTERVAL 6 MONTH >= period_end, false) AS adviser_and_plan
FROM latest
WHERE coalesce(in_touch NOT IN ('DIED', 'RHOM'), true)
