"""Computing indicators: one mechanism for every indicator, period, authority and breakdown.

Each indicator's SQL lists its units (children or events) for many periods at once; the engine
counts them. Indicators sharing a SQL file and window are computed together in one query, over
every period and authority asked for. Percentages, rates and averages are rounded half up with
Decimal; numerator and denominator are always kept. A value that cannot be computed is None with
a reason, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import duckdb

from cscperf.indicators import breakdowns, calc, population, published, query
from cscperf.indicators.periods import Period, add_months
from cscperf.indicators.registry import Registry, default
from cscperf.indicators.schema import Grain, Indicator, Unit
from cscperf.store.schema import TABLES


@dataclass(frozen=True)
class Result:
    id: str
    period: str
    start: date  # the window counted: for rolling 12-month indicators, the 12 months to `end`
    end: date
    la: str
    breakdown: str | None
    group: str | None
    numerator: int | Decimal | None
    denominator: int | Decimal | None  # a sum of full-time equivalents for an average `per` them
    value: int | Decimal | None
    unit: str
    polarity: str
    reason: str | None = None  # why value is None
    note: str | None = None  # for a published figure, the year it was published for
    history: str | None = None  # set when the answer needs records from before the store's history

    def as_dict(self) -> dict:
        """The JSON form: the keys of issue 4, with `reason` only when there is no value,
        `note` only for a published figure and `history` only when the history is incomplete."""
        row = {"id": self.id, "period": self.period, "start": self.start.isoformat(),
               "end": self.end.isoformat(), "la": self.la, "breakdown": self.breakdown,
               "group": self.group, "numerator": self.numerator, "denominator": self.denominator,
               "value": self.value, "unit": self.unit, "polarity": self.polarity}
        if self.value is None:
            row["reason"] = self.reason
        if self.note:
            row["note"] = self.note
        if self.history:
            row["history"] = self.history
        return row


def _periods(period: str | Period | Iterable[str | Period]) -> list[Period]:
    if isinstance(period, (str, Period)):
        return [Period.parse(period)]
    return [Period.parse(p) for p in period]


def _window(indicator: Indicator, period: Period) -> tuple[str, date, date]:
    """(period, first day, last day) of what the indicator counts for `period`."""
    if indicator.grain.months:
        return str(period), period.months_back(indicator.grain.months)[0].start, period.end
    return str(period), period.start, period.end


def _flag(column: str | None) -> str:
    return f'coalesce(u."{column}", false)' if column else "true"


def _conditions(indicator: Indicator) -> tuple[str, str]:
    """SQL conditions on a unit row `u`: (in the numerator, in the denominator)."""
    denominator = _flag(indicator.denominator_flag)
    if indicator.unit.is_average:
        counted = f'{denominator} AND u."{indicator.average_of}" IS NOT NULL'
        return counted, counted
    if indicator.unit is Unit.percent and not indicator.per_population:
        return f"{_flag(indicator.numerator_flag)} AND {denominator}", denominator
    return _flag(indicator.numerator_flag), "false"  # counts and per population: the denominator is not units


def _needs_from(indicator: Indicator, start: date, end: date) -> date:
    """The first day whose records the figure for the window `start` to `end` needs: the window's
    first day (a snapshot's is its day), less the indicator's `history_months`."""
    months = indicator.history_months
    if indicator.grain is Grain.snapshot:
        return end if not months else add_months(end + timedelta(days=1), -months)
    return add_months(start, -months)


def _group_sql(breakdown: breakdowns.Breakdown | None) -> tuple[str, str]:
    """(select expression, join) for a breakdown's group."""
    if breakdown is None:
        return "NULL", ""
    return breakdown.expression(), breakdown.join()


def _aggregate_sql(indicators: list[Indicator], breakdown: breakdowns.Breakdown | None) -> str:
    group, join = _group_sql(breakdown)
    measures = []
    for n, indicator in enumerate(indicators):
        numerator, denominator = _conditions(indicator)
        if indicator.unit is Unit.median:
            measures.append(f'median(u."{indicator.average_of}") FILTER (WHERE {numerator}) AS n{n}')
        elif indicator.unit.is_average:
            measures.append(f'sum(u."{indicator.average_of}") FILTER (WHERE {numerator}) AS n{n}')
        else:
            measures.append(f"count(*) FILTER (WHERE {numerator}) AS n{n}")
        counted = f'sum(u."{indicator.per}")' if indicator.per else "count(*)"
        measures.append(f"{counted} FILTER (WHERE {denominator}) AS d{n}")
        measures.append(f"count(*) FILTER (WHERE {_flag(indicator.history_flag) if indicator.history_flag else 'false'}) "
                        f"AS h{n}")
    return (query.with_units(indicators[0].sql)
            + f"SELECT u.la, u.period, {group} AS grp, {', '.join(measures)}\nFROM units u {join}\nGROUP BY ALL")


def _run(con: duckdb.DuckDBPyConnection, sql: str, parameters: dict) -> duckdb.DuckDBPyConnection:
    # The optimiser cannot see how many periods there are (they arrive as parameters), and for a
    # small-looking left side it turns ASOF joins into nested loops, far slower here.
    con.execute("SET asof_loop_join_threshold = 0")
    return con.execute(sql, parameters)


def authorities(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every authority with data in the store."""
    union = " UNION ".join(f"SELECT DISTINCT la FROM {t.name}" for t in TABLES)
    return sorted(row[0] for row in con.execute(union).fetchall() if row[0] is not None)


def _recorded(con: duckdb.DuckDBPyConnection, indicators: list[Indicator]) -> dict[str, set[str]]:
    """For each `recorded_in` entry, the authorities with data there."""
    entries = sorted({e for i in indicators for e in i.recorded_entries})
    return {e: {row[0] for row in con.execute(query.recorded_sql(e)).fetchall()} for e in entries}


def _select(registry: Registry, ids: Sequence[str] | None, breakdown: breakdowns.Breakdown | None) -> list[Indicator]:
    chosen = registry.select(list(ids) if ids else None)
    if breakdown is None:
        return chosen
    if ids:
        unsupported = [i.id for i in chosen if breakdown.id not in i.breakdowns]
        if unsupported:
            raise ValueError(f"not available by {breakdown.id.value}: {', '.join(unsupported)}")
    return [i for i in chosen if breakdown.id in i.breakdowns]


def compute(con: duckdb.DuckDBPyConnection, ids: Sequence[str] | None = None,
            period: str | Period | Iterable[str | Period] = (), la: str | Sequence[str] | None = None,
            breakdown: str | None = None, registry: Registry | None = None) -> list[Result]:
    """Every indicator in `ids` (all when None) for each period, for `la` (one authority, a list
    of them, or every authority in the store when None), in total or by `breakdown` (then one
    result per group present)."""
    calc.prepare(con)
    registry = registry or default()
    split = breakdowns.get(breakdown) if breakdown else None
    indicators = _select(registry, ids, split)
    periods = _periods(period)
    if la is None or isinstance(la, str):
        las = [la] if la else authorities(con)
    else:
        las = list(la)
    if not indicators or not periods or not las:
        return []
    counts: dict[tuple[str, str, str], dict[str | None, tuple]] = {}
    batches: dict[tuple[str, bool], list[Indicator]] = {}
    for indicator in indicators:
        if not indicator.published_only:
            batches.setdefault((indicator.sql_source, indicator.grain.months), []).append(indicator)
    for batch in batches.values():
        windows = [_window(batch[0], p) for p in periods]
        rows = _run(con, _aggregate_sql(batch, split), query.parameters(las, windows)).fetchall()
        for row in rows:
            row_la, row_period, group, *measures = row
            for n, indicator in enumerate(batch):
                counts.setdefault((indicator.id, row_la, row_period), {})[group] = tuple(measures[3 * n:3 * n + 3])
    per_population = any(i.of_population or i.share_of_population for i in indicators)
    populations = population.lookup(con, las, [p.end for p in periods]) if per_population else {}
    recorded = _recorded(con, indicators)
    history = _history(con)
    results = []
    for indicator in indicators:
        if indicator.published_only:
            results += published.results(con, indicator, periods, las)
            continue
        windows = [(p, _window(indicator, p)) for p in periods]  # the same for every authority
        for area in las:
            for p, (name, start, end) in windows:
                # in total every period has a result; by breakdown, each group present
                groups = counts.get((indicator.id, area, name), {} if split else {None: (0, 0, 0)})
                for group in sorted(groups, key=lambda g: g or ""):
                    numerator, denominator, incomplete = groups[group]
                    result = _result(indicator, p, start, end, area, split, group, numerator,
                                     denominator, populations.get((area, p.end)), recorded)
                    gap = _history_gap(indicator, start, end, history.get((area, indicator.section.records)),
                                      incomplete)
                    results.append(replace(result, history=gap) if gap and result.value is not None else result)
    return results


def _history(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], date]:
    """(authority, records) -> the first day the store's records cover (calc.history)."""
    return {(la, records): day for la, records, day in con.execute("SELECT * FROM calc.history").fetchall()}


RECORDS_WORDS = {"looked_after": "looked-after children", "in_need": "children in need"}


def _history_gap(indicator: Indicator, start: date, end: date, history_from: date | None,
                incomplete: int) -> str | None:
    """Why a figure needs records from before the store's history begins, or None: the window it
    counts (with its look-back) starts earlier, or some children's records go back further."""
    if history_from is None:
        return None
    whose = f"this authority's records of {RECORDS_WORDS[indicator.section.records]} begin on {history_from:%-d %B %Y}"
    needed = _needs_from(indicator, start, end)
    if needed < history_from:
        return f"history incomplete: it needs records from {needed:%-d %B %Y}, and {whose}"
    if incomplete:
        children = "1 child go" if incomplete == 1 else f"{incomplete:,} children go"
        return f"history incomplete: the records of {children} back before the store's; {whose}"
    return None


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(value) -> int | Decimal:
    """A DuckDB sum as an exact number."""
    return value if isinstance(value, int) else Decimal(str(value))


def _result(indicator: Indicator, period: Period, start: date, end: date, la: str,
            split: breakdowns.Breakdown | None, group: str | None, numerator, denominator,
            estimate: population.Estimate | None, recorded: dict[str, set[str]]) -> Result:
    def result(numerator, denominator, value, reason=None) -> Result:
        return Result(indicator.id, str(period), start, end, la, split.id.value if split else None, group,
                      numerator, denominator, value, indicator.unit.value, indicator.polarity.value, reason)

    missing = [t for t in indicator.recorded_in if la not in recorded[t]]
    if missing:
        words = ", ".join(query.recorded_words(e) for e in missing)
        return result(None, None, None, f"not recorded: this authority has no {words} data")
    if indicator.min_months and (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1 < indicator.min_months:
        return result(None, None, None, f"needs a period of at least {indicator.min_months} months")
    dated = indicator.any_day_when
    if dated and la not in recorded[dated.recorded_in] and (end.month, end.day) != (3, 31):
        return result(None, None, None, dated.otherwise)
    unit = indicator.unit
    if indicator.share_of_population:
        if estimate is None:
            return result(None, None, None, f"no population estimate for {la} on or before {period.end_label}")
        children = math.ceil(Decimal(estimate.population) * indicator.share_of_population)
        return result(children, estimate.population, children)
    if unit is Unit.count:
        return result(numerator, None, numerator)
    if unit is Unit.median:  # the numerator is the median itself, of `denominator` units
        if not denominator:
            return result(None, 0, None, f"denominator is 0 ({indicator.denominator})")
        return result(_number(numerator), denominator, _round(_number(numerator), indicator.decimals))
    scale = {Unit.percent: 100, Unit.rate_per_10k: 10000}.get(unit, 1)
    if indicator.of_population:
        if estimate is None:
            return result(numerator, None, None, f"no population estimate for {la} on or before {period.end_label}")
        value = Decimal(numerator) * scale / Decimal(estimate.population)
        return result(numerator, estimate.population, _round(value, indicator.decimals))
    if not denominator:
        return result(_number(numerator or 0), 0, None, f"denominator is 0 ({indicator.denominator})")
    denominator = _number(denominator)
    value = Decimal(_number(numerator)) * scale / Decimal(denominator)
    return result(_number(numerator), denominator, _round(value, indicator.decimals))


def children(con: duckdb.DuckDBPyConnection, id: str, period: str | Period, la: str,
             breakdown: str | None = None, group: str | None = None,
             registry: Registry | None = None) -> list[dict]:
    """The units behind a figure: each child or event in the numerator or denominator, with
    `in_numerator`, `in_denominator`, the group when broken down, and the SQL's other columns."""
    calc.prepare(con)
    indicator = (registry or default()).get(id)
    if indicator.published_only or indicator.share_of_population:
        raise ValueError(f"{id} is worked out from published figures: no children are behind it")
    split = breakdowns.get(breakdown) if breakdown else None
    if split and split.id not in indicator.breakdowns:
        raise ValueError(f"{id} is not available by {split.id.value}")
    if group is not None and split is None:
        raise ValueError("a group needs a breakdown")
    numerator, denominator = _conditions(indicator)
    group_sql, join = _group_sql(split)
    sql = (query.with_units(indicator.sql)
           + f"SELECT u.person_id, u.event_id, u.event_date, {numerator} AS in_numerator, "
             f"{denominator} AS in_denominator, {group_sql} AS \"group\", u.* EXCLUDE (la, period, person_id, "
             f"event_id, event_date)\nFROM units u {join}\nWHERE ({numerator} OR {denominator})"
           + (" AND " + group_sql + " = $group" if group is not None else "")
           + "\nORDER BY u.person_id, u.event_date, u.event_id")
    parameters = query.parameters([la], [_window(indicator, Period.parse(period))])
    if group is not None:
        parameters["group"] = group
    cursor = _run(con, sql, parameters)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    if split is None:
        for row in rows:
            del row["group"]
    return rows
