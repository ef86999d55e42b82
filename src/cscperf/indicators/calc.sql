-- Shared helpers for indicator SQL, in the `calc` schema: macros, and tables derived from the
-- store's SSD tables (rebuilt by calc.prepare whenever the data change). Each object has a
-- comment block above it; docs/indicators.md shows it. Identifiers missing from a source row are
-- made from the child's ID and the event date so that every event can be named.

-- True for 'Y', 'Yes', '1', 'true' in any case: flags arrive in several spellings.
CREATE OR REPLACE MACRO calc.is_yes(flag) AS
    coalesce(upper(trim(flag)) IN ('Y', 'YES', '1', 'TRUE', 'T'), false);

-- The first day of the month a date falls in. Every period is whole months, so an event is in a
-- period when its month is one of the period's months (`period_months.month`).
CREATE OR REPLACE MACRO calc.month_of(d) AS date_trunc('month', d)::DATE;

-- Whether something running from `start` to `finish` (NULL: still open) is in a period: it
-- started in it, or had started before and was still open on its first day (LAIT 161 counts a
-- child missing from 30 March to 2 April in the year from 1 April).
CREATE OR REPLACE MACRO calc.open_in(start, finish, period_start, period_end) AS
    start <= period_end AND coalesce(finish, DATE '9999-12-31') >= period_start;
-- The collection year a date falls in: the year of the 31 March on or after it (2025 for 2024-25),
-- for reading a record by the code list of its own year's return.
CREATE OR REPLACE MACRO calc.collection_year(d) AS year(d) + CASE WHEN month(d) >= 4 THEN 1 ELSE 0 END;

-- Age in whole years on a date (a child born on 29 February turns a year older on 1 March).
CREATE OR REPLACE MACRO calc.age_on(dob, d) AS
    year(d) - year(dob) - CASE WHEN month(d) * 100 + day(d) < month(dob) * 100 + day(dob) THEN 1 ELSE 0 END;

-- Age band on a date: Under 1, 1-4, 5-9, 10-15, 16+ (Unborn before birth, Not recorded without a date of birth).
CREATE OR REPLACE MACRO calc.age_band(dob, d) AS CASE
    WHEN dob IS NULL OR d IS NULL THEN 'Not recorded'
    WHEN d < dob THEN 'Unborn'
    WHEN calc.age_on(dob, d) < 1 THEN 'Under 1'
    WHEN calc.age_on(dob, d) < 5 THEN '1-4'
    WHEN calc.age_on(dob, d) < 10 THEN '5-9'
    WHEN calc.age_on(dob, d) < 16 THEN '10-15'
    ELSE '16+' END;

-- Whether something that began on `start` had lasted at least `months` months on day `d`,
-- counting both its first day and `d`: it began on or before the day after `d`, that many months
-- earlier (12 months on 31 March 2025: began on or before 1 April 2024; 30 months: on or before
-- 1 October 2022). This is the DfE's rule for children "looked after continuously for at least
-- 12 months at 31 March" (903 OC2 cohort, rules 190 and 191: looked after since 1 April a year
-- before), and cscperf uses it for every "at least N months or years" of care or placement.
CREATE OR REPLACE MACRO calc.lasted_months(start, d, months) AS
    start <= d + INTERVAL 1 DAY - to_months(months);

-- Working days after `a` up to and including `b` (meta.calendar); NULL when either date is missing.
CREATE OR REPLACE MACRO calc.working_days(a, b) AS
    (SELECT working_day_number FROM meta.calendar WHERE day = b)
    - (SELECT working_day_number FROM meta.calendar WHERE day = a);

-- A postcode's sector, as localities files name areas: 'RM17 6' for RM176SL or 'RM17 6SL'.
CREATE OR REPLACE MACRO calc.postcode_sector(postcode) AS
    CASE WHEN length(replace(postcode, ' ', '')) >= 5
         THEN left(replace(upper(postcode), ' ', ''), length(replace(postcode, ' ', '')) - 3) || ' '
              || substr(replace(upper(postcode), ' ', ''), length(replace(postcode, ' ', '')) - 2, 1) END;
-- Where each authority's records begin, for looked-after children and for children in need: the
-- first day its loaded data cover. A return covers its collection year from 1 April (903 returns:
-- looked after; CIN census: in need); an SSD extract, both, from its earliest review or contact
-- (an extract holds those only for its own timeframe, while records open then keep their earlier
-- dates). What happened before (a placement, a review, a referral) is not in the store. An
-- authority with no loads recorded has no row: its history is not known to be short.
CREATE OR REPLACE TABLE calc.history AS
WITH loads AS (
    SELECT l.la, l.load_id, l.format, f.collection_year
    FROM meta.loads l LEFT JOIN meta.load_files f USING (load_id)
    WHERE l.finished_at IS NOT NULL AND l.la IS NOT NULL
), returns AS (
    SELECT la, CASE format WHEN 'ssda903' THEN 'looked_after' ELSE 'in_need' END AS records,
        make_date(min(collection_year) - 1, 4, 1) AS history_from
    FROM loads
    WHERE format IN ('ssda903', 'cin_census') AND collection_year IS NOT NULL
    GROUP BY ALL
), extracts AS (
    SELECT e.la, min(e.day) AS history_from
    FROM (SELECT la, load_id, clar_cla_review_date AS day FROM ssd_cla_reviews
          UNION ALL SELECT la, load_id, cppr_cp_review_date FROM ssd_cp_reviews
          UNION ALL SELECT la, load_id, cont_contact_date FROM ssd_contacts) e
    WHERE e.load_id IN (SELECT load_id FROM loads WHERE format = 'ssd')
    GROUP BY ALL
)
SELECT la, records, min(history_from) AS history_from
FROM (SELECT * FROM returns
      UNION ALL
      SELECT x.la, r.records, x.history_from
      FROM extracts x CROSS JOIN (VALUES ('looked_after'), ('in_need')) r(records))
GROUP BY ALL;

-- Each child's characteristics for breakdowns: date of birth, sex, ethnicity major group,
-- disability, UASC status dates, and the areas of the latest home address, by name: the district
-- (meta.postcodes, named by ref.ltla_utla), the ward (ref.postcode_wards, named by ref.wards) and
-- the authority's own locality (ref.localities: by postcode sector, ward code or ward name). A
-- child with no area has instead why not: no home postcode, a postcode not found, a lookup not
-- imported.
CREATE OR REPLACE TABLE calc.children AS
WITH disability AS (
    SELECT la, disa_person_id AS person_id,
        CASE WHEN bool_or(upper(disa_disability_code) <> 'NONE') THEN 'Disabled' ELSE 'Not disabled' END AS disability
    FROM ssd_disability
    WHERE disa_disability_code IS NOT NULL
    GROUP BY ALL
), uasc AS (
    SELECT la, immi_person_id AS person_id,
        min(immi_immigration_status_start_date) AS uasc_start,
        -- a status with no end date is still current
        CASE WHEN bool_or(immi_immigration_status_end_date IS NULL) THEN NULL
             ELSE max(immi_immigration_status_end_date) END AS uasc_end
    FROM ssd_immigration_status
    WHERE upper(immi_immigration_status) = 'UASC'
    GROUP BY ALL
), home AS (
    SELECT la, person_id, arg_max(postcode, coalesce(since, DATE '1900-01-01')) AS postcode
    FROM (
        SELECT la, addr_person_id AS person_id, addr_address_postcode AS postcode, addr_address_start_date AS since
        FROM ssd_address
        WHERE coalesce(upper(addr_address_type), '') <> 'PLACEMENT' AND addr_address_postcode IS NOT NULL
        UNION ALL
        SELECT la, clae_person_id, clae_home_postcode, clae_cla_episode_start_date
        FROM ssd_cla_episodes
        WHERE clae_home_postcode IS NOT NULL
    )
    GROUP BY ALL
)
SELECT p.la, p.pers_person_id AS person_id,
    coalesce(p.pers_dob, p.pers_expected_dob) AS dob,
    CASE upper(p.pers_sex) WHEN 'M' THEN 'Male' WHEN 'F' THEN 'Female' WHEN 'U' THEN 'Not known'
        ELSE 'Not recorded' END AS sex,
    CASE WHEN p.pers_ethnicity IS NULL THEN 'Not recorded'
        WHEN upper(p.pers_ethnicity) IN ('REFU', 'NOBT') THEN 'Refused or not obtained'
        WHEN upper(p.pers_ethnicity) IN ('CHNE', 'OOTH') THEN 'Other ethnic group'
        WHEN upper(p.pers_ethnicity) LIKE 'W%' THEN 'White'
        WHEN upper(p.pers_ethnicity) LIKE 'M%' THEN 'Mixed'
        WHEN upper(p.pers_ethnicity) LIKE 'A%' THEN 'Asian or Asian British'
        WHEN upper(p.pers_ethnicity) LIKE 'B%' THEN 'Black or Black British'
        ELSE 'Not recorded' END AS ethnicity,
    coalesce(d.disability, 'Not recorded') AS disability,
    u.person_id IS NOT NULL AS ever_uasc,
    u.uasc_start,
    u.uasc_end,
    pc.district,
    CASE WHEN h.postcode IS NULL THEN 'No home postcode recorded'
         WHEN pc.district IS NULL THEN 'Home postcode not found'
         ELSE coalesce(dn.ltla_name, 'District ' || pc.district) END AS district_name,
    CASE WHEN h.postcode IS NULL THEN 'No home postcode recorded'
         WHEN NOT (SELECT count(*) > 0 FROM ref.postcode_wards) THEN 'Ward lookup not imported'
         ELSE coalesce(w.ward_name, 'Postcode not in the ward lookup') END AS ward,
    CASE WHEN h.postcode IS NULL THEN 'No home postcode recorded'
         WHEN NOT (SELECT count(*) > 0 FROM ref.localities) THEN 'No localities set'
         ELSE coalesce(by_sector.locality, by_ward.locality, by_name.locality, 'Not in any locality') END AS locality
FROM ssd_person p
LEFT JOIN disability d ON d.la = p.la AND d.person_id = p.pers_person_id
LEFT JOIN uasc u ON u.la = p.la AND u.person_id = p.pers_person_id
LEFT JOIN home h ON h.la = p.la AND h.person_id = p.pers_person_id
LEFT JOIN meta.postcodes pc ON pc.postcode = replace(upper(h.postcode), ' ', '')
LEFT JOIN (SELECT DISTINCT ltla_code, ltla_name FROM ref.ltla_utla) dn ON dn.ltla_code = pc.district
LEFT JOIN ref.postcode_wards pw ON pw.postcode = replace(upper(h.postcode), ' ', '')
LEFT JOIN ref.wards w ON w.ward_code = pw.ward_code
LEFT JOIN ref.localities by_sector ON by_sector.area = calc.postcode_sector(h.postcode)
LEFT JOIN ref.localities by_ward ON by_ward.area = upper(pw.ward_code)
LEFT JOIN ref.localities by_name ON by_name.area = upper(w.ward_name);

-- Referrals (CIN episodes), with the date of the same child's previous referral in any year.
CREATE OR REPLACE TABLE calc.referrals AS
SELECT la, cine_person_id AS person_id,
    coalesce(cine_referral_id, cine_person_id || '/' || cine_referral_date) AS referral_id,
    cine_referral_date AS referral_date,
    cine_close_date AS close_date,
    calc.is_yes(cine_referral_nfa) AS nfa,
    cine_referral_source_code AS referral_source,
    cine_cin_primary_need_code AS category_of_need,
    cine_close_reason AS close_reason,
    cine_referral_team AS team,
    lag(cine_referral_date) OVER (PARTITION BY la, cine_person_id ORDER BY cine_referral_date) AS previous_referral_date
FROM ssd_cin_episodes
WHERE cine_referral_date IS NOT NULL;

-- Early help episodes, with the child's first referral to children's social care on or after the
-- episode's start, and whether it came within 12 months of the start (`stepped_up_12m`).
CREATE OR REPLACE TABLE calc.early_help AS
SELECT e.la, e.earl_person_id AS person_id,
    coalesce(e.earl_episode_id, e.earl_person_id || '/' || e.earl_episode_start_date) AS episode_id,
    e.earl_episode_start_date AS start_date,
    e.earl_episode_end_date AS end_date,
    e.earl_episode_organisation AS organisation,
    r.referral_date AS next_referral_date,
    coalesce(r.referral_date <= e.earl_episode_start_date + INTERVAL 12 MONTH, false) AS stepped_up_12m
FROM ssd_early_help_episodes e
ASOF LEFT JOIN calc.referrals r ON r.la = e.la AND r.person_id = e.earl_person_id
    AND r.referral_date >= e.earl_episode_start_date
WHERE e.earl_person_id IS NOT NULL AND e.earl_episode_start_date IS NOT NULL;

-- Contacts, with whether each led to a referral: as the contact's recorded outcome says
-- (NEW_REFERRAL_FLAG) or, where none is recorded, when the same child has a referral dated on the
-- contact date or within the 5 working days after it.
CREATE OR REPLACE TABLE calc.contacts AS
WITH contacts AS (
    SELECT la, cont_person_id AS person_id,
        coalesce(cont_contact_id, cont_person_id || '/' || cont_contact_date) AS contact_id,
        cont_contact_date AS contact_date,
        cont_contact_source_code AS referral_source,
        nullif(trim(json_extract_string(
            CASE WHEN json_valid(cont_contact_outcome_json) THEN cont_contact_outcome_json END,
            '$.NEW_REFERRAL_FLAG')), '') AS new_referral_flag
    FROM ssd_contacts
    WHERE cont_contact_date IS NOT NULL
), followed AS (
    SELECT DISTINCT c.la, c.contact_id
    FROM contacts c
    JOIN calc.referrals r ON r.la = c.la AND r.person_id = c.person_id
        AND r.referral_date BETWEEN c.contact_date AND c.contact_date + INTERVAL 14 DAY
    WHERE calc.working_days(c.contact_date, r.referral_date) <= 5
)
SELECT c.la, c.person_id, c.contact_id, c.contact_date, c.referral_source,
    CASE WHEN c.new_referral_flag IS NOT NULL THEN calc.is_yes(c.new_referral_flag)
         ELSE f.contact_id IS NOT NULL END AS led_to_referral
FROM contacts c
LEFT JOIN followed f ON f.la = c.la AND f.contact_id = c.contact_id;

-- Children and family assessments, with the working days from start to authorisation (NULL
-- when a date is missing or authorisation is before the start).
CREATE OR REPLACE TABLE calc.assessments AS
SELECT la, cina_person_id AS person_id,
    coalesce(cina_assessment_id, cina_person_id || '/' || cina_assessment_start_date) AS assessment_id,
    cina_referral_id AS referral_id,
    cina_assessment_start_date AS start_date,
    cina_assessment_auth_date AS auth_date,
    CASE WHEN cina_assessment_auth_date >= cina_assessment_start_date
         THEN calc.working_days(cina_assessment_start_date, cina_assessment_auth_date) END AS working_days,
    cina_assessment_team AS team
FROM ssd_cin_assessments;

-- Factors identified at the end of assessment (CIN census codes, e.g. 11A child sexual
-- exploitation, 24A child criminal exploitation): one row per assessment and factor, with the
-- assessment's child and authorisation date. Code 21 ("no factors identified") is left out.
CREATE OR REPLACE TABLE calc.assessment_factors AS
SELECT DISTINCT a.la, a.person_id, a.assessment_id, a.auth_date, f.factor
FROM calc.assessments a
JOIN ssd_assessment_factors af ON af.la = a.la AND af.cinf_assessment_id = a.assessment_id
CROSS JOIN unnest(from_json(CASE WHEN json_valid(af.cinf_assessment_factors_json)
                             THEN af.cinf_assessment_factors_json END, '["VARCHAR"]')) AS f(factor)
WHERE f.factor <> '21';

-- Section 47 enquiries.
CREATE OR REPLACE TABLE calc.s47_enquiries AS
SELECT la, s47e_person_id AS person_id,
    coalesce(s47e_s47_enquiry_id, s47e_person_id || '/' || s47e_s47_start_date) AS s47_id,
    s47e_referral_id AS referral_id,
    s47e_s47_start_date AS start_date,
    s47e_s47_end_date AS end_date,
    s47e_s47_completed_by_team AS team
FROM ssd_s47_enquiry
WHERE s47e_s47_start_date IS NOT NULL;

-- Initial child protection conferences, with the start of the section 47 enquiry they followed
-- (the one linked by ID, else the child's latest enquiry started on or before the conference)
-- and the working days between.
CREATE OR REPLACE TABLE calc.icpcs AS
WITH icpcs AS (
    SELECT la, icpc_person_id AS person_id,
        coalesce(icpc_icpc_id, icpc_person_id || '/' || icpc_icpc_date) AS icpc_id,
        icpc_s47_enquiry_id AS s47_id,
        icpc_icpc_date AS icpc_date,
        calc.is_yes(icpc_icpc_transfer_in) AS transfer_in,
        icpc_icpc_team AS team
    FROM ssd_initial_cp_conference
    WHERE icpc_icpc_date IS NOT NULL
), nearest AS (
    SELECT i.la, i.icpc_id, s.start_date
    FROM icpcs i
    ASOF JOIN calc.s47_enquiries s
        ON s.la = i.la AND s.person_id = i.person_id AND s.start_date <= i.icpc_date
)
SELECT i.*,
    coalesce(linked.start_date, n.start_date) AS s47_start_date,
    calc.working_days(coalesce(linked.start_date, n.start_date), i.icpc_date) AS working_days
FROM icpcs i
LEFT JOIN calc.s47_enquiries linked ON linked.la = i.la AND linked.s47_id = i.s47_id
LEFT JOIN nearest n ON n.la = i.la AND n.icpc_id = i.icpc_id;

-- Child protection plans, with the start of the same child's previous plan in the data.
CREATE OR REPLACE TABLE calc.cp_plans AS
SELECT la, cppl_person_id AS person_id,
    coalesce(cppl_cp_plan_id, cppl_person_id || '/' || cppl_cp_plan_start_date) AS plan_id,
    cppl_cp_plan_start_date AS start_date,
    cppl_cp_plan_end_date AS end_date,
    coalesce(cppl_cp_plan_initial_category, cppl_cp_plan_latest_category) AS initial_category,
    coalesce(cppl_cp_plan_latest_category, cppl_cp_plan_initial_category) AS latest_category,
    cppl_cp_plan_number_of_previous AS number_of_previous,
    lag(cppl_cp_plan_start_date) OVER (PARTITION BY la, cppl_person_id ORDER BY cppl_cp_plan_start_date)
        AS previous_plan_start
FROM ssd_cp_plans
WHERE cppl_cp_plan_start_date IS NOT NULL;

-- Child protection review conferences, each linked to its plan (by plan ID, else the child's
-- plan open on the review date) and marked late when held after it was due: the first within
-- 3 months of the plan starting, each later one within 6 months of the one before; `last_late`
-- is the latest late review up to and including this one. A plan that began before the
-- authority's records of children in need (calc.history; `reviews_from_start` false) may have had
-- reviews the store does not hold: the first it holds is not judged (`late` NULL; the latest such
-- is `last_unjudged`).
CREATE OR REPLACE TABLE calc.cp_reviews AS
WITH linked AS (
    SELECT p.la, p.person_id, p.plan_id, p.start_date AS plan_start,
        coalesce(p.start_date >= h.history_from, true) AS reviews_from_start,
        coalesce(r.cppr_cp_review_id, r.cppr_person_id || '/' || r.cppr_cp_review_date) AS review_id,
        r.cppr_cp_review_date AS review_date
    FROM ssd_cp_reviews r
    JOIN calc.cp_plans p ON p.la = r.la AND p.person_id = r.cppr_person_id
    LEFT JOIN calc.history h ON h.la = p.la AND h.records = 'in_need'
    WHERE r.cppr_cp_review_date IS NOT NULL
      AND (r.cppr_cp_plan_id = p.plan_id OR (r.cppr_cp_plan_id IS NULL
           AND r.cppr_cp_review_date BETWEEN p.start_date AND coalesce(p.end_date, DATE '9999-12-31')))
), judged AS (
    SELECT *,
        CASE WHEN lag(review_date) OVER w IS NOT NULL THEN review_date > lag(review_date) OVER w + INTERVAL 6 MONTH
             WHEN reviews_from_start THEN review_date > plan_start + INTERVAL 3 MONTH END AS late
    FROM linked
    WINDOW w AS (PARTITION BY la, plan_id ORDER BY review_date)
)
SELECT *,
    max(CASE WHEN late THEN review_date END) OVER so_far AS last_late,
    max(CASE WHEN late IS NULL THEN review_date END) OVER so_far AS last_unjudged
FROM judged
WINDOW so_far AS (PARTITION BY la, plan_id ORDER BY review_date);

-- Visits to children on a child protection plan (not those recorded as the child not seen).
CREATE OR REPLACE TABLE calc.cp_visits AS
SELECT la, cppv_person_id AS person_id,
    coalesce(cppv_cp_visit_id, cppv_person_id || '/' || cppv_cp_visit_date) AS visit_id,
    cppv_cp_visit_date AS visit_date
FROM ssd_cp_visits
WHERE cppv_cp_visit_date IS NOT NULL AND upper(coalesce(cppv_cp_visit_seen, '')) NOT IN ('N', 'NO');

-- Child in need plans.
CREATE OR REPLACE TABLE calc.cin_plans AS
SELECT la, cinp_person_id AS person_id,
    coalesce(cinp_cin_plan_id, cinp_person_id || '/' || cinp_cin_plan_start_date) AS plan_id,
    cinp_referral_id AS referral_id,
    cinp_cin_plan_start_date AS start_date,
    cinp_cin_plan_end_date AS end_date,
    cinp_cin_plan_team AS team
FROM ssd_cin_plans
WHERE cinp_cin_plan_start_date IS NOT NULL;

-- Whether a child (calc.children's UASC columns) is an unaccompanied asylum-seeking child on a
-- date: a UASC status with no start date or one on or before it, and no end date or one on or
-- after it.
CREATE OR REPLACE MACRO calc.is_uasc(ever_uasc, uasc_start, uasc_end, d) AS
    coalesce(ever_uasc, false) AND coalesce(uasc_start <= d, true) AND coalesce(uasc_end >= d, true);

-- The reason a child ceased to be looked after, in the groups committees use, from the 903 reason
-- episode ceased: Returned home (E4A, E4B), Adoption (E11, E12), Special guardianship (E43-E48),
-- Child arrangements order (E41), 18th birthday / independent living (E5, E6, E7, E17), Other.
CREATE OR REPLACE MACRO calc.reason_ceased(code) AS CASE
    WHEN code IS NULL THEN 'Not recorded'
    WHEN code IN ('E4A', 'E4B') THEN 'Returned home'
    WHEN code IN ('E11', 'E12') THEN 'Adoption'
    WHEN code IN ('E43', 'E44', 'E45', 'E46', 'E47', 'E48') THEN 'Special guardianship'
    WHEN code = 'E41' THEN 'Child arrangements order'
    WHEN code IN ('E5', 'E6', 'E7', 'E17') THEN '18th birthday / independent living'
    ELSE 'Other' END;

-- Episodes of care, except short breaks (legal status V3 or V4), each with its period of care
-- (`cla_id`, `entered_care_date`): a run of episodes each starting the day the one before ceased,
-- from one with reason for new episode S, short breaks left out (so a short-break agreement
-- before care is not when care began), or from the day an extract says care began when the run's
-- first episode is not its start; the day it ended (`left_care_date`, NULL while open), whether this is its
-- last episode, whether the child stopped being looked after with it (`ends_care`), and placements. A new placement (`move`) starts a period of care (reason for new
-- episode S), or changes carer (P, B); T, U and L continue the placement (the same carer), and so
-- do a temporary placement (T0 to T4: hospital, holidays, up to 7 days), the return from one to
-- the placement before it (903 rule 383: a child in a temporary placement must return to their
-- normal placement; compared by type, postcode and URN), and being placed for adoption with the
-- current foster carers (A3, A5; LAIT 372 does not count it as a placement change).
-- `placement_start` and `previous_placement_start` are when the placement the child is in during
-- the episode began, and the one before it, in this period of care; `moves_so_far` counts the
-- child's new placements up to and including this episode, in any period of care.
-- `records_from` is where the authority's records of looked-after children begin (calc.history);
-- `care_start_known` is false when the store's first episode of the period of care is not its
-- start (S), no extract says when care began, and it is dated before then: care began before the
-- records, on a day not known.
-- Each episode also carries the child's date of birth, disability and UASC dates (calc.children)
-- and numbers for the child and the episode (`child_key`, `episode_key`), so that looking up a
-- child's records is quick.
CREATE OR REPLACE TABLE calc.cla_episodes AS
WITH care AS (
    SELECT la, clae_person_id AS person_id,
        coalesce(clae_cla_episode_id, clae_person_id || '/' || clae_cla_episode_start_date) AS episode_id,
        clae_cla_episode_start_date AS start_date,
        clae_cla_episode_ceased_date AS ceased_date,
        clae_cla_episode_start_reason AS new_reason,
        clae_cla_episode_ceased_reason AS ceased_reason,
        clae_legal_status AS legal_status,
        clae_placement_type AS placement_type,
        clae_placement_provider AS placement_provider,
        clae_cla_placement_id AS placement_id,
        clae_cla_primary_need_code AS category_of_need,
        coalesce(clae_placement_type IN ('T0', 'T1', 'T2', 'T3', 'T4'), false) AS temporary,
        concat_ws('|', clae_placement_type, clae_placement_postcode, clae_placement_urn) AS placement,
        -- a period of care starts with reason S, or when the child was not looked after the day
        -- before (short breaks are not care, so they neither start nor continue one)
        coalesce(clae_cla_episode_start_reason = 'S' OR clae_cla_episode_start_date IS DISTINCT FROM lag(
            clae_cla_episode_ceased_date) OVER (PARTITION BY la, clae_person_id ORDER BY clae_cla_episode_start_date),
            true) AS starts_care,
        -- the day care began as an extract gives it (903 returns give none: the store works it out)
        CASE WHEN source_file_id NOT IN (SELECT file_id FROM meta.load_files WHERE format = 'ssda903')
             THEN clae_entered_care_date END AS given_entered
    FROM ssd_cla_episodes
    WHERE clae_person_id IS NOT NULL AND clae_cla_episode_start_date IS NOT NULL
      AND coalesce(clae_legal_status, '') NOT IN ('V3', 'V4')
), chained AS (
    SELECT *, max(CASE WHEN starts_care THEN start_date END) OVER (
                  PARTITION BY la, person_id ORDER BY start_date ROWS UNBOUNDED PRECEDING) AS chain_start
    FROM care
), episodes AS (
    -- a run whose first episode is not a start (S) began before the store's records: an extract
    -- may say when; else care began on a day not known (`start_recorded` false)
    SELECT * EXCLUDE (starts_care, given_entered, chain_start, given), person_id || '/' || entered_care_date AS cla_id
    FROM (SELECT *, coalesce(given < chain_start, false) AS given_used,
                 CASE WHEN given < chain_start THEN given ELSE chain_start END AS entered_care_date,
                 first_reason = 'S' OR coalesce(given < chain_start, false) AS start_recorded
          FROM (SELECT *, first_value(new_reason) OVER run AS first_reason,
                       CASE WHEN first_value(new_reason) OVER run IS DISTINCT FROM 'S' THEN min(given_entered) OVER run END
                           AS given
                FROM chained
                WINDOW run AS (PARTITION BY la, person_id, chain_start ORDER BY start_date)))
), moves AS (
    SELECT * EXCLUDE (temporary, placement, after_temporary, usual_placement),
        coalesce(new_reason = 'S' OR (new_reason IN ('P', 'B') AND NOT temporary
                                      AND placement_type NOT IN ('A3', 'A5')
                                      AND NOT (after_temporary AND placement = usual_placement)), false) AS move
    FROM (
        SELECT *,
            coalesce(lag(temporary) OVER in_order, false) AS after_temporary,
            -- the latest placement before this episode that was not temporary
            last_value(CASE WHEN NOT temporary THEN placement END IGNORE NULLS) OVER (
                in_order ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS usual_placement
        FROM episodes
        WINDOW in_order AS (PARTITION BY la, person_id, cla_id ORDER BY start_date)
    )
), placed AS (
    SELECT *,
        CASE WHEN bool_and(ceased_date IS NOT NULL) OVER period_of_care THEN max(ceased_date) OVER period_of_care
             END AS left_care_date,
        lead(start_date) OVER (period_of_care ORDER BY start_date) IS NULL AS last_of_period,
        -- the child stopped being looked after: ceased for a reason other than X1 (a new episode
        -- began the same day), or with none recorded at the end of the period of care
        ceased_date IS NOT NULL AND coalesce(ceased_reason <> 'X1',
            lead(start_date) OVER (period_of_care ORDER BY start_date) IS NULL) AS ends_care,
        last_value(CASE WHEN move THEN start_date END IGNORE NULLS) OVER so_far AS placement_start,
        count(*) FILTER (WHERE move) OVER (PARTITION BY la, person_id ORDER BY start_date
                                           ROWS UNBOUNDED PRECEDING) AS moves_so_far,
        dense_rank() OVER (ORDER BY la, person_id) AS child_key,
        row_number() OVER (ORDER BY la, person_id, start_date, episode_id) AS episode_key
    FROM moves
    WINDOW period_of_care AS (PARTITION BY la, person_id, cla_id),
        so_far AS (period_of_care ORDER BY start_date ROWS UNBOUNDED PRECEDING)
)
SELECT e.* EXCLUDE (move, before_move, first_reason, given_used, start_recorded),
    -- at a move, the placement in force the day before; carried forward to the next move
    last_value(CASE WHEN e.move THEN e.before_move END IGNORE NULLS) OVER (
        PARTITION BY e.la, e.person_id, e.cla_id ORDER BY e.start_date ROWS UNBOUNDED PRECEDING) AS previous_placement_start,
    h.history_from AS records_from,
    coalesce(e.start_recorded OR e.entered_care_date >= h.history_from, true) AS care_start_known,
    c.dob, c.disability, c.ever_uasc, c.uasc_start, c.uasc_end
FROM (SELECT *, lag(placement_start) OVER (PARTITION BY la, person_id, cla_id ORDER BY start_date) AS before_move
      FROM placed) e
LEFT JOIN calc.children c ON c.la = e.la AND c.person_id = e.person_id
LEFT JOIN calc.history h ON h.la = e.la AND h.records = 'looked_after';

-- The districts (ONS LTLA codes) making up each authority, from the reference lookups imported
-- by `cscperf reference import`: the authority's ONS codes (ref.la_codes) and the districts
-- within them (ref.ltla_utla). Empty without the lookups.
CREATE OR REPLACE TABLE calc.authority_districts AS
SELECT DISTINCT c.la, l.ltla_code AS district
FROM ref.la_codes c
JOIN ref.ltla_utla l ON l.utla_code = c.ons_code;

-- Placements (ssd_cla_placement, derived from 903 episodes or as an SSD export gives them), with
-- the miles from home (the store's DfE-formula distance), the district of the placement's
-- postcode (meta.postcodes) and whether that is outside the authority (not one of
-- calc.authority_districts; NULL when the district or the authority's districts are unknown).
CREATE OR REPLACE TABLE calc.cla_placements AS
WITH placements AS (
    SELECT p.la, p.clap_person_id AS person_id,
        coalesce(p.clap_cla_placement_id, p.clap_person_id || '/' || p.clap_cla_placement_start_date) AS placement_id,
        p.clap_cla_placement_start_date AS start_date,
        p.clap_cla_placement_end_date AS end_date,
        p.clap_cla_placement_distance AS distance,
        pc.district
    FROM ssd_cla_placement p
    LEFT JOIN meta.postcodes pc ON pc.postcode = replace(upper(p.clap_cla_placement_postcode), ' ', '')
    WHERE p.clap_person_id IS NOT NULL AND p.clap_cla_placement_start_date IS NOT NULL
)
SELECT p.*, k.child_key,
    CASE WHEN p.district IS NOT NULL AND p.la IN (SELECT la FROM calc.authority_districts)
         THEN own.district IS NULL END AS outside_la
FROM placements p
JOIN (SELECT DISTINCT la, person_id, child_key FROM calc.cla_episodes) k ON k.la = p.la AND k.person_id = p.person_id
LEFT JOIN calc.authority_districts own ON own.la = p.la AND own.district = p.district;

-- Looked-after child reviews (not cancelled), each linked to its period of care (by ID, else the
-- child's period of care open on the review date) and marked late when held after it was due:
-- the first within 20 working days of entering care, the second within 3 months of the first,
-- each later one within 6 months of the one before. `next_due` is the day by which the next is
-- due; `last_late` is the latest late review up to and including this one. Where the period of
-- care began before the authority's records (`reviews_from_start` false), the reviews before the
-- records are not in the store: the first in the store is not judged (`late` NULL; the latest
-- such is `last_unjudged`) and each later one is due within 6 months of the one before.
CREATE OR REPLACE TABLE calc.cla_reviews AS
WITH periods_of_care AS (
    SELECT la, person_id, child_key, cla_id, min(entered_care_date) AS entered_care_date,
        any_value(left_care_date) AS left_care_date,
        bool_and(care_start_known) AND coalesce(min(entered_care_date) >= any_value(records_from), true)
            AS reviews_from_start
    FROM calc.cla_episodes
    GROUP BY ALL
), reviews AS (
    SELECT la, clar_person_id AS person_id,
        coalesce(clar_cla_review_id, clar_person_id || '/' || clar_cla_review_date) AS review_id,
        clar_cla_id AS given_cla_id,
        clar_cla_review_date AS review_date,
        clar_cla_review_participation AS participation
    FROM ssd_cla_reviews
    WHERE clar_person_id IS NOT NULL AND clar_cla_review_date IS NOT NULL
      AND NOT calc.is_yes(clar_cla_review_cancelled)
), linked AS (
    SELECT r.* EXCLUDE (given_cla_id), p.child_key, p.cla_id, p.entered_care_date, p.reviews_from_start
    FROM reviews r
    JOIN periods_of_care p ON p.la = r.la AND p.person_id = r.person_id
    WHERE p.cla_id = r.given_cla_id
       OR (r.review_date BETWEEN p.entered_care_date AND coalesce(p.left_care_date, DATE '9999-12-31')
           AND NOT EXISTS (SELECT 1 FROM periods_of_care k
                           WHERE k.la = r.la AND k.person_id = r.person_id AND k.cla_id = r.given_cla_id))
    QUALIFY row_number() OVER (PARTITION BY r.la, r.person_id, r.review_id ORDER BY p.entered_care_date DESC) = 1
), numbered AS (
    SELECT *,
        row_number() OVER w AS number,
        (review_date + CASE WHEN row_number() OVER w = 1 AND reviews_from_start THEN INTERVAL 3 MONTH
                            ELSE INTERVAL 6 MONTH END)::DATE AS next_due
    FROM linked
    WINDOW w AS (PARTITION BY la, person_id, cla_id ORDER BY review_date)
), judged AS (
    SELECT *,
        CASE WHEN number > 1 THEN review_date > lag(next_due) OVER w
             WHEN reviews_from_start THEN calc.working_days(entered_care_date, review_date) > 20 END AS late
    FROM numbered
    WINDOW w AS (PARTITION BY la, person_id, cla_id ORDER BY review_date)
)
SELECT *,
    max(CASE WHEN late THEN review_date END) OVER so_far AS last_late,
    max(CASE WHEN late IS NULL THEN review_date END) OVER so_far AS last_unjudged
FROM judged
WINDOW so_far AS (PARTITION BY la, person_id, cla_id ORDER BY review_date);

-- Missing (type M) and away without authorisation (type A) episodes, with whether the child was
-- looked after (an episode of care open, not a short break) on the day the episode started, that
-- episode's legal status and placement, and the start and end times where recorded. `open_until` is
-- the episode's last day: its end date, else (still missing) the day that period of care ended,
-- else open.
CREATE OR REPLACE TABLE calc.missing AS
SELECT m.la, m.miss_person_id AS person_id,
    coalesce(m.miss_table_id, m.miss_person_id || '/' || m.miss_missing_episode_start_date || '/'
             || coalesce(m.miss_missing_episode_type, '')) AS missing_id,
    m.miss_missing_episode_type AS type,
    m.miss_missing_episode_start_date AS start_date,
    m.miss_missing_episode_end_date AS end_date,
    coalesce(m.miss_missing_episode_end_date, e.left_care_date, DATE '9999-12-31') AS open_until,
    -- a return home interview flag that is not recorded is NULL, not 'not offered'
    CASE WHEN m.miss_missing_rhi_offered IS NOT NULL THEN calc.is_yes(m.miss_missing_rhi_offered) END AS rhi_offered,
    CASE WHEN m.miss_missing_rhi_accepted IS NOT NULL THEN calc.is_yes(m.miss_missing_rhi_accepted) END AS rhi_accepted,
    e.episode_id IS NOT NULL AS looked_after,
    e.legal_status,
    e.placement_type,
    e.placement_provider,
    -- when the SSD gives times of day (the 903 has dates only)
    m.miss_missing_episode_start_time AS start_time,
    m.miss_missing_episode_end_time AS end_time
FROM ssd_missing m
LEFT JOIN calc.cla_episodes e ON e.la = m.la AND e.person_id = m.miss_person_id
    AND e.start_date <= m.miss_missing_episode_start_date
    AND (e.ceased_date IS NULL OR e.ceased_date > m.miss_missing_episode_start_date)
WHERE m.miss_person_id IS NOT NULL AND m.miss_missing_episode_start_date IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY m.la, m.miss_person_id, m.miss_missing_episode_start_date,
                                        m.miss_missing_episode_type, m.miss_table_id
                           ORDER BY e.start_date DESC) = 1;

-- The health of looked-after children, one row per record, each dated: health assessments,
-- dental checks and initial health assessments (`done`: status Completed, or none recorded),
-- immunisation status (`done`: up to date), SDQ scores (`score`), convictions and youth cautions
-- (`done`: convicted) and substance misuse (`done`: identified). The 903 gives the year's health
-- assessment, dental check, immunisations, SDQ, conviction and substance misuse dated the 31
-- March of its return.
CREATE OR REPLACE TABLE calc.cla_health AS
SELECT la, clah_person_id AS person_id, upper(clah_health_check_type) AS kind, clah_health_check_date AS day,
    coalesce(upper(clah_health_check_status) = 'COMPLETED', true) AS done, NULL::INTEGER AS score
FROM ssd_cla_health
WHERE clah_person_id IS NOT NULL AND clah_health_check_date IS NOT NULL
UNION ALL
SELECT la, clai_person_id, 'IMMUNISATIONS', clai_immunisations_status_date, calc.is_yes(clai_immunisations_status), NULL
FROM ssd_cla_immunisations
WHERE clai_person_id IS NOT NULL AND clai_immunisations_status_date IS NOT NULL
UNION ALL
SELECT la, csdq_person_id, 'SDQ', csdq_sdq_completed_date, csdq_sdq_score IS NOT NULL, csdq_sdq_score
FROM ssd_sdq_scores
WHERE csdq_person_id IS NOT NULL AND csdq_sdq_completed_date IS NOT NULL
UNION ALL
-- a conviction or youth caution: the 903's CONVICTED flag, or an SSD conviction row without it
SELECT la, clac_person_id, 'CONVICTION', clac_cla_conviction_date,
    CASE WHEN clac_convicted IS NULL THEN true ELSE calc.is_yes(clac_convicted) END, NULL
FROM ssd_cla_convictions
WHERE clac_person_id IS NOT NULL AND clac_cla_conviction_date IS NOT NULL
UNION ALL
SELECT la, clas_person_id, 'SUBSTANCE_MISUSE', clas_substance_misuse_date, calc.is_yes(clas_substance_misused), NULL
FROM ssd_cla_substance_misuse
WHERE clas_person_id IS NOT NULL AND clas_substance_misuse_date IS NOT NULL;

-- Each looked-after child's health as it stood on each day something was recorded, for looking
-- up on any day: the dates of the latest completed health assessment and dental check, the
-- latest immunisation status and SDQ score with their dates, and the latest conviction and
-- substance misuse identified.
CREATE OR REPLACE TABLE calc.cla_health_history AS
WITH days AS (
    SELECT la, person_id, day,
        bool_or(done) FILTER (WHERE kind = 'HEALTH_ASSESSMENT') AS health_assessment,
        bool_or(done) FILTER (WHERE kind = 'DENTAL_CHECK') AS dental_check,
        bool_or(done) FILTER (WHERE kind = 'IMMUNISATIONS') AS immunised,
        max(score) FILTER (WHERE kind = 'SDQ') AS sdq_score,
        bool_or(done) FILTER (WHERE kind = 'CONVICTION') AS convicted,
        bool_or(done) FILTER (WHERE kind = 'SUBSTANCE_MISUSE') AS substance_misuse
    FROM calc.cla_health
    GROUP BY ALL
)
SELECT d.la, d.person_id, k.child_key, d.day,
    max(CASE WHEN health_assessment THEN day END) OVER so_far AS health_assessment_date,
    max(CASE WHEN dental_check THEN day END) OVER so_far AS dental_check_date,
    last_value(CASE WHEN immunised IS NOT NULL THEN day END IGNORE NULLS) OVER so_far AS immunisations_date,
    last_value(immunised IGNORE NULLS) OVER so_far AS immunised,
    last_value(CASE WHEN sdq_score IS NOT NULL THEN day END IGNORE NULLS) OVER so_far AS sdq_date,
    last_value(sdq_score IGNORE NULLS) OVER so_far AS sdq_score,
    max(CASE WHEN convicted THEN day END) OVER so_far AS convicted_date,
    max(CASE WHEN substance_misuse THEN day END) OVER so_far AS substance_misuse_date
FROM days d
JOIN (SELECT DISTINCT la, person_id, child_key FROM calc.cla_episodes) k ON k.la = d.la AND k.person_id = d.person_id
WINDOW so_far AS (PARTITION BY d.la, d.person_id ORDER BY d.day ROWS UNBOUNDED PRECEDING);
