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

-- Working days after `a` up to and including `b` (meta.calendar); NULL when either date is missing.
CREATE OR REPLACE MACRO calc.working_days(a, b) AS
    (SELECT working_day_number FROM meta.calendar WHERE day = b)
    - (SELECT working_day_number FROM meta.calendar WHERE day = a);

-- Each child's characteristics for breakdowns: date of birth, sex, ethnicity major group,
-- disability, UASC status dates, and the district of the latest home address (meta.postcodes).
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
    pc.district
FROM ssd_person p
LEFT JOIN disability d ON d.la = p.la AND d.person_id = p.pers_person_id
LEFT JOIN uasc u ON u.la = p.la AND u.person_id = p.pers_person_id
LEFT JOIN home h ON h.la = p.la AND h.person_id = p.pers_person_id
LEFT JOIN meta.postcodes pc ON pc.postcode = replace(upper(h.postcode), ' ', '');

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
-- 3 months of the plan starting, each later one within 6 months of the one before;
-- `late_reviews_so_far` counts late reviews up to and including this one.
CREATE OR REPLACE TABLE calc.cp_reviews AS
WITH linked AS (
    SELECT p.la, p.person_id, p.plan_id, p.start_date AS plan_start,
        coalesce(r.cppr_cp_review_id, r.cppr_person_id || '/' || r.cppr_cp_review_date) AS review_id,
        r.cppr_cp_review_date AS review_date
    FROM ssd_cp_reviews r
    JOIN calc.cp_plans p ON p.la = r.la AND p.person_id = r.cppr_person_id
    WHERE r.cppr_cp_review_date IS NOT NULL
      AND (r.cppr_cp_plan_id = p.plan_id OR (r.cppr_cp_plan_id IS NULL
           AND r.cppr_cp_review_date BETWEEN p.start_date AND coalesce(p.end_date, DATE '9999-12-31')))
)
SELECT *,
    late_reviews_so_far > 0 AS any_late_so_far
FROM (
    SELECT *, sum(late::INTEGER) OVER (PARTITION BY la, plan_id ORDER BY review_date) AS late_reviews_so_far
    FROM (
        SELECT *,
            review_date > coalesce(
                lag(review_date) OVER (PARTITION BY la, plan_id ORDER BY review_date) + INTERVAL 6 MONTH,
                plan_start + INTERVAL 3 MONTH) AS late
        FROM linked
    )
);

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
