"""Which periods a scorecard shows for a chosen period: the period itself, the one before, the
same period a year earlier, a 12-point monthly trend and an 8-quarter series for charts; and
which an indicator's page shows: months, quarters and years to the period's end.

An indicator that needs a longer period than the one chosen (3 or more placements in 12 months,
in a quarterly report) is shown for the 12 months ending on the same day, and its trend and series
are rolling 12-month figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscperf.indicators.periods import Kind, Period

TREND_MONTHS = 12
SERIES_QUARTERS = 8  # two years, so a chart shows a year-on-year change
MONTHS, QUARTERS, YEARS = 24, 12, 5  # an indicator's page


def short_label(period: Period) -> str:
    """The period in a sentence: 'Quarter 4 2024-25', 'March 2025', '2024-25',
    'the 12 months to March 2025'."""
    if period.kind is Kind.quarter:
        return period.label.split(" (")[0]
    if period.kind is Kind.rolling_12m:
        return "the 12 months to " + Period(period.end_month, Kind.month).label
    return str(period) if period.kind is Kind.year else period.label


def point_label(period: Period) -> str:
    """A chart axis label: 'Q4 2024-25', 'Mar 2025', '2024-25', '12m to Mar 2025'."""
    end = period.end
    month = end.strftime("%b %Y")
    if period.kind is Kind.quarter:
        return f"Q{str(period)[-1]} {str(period)[:7]}"
    if period.kind is Kind.rolling_12m:
        return f"12m to {month}"
    return str(period) if period.kind is Kind.year else month


@dataclass(frozen=True)
class Plan:
    current: Period
    previous: Period
    last_year: Period
    trend: tuple[Period, ...]
    series: tuple[Period, ...]

    @classmethod
    def of(cls, period: Period | str, rolling: bool = False) -> Plan:
        """The periods to show; `rolling` for an indicator needing 12 months when `period` is shorter."""
        period = Period.parse(period)
        step = period.kind.step  # a quarterly report compares with the previous quarter's end
        if rolling and period.months < 12:
            period = Period(period.end_month, Kind.rolling_12m)
        if period.kind is Kind.rolling_12m:
            trend = tuple(Period(m.end_month, Kind.rolling_12m) for m in period.months_back(TREND_MONTHS))
            series = tuple(Period(q.end_month, Kind.rolling_12m) for q in period.quarters_back(SERIES_QUARTERS))
        else:
            trend = tuple(period.months_back(TREND_MONTHS))
            series = tuple(period.quarters_back(SERIES_QUARTERS))
        return cls(period, period.shifted(-step), period.last_year(), trend, series)

    def periods(self) -> set[Period]:
        return {self.current, self.previous, self.last_year, *self.trend, *self.series}


def _kind_for(months: int, min_months: int | None, kind: Kind) -> Kind:
    """A period too short for the indicator is shown as the 12 months ending on its last day."""
    return Kind.rolling_12m if min_months and min_months > months else kind


def over_time(period: Period | str, min_months: int | None = None) -> dict[str, list[Period]]:
    """The periods of an indicator page's series for `period`: months, quarters and years, oldest
    first (12 months ending each, for an indicator needing 12 months)."""
    end = Period.parse(period)
    month = _kind_for(1, min_months, Kind.month)
    quarter = _kind_for(3, min_months, Kind.quarter)
    last_march = end.end_month - (end.end_month % 12 + 1 - 3) % 12
    return {
        "months": [Period(m.end_month, month) for m in end.months_back(MONTHS)],
        "quarters": [Period(q.end_month, quarter) for q in end.quarters_back(QUARTERS)],
        "years": Period(last_march, Kind.year).series(YEARS),
    }
