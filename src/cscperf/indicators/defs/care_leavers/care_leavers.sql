-- Care leavers whose 17th, 18th, 19th, 20th or 21st birthday is in the period: one row per young
-- person and birthday, with what was recorded about them around it (903 OC3; the latest Annex A
-- list 9 row). Those who died or returned home to their parents for 6 months or more (in touch
-- DIED or RHOM) are in no figure, as in DfE's statistics. The age is the birthday's year less the
-- year of birth, so a young person with no date of birth recorded cannot be placed.
WITH leavers AS (
    SELECT p.la, p.period, p.period_end, l.clea_person_id AS person_id,
        coalesce(l.clea_table_id, l.clea_person_id || '/' || l.clea_care_leaver_birthday) AS leaver_id,
        l.clea_care_leaver_birthday AS birthday,
        year(l.clea_care_leaver_birthday) - year(c.dob) AS age,
        upper(trim(l.clea_care_leaver_in_touch)) AS in_touch,
        upper(trim(l.clea_care_leaver_activity)) AS activity,
        upper(trim(l.clea_care_leaver_accommodation)) AS accommodation,
        upper(trim(l.clea_care_leaver_accom_suitable)) AS suitability,
        l.clea_care_leaver_allocated_team AS team,
        -- ceased to be looked after on their 18th birthday from a foster placement (staying put)
        EXISTS (SELECT 1 FROM calc.cla_episodes e
                WHERE e.la = l.la AND e.person_id = l.clea_person_id AND e.placement_type LIKE 'U%'
                  AND e.ceased_date = (c.dob + INTERVAL 18 YEAR)::DATE) AS left_foster_care_at_18
    FROM period_months p
    JOIN ssd_care_leavers l ON l.la = p.la AND p.month = calc.month_of(l.clea_care_leaver_birthday)
    JOIN calc.children c ON c.la = l.la AND c.person_id = l.clea_person_id
)
SELECT la, period, person_id, leaver_id AS event_id, birthday AS event_date,
    age, in_touch, activity, accommodation, team,
    age <= 18 AS aged_17_18,
    age >= 19 AS aged_19_21,
    in_touch = 'YES' AS in_touch_yes,
    -- LAIT 317: the authority not in touch (NO), unless a third party gave what they are doing (an
    -- activity other than 0, not known); a young person refusing contact (REFU) is not counted
    coalesce(in_touch = 'NO' AND coalesce(activity, '0') = '0', false) AS not_in_touch,
    -- staying put (LAIT 354): aged 19 or 20, left foster care on their 18th birthday, and living
    -- with their former foster carers (accommodation Z1 or Z2)
    age IN (19, 20) AND left_foster_care_at_18 AS left_foster_care_at_18_aged_19_20,
    coalesce(accommodation LIKE 'Z%', false) AS with_former_foster_carers,
    -- education, employment or training: higher education (F1, P1), other education (F2, P2),
    -- apprenticeships (F4, P4), other training or employment (F5, P5); until the 2020-21 return
    -- (903 schema 2019; F4 to P5 from 2021-22) training or employment was F3, P3. NEET: G4, G5, G6
    coalesce(activity IN ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5')
             OR (activity IN ('F3', 'P3') AND calc.collection_year(birthday) <= 2021), false) AS eet,
    coalesce(activity IN ('F1', 'P1'), false) AS higher_education,
    coalesce(activity IN ('G4', 'G5', 'G6'), false) AS neet,
    -- suitability as recorded, else from the 903 accommodation code: ending 1 suitable, 2 not
    coalesce(suitability = 'SUITABLE', accommodation LIKE '_1', false) AS suitable_accommodation
FROM leavers
WHERE age BETWEEN 17 AND 21 AND coalesce(in_touch NOT IN ('DIED', 'RHOM'), true)
