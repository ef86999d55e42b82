-- Missing incidents (type M) of every child, looked after or not, in the period: those that
-- started in it or were still open on its first day. One row per incident, with its length in
-- hours where its start and end times are recorded (the SSD's datetimes; the 903 gives dates only).
SELECT p.la, p.period, m.person_id, m.missing_id AS event_id, m.start_date AS event_date,
    m.looked_after,
    -- the child's first incident in the period: counting these counts children
    row_number() OVER (PARTITION BY p.la, p.period, m.person_id ORDER BY m.start_date, m.missing_id) = 1
        AS first_of_child,
    CASE WHEN m.end_time >= m.start_time THEN date_diff('minute', m.start_time, m.end_time) / 60 END AS hours,
    m.end_date
FROM periods p
JOIN calc.missing m ON m.la = p.la AND m.type = 'M'
    AND calc.open_in(m.start_date, m.end_date, p.period_start, p.period_end)
