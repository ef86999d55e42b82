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

-- Whether a day falls in a period from its start up to (not including) its end; a period with
-- no end runs on.
CREATE OR REPLACE TEMP MACRO during(day, period_start, period_end) AS
    day >= period_start AND day < coalesce(period_end, DATE '9999-12-31');
