"""What every format of the committee report shows: one documented contract, built once from the
scorecard (already suppressed for members) and the store's records of where the data came from.
The HTML, PDF, Word and Excel writers only lay it out; none computes or formats a figure itself.

Two levels of detail. The member pack (`pack`, the default) opens with performance on a page
(the `pack` setting's measures, each with an eight-quarter small multiple, its RAG and one plain
sentence), then for each area of the child's journey the exceptions in depth (`compare.pack`:
off target, significantly different from England or similar councils, a real change) and the
rest in one compact table; definitions of what it shows and a glossary at the back. `full` keeps
every indicator's row and chart, the 12-month trends and the data-quality findings, for analysts.
Sections follow the child's journey (the registry's order). Every field carries help text
(`fields_help`), listed in docs/report.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import duckdb

from cscperf import appdb
from cscperf.appdb import actions
from cscperf.compare import funnel, meaning, words
from cscperf.compare import pack as packing
from cscperf.compare.figure import contract_fields
from cscperf.compare.figure import help_text as _help
from cscperf.compare.pack import Pack
from cscperf.compare.scorecard import Card, Scorecard
from cscperf.outputs.report import charts as charting
from cscperf.outputs.report import narrative
from cscperf.outputs.report.charts import Chart
from cscperf.compare.published import comparable
from cscperf.indicators.periods import Kind, Period
from cscperf.outputs.report.formats import POLARITY_WORDS, number, shown, unit_words, value_with_parts

TITLE = "Children's social care performance report"
MEMBER_MARKING = "For members: small numbers are suppressed"
DETAILS = ("pack", "full")
INTERNAL_MARKING = "INTERNAL - NOT SUPPRESSED - NOT FOR PUBLICATION"


@dataclass(frozen=True)
class Row:
    """One indicator's line in its section's table, every figure written as shown."""

    id: str = field(metadata=_help("Indicator id"))
    title: str = field(metadata=_help("Indicator title"))
    unit: str = field(metadata=_help("The unit in words"))
    polarity: str = field(metadata=_help("Which way is better, in words"))
    value: str = field(metadata=_help("The value with its numerator and denominator: '80.0% (16 of 20)'"))
    previous: str = field(metadata=_help("The value for the period before"))
    last_year: str = field(metadata=_help("The value for the same period a year earlier"))
    sparkline: str = field(metadata=_help("The 12-month trend as inline SVG, labelled with its values"))
    target: str = field(metadata=_help("The target, or '-'"))
    rag: str | None = field(metadata=_help("green, amber, red or None (for styling only)"))
    rag_label: str = field(metadata=_help("The RAG rating in words and a symbol, or why there is none"))
    direction: str = field(metadata=_help("Direction of travel since the period before, in words"))
    direction_year: str = field(metadata=_help("Direction of travel since a year earlier, in words"))
    published_year: str = field(metadata=_help("The year of the published figures, 'Unavailable', or why "
                                               "they are not set beside this authority's figure"))
    published_own: str = field(metadata=_help("The authority's published value"))
    neighbours: str = field(metadata=_help("Statistical-neighbour mean (how many values it used)"))
    region: str = field(metadata=_help("The region's published value"))
    england: str = field(metadata=_help("England's published value"))
    quartile: str = field(metadata=_help("Quartile band, A best, with the national rank"))
    cause: str | None = field(metadata=_help("Officers' commentary: cause"))
    action: str | None = field(metadata=_help("Officers' commentary: action (and owner)"))
    commentary_note: str | None = field(metadata=_help("'No commentary provided' for red or amber without any"))
    meaning: str = field(default="", metadata=_help("One plain sentence on what the figure means (compare.meaning)"))
    interval: str = field(default="", metadata=_help("The 95% interval in words, or '' when there is none"))
    why: str = field(default="", metadata=_help("Why it is an exception, in words; '' when it is not one"))


@dataclass(frozen=True)
class Tile:
    """One measure on the performance on a page."""

    id: str = field(metadata=_help("Indicator id (an HTML anchor, never shown)"))
    title: str = field(metadata=_help("Indicator title"))
    section_title: str = field(metadata=_help("The area of the child's journey"))
    value: str = field(metadata=_help("The value as shown, with its numerator and denominator"))
    rag: str | None = field(metadata=_help("green, amber, red or None (for styling only)"))
    rag_label: str = field(metadata=_help("The RAG rating in words and a symbol, or why there is none"))
    meaning: str = field(metadata=_help("One plain sentence on what it means"))
    chart: str = field(metadata=_help("The eight-quarter small multiple as inline SVG, with its text alternative"))


@dataclass(frozen=True)
class Section:
    id: str = field(metadata=_help("Section id (front_door, assessment, ...)"))
    title: str = field(metadata=_help("Section title"))
    narrative: tuple[str, ...] = field(metadata=_help("Auto-drafted paragraphs (pack: one per exception in depth)"))
    exceptions: tuple[Row, ...] = field(metadata=_help("Pack: the exceptions reported in depth, most important first"))
    rows: tuple[Row, ...] = field(metadata=_help("Full: one row per indicator; pack: the rest, in the compact table"))
    charts: tuple[Chart, ...] = field(metadata=_help("Series and breakdown charts, each with its data table"))


@dataclass(frozen=True)
class Summary:
    green: int = field(metadata=_help("Indicators rated green"))
    amber: int = field(metadata=_help("Indicators rated amber"))
    red: int = field(metadata=_help("Indicators rated red"))
    not_rated: int = field(metadata=_help("Indicators without a rating (no target, no value, or neutral)"))
    gone_well: tuple[str, ...] = field(metadata=_help("What has gone well, in plain English"))
    needs_to_improve: tuple[str, ...] = field(metadata=_help("What needs to improve, in plain English"))


@dataclass(frozen=True)
class Table:
    """A plain table: the priorities, committee actions and the appendices."""

    columns: tuple[str, ...] = field(metadata=_help("Column headings"))
    rows: tuple[tuple[str, ...], ...] = field(metadata=_help("Rows of text"))


@dataclass(frozen=True)
class ReportContext:
    title: str = field(metadata=_help("The report's title"))
    detail: str = field(metadata=_help("'pack' (the member pack) or 'full' (every indicator in detail)"))
    la: str = field(metadata=_help("DfE 3-digit code"))
    la_name: str = field(metadata=_help("The authority's name"))
    period: str = field(metadata=_help("The period as written"))
    period_label: str = field(metadata=_help("The period in words"))
    generated_at: str = field(metadata=_help("When the report was produced"))
    internal: bool = field(metadata=_help("True for an unsuppressed internal version"))
    marking: str = field(metadata=_help("Shown on every page and sheet: member-facing or INTERNAL"))
    footnote: str = field(metadata=_help("What [c] means, or the internal warning"))
    benchmarks_note: str | None = field(metadata=_help("How to get published benchmarks, when there are none"))
    summary: Summary = field(metadata=_help("Counts by RAG and the plain-English summary"))
    tiles: tuple[Tile, ...] = field(metadata=_help("Performance on a page (pack only)"))
    sections: tuple[Section, ...] = field(metadata=_help("The child's journey, section by section"))
    priorities: Table = field(metadata=_help("Each SMART priority with its measure, target, latest value and RAG"))
    actions_outstanding: Table = field(metadata=_help("Committee actions still open or in progress"))
    actions_answered: Table = field(metadata=_help("Committee actions answered"))
    definitions: Table = field(metadata=_help("Appendix: each indicator's definition and what good looks like"))
    trends: Table = field(metadata=_help("Appendix: the 12-month trend behind every sparkline"))
    sources: Table = field(metadata=_help("Appendix: data loaded and reference releases, with dates"))
    quality: Table = field(metadata=_help("Appendix: data-quality findings in the data behind the figures"))
    glossary: Table = field(metadata=_help("Appendix: the words a member may not know"))


def fields_help() -> list[tuple[str, str]]:
    """(field path, help) for every field of the report's contract."""
    return contract_fields(ReportContext, (Summary, Tile, Section, Row, Chart, Table))


NONE_PUBLISHED = dict(published_own="-", neighbours="-", region="-", england="-", quartile="-")


def _same_span(card: Card) -> bool:
    """Whether the card's own figure covers what a published annual figure does: a year's events,
    or a count on 31 March."""
    period = Period.parse(card.current.period)
    if card.definition.grain == "snapshot":
        return period.end.month == 3 and period.end.day == 31
    return period.kind is Kind.year


def _published(card: Card) -> dict:
    """The published columns. A count is never set beside other areas' counts (they depend on an
    area's size: compare the rate), and beside the authority's own published count only when it
    covers the same span (never a quarter's count beside a year's total)."""
    p, d = card.published, card.definition
    if p is None:
        return dict(published_year="No published measure", **NONE_PUBLISHED)
    if p.unavailable:
        return dict(published_year=p.unavailable if p.unavailable.startswith("Not compared") else "Unavailable",
                    **NONE_PUBLISHED)
    if not comparable(d.unit):
        own = p.authority_shown if _same_span(card) and p.authority_shown else "-"
        return dict(published_year=str(p.year), **{**NONE_PUBLISHED, "published_own": own})
    return dict(
        published_year=str(p.year), published_own=p.authority_shown or "-",
        neighbours=f"{number(p.neighbour_mean, d)} (mean of {p.neighbour_count})" if p.neighbour_mean is not None else "-",
        region=number(p.region, d), england=number(p.england, d),
        quartile=f"{p.quartile} (rank {p.rank} of {p.ranked_out_of})" if p.quartile else
        (f"rank {p.rank} of {p.ranked_out_of}" if p.rank else "-"))


def _no_rating(card: Card) -> str:
    if card.current.history:
        return "Not rated: history incomplete"
    if card.target is None:
        return "No target"
    return "No rating: figure withheld [c]" if card.current.suppressed else "No rating: no figure"


def _interval(card: Card, a: packing.Assessment) -> str:
    if a.interval is None:
        return ""
    d = card.definition
    return f"95% interval {number(a.interval.low, d)} to {number(a.interval.high, d)}"


def row(card: Card, assessment: packing.Assessment | None = None) -> Row:
    d = card.definition
    a = assessment or packing.assess(card)
    return Row(
        id=d.id, title=d.title, unit=unit_words(d.unit), polarity=POLARITY_WORDS[d.polarity],
        value=value_with_parts(card.current, d), previous=shown(card.previous, "value", d),
        last_year=shown(card.last_year, "value", d), sparkline=charting.sparkline(card),
        target=number(card.target, d), rag=card.rag, rag_label=card.rag_label or _no_rating(card),
        direction=card.since_previous.label if card.since_previous else "-",
        direction_year=card.since_last_year.label if card.since_last_year else "-",
        **_published(card), cause=card.cause,
        action=card.action + (f" (owner: {card.action_owner})" if card.action_owner else "") if card.action else None,
        commentary_note=card.commentary_note, meaning=meaning.sentence(card, a), interval=_interval(card, a),
        why=_sentence("; ".join(a.reasons)))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "." if text else ""


def sections(scorecard: Scorecard, pack: Pack, detail: str,
             con: duckdb.DuckDBPyConnection | None = None, drawn: bool = True) -> tuple[Section, ...]:
    """Each area of the child's journey: every indicator (full), or its most important exceptions
    in depth and the rest in the compact table (pack). With `drawn` False there are no charts
    (the dashboard links each measure to its own page, which has them)."""
    by_id = {c.definition.id: c for c in scorecard.cards}
    found = []
    if detail == "full":  # every section, every indicator (the pack leaves some out)
        parts = {c.definition.section: c.definition.section_title for c in scorecard.cards}
        for id, title in parts.items():
            cards = [c for c in scorecard.cards if c.definition.section == id]
            found.append(Section(id, title, tuple(narrative.paragraphs(cards)), (),
                                 tuple(row(c, pack.assessment(c.definition.id)) for c in cards),
                                 tuple(ch for c in cards for ch in charting.charts(c)) if drawn else ()))
        return tuple(found)
    for part in pack.sections:
        deep, rest = [by_id[i] for i in part.exceptions], [by_id[i] for i in part.rest]
        charts = [ch for c in deep for ch in charting.in_depth(
            c, scorecard.la_name, funnel.build(con, c, scorecard.la) if con is not None else None)] if drawn else []
        found.append(Section(part.id, part.title, tuple(narrative.sentence(c) for c in deep),
                             tuple(row(c, pack.assessment(c.definition.id)) for c in deep),
                             tuple(row(c, pack.assessment(c.definition.id)) for c in rest), tuple(charts)))
    return tuple(found)


def tiles(scorecard: Scorecard, pack: Pack) -> tuple[Tile, ...]:
    by_id = {c.definition.id: c for c in scorecard.cards}
    return tuple(Tile(h.id, h.title, h.section_title, value_with_parts(by_id[h.id].current, by_id[h.id].definition),
                      by_id[h.id].rag, by_id[h.id].rag_label or _no_rating(by_id[h.id]), h.meaning,
                      charting.small_multiple(by_id[h.id])) for h in pack.headlines)


def summary(scorecard: Scorecard, pack: Pack) -> Summary:
    ratings = [c.rag for c in scorecard.cards]
    return Summary(ratings.count("green"), ratings.count("amber"), ratings.count("red"),
                   sum(r is None for r in ratings), pack.gone_well, pack.needs_to_improve)


def priorities(scorecard: Scorecard) -> Table:
    rows = tuple((c.priority.text, c.definition.title, number(c.target, c.definition),
                  shown(c.current, "value", c.definition), c.rag_label or "No rating", c.priority.owner,
                  c.priority.due) for c in scorecard.cards if c.priority)
    return Table(("Priority", "Measure", "Target", "Latest", "RAG", "Owner", "Due"), rows)


def committee_actions(db: Path | None) -> tuple[Table, Table]:
    columns = ("Committee", "Meeting", "Asked", "Owner", "Due", "Status", "Response")
    if db is None or not appdb.path_for(db).exists():
        return Table(columns, ()), Table(columns, ())
    con = appdb.connect(db, migrate=False)
    try:
        def table(found):
            return Table(columns, tuple((a.committee, a.meeting_date.isoformat(), a.asked, a.owner,
                                         a.due_date.isoformat() if a.due_date else "-", a.status.label,
                                         a.response or "-") for a in found))
        return table(actions.outstanding(con)), table(actions.answered(con))
    finally:
        con.close()


def definitions(scorecard: Scorecard, ids: set[str] | None = None) -> Table:
    """What each indicator counts: every one, in words (no ids), or those in `ids` briefly."""
    titles = {c.definition.id: c.definition.title for c in scorecard.cards}
    cards = [replace(c.definition, definition=words.ids_named(c.definition.definition, titles))
             for c in scorecard.cards if ids is None or c.definition.id in ids]
    if ids is not None:
        return Table(("Measure", "Definition", "Which way is better"),
                     tuple((d.title, d.definition, POLARITY_WORDS[d.polarity]) for d in cards))
    return Table(("Indicator", "Definition", "Numerator", "Denominator", "Which way is better",
                  "What good looks like", "Published comparison"),
                 tuple((d.title, d.definition, d.numerator, d.denominator or "-", POLARITY_WORDS[d.polarity],
                        d.good, "Published by the Department for Education" if d.benchmark else "None published")
                       for d in cards))


def glossary() -> Table:
    return Table(("Term", "Meaning"), words.GLOSSARY)


def trends(scorecard: Scorecard) -> Table:
    first = scorecard.cards[0].trend if scorecard.cards else ()
    columns = ("Indicator (month ending)", *(date.fromisoformat(f.end).strftime("%b %Y") for f in first))
    return Table(columns, tuple((c.definition.title, *(shown(f, "value", c.definition) for f in c.trend))
                                for c in scorecard.cards))


def sources(con: duckdb.DuckDBPyConnection, la: str, files: bool = True) -> Table:
    """Each load and reference release with its date; the files' names, or (`files` False) how many."""
    listed = ("string_agg(f.name, ', ' ORDER BY f.file_id)" if files else
              "count(f.name) || CASE count(f.name) WHEN 1 THEN ' file' ELSE ' files' END")
    loads = con.execute(f"""
        SELECT 'Data loaded: ' || l.format || coalesce(' ' || l.collection_year, ''),
               {listed}, strftime(l.finished_at, '%Y-%m-%d %H:%M')
        FROM meta.loads l LEFT JOIN meta.load_files f USING (load_id)
        WHERE l.la = ? AND l.finished_at IS NOT NULL GROUP BY ALL ORDER BY 3""", [la]).fetchall()
    releases = con.execute(f"""
        SELECT 'Published reference: ' || kind, {listed.replace('f.name', 'file_name').replace(' ORDER BY f.file_id', '')},
               strftime(max(imported_at), '%Y-%m-%d %H:%M')
        FROM ref.releases GROUP BY kind ORDER BY kind""").fetchall()
    return Table(("Source", "Files", "Loaded or imported"), tuple(tuple(map(str, r)) for r in loads + releases))


def quality(con: duckdb.DuckDBPyConnection, la: str) -> Table:
    """Findings in the authority's loaded data, counted by table, column and rule, worst first (no
    values: they may be about a child). A DfE rule's findings say what it checks, in its words."""
    rows = con.execute("""
        SELECT coalesce("table", '-'), coalesce("column", '-'), rule, severity, count(*), min(file),
               CASE WHEN count(DISTINCT message) = 1 AND count(child) > 0 THEN any_value(message) ELSE '' END
        FROM meta.findings WHERE la = ? GROUP BY 1, 2, 3, 4
        ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, count(*) DESC, 1, 2, 3
        LIMIT 50""",
                       [la]).fetchall()
    return Table(("Table", "Column", "Rule", "Severity", "Rows affected", "Example file", "DfE rule"),
                 tuple(tuple(str(v) for v in r) for r in rows))


def build(scorecard: Scorecard, con: duckdb.DuckDBPyConnection, db: Path | None = None,
          detail: str = "pack", pack: Pack | None = None) -> ReportContext:
    """The report for `scorecard`; `pack` is its `compare.pack.build`, made here when not given."""
    if detail not in DETAILS:
        raise ValueError(f"detail is one of {', '.join(DETAILS)}, not {detail!r}")
    outstanding, answered = committee_actions(db)
    pack = pack or packing.build(scorecard)
    parts = sections(scorecard, pack, detail, con)
    shown = {r.id for part in parts for r in part.exceptions} | {h.id for h in pack.headlines}
    full = detail == "full"
    return ReportContext(
        title=TITLE, detail=detail, la=scorecard.la, la_name=scorecard.la_name, period=scorecard.period,
        period_label=scorecard.period_label, generated_at=scorecard.generated_at, internal=scorecard.internal,
        marking=INTERNAL_MARKING if scorecard.internal else MEMBER_MARKING, footnote=scorecard.footnote,
        benchmarks_note=scorecard.benchmarks_note, summary=summary(scorecard, pack),
        tiles=() if full else tiles(scorecard, pack), sections=parts,
        priorities=priorities(scorecard), actions_outstanding=outstanding, actions_answered=answered,
        definitions=definitions(scorecard, None if full else shown),
        trends=trends(scorecard) if full else Table((), ()), sources=sources(con, scorecard.la, full),
        quality=quality(con, scorecard.la) if full else Table((), ()), glossary=glossary())
