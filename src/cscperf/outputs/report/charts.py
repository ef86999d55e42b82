"""The report's charts: Vega-Lite specs built with Altair, rendered by vl-convert (no browser, no
network). Every chart has a text alternative and the data table it draws, so no figure is only
in a picture; lines and bars are labelled in words, so no meaning rests on colour.

- a headline indicator's series: 8 quarters (two years), with its target and the latest
  published statistical-neighbour average and England figure as labelled reference lines;
- a breakdown: one bar per group for the period (age at entry to care, UASC, placement type,
  reason for entering care, district, ...); withheld groups are listed in the table as [c];
- a split series: an indicator month by month, one line per group of a breakdown (children
  looked after, unaccompanied asylum-seeking children and others);
- a sparkline: the 12-month trend beside each indicator, a small SVG drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import vl_convert

from cscperf.compare.figure import Figure
from cscperf.compare.figure import help_text as _help
from cscperf.compare.plan import point_label
from cscperf.compare.published import comparable
from cscperf.compare.scorecard import Card, Split
from cscperf.indicators import breakdowns
from cscperf.indicators.periods import Period
from cscperf.outputs.report.formats import shown, unit_words

# Indicators the committee follows most closely; those in the registry get a series chart.
HEADLINE = (
    "referrals", "rereferrals_12m_pct", "assessments_45wd_pct", "cp_rate_per_10k",
    "cp_second_or_subsequent_pct", "cin_rate_per_10k", "cla_rate_per_10k", "cla_started", "uasc_cla",
    "cla_3plus_placements_pct", "cla_long_term_stability_pct", "cla_placed_20miles_pct",
    "cla_missing_children", "cla_health_assessment_pct", "care_leavers_19_21_eet_pct",
    "care_leavers_19_21_suitable_accommodation_pct", "adoption_a1_avg_days", "workforce_avg_caseload",
)
BREAKDOWN_TITLES = {
    "age_band": "by age", "uasc": "unaccompanied asylum-seeking children and others",
    "placement_type": "by placement type", "category_of_need": "by reason (category of need)",
    "district": "by district of home address", "referral_source": "by source",
    "category_of_abuse": "by category of abuse", "sex": "by sex", "ethnicity": "by ethnicity",
    "ward": "by ward of home address", "locality": "by locality of home address",
    "factor": "by factor identified at assessment",
}
INK, BLUE = "#0b0c0c", "#1d70b8"  # GOV.UK text and link colours: contrast above 4.5:1 on white
GREY = "#505a5f"  # GOV.UK secondary text
FONT = "Arial, Helvetica, Liberation Sans, DejaVu Sans, sans-serif"  # the first one the machine has


@dataclass(frozen=True)
class Chart:
    """One chart, its text alternative and its data."""

    id: str = field(metadata=_help("Unique within the report, usable as an HTML id"))
    title: str = field(metadata=_help("The chart's title"))
    alt: str = field(metadata=_help("Text alternative: what the chart shows, in words"))
    columns: tuple[str, ...] = field(metadata=_help("The data table's column headings"))
    rows: tuple[tuple[str, ...], ...] = field(metadata=_help("The data table: every value drawn, as shown"))
    spec: dict = field(metadata=_help("The Vega-Lite specification"))

    def svg(self) -> str:
        return vl_convert.vegalite_to_svg(self.spec)

    def png(self, scale: float = 2) -> bytes:
        return vl_convert.vegalite_to_png(self.spec, scale=scale)


def _label(period: str) -> str:
    return point_label(Period.parse(period))


def _lines(card: Card, region: bool = False) -> list[tuple[str, float]]:
    """Reference lines: (label, value); the region's too when `region`."""
    d, lines = card.definition, []
    if card.target is not None:
        lines.append(("Target", card.target))
    p = card.published
    if p and not p.unavailable and comparable(d.unit):
        if p.neighbour_mean is not None:
            lines.append((f"Statistical neighbours {p.year}", round(p.neighbour_mean, d.decimals)))
        if region and p.region is not None:
            lines.append((f"{p.region_name or 'Region'} {p.year}", p.region))
        if p.england is not None:
            lines.append((f"England {p.year}", p.england))
    return lines


def series_chart(card: Card) -> Chart:
    """A headline indicator's last 8 quarters."""
    return line_chart(card, card.series, "quarter", f"{card.definition.title}: the last two years",
                      f"chart-{card.definition.id}")


def line_chart(card: Card, series: tuple[Figure, ...], every: str, title: str, id: str,
               region: bool = False) -> Chart:
    """The indicator's figures for `series` (periods of one kind, `every` naming it: month,
    quarter, year), with the target and published comparators as labelled lines."""
    d = card.definition
    points = [{"period": _label(f.period), "value": f.value} for f in series]
    lines = _lines(card, region)
    base = alt.Chart(alt.Data(values=points))
    y = alt.Y("value:Q", title=unit_words(d.unit), scale=alt.Scale(zero=True))
    layers = [base.mark_line(color=BLUE, strokeWidth=3, point=alt.OverlayMarkDef(color=BLUE, size=60)).encode(
        x=alt.X("period:O", sort=None, title=None, axis=alt.Axis(labelAngle=-30)), y=y)]
    if lines:
        reference = alt.Chart(alt.Data(values=[{"label": f"{name}: {value:g}", "value": value}
                                               for name, value in lines]))
        # Named in a legend by dash pattern rather than beside the line: close values (a target of
        # 85 and England's 85.7) would print their labels over each other.
        names = [f"{name}: {value:g}" for name, value in lines]
        layers.append(reference.mark_rule(color=INK, strokeWidth=1.5).encode(
            y="value:Q", strokeDash=alt.StrokeDash("label:N", sort=names, legend=alt.Legend(
                title=None, orient="bottom", direction="vertical", labelFont=FONT, labelFontSize=11,
                labelLimit=400, symbolStrokeColor=INK, symbolType="stroke"))))
    chart = _styled(alt.layer(*layers).properties(width=520, height=220, title=d.title))
    rows = tuple((_label(f.period), shown(f, "value", d), shown(f, "numerator", d), shown(f, "denominator", d))
                 for f in series)
    known = [f for f in series if f.value is not None]
    words = (f"from {shown(known[0], 'value', d)} in {_label(known[0].period)} to "
             f"{shown(known[-1], 'value', d)} in {_label(known[-1].period)}") if known else "with no values shown"
    alt_text = (f"Line chart of {d.title.lower()} by {every}, {rows[0][0]} to {rows[-1][0]}: {words}."
                + "".join(f" {name}: {value:g}." for name, value in lines) + " The values are in the table.")
    columns = ("Period", d.title, "Numerator", "Denominator") if d.unit != "count" else ("Period", d.title)
    return Chart(id, title, alt_text, columns, tuple(r[:len(columns)] for r in rows), chart.to_dict())


def breakdown_chart(card: Card, breakdown: str, groups: tuple[Figure, ...]) -> Chart:
    d = card.definition
    title = f"{d.title} {BREAKDOWN_TITLES.get(breakdown, 'by ' + breakdown.replace('_', ' '))}"
    bars = [{"group": _group(breakdown, g), "value": g.value,
             "text": shown(g, "value", d)} for g in groups if g.value is not None]
    chart = _bars(bars, "group", unit_words(d.unit), title, 440)
    rows = tuple((_group(breakdown, g), shown(g, "value", d)) for g in groups)
    withheld = sum(1 for g in groups if g.value is None)
    listed = "; ".join(f"{group} {value}" for group, value in rows[:12])
    alt_text = (f"Bar chart of {d.title.lower()} {BREAKDOWN_TITLES.get(breakdown, breakdown)} for "
                f"{card.current.label}: {listed}{'; and more' if len(rows) > 12 else ''}."
                + (f" {withheld} group{'s are' if withheld > 1 else ' is'} not shown ([c])." if withheld else "")
                + " The values are in the table.")
    return Chart(f"chart-{d.id}-{breakdown}", title, alt_text, ("Group", d.title), rows, chart.to_dict())


def split_chart(card: Card, split: Split) -> Chart | None:
    """The indicator month by month, one line per group of the breakdown, told apart by dash
    pattern and named in a legend; withheld groups are [c] in the table and gaps in the lines.
    None when there is nothing to draw (no group, or every one withheld)."""
    d, b = card.definition, split.breakdown
    groups = split.groups
    names = {g: _group(b, Figure("", "", "", "", None, group=g)) for g in groups}
    title = f"{d.title} month by month, {BREAKDOWN_TITLES.get(b, 'by ' + b.replace('_', ' '))}"
    points = [{"period": _label(m.total.period), "group": names[g.group], "value": g.value}
              for m in split.months for g in m.groups if g.group in names and g.value is not None]
    if not points:
        return None
    x = alt.X("period:O", sort=[_label(m.total.period) for m in split.months], title=None,
              axis=alt.Axis(labelAngle=-30))
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", labelFont=FONT, labelLimit=400,
                        symbolType="stroke", symbolStrokeColor=INK)
    chart = _styled(alt.Chart(alt.Data(values=points)).mark_line(
        color=BLUE, strokeWidth=2.5, point=alt.OverlayMarkDef(color=BLUE, size=40)).encode(
        x=x, y=alt.Y("value:Q", title=unit_words(d.unit), scale=alt.Scale(zero=True)),
        strokeDash=alt.StrokeDash("group:N", sort=[names[g] for g in groups], legend=legend),
        detail="group:N").properties(width=520, height=240, title=title))
    rows = []
    for m in split.months:
        by_group = {g.group: g for g in m.groups}
        rows.append((_label(m.total.period), *(shown(by_group[g], "value", d) if g in by_group else "-"
                                               for g in groups), shown(m.total, "value", d)))
    first, last = split.months[0].total, split.months[-1].total
    alt_text = (f"Line chart of {d.title.lower()} month by month, {_label(first.period)} to "
                f"{_label(last.period)}, one line each for {', '.join(names[g] for g in groups) or 'no group'}. "
                "The values are in the table.")
    return Chart(f"chart-{d.id}-months-by-{b}", title, alt_text,
                 ("Month", *(names[g] for g in groups), "Total"), tuple(rows), chart.to_dict())


def _group(breakdown: str, figure: Figure) -> str:
    """A group as shown: its code in words where the code list has them ('Police (6)')."""
    if figure.group is None:
        return "Not recorded"
    words = breakdowns.label(breakdown, figure.group)
    return figure.group if words == figure.group else f"{words} ({figure.group})"


def neighbours_chart(card: Card, la_name: str) -> Chart | None:
    """The authority's latest published figure beside each statistical neighbour's, their mean,
    the region's and England's; None for a count or when nothing is published."""
    d, p = card.definition, card.published
    if p is None or p.unavailable or not comparable(d.unit):
        return None

    def plain(value) -> str:
        return "-" if value is None else f"{value:g}"
    areas = [(f"{la_name} (this authority)", p.authority, p.authority_shown or "not published"),
             *((n.name, n.value, n.shown) for n in p.neighbours),
             (f"Statistical neighbours (mean of {p.neighbour_count})", p.neighbour_mean, plain(p.neighbour_mean)),
             (p.region_name or "Region", p.region, plain(p.region)), ("England", p.england, plain(p.england))]
    title = f"{d.title}: {la_name} beside its statistical neighbours, {p.year}"
    bars = [{"area": name, "value": value, "text": text} for name, value, text in areas if value is not None]
    chart = _bars(bars, "area", unit_words(d.unit), title, 400)
    rows = tuple((name, text) for name, _, text in areas)
    alt_text = (f"Bar chart of {d.title.lower()} published for {p.year}: "
                + "; ".join(f"{name} {text}" for name, text in rows) + ". The values are in the table.")
    return Chart(f"chart-{d.id}-neighbours", title, alt_text, ("Area", f"{d.title} {p.year}"), rows,
                 chart.to_dict())


MARKS = {"This authority": "diamond", "Statistical neighbour": "triangle-up", "Other authority": "circle"}


def ranking_chart(card: Card, la_name: str, areas) -> Chart | None:
    """Every authority's latest published figure, lowest to highest, the authority and its
    statistical neighbours marked by shape as well as colour; `areas` are `detail.AreaValue`s."""
    d, p = card.definition, card.published
    shown_areas = [a for a in areas if a.value is not None]
    if not shown_areas:
        return None
    points = [{"position": i, "value": a.value, "area": a.name, "marked": a.marked or "Other authority"}
              for i, a in enumerate(shown_areas, start=1)]
    base = alt.Chart(alt.Data(values=points)).encode(
        x=alt.X("position:Q", title="Authorities, lowest value to highest", axis=alt.Axis(labels=False, ticks=False)),
        y=alt.Y("value:Q", title=unit_words(d.unit)))
    legend = alt.Legend(title=None, orient="top")
    dots = base.mark_point(filled=True, opacity=1).encode(
        shape=alt.Shape("marked:N", scale=alt.Scale(domain=list(MARKS), range=list(MARKS.values())), legend=legend),
        color=alt.Color("marked:N", scale=alt.Scale(domain=list(MARKS), range=[INK, BLUE, GREY]), legend=legend),
        size=alt.Size("marked:N", scale=alt.Scale(domain=list(MARKS), range=[160, 70, 25]), legend=None))
    label = base.transform_filter(alt.datum.marked == "This authority").mark_text(
        align="left", dx=8, dy=-8, color=INK, font=FONT).encode(text="area:N")
    title = f"{d.title}: every authority, {p.year}"
    chart = _styled((dots + label).properties(width=520, height=240, title=title))
    rows = tuple((str(i), a.name, a.shown, a.marked or "") for i, a in enumerate(areas, start=1))
    mine = next((a for a in areas if a.marked == "This authority"), None)
    where = (f" {la_name}: {mine.shown}" + (f", ranked {p.rank} of {p.ranked_out_of}." if p.rank else ".")
             if mine else f" {la_name} has no published figure.")
    alt_text = (f"Dot chart of {len(shown_areas)} authorities' published {d.title.lower()} for {p.year}, "
                f"lowest to highest, from {shown_areas[0].shown} to {shown_areas[-1].shown}.{where} Its "
                "statistical neighbours are marked with triangles. The values are in the table.")
    return Chart(f"chart-{d.id}-authorities", title, alt_text, ("Position", "Authority", f"{d.title} {p.year}", "Marked"),
                 rows, chart.to_dict())


def _bars(bars: list[dict], names: str, axis: str, title: str, width: int):
    """Horizontal bars, one per item of `bars` (named by its `names` key), each labelled with its `text`."""
    base = alt.Chart(alt.Data(values=bars)).encode(
        y=alt.Y(f"{names}:N", sort=None, title=None), x=alt.X("value:Q", title=axis))
    return _styled((base.mark_bar(color=BLUE) + base.mark_text(align="left", dx=3, color=INK, font=FONT)
                    .encode(text="text:N")).properties(width=width, height=max(60, 22 * len(bars)), title=title))


def _styled(chart):
    return chart.configure_axis(labelFont=FONT, titleFont=FONT, labelColor=INK, titleColor=INK).configure_title(
        font=FONT, color=INK).configure_legend(labelFont=FONT, labelColor=INK)


def charts(card: Card) -> list[Chart]:
    """The charts for one indicator: its series when it is a headline one, and its breakdowns."""
    found = [series_chart(card)] if card.definition.id in HEADLINE else []
    found += [c for c in (split_chart(card, card.split),) if c] if card.split else []
    return found + [breakdown_chart(card, b.id, b.groups) for b in card.breakdowns]


def sparkline(card: Card, width: int = 96, height: int = 24) -> str:
    """A small inline SVG of the 12-month trend, labelled with every value it draws."""
    d = card.definition
    values = [f.value for f in card.trend]
    known = [v for v in values if v is not None]
    label = "12-month trend: " + ", ".join(f"{_label(f.period)} {shown(f, 'value', d)}" for f in card.trend)
    if len(known) < 2:
        return f'<span class="spark-none">{len(known) and "one value" or "no values"}</span>'
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (width - 4) / (len(values) - 1)
    segments, current = [], []
    for i, v in enumerate(values):  # a withheld or missing month breaks the line
        if v is None:
            segments, current = segments + [current] if current else segments, []
            continue
        current.append(f"{2 + i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}")
    segments += [current] if current else []
    paths = "".join(f'<polyline points="{" ".join(s)}" fill="none" stroke="{BLUE}" stroke-width="1.5"/>'
                    for s in segments)
    last = current[-1].split(",") if current and values[-1] is not None else None
    dot = f'<circle cx="{last[0]}" cy="{last[1]}" r="2.5" fill="{INK}"/>' if last else ""
    return (f'<svg class="spark" role="img" aria-label="{label}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{label}</title>{paths}{dot}</svg>')
