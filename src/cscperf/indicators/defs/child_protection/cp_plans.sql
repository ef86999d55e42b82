-- Children on a child protection plan on the snapshot day: the plan started on or before it and
-- has no end date or ends after it (a plan ending that day is no longer open). One row per child,
-- from their latest-started open plan. (An ASOF join sorts all of its right side, so that side
-- is first cut down to the authorities being computed.)
WITH open_plans AS (
    SELECT p.la, p.period, p.period_start, p.period_end, c.person_id, c.plan_id, c.start_date, c.latest_category
    FROM periods p
    JOIN calc.cp_plans c ON c.la = p.la AND c.start_date <= p.period_end
        AND (c.end_date IS NULL OR c.end_date > p.period_end)
    QUALIFY row_number() OVER (PARTITION BY p.la, p.period, c.person_id ORDER BY c.start_date DESC) = 1
), with_review AS (
    -- the plan's latest review on or before the snapshot day, with the latest late or unjudged
    -- review so far: whether one was held in the period
    SELECT o.*, r.review_date AS last_review,
        coalesce(r.last_late >= o.period_start, false) AS late_in_period,
        coalesce(r.last_unjudged >= o.period_start, false) AS unjudged_in_period,
        coalesce(o.start_date >= h.history_from, true) AS reviews_from_start,
        (h.history_from + INTERVAL 6 MONTH)::DATE AS records_plus_6m
    FROM open_plans o
    ASOF LEFT JOIN (SELECT * FROM calc.cp_reviews WHERE la IN (SELECT la FROM periods)) r
        ON r.la = o.la AND r.plan_id = o.plan_id AND r.review_date <= o.period_end
    LEFT JOIN calc.history h ON h.la = o.la AND h.records = 'in_need'
), with_visit AS (
    -- the child's latest visit on or before the snapshot day, if made during this plan
    SELECT w.*, CASE WHEN v.visit_date >= w.start_date THEN v.visit_date END AS last_visit
    FROM with_review w
    ASOF LEFT JOIN (SELECT * FROM calc.cp_visits WHERE la IN (SELECT la FROM periods)) v
        ON v.la = w.la AND v.person_id = w.person_id AND v.visit_date <= w.period_end
)
SELECT la, period, person_id, plan_id AS event_id, period_end AS event_date,
    latest_category AS category_of_abuse,
    start_date,
    -- LAIT 264: more than 729 days, counting the snapshot day
    period_end - start_date + 1 > 729 AS open_2y_plus,
    -- reviews (LAIT 19, NI 67): the plan has lasted the 3 months to its first review; on time
    -- when every review held in the period was on time and the next is not overdue on the day.
    -- Reviews from before the authority's records are not in the store: a plan that began
    -- earlier is not failed for them (with no review in the store, one is overdue 6 months after
    -- the records begin), and is history incomplete while a review in the period cannot be judged
    start_date + INTERVAL 3 MONTH <= period_end AS reviews_due,
    NOT late_in_period AND period_end <= coalesce(
        last_review + INTERVAL 6 MONTH,
        CASE WHEN reviews_from_start THEN start_date + INTERVAL 3 MONTH ELSE records_plus_6m END) AS reviews_on_time,
    start_date + INTERVAL 3 MONTH <= period_end
        AND (unjudged_in_period OR (last_review IS NULL AND NOT reviews_from_start
                                        AND period_end <= records_plus_6m)) AS reviews_history_incomplete,
    last_review,
    -- visits: due every 10 working days, so counted once the plan is 10 working days old
    calc.working_days(start_date, period_end) >= 10 AS visit_due,
    coalesce(calc.working_days(last_visit, period_end) <= 10, false) AS visited_10wd,
    last_visit
FROM with_visit
