-- Children who left care in the period through adoption: children ceasing to be looked after (as
-- cla_ceased, by their last ceasing in the period) for reason E11 or E12 (adoption order,
-- application unopposed or opposed). One row per child, with the adoption scorecard's times in
-- days within the period of care that ended in adoption (clae_entered_care_date, from the 903
-- derivations or the SSD):
-- - A1, entering care to moving in with the adoptive family. Moving in is the date placed for
--   adoption (the adoption record's date, else the start of the first episode placed for adoption,
--   A3 to A6, with the carers who adopted); for a child adopted by their foster carer, the start of
--   the foster placement (the adoption record's date, else the start of the placement with those
--   carers, which continued through reasons for new episode T, U and L).
-- - A2, placement order to being matched with the adopters, for children placed for adoption; 0
--   when matched before the order. The order is the adoption record's date, else the start of
--   legal status E1 (D1, a freeing order, before 2005) in that period of care.
-- The adoption record is the child's latest with a decision to place for adoption on or before
-- the adoption (or none dated).
WITH ceased AS (
    SELECT p.la, p.period, e.person_id, e.episode_id, e.ceased_date, e.ceased_reason AS reason_ceased,
        e.entered_care_date AS entered_care, e.placement_id, e.care_start_known
    FROM period_months p
    JOIN calc.cla_episodes e ON e.la = p.la AND p.month = calc.month_of(e.ceased_date)
    WHERE e.ends_care
    QUALIFY row_number() OVER (PARTITION BY p.la, p.period, e.person_id ORDER BY e.ceased_date DESC) = 1
        AND e.ceased_reason IN ('E11', 'E12')
), adopted AS (
    SELECT DISTINCT la, person_id, ceased_date, entered_care, placement_id FROM ceased
), record AS (
    SELECT a.la, a.person_id, a.ceased_date, r.perm_adopted_by_carer_flag, r.perm_placed_for_adoption_date,
        r.perm_placed_foster_carer_date, r.perm_placement_order_date, r.perm_matched_date
    FROM adopted a
    JOIN ssd_permanence r ON r.la = a.la AND r.perm_person_id = a.person_id
        AND coalesce(r.perm_adm_decision_date <= a.ceased_date, true)
    QUALIFY row_number() OVER (PARTITION BY a.la, a.person_id, a.ceased_date
                               ORDER BY r.perm_adm_decision_date DESC NULLS LAST) = 1
), timeline AS (
    SELECT a.la, a.person_id, a.ceased_date, a.entered_care,
        calc.is_yes(r.perm_adopted_by_carer_flag) AS by_foster_carer,
        coalesce(r.perm_placed_for_adoption_date,
                 (SELECT min(x.clae_cla_episode_start_date) FROM ssd_cla_episodes x
                  WHERE x.la = a.la AND x.clae_cla_placement_id = a.placement_id
                    AND upper(x.clae_placement_type) IN ('A3', 'A4', 'A5', 'A6'))) AS placed_for_adoption,
        coalesce(r.perm_placed_foster_carer_date, pl.clap_cla_placement_start_date) AS foster_placement,
        coalesce(r.perm_placement_order_date,
                 (SELECT min(s.lega_legal_status_start_date) FROM ssd_legal_status s
                  WHERE s.la = a.la AND s.lega_person_id = a.person_id
                    AND upper(s.lega_legal_status) IN ('E1', 'D1')
                    AND s.lega_legal_status_start_date BETWEEN a.entered_care AND a.ceased_date)) AS placement_order,
        r.perm_matched_date AS matched
    FROM adopted a
    LEFT JOIN record r ON r.la = a.la AND r.person_id = a.person_id AND r.ceased_date = a.ceased_date
    LEFT JOIN ssd_cla_placement pl ON pl.la = a.la AND pl.clap_cla_placement_id = a.placement_id
), adoption AS (
    SELECT *, CASE WHEN by_foster_carer THEN foster_placement ELSE placed_for_adoption END AS moved_in
    FROM timeline
), times AS (
    -- never below 0 (greatest alone would also turn a missing date into 0)
    SELECT *,
        CASE WHEN moved_in >= entered_care THEN moved_in - entered_care
             WHEN moved_in < entered_care THEN 0 END AS days_to_moving_in,
        CASE WHEN placed_for_adoption IS NULL THEN NULL
             WHEN matched >= placement_order THEN matched - placement_order
             WHEN matched < placement_order THEN 0 END AS days_order_to_match
    FROM adoption
)
SELECT c.la, c.period, c.person_id, c.episode_id AS event_id, c.ceased_date AS event_date,
    c.reason_ceased,
    t.days_to_moving_in, t.days_order_to_match,
    -- care began before the authority's records, on a day not known (calc.cla_episodes): A1 is
    -- then too short
    NOT c.care_start_known AS care_began_before_records,
    t.entered_care, t.moved_in, t.by_foster_carer, t.placed_for_adoption, t.placement_order, t.matched
FROM ceased c
LEFT JOIN times t ON t.la = c.la AND t.person_id = c.person_id AND t.ceased_date = c.ceased_date
