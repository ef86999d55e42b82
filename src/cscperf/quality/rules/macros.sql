-- Helpers for the DfE rules' SQL, created in each check's connection (quality/rules/run.py).
-- year_start() and year_end(), the collection year's first and last days, are made per check.

-- A date as the returns write it: dd/mm/yyyy (one-digit days and months accepted), or ISO
-- yyyy-mm-dd (the census's own layout, and what some exports write); anything else is no date.
CREATE OR REPLACE TEMP MACRO to_date(given) AS CASE
    WHEN regexp_full_match(trim(given), '\d{1,2}/\d{1,2}/\d{4}')
        THEN try_strptime(trim(given), '%d/%m/%Y')::DATE
    WHEN regexp_full_match(trim(given), '\d{4}-\d{2}-\d{2}') THEN try_cast(trim(given) AS DATE)
END;

-- Age in whole years on a date. Someone born on 29 February turns a year older on 1 March in
-- other years, as English law has it (DuckDB's date_sub would say 28 February).
CREATE OR REPLACE TEMP MACRO age_on(born, on_date) AS
    year(on_date) - year(born)
    - CASE WHEN month(on_date) * 100 + day(on_date) < month(born) * 100 + day(born) THEN 1 ELSE 0 END;

-- The date of someone's birthday at an age: 1 March for a 29 February birth in other years.
CREATE OR REPLACE TEMP MACRO birthday(born, age) AS CASE
    WHEN month(born) = 2 AND day(born) = 29 AND day((born + to_years(age))::DATE) <> 29
        THEN make_date(year(born) + age, 3, 1)
    ELSE (born + to_years(age))::DATE
END;

-- An episode's last day, for how long it lasted: its end, 31 March while it is open, and none
-- when its end is not a date (147's breach: nothing to measure).
CREATE OR REPLACE TEMP MACRO lasted_until(ended, ended_text) AS
    CASE WHEN ended_text IS NULL THEN year_end() ELSE ended END;

-- Whether a day falls in a period from its start up to (not including) its end; a period with
-- no end runs on.
CREATE OR REPLACE TEMP MACRO during(day, period_start, period_end) AS
    day >= period_start AND day < coalesce(period_end, DATE '9999-12-31');

-- A UPN's check letter: characters 2 to 13 weighted 2 to 13, summed, modulo 23, as a letter of
-- ABCDEFGHJKLMNPQRTUVWXYZ (no I, O or S); a letter at 13 (a temporary UPN) counts as its place in
-- that alphabet. NULL unless characters 2 to 12 are digits.
CREATE OR REPLACE TEMP MACRO upn_check_letter(upn) AS CASE
    WHEN regexp_full_match(upn, '.\d{11}[0-9A-Z]') THEN substr('ABCDEFGHJKLMNPQRTUVWXYZ', (1 + list_sum(
        [i * coalesce(try_cast(substr(upn, i, 1) AS INTEGER),
                      instr('ABCDEFGHJKLMNPQRTUVWXYZ', substr(upn, i, 1)) - 1)
         FOR i IN range(2, 14)]) % 23)::BIGINT, 1)
END;
