-- Care leavers the authority supports: young people aged 17 to 21 (to 25 where the authority
-- records older care leavers, as the SSD can) with a care leaver record for a birthday in the
-- period (903 OC3, Annex A list 9, SSD), other than those who died, returned home to their
-- parents for 6 months or more, or no longer require services (in touch DIED, RHOM, NREQ). One
-- row per young person, from their latest such record.
WITH leavers AS (
    SELECT p.la, p.period, l.clea_person_id AS person_id,
        coalesce(l.clea_table_id, l.clea_person_id || '/' || l.clea_care_leaver_birthday) AS leaver_id,
        l.clea_care_leaver_birthday AS birthday,
        year(l.clea_care_leaver_birthday) - year(c.dob) AS age,
        upper(trim(l.clea_care_leaver_in_touch)) AS in_touch,
        l.clea_care_leaver_allocated_team AS team
    FROM period_months p
    JOIN ssd_care_leavers l ON l.la = p.la AND p.month = calc.month_of(l.clea_care_leaver_birthday)
    JOIN calc.children c ON c.la = l.la AND c.person_id = l.clea_person_id
)
SELECT la, period, person_id, leaver_id AS event_id, birthday AS event_date, age, in_touch, team
FROM leavers
WHERE age BETWEEN 17 AND 25 AND coalesce(in_touch NOT IN ('DIED', 'RHOM', 'NREQ'), true)
QUALIFY row_number() OVER (PARTITION BY la, period, person_id ORDER BY birthday DESC) = 1
