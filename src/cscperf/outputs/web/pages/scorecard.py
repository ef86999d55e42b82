"""The scorecard and each indicator's page: every figure for an authority and period, suppressed
for members (and administrators), with trends, targets, ratings, benchmarks and breakdowns. Each
chart is a picture with its data table beside it and a CSV download of that table."""

from __future__ import annotations

from starlette.responses import Response

from cscperf.compare.scorecard import Card, Scorecard
from cscperf.outputs.report.context import row
from cscperf.outputs.report.formats import POLARITY_WORDS, unit_words
from cscperf.outputs.web import downloads, kept, results
from cscperf.outputs.web.policy import SIGNED_IN, Context, Pages
from cscperf.outputs.web.selection import Refused, Selection, select

pages = Pages()

RATINGS = {"green": "Green", "amber": "Amber", "red": "Red", "none": "Not rated"}
GRAINS = {"snapshot": "On the last day of the period", "in_period": "During the period",
          "rolling_12m": "In the 12 months to the end of the period"}


def chosen(ctx: Context) -> tuple[Selection | None, Scorecard | None]:
    """The selection and its scorecard (None, None when the store is empty). Raises `Refused`."""
    selection = select(ctx)
    if selection is None:
        return None, None
    return selection, results.card_scorecard(selection.results, selection.la, selection.period, selection.internal)


def chosen_card(ctx: Context) -> tuple[Selection, Scorecard, Card]:
    selection, scorecard = chosen(ctx)
    card = scorecard.card(ctx.params["id"]) if scorecard else None
    if card is None:
        raise Refused(404, "There is no such indicator. Choose one from the scorecard.")
    return selection, scorecard, card


def refusing(handler):
    """Answer `Refused` with the error page."""
    def answer(ctx: Context) -> Response:
        try:
            return handler(ctx)
        except Refused as refused:
            return ctx.error(refused.status, refused.message)
    answer.__name__ = handler.__name__
    return answer


@pages.page("/scorecard", access=SIGNED_IN, nav="Scorecard", twin=True)
@refusing
def scorecard_page(ctx: Context):
    selection, scorecard = chosen(ctx)
    if scorecard is None:
        return ctx.show("dashboard/empty.html", {"cards": []}, title="Scorecard")
    rating, section = ctx.query.get("rag") or None, ctx.query.get("section") or None
    sections = {c.definition.section: c.definition.section_title for c in scorecard.cards}
    if (rating and rating not in RATINGS) or (section and section not in sections):
        raise Refused(400, "Choose a rating and a section from the lists on the scorecard.")

    def context() -> dict:
        cards = [c for c in scorecard.cards if (rating is None or (c.rag or "none") == rating)
                 and (section is None or c.definition.section == section)]
        shown = {c.definition.id for c in cards}
        data = scorecard.to_dict()
        data["cards"] = [c for c in data["cards"] if c["definition"]["id"] in shown]
        data["filters"] = {"rag": rating, "section": section}
        grouped: dict[str, list] = {}
        for card in cards:
            grouped.setdefault(card.definition.section, []).append((card, row(card)))
        counts = {key: sum((c.rag or "none") == key for c in scorecard.cards) for key in RATINGS}
        return dict(data=data, selection=selection, scorecard=scorecard, grouped=grouped, sections=sections,
                    ratings=RATINGS, rating=rating, section=section, counts=counts)
    return kept.page(ctx, selection.results, ("scorecard", *_key(selection), rating, section),
                     "dashboard/scorecard.html", f"Scorecard: {scorecard.la_name}", context)


def _key(selection: Selection) -> tuple:
    return selection.la, str(selection.period), selection.internal, selection.member_view


@pages.page("/indicators/{id}", access=SIGNED_IN, twin=True)
@refusing
def indicator_page(ctx: Context):
    selection, scorecard, card = chosen_card(ctx)
    view = _view(ctx, selection, scorecard, card)
    d = card.definition

    def context() -> dict:
        data = {"la": scorecard.la, "la_name": scorecard.la_name, "period": scorecard.period,
                "internal": scorecard.internal, "footnote": scorecard.footnote, **view.detail.to_dict()}
        return dict(data=data, selection=selection, scorecard=scorecard, card=card, row=row(card), view=view,
                    polarity=POLARITY_WORDS[d.polarity], unit=unit_words(d.unit), grain=GRAINS[d.grain])
    return kept.page(ctx, selection.results, ("indicator", d.id, *_key(selection)), "dashboard/indicator.html",
                     d.title, context)


def _view(ctx: Context, selection: Selection, scorecard: Scorecard, card: Card) -> results.IndicatorView:
    return results.indicator(selection.results, selection.la, selection.period, card, scorecard.la_name,
                             selection.internal)


def _chart(ctx: Context):
    selection, scorecard, card = chosen_card(ctx)
    view = _view(ctx, selection, scorecard, card)
    found = next((s for group in view.charts.values() for s in group if s.chart.id == ctx.params["chart"]), None)
    if found is None:
        raise Refused(404, "There is no such chart. Go back to the indicator's page.")
    return selection, found


@pages.page("/indicators/{id}/charts/{chart}.svg", access=SIGNED_IN)
@refusing
def chart_picture(ctx: Context):
    _, shown = _chart(ctx)
    if shown.chart.spec is None:  # nothing worth drawing: the page says why
        raise Refused(404, "This chart is not drawn. Go back to the indicator's page.")
    return Response(shown.svg, media_type="image/svg+xml")


@pages.page("/indicators/{id}/charts/{chart}.csv", access=SIGNED_IN)
@refusing
def chart_table(ctx: Context):
    selection, shown = _chart(ctx)
    view = "-INTERNAL" if selection.internal else ""
    return downloads.csv_file(f"{shown.chart.id}-{selection.la}-{selection.period}{view}.csv",
                              shown.chart.columns, shown.chart.rows)
