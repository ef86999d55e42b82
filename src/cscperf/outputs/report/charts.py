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
from html import escape, unescape

import altair as alt
import vl_convert

from cscperf.compare.figure import MARK, Figure
from cscperf.compare.funnel import BEYOND_95, BEYOND_998, Funnel
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
    spec: dict | None = field(metadata=_help("The Vega-Lite specification; None when there is nothing worth "
                                             "drawing (`note` says why)"))
    note: str = field(default="", metadata=_help("Said under the chart: groups not shown, or why it is not drawn"))

    def svg(self) -> str:
        return vl_convert.vegalite_to_svg(self.spec)

    def png(self, scale: float = 2) -> bytes:
        return vl_convert.vegalite_to_png(self.spec, scale=scale)


def _label(period: str) -> str:
    return point_label(Period.parse(period))


# One line style, one meaning, in every chart of every output: the dash pattern of each reference line.
DASHES = {"target": [1, 0], "neighbours": [8, 4], "region": [8, 3, 2, 3], "england": [2, 3],
          "limit95": [4, 2], "limit998": [12, 3]}


def _lines(card: Card, region: bool = False) -> list[tuple[str, str, float]]:
    """Reference lines: (kind, label, value); the region's too when `region`. Published figures
    only for percentages, rates and averages (a count depends on the area's size, and a quarter's
    count is no part of a year's total)."""
    d, lines = card.definition, []
    if card.target is not None:
        lines.append(("target", "Target", card.target))
    p = card.published
    if p and not p.unavailable and comparable(d.unit):
        if p.neighbour_mean is not None:
            lines.append(("neighbours", f"Similar councils (average) {p.year}", round(p.neighbour_mean, d.decimals)))
        if region and p.region is not None:
            lines.append(("region", f"{p.region_name or 'Region'} {p.year}", p.region))
        if p.england is not None:
            lines.append(("england", f"England {p.year}", p.england))
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
                                               for _, name, value in lines]))
        # Named once in a legend by dash pattern rather than beside the line: close values (a
        # target of 85 and England's 85.7) would print their labels over each other.
        names = [f"{name}: {value:g}" for _, name, value in lines]
        dashes = alt.Scale(domain=names, range=[DASHES[kind] for kind, _, _ in lines])
        layers.append(reference.mark_rule(color=INK, strokeWidth=1.5).encode(
            y="value:Q", strokeDash=alt.StrokeDash("label:N", scale=dashes, sort=names, legend=alt.Legend(
                title=None, orient="bottom", direction="vertical", labelFont=FONT, labelFontSize=11,
                labelLimit=400, symbolStrokeColor=INK, symbolType="stroke"))))
    chart = _styled(alt.layer(*layers).properties(width=520, height=170, title=d.title))
    rows = tuple((_label(f.period), shown(f, "value", d), shown(f, "numerator", d), shown(f, "denominator", d))
                 for f in series)
    known = [f for f in series if f.value is not None]
    words = (f"from {shown(known[0], 'value', d)} in {_label(known[0].period)} to "
             f"{shown(known[-1], 'value', d)} in {_label(known[-1].period)}") if known else "with no values shown"
    alt_text = (f"Line chart of {d.title.lower()} by {every}, {rows[0][0]} to {rows[-1][0]}: {words}."
                + "".join(f" {name}: {value:g}." for _, name, value in lines) + " The values are in the table.")
    columns = ("Period", d.title, "Numerator", "Denominator") if d.unit != "count" else ("Period", d.title)
    return Chart(id, title, alt_text, columns, tuple(r[:len(columns)] for r in rows), chart.to_dict())


def _hidden(groups: tuple[Figure, ...], breakdown: str) -> str:
    hidden = [_group(breakdown, g) for g in groups if g.withheld("value")]
    if not hidden:
        return ""
    return (f"Not shown {MARK}, to protect children's confidentiality: "
            f"{'; '.join(hidden)}.")


def breakdown_chart(card: Card, breakdown: str, groups: tuple[Figure, ...]) -> Chart:
    """One bar per group shown. Not drawn when no group, or only one, has a figure shown: the
    note says why (a chart of nothing, or of one bar, tells a member nothing a sentence does not)."""
    d = card.definition
    title = f"{d.title} {BREAKDOWN_TITLES.get(breakdown, 'by ' + breakdown.replace('_', ' '))}"
    bars = [{"group": _group(breakdown, g), "value": g.value,
             "text": shown(g, "value", d)} for g in groups if g.value is not None]
    rows = tuple((_group(breakdown, g), shown(g, "value", d)) for g in groups)
    hidden = _hidden(groups, breakdown)
    if len(bars) < 2:
        why = ("Not drawn: every group is too small to show." if not bars and hidden else
               f"Not drawn: only one group has a figure shown ({bars[0]['group']}: {bars[0]['text']})."
               if bars else "Not drawn: there are no figures for this period.")
        return Chart(f"chart-{d.id}-{breakdown}", title, why, ("Group", d.title), rows, None,
                     " ".join(t for t in (why, hidden) if t))
    chart = _bars(bars, "group", unit_words(d.unit), title, 440)
    listed = "; ".join(f"{group} {value}" for group, value in rows[:12])
    alt_text = (f"Bar chart of {d.title.lower()} {BREAKDOWN_TITLES.get(breakdown, breakdown)} for "
                f"{card.current.label}: {listed}{'; and more' if len(rows) > 12 else ''}."
                + (f" {hidden}" if hidden else "") + " The values are in the table.")
    return Chart(f"chart-{d.id}-{breakdown}", title, alt_text, ("Group", d.title), rows, chart.to_dict(), hidden)


# A split series' groups: solid lines (dash patterns mean reference lines), each with its own
# point shape and shade, named in a legend, so no group rests on colour alone.
GROUP_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke")
GROUP_COLOURS = (BLUE, INK, GREY)


def split_chart(card: Card, split: Split) -> Chart | None:
    """The indicator month by month, one solid line per group of the breakdown, told apart by
    point shape and named in a legend; withheld groups are [c] in the table and gaps in the lines.
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
    order = [names[g] for g in groups]
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", labelFont=FONT, labelLimit=400)
    shape = alt.Shape("group:N", sort=order, legend=legend, scale=alt.Scale(
        domain=order, range=[GROUP_SHAPES[i % len(GROUP_SHAPES)] for i in range(len(order))]))
    colour = alt.Color("group:N", sort=order, legend=legend, scale=alt.Scale(
        domain=order, range=[GROUP_COLOURS[i % len(GROUP_COLOURS)] for i in range(len(order))]))
    base = alt.Chart(alt.Data(values=points)).encode(
        x=x, y=alt.Y("value:Q", title=unit_words(d.unit), scale=alt.Scale(zero=True)), color=colour)
    chart = _styled((base.mark_line(strokeWidth=2.5).encode(detail="group:N")
                     + base.mark_point(filled=True, size=60, opacity=1).encode(shape=shape))
                    .properties(width=520, height=240, title=title))
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
    if words == figure.group or breakdowns.get(breakdown).of_child:  # a code in brackets, not an age band
        return words
    return f"{words} ({figure.group})"


def neighbours_chart(card: Card, la_name: str) -> Chart | None:
    """The authority's latest published figure among its statistical neighbours', ranked from the
    lowest, as dots, with England's and the neighbours' average as lines; None for a count (it
    depends on the area's size) or when nothing is published."""
    d, p = card.definition, card.published
    if p is None or p.unavailable or not comparable(d.unit):
        return None
    areas = [(f"{la_name} (this council)", p.authority, p.authority_shown or "not published", "This authority"),
             *((n.name, n.value, n.shown, "Statistical neighbour") for n in p.neighbours)]
    ranked = sorted((a for a in areas if a[1] is not None), key=lambda a: a[1])
    if len(ranked) < 2:
        return None
    title = f"{d.title}: {la_name} and similar councils, {p.year}"
    points = [{"area": name, "value": value, "marked": marked} for name, value, _, marked in ranked]
    base = alt.Chart(alt.Data(values=points)).encode(
        y=alt.Y("area:N", sort=None, title=None), x=alt.X("value:Q", title=unit_words(d.unit)))
    legend = alt.Legend(title=None, orient="top")
    kinds = list(MARKS)[:2]
    dots = base.mark_point(filled=True, opacity=1).encode(
        shape=alt.Shape("marked:N", scale=alt.Scale(domain=kinds, range=[MARKS[k] for k in kinds]), legend=legend),
        color=alt.Color("marked:N", scale=alt.Scale(domain=kinds, range=[INK, BLUE]), legend=legend),
        size=alt.Size("marked:N", scale=alt.Scale(domain=kinds, range=[160, 70]), legend=None))
    lines = [(kind, name, value) for kind, name, value in _lines(card) if kind != "target"]
    layers = [dots]
    if lines:
        names = [f"{name}: {value:g}" for _, name, value in lines]
        layers.append(alt.Chart(alt.Data(values=[{"label": n, "value": v} for n, (_, _, v) in zip(names, lines)]))
                      .mark_rule(color=INK, strokeWidth=1.5).encode(
            x="value:Q", strokeDash=alt.StrokeDash("label:N", sort=names, scale=alt.Scale(
                domain=names, range=[DASHES[k] for k, _, _ in lines]), legend=alt.Legend(
                title=None, orient="bottom", direction="vertical", symbolType="stroke", symbolStrokeColor=INK,
                labelLimit=400))))
    chart = _styled(alt.layer(*layers).properties(width=420, height=16 * len(ranked), title=title))
    rows = tuple((str(i), name, text) for i, (name, _, text, _) in enumerate(ranked, start=1))
    missing = [name for name, value, _, _ in areas if value is None]
    alt_text = (f"Dot chart of {d.title.lower()} published for {p.year}, lowest first: "
                + "; ".join(f"{name} {text}" for _, name, text in rows) + "."
                + "".join(f" {name}: {value:g}." for _, name, value in lines) + " The values are in the table.")
    return Chart(f"chart-{d.id}-neighbours", title, alt_text, ("Rank, lowest first", "Council", f"{d.title} {p.year}"),
                 rows, chart.to_dict(), f"No published figure: {'; '.join(missing)}." if missing else "")


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


def funnel_chart(card: Card, funnel: Funnel, la_name: str) -> Chart:
    """Every authority's published rate against its child population (`compare.funnel.Funnel`),
    with England's rate and the 95% and 99.8% limits of chance, the authority and its statistical
    neighbours marked by shape as well as colour."""
    d = card.definition
    points = [{"population": p.population, "value": p.value, "area": p.name, "marked": p.marked or "Other authority"}
              for p in funnel.points]
    curves = [{"population": n, "value": v, "label": label}
              for n, *limits in funnel.limits
              for v, label in zip(limits, ("95% limits", "95% limits ", "99.8% limits", "99.8% limits "))]
    names = ["95% limits", "95% limits ", "99.8% limits", "99.8% limits ", f"England {funnel.year}: {funnel.england:g}"]
    dashes = alt.Scale(domain=names, range=[DASHES["limit95"]] * 2 + [DASHES["limit998"]] * 2 + [DASHES["england"]])
    x = alt.X("population:Q", title="Children aged 0 to 17 (log scale)", scale=alt.Scale(
        type="log", nice=False, domain=[funnel.limits[0][0], funnel.limits[-1][0]]))
    lines = alt.Chart(alt.Data(values=curves + [{"population": n, "value": funnel.england, "label": names[-1]}
                                                for n in (funnel.limits[0][0], funnel.limits[-1][0])]))
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", symbolType="stroke",
                        symbolStrokeColor=INK, values=[names[0], names[2], names[4]])
    layers = [lines.mark_line(color=INK, strokeWidth=1).encode(
        x=x, y="value:Q", detail="label:N", strokeDash=alt.StrokeDash("label:N", scale=dashes, legend=legend))]
    marks = alt.Legend(title=None, orient="top")
    layers.append(alt.Chart(alt.Data(values=points)).mark_point(filled=True, opacity=1).encode(
        x=x, y=alt.Y("value:Q", title=unit_words(d.unit)),
        shape=alt.Shape("marked:N", scale=alt.Scale(domain=list(MARKS), range=list(MARKS.values())), legend=marks),
        color=alt.Color("marked:N", scale=alt.Scale(domain=list(MARKS), range=[INK, BLUE, GREY]), legend=marks),
        size=alt.Size("marked:N", scale=alt.Scale(domain=list(MARKS), range=[160, 70, 25]), legend=None)))
    title = f"{d.title}: every council by its number of children, {funnel.year}"
    chart = _styled(alt.layer(*layers).properties(width=520, height=240, title=title))
    mine = next((p for p in funnel.points if p.marked == "This authority"), None)
    where = (f" {la_name}: {mine.value:g}, {mine.beyond} around England's rate for a council of its size."
             if mine else f" {la_name} has no published rate.")
    counts = {kind: sum(p.beyond == kind for p in funnel.points) for kind in (BEYOND_95, BEYOND_998)}
    alt_text = (f"Funnel plot of {len(funnel.points)} councils' published {d.title.lower()} for {funnel.year} "
                f"against their number of children, around England's {funnel.england:g}.{where} "
                f"{counts[BEYOND_998]} councils are {BEYOND_998} and {counts[BEYOND_95]} more {BEYOND_95}. "
                "The values are in the table.")
    rows = tuple((p.name, f"{p.population:,}", f"{p.value:g}", p.beyond, p.marked or "") for p in funnel.points)
    return Chart(f"chart-{d.id}-funnel", title, alt_text,
                 ("Council", "Children aged 0 to 17", f"{d.title} {funnel.year}", "Against England", "Marked"),
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


def in_depth(card: Card, la_name: str, funnel: Funnel | None = None) -> list[Chart]:
    """An exception in depth: its last two years, its breakdowns, its place among similar councils
    and, for a rate, among every council by size (`funnel`)."""
    neighbours = neighbours_chart(card, la_name)
    return [series_chart(card), *(breakdown_chart(card, b.id, b.groups) for b in card.breakdowns),
            *([neighbours] if neighbours else []), *([funnel_chart(card, funnel, la_name)] if funnel else [])]


def small_multiple(card: Card, width: int = 200, height: int = 64) -> str:
    """The performance-on-a-page chart: the last eight quarters as a small inline SVG, over a
    shaded band from the similar councils' average to England's published value (percentages,
    rates and averages only), labelled with every value it draws."""
    d = card.definition
    values = [f.value for f in card.series]
    comparators = [v for kind, _, v in _lines(card) if kind in ("neighbours", "england")]
    label = (f"{d.title}, last eight quarters: "
             + ", ".join(f"{_label(f.period)} {shown(f, 'value', d)}" for f in card.series)
             + "".join(f". {name} {value:g}" for kind, name, value in _lines(card) if kind != "target") + ".")
    known = [v for v in values if v is not None]
    if not known:
        return '<p class="spark-none">No quarter has a figure shown.</p>'
    scale = (min(0, *known, *comparators), max(*known, *comparators) or 1)
    return _inline_line(values, scale, comparators, escape(label), "multiple", width, height, 4, 2)


def _inline_line(values: list, scale: tuple[float, float], band: list[float], label: str, kind: str,
                 width: int, height: int, pad: int, stroke: float) -> str:
    """A line through `values` (a missing or withheld one breaks it) from `scale`'s low to high,
    the last value dotted, over a shaded band spanning `band`'s values, as an SVG image named by `label`."""
    low, span = scale[0], (scale[1] - scale[0]) or 1
    step = (width - 2 * pad) / max(1, len(values) - 1)

    def y(v):
        return height - pad - (v - low) / span * (height - 2 * pad)
    shade = (f'<rect x="0" y="{y(max(band)) - 1:.1f}" width="{width}" height="{y(min(band)) - y(max(band)) + 2:.1f}" '
             'fill="#dbe7f2"/>') if band else ""
    segments, current = [], []
    for i, v in enumerate(values):
        if v is None:
            segments, current = segments + [current] if current else segments, []
            continue
        current.append(f"{pad + i * step:.1f},{y(v):.1f}")
    segments += [current] if current else []
    paths = "".join(f'<polyline points="{" ".join(s)}" fill="none" stroke="{BLUE}" stroke-width="{stroke}"/>'
                    for s in segments)
    last = current[-1].split(",") if current and values[-1] is not None else None
    dot = f'<circle cx="{last[0]}" cy="{last[1]}" r="{stroke + 1}" fill="{INK}"/>' if last else ""
    return (f'<svg class="{kind}" role="img" aria-label="{label}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{label}</title>{shade}{paths}{dot}</svg>')


def small_multiple_png(svg: str, scale: float = 2) -> tuple[bytes | None, str]:
    """A small multiple (as `small_multiple` draws it) as a PNG picture and its text alternative."""
    if not svg.startswith("<svg"):
        return None, ""
    alt = unescape(svg.split('aria-label="', 1)[1].split('"', 1)[0])
    return vl_convert.svg_to_png(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1), scale=scale), alt


def sparkline(card: Card, width: int = 96, height: int = 24) -> str:
    """A small inline SVG of the 12-month trend, labelled with every value it draws."""
    d = card.definition
    values = [f.value for f in card.trend]
    known = [v for v in values if v is not None]
    label = "12-month trend: " + ", ".join(f"{_label(f.period)} {shown(f, 'value', d)}" for f in card.trend)
    if len(known) < 2:
        return f'<span class="spark-none">{len(known) and "one value" or "no values"}</span>'
    return _inline_line(values, (min(known), max(known)), [], label, "spark", width, height, 2, 1.5)
