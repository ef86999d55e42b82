-- Children looked after on the snapshot day: an episode of care (not a short break) started on
-- or before it and not ceased by then (an episode ceasing that day is over). One row per child,
-- from their latest-started open episode, with what the looked-after, placement, review and
-- health indicators need. The child's records are looked up by ASOF joins (the latest on or
-- before the day) on the child's number, with only the keys carried along, and the episode's own
-- columns joined last: quick for many authorities and periods at once. (An ASOF join sorts all of
-- its right side, so that side is first cut down to the authorities being computed.)
WITH looked_after AS (
    SELECT p.la, p.period, p.period_start, p.period_end, e.child_key, e.episode_key
    FROM periods p
    JOIN calc.cla_episodes e ON e.la = p.la AND e.start_date <= p.period_end
        AND (e.ceased_date IS NULL OR e.ceased_date > p.period_end)
    QUALIFY row_number() OVER (PARTITION BY p.period, e.child_key ORDER BY e.start_date DESC) = 1
), found AS (
    SELECT l.*,
        first_open.moves_so_far AS moves_at_first_open,
        placed.open_until > l.period_end AS placed_now, placed.distance, placed.district, placed.outside_la,
        latest.cla_id AS review_cla_id, latest.review_date, latest.next_due, latest.last_late, latest.last_unjudged,
        h.health_assessment_date, h.dental_check_date, h.immunisations_date, h.immunised, h.sdq_date, h.sdq_score,
        h.convicted_date, h.substance_misuse_date
    FROM looked_after l
    -- the first episode open in the period: the child's earliest not ceased before its first day
    -- (LAIT 372 counts the placements open on 1 April, one ending that day too)
    ASOF LEFT JOIN (SELECT child_key, coalesce(ceased_date, DATE '9999-12-31') AS open_until, moves_so_far
                    FROM calc.cla_episodes WHERE la IN (SELECT la FROM periods)) first_open
        ON first_open.child_key = l.child_key AND first_open.open_until >= l.period_start
    -- the latest placement started on or before the day (current if it had not ended by then)
    ASOF LEFT JOIN (SELECT child_key, start_date, coalesce(end_date, DATE '9999-12-31') AS open_until,
                           distance, district, outside_la
                    FROM calc.cla_placements WHERE la IN (SELECT la FROM periods)) placed
        ON placed.child_key = l.child_key AND placed.start_date <= l.period_end
    -- the latest review on or before the day (of this period of care, or none in it yet)
    ASOF LEFT JOIN (SELECT * FROM calc.cla_reviews WHERE la IN (SELECT la FROM periods)) latest
        ON latest.child_key = l.child_key AND latest.review_date <= l.period_end
    -- the child's health records as they stood on the day
    ASOF LEFT JOIN (SELECT * FROM calc.cla_health_history WHERE la IN (SELECT la FROM periods)) h
        ON h.child_key = l.child_key AND h.day <= l.period_end
)
SELECT f.la, f.period, e.person_id, e.episode_id AS event_id, f.period_end AS event_date,
    e.legal_status, e.placement_type, e.placement_provider, e.category_of_need,
    e.entered_care_date,
    calc.is_uasc(e.ever_uasc, e.uasc_start, e.uasc_end, f.period_end) AS is_uasc,
    e.legal_status = 'V2' AS section_20,
    e.disability = 'Disabled' AS disabled,
    -- the current placement: more than 20 miles from home, outside the authority, each as the
    -- DfE's tables show it, with "Not known" where the distance or the district is not
    CASE WHEN f.placed_now THEN f.distance END AS miles_from_home,
    coalesce(f.placed_now AND f.distance > 20, false) AS over_20_miles,
    coalesce(f.placed_now AND f.distance > 20 AND f.outside_la, false) AS over_20_miles_outside_la,
    CASE WHEN NOT f.placed_now OR f.distance IS NULL THEN 'Not known'
         WHEN f.distance > 20 THEN 'More than 20 miles' ELSE '20 miles or less' END AS distance_from_home,
    CASE WHEN f.placed_now THEN f.district END AS placement_district,
    coalesce(f.placed_now AND f.outside_la, false) AS outside_la,
    CASE WHEN NOT f.placed_now OR f.outside_la IS NULL THEN 'Not known'
         WHEN f.outside_la THEN 'Outside the authority' ELSE 'Inside the authority' END AS placement_area,
    -- placements during the period: the first episode open in it counts as one, each later new
    -- placement (calc.cla_episodes.move) as another
    1 + e.moves_so_far - f.moves_at_first_open AS placements,
    1 + e.moves_so_far - f.moves_at_first_open >= 3 AS three_or_more_placements,
    -- long-term stability (LAIT 393): under 16 and looked after for at least 2.5 years; in the
    -- current placement for at least 2 years, or placed for adoption (A3-A6) and with the
    -- placement before for at least 2 years (calc.lasted_months counts the first and last days)
    calc.age_on(e.dob, f.period_end) < 16 AND calc.lasted_months(e.entered_care_date, f.period_end, 30) AS long_term,
    coalesce(e.placement_start, e.entered_care_date) AS placement_start,
    calc.lasted_months(coalesce(e.placement_start, e.entered_care_date), f.period_end, 24)
        OR (e.placement_type IN ('A3', 'A4', 'A5', 'A6')
            AND calc.lasted_months(e.previous_placement_start, f.period_end, 24)) AS stable,
    -- care began before the authority's records, on a day not known (calc.cla_episodes), and
    -- whether the child is in the long-term cohort, has been in the placement 2 years, or is in the
    -- health cohort could depend on it
    NOT e.care_start_known AND calc.age_on(e.dob, f.period_end) < 16
        AND (NOT calc.lasted_months(e.entered_care_date, f.period_end, 30)
             OR (e.placement_start IS NULL AND NOT calc.lasted_months(e.entered_care_date, f.period_end, 24)))
        AS stability_history_incomplete,
    NOT e.care_start_known AND NOT calc.lasted_months(e.entered_care_date, f.period_end, 12) AS health_history_incomplete,
    -- reviews (NI 66): due once in care 20 working days; on time when every review held in the
    -- period was on time and the next is not overdue on the day. Reviews from before the
    -- authority's records are not in the store: a child whose care began earlier is not failed
    -- for them (with no review in the store, one is overdue 6 months after the records begin),
    -- and is history incomplete while a review in the period cannot be judged
    wd.in_care >= 20 AS reviews_due,
    CASE WHEN f.review_cla_id IS DISTINCT FROM e.cla_id
             THEN CASE WHEN wd.reviews_from_start THEN wd.in_care <= 20 ELSE f.period_end <= wd.records_plus_6m END
         ELSE coalesce(f.last_late < f.period_start, true) AND f.period_end <= f.next_due END AS reviews_on_time,
    wd.in_care >= 20 AND CASE WHEN f.review_cla_id IS DISTINCT FROM e.cla_id
                                  THEN NOT wd.reviews_from_start AND f.period_end <= wd.records_plus_6m
                              ELSE coalesce(f.last_unjudged >= f.period_start, false) END AS reviews_history_incomplete,
    CASE WHEN f.review_cla_id = e.cla_id THEN f.review_date END AS last_review,
    -- health: the OC2 cohort, looked after throughout the 12 months to the day (from the first
    -- of those days), and its checks and scores dated in those 12 months
    calc.lasted_months(e.entered_care_date, f.period_end, 12) AS looked_after_12m,
    calc.lasted_months(e.entered_care_date, f.period_end, 12) AND calc.age_on(e.dob, f.period_end) BETWEEN 5 AND 16
        AS looked_after_12m_aged_5_to_16,
    coalesce(f.health_assessment_date >= wd.year_start, false) AS health_assessment,
    coalesce(f.dental_check_date >= wd.year_start, false) AS dental_check,
    coalesce(f.immunisations_date >= wd.year_start AND f.immunised, false) AS immunised,
    CASE WHEN f.sdq_date >= wd.year_start THEN f.sdq_score END AS sdq_score,
    -- offending and substance misuse in the OC2 cohort: convictions of those aged 10 to 17
    e.entered_care_date <= wd.year_start AND calc.age_on(e.dob, f.period_end) BETWEEN 10 AND 17
        AS looked_after_12m_aged_10_to_17,
    coalesce(f.convicted_date >= wd.year_start, false) AS convicted,
    coalesce(f.substance_misuse_date >= wd.year_start, false) AS substance_misuse,
    -- where the child lives on the day, in the DfE's groups of placement types (LAIT 396 to 401)
    coalesce(e.placement_type LIKE 'U%', false) AS foster_care,
    coalesce(e.placement_type IN ('K1', 'K2'), false) AS secure_or_childrens_home,
    coalesce(e.placement_type = 'P1', false) AS placed_with_parents,
    coalesce(e.placement_type IN ('H5', 'P2', 'K3'), false) AS independent_or_supported,
    -- different social workers allocated at any time in the period, looked after or not (A, B,
    -- then A again is two)
    sw.social_workers,
    sw.social_workers >= 3 AS three_or_more_social_workers
FROM found f
JOIN calc.cla_episodes e USING (episode_key)
CROSS JOIN LATERAL (
    SELECT calc.working_days(e.entered_care_date, f.period_end) AS in_care,
        (f.period_end + INTERVAL 1 DAY - INTERVAL 12 MONTH)::DATE AS year_start,
        e.care_start_known AND coalesce(e.entered_care_date >= e.records_from, true) AS reviews_from_start,
        (e.records_from + INTERVAL 6 MONTH)::DATE AS records_plus_6m) wd
CROSS JOIN LATERAL (SELECT count(DISTINCT i.invo_professional_id) AS social_workers
                    FROM ssd_involvements i
                    WHERE i.la = f.la AND i.invo_person_id = e.person_id
                      AND i.invo_involvement_start_date <= f.period_end
                      AND coalesce(i.invo_involvement_end_date, DATE '9999-12-31') >= f.period_start) sw
