"""The scorecard and each indicator's page: every figure for an authority and period, suppressed
for members (and administrators), with trends, targets, ratings, benchmarks and breakdowns. The
scorecard opens on the member pack, as the committee report gives it (performance on a page, then
each section's exceptions and the rest in a compact table), with every indicator in the next tab.
Each chart on an indicator's page is a picture with its data table beside it and a CSV download."""

from __future__ import annotations

from starlette.responses import Response

from cscperf.appdb.users import Role
from cscperf.compare import pack as packing
from cscperf.compare.scorecard import SPLITS, Card, Scorecard
from cscperf.indicators import breakdowns
from cscperf.indicators.schema import Grain
from cscperf.outputs.report import context as report
from cscperf.outputs.report.charts import small_multiple
from cscperf.outputs.report.context import row
from cscperf.outputs.report.formats import POLARITY_WORDS, unit_words
from cscperf.outputs.web import downloads, kept, results
from cscperf.outputs.web.policy import SIGNED_IN, Context, Pages
from cscperf.outputs.web.selection import Refused, Selection, select

pages = Pages()

SCORECARD = "dashboard/scorecard.html"
RATINGS = {"green": "Green", "amber": "Amber", "red": "Red", "none": "Not rated"}


def grain_words(grain: Grain | str) -> str:
    """When an indicator counts, in words: every grain has some."""
    grain = Grain(grain)
    if grain.months:
        return f"In the {grain.months} months to the end of the period"
    return {Grain.snapshot: "On the last day of the period", Grain.in_period: "During the period"}[grain]


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
    if (rating and rating not in RATINGS) or (section and section not in _sections(scorecard)):
        raise Refused(400, "Choose a rating and a section from the lists on the scorecard.")
    return kept.page(ctx, selection.results, _scorecard_key(selection, rating, section), SCORECARD,
                     f"Scorecard: {scorecard.la_name}", _scorecard_view(selection, scorecard, rating, section))


def prepare(web, at: results.Snapshot, found: results.Choices, la: str) -> None:
    """Make the authority's scorecard for its latest period as each role first sees it (the page
    and its JSON twin), so that the first look after a load is served at once."""
    period = found.default_period(la)
    for role in Role:
        selection = Selection(la, period, role is Role.ANALYST, False, found, at)
        view = _scorecard_view(selection, results.card_scorecard(at, la, period, selection.internal))
        key = _scorecard_key(selection)
        kept.content(web, at, role, key, SCORECARD, view)
        kept.twin(at, key, view)


def _sections(scorecard: Scorecard) -> dict[str, str]:
    return {c.definition.section: c.definition.section_title for c in scorecard.cards}


def _scorecard_key(selection: Selection, rating: str | None = None, section: str | None = None) -> tuple:
    return "scorecard", *_key(selection), rating, section


def _scorecard_view(selection: Selection, scorecard: Scorecard, rating: str | None = None,
                    section: str | None = None):
    """What the scorecard's template and JSON twin show: the member pack, and every indicator
    (those with the rating and in the section asked for)."""
    def context() -> dict:
        pack = packing.build(scorecard)
        cards = [c for c in scorecard.cards if (rating is None or (c.rag or "none") == rating)
                 and (section is None or c.definition.section == section)]
        shown = {c.definition.id for c in cards}
        data = scorecard.to_dict()
        data["cards"] = [c for c in data["cards"] if c["definition"]["id"] in shown]
        data["filters"] = {"rag": rating, "section": section}
        data["pack"] = pack.to_dict()
        grouped: dict[str, list] = {}
        for card in cards:
            grouped.setdefault(card.definition.section, []).append((card, row(card, pack.assessment(card.definition.id))))
        counts = {key: sum((c.rag or "none") == key for c in scorecard.cards) for key in RATINGS}
        parts = report.sections(scorecard, pack, "pack", drawn=False)
        return dict(data=data, selection=selection, scorecard=scorecard, grouped=grouped, sections=_sections(scorecard),
                    ratings=RATINGS, rating=rating, section=section, counts=counts,
                    tiles=report.tiles(scorecard, pack), summary=report.summary(scorecard, pack), parts=parts,
                    priorities=report.priorities(scorecard),
                    multiples={r.id: small_multiple(scorecard.card(r.id)) for s in parts for r in s.exceptions})
    return context


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
        split_by = view.detail.split.breakdown if view.detail.split else ""
        return dict(data=data, selection=selection, scorecard=scorecard, card=card, row=row(card), view=view,
                    polarity=POLARITY_WORDS[d.polarity], unit=unit_words(d.unit), grain=grain_words(d.grain),
                    split_by=split_by, breakdown_titles={b: breakdowns.get(b).title for b in d.breakdowns},
                    notes={b: breakdowns.get(b).note for b in d.breakdowns if breakdowns.get(b).note})
    return kept.page(ctx, selection.results, ("indicator", d.id, *_key(selection), _split(ctx, card)),
                     "dashboard/indicator.html", d.title, context)


def _split(ctx: Context, card: Card) -> str | None:
    """The breakdown the page's months are split by: as asked, else the one the committee follows
    (SPLITS), else none. Raises `Refused` for one the indicator does not have."""
    d = card.definition
    asked = ctx.query.get("split")
    if asked is None:
        found = SPLITS.get(d.id)
        return found if found in d.breakdowns else None
    if asked and asked not in d.breakdowns:
        raise Refused(400, "That indicator has no such breakdown. Choose one from the list on its page.")
    return asked or None


def _view(ctx: Context, selection: Selection, scorecard: Scorecard, card: Card) -> results.IndicatorView:
    return results.indicator(selection.results, selection.la, selection.period, card, scorecard.la_name,
                             selection.internal, _split(ctx, card))


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
