"""Working days and collection years, worked by hand."""

from datetime import date

from cscperf.synth.dates import add_working_days, collection_year, default_end, working_days_between


def test_working_days_skip_weekends_and_bank_holidays():
    # Friday 20 Dec 2024 + 3 working days: Mon 23, Tue 24, (25, 26 bank holidays) Fri 27.
    assert add_working_days(date(2024, 12, 20), 3) == date(2024, 12, 27)
    # Easter 2025: Good Friday 18 April, Easter Monday 21 April.
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 22)) == 1
    # August bank holiday 2024 was Monday 26 August.
    assert working_days_between(date(2024, 8, 23), date(2024, 8, 27)) == 1
    assert working_days_between(date(2024, 1, 1), date(2024, 1, 1)) == 0
    assert add_working_days(date(2024, 1, 1), 0) == date(2024, 1, 1)


def test_years():
    assert collection_year(date(2024, 4, 1)) == 2025
    assert collection_year(date(2025, 3, 31)) == 2025
    assert default_end(date(2026, 11, 23)) == date(2026, 3, 31)
    assert default_end(date(2026, 3, 30)) == date(2025, 3, 31)
