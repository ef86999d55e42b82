-- Professionals holding at least one case on the snapshot day: one row per professional, with the
-- number of children allocated to them then (involvements started on or before the day and not
-- ended by it: one ending that day is over) and their full-time equivalence as recorded (1, a
-- head, where none is). The team is the professional's department, else one named on their
-- involvements.
WITH allocated AS (
    -- each child once per professional
    SELECT p.la, p.period, p.period_end, i.invo_professional_id AS professional_id, i.invo_person_id,
        max(i.invo_professional_team) AS team
    FROM periods p
    JOIN ssd_involvements i ON i.la = p.la AND i.invo_involvement_start_date <= p.period_end
        AND coalesce(i.invo_involvement_end_date, DATE '9999-12-31') > p.period_end
    WHERE i.invo_professional_id IS NOT NULL AND i.invo_person_id IS NOT NULL
    GROUP BY ALL
), cases AS (
    SELECT la, period, period_end, professional_id, count(*) AS cases, max(team) AS involvement_team
    FROM allocated
    GROUP BY ALL
)
SELECT c.la, c.period, c.professional_id AS person_id, c.professional_id AS event_id, c.period_end AS event_date,
    c.cases,
    coalesce(w.prof_full_time_equivalency, 1)::DECIMAL(9, 2) AS fte,
    coalesce(w.prof_professional_department, c.involvement_team) AS team
FROM cases c
LEFT JOIN ssd_professionals w ON w.la = c.la AND w.prof_professional_id = c.professional_id
