"""What every format of the committee report shows: one documented contract, built once from the
scorecard (already suppressed for members) and the store's records of where the data came from.
The HTML, PDF, Word and Excel writers only lay it out; none computes or formats a figure itself.

Sections follow the child's journey (the registry's order). Every field carries help text
(`fields_help`), listed in docs/report.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from cscperf import appdb
from cscperf.appdb import actions
from cscperf.compare.figure import contract_fields
from cscperf.compare.figure import help_text as _help
from cscperf.compare.scorecard import Card, Scorecard
from cscperf.outputs.report import charts as charting
from cscperf.outputs.report import narrative
from cscperf.outputs.report.charts import Chart
from cscperf.outputs.report.formats import POLARITY_WORDS, number, shown, unit_words, value_with_parts

TITLE = "Children's social care performance report"
MEMBER_MARKING = "For members: small numbers are suppressed"
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
    neighbour_values: str = field(metadata=_help("Each neighbour's published value"))
    region: str = field(metadata=_help("The region's published value"))
    england: str = field(metadata=_help("England's published value"))
    quartile: str = field(metadata=_help("Quartile band, A best, with the national rank"))
    cause: str | None = field(metadata=_help("Officers' commentary: cause"))
    action: str | None = field(metadata=_help("Officers' commentary: action (and owner)"))
    commentary_note: str | None = field(metadata=_help("'No commentary provided' for red or amber without any"))


@dataclass(frozen=True)
class Section:
    id: str = field(metadata=_help("Section id (front_door, assessment, ...)"))
    title: str = field(metadata=_help("Section title"))
    narrative: tuple[str, ...] = field(metadata=_help("Auto-drafted paragraphs"))
    rows: tuple[Row, ...] = field(metadata=_help("One row per indicator"))
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
    sections: tuple[Section, ...] = field(metadata=_help("The child's journey, section by section"))
    priorities: Table = field(metadata=_help("Each SMART priority with its measure, target, latest value and RAG"))
    actions_outstanding: Table = field(metadata=_help("Committee actions still open or in progress"))
    actions_answered: Table = field(metadata=_help("Committee actions answered"))
    definitions: Table = field(metadata=_help("Appendix: each indicator's definition and what good looks like"))
    trends: Table = field(metadata=_help("Appendix: the 12-month trend behind every sparkline"))
    sources: Table = field(metadata=_help("Appendix: data loaded and reference releases, with dates"))
    quality: Table = field(metadata=_help("Appendix: data-quality findings in the data behind the figures"))


def fields_help() -> list[tuple[str, str]]:
    """(field path, help) for every field of the report's contract."""
    return contract_fields(ReportContext, (Summary, Section, Row, Chart, Table))


def _published(card: Card) -> dict:
    p, d = card.published, card.definition
    if p is None:
        return dict(published_year="No published measure", published_own="-", neighbours="-",
                    neighbour_values="-", region="-", england="-", quartile="-")
    if p.unavailable:
        return dict(published_year=p.unavailable if p.unavailable.startswith("Not compared") else "Unavailable",
                    published_own="-", neighbours="-", neighbour_values="-", region="-", england="-", quartile="-")
    return dict(
        published_year=str(p.year), published_own=p.authority_shown or "-",
        neighbours=f"{number(p.neighbour_mean, d)} (mean of {p.neighbour_count})" if p.neighbour_mean is not None else "-",
        neighbour_values="; ".join(f"{n.name} {n.shown}" for n in p.neighbours) or "-",
        region=number(p.region, d), england=number(p.england, d),
        quartile=f"{p.quartile} (rank {p.rank} of {p.ranked_out_of})" if p.quartile else
        (f"rank {p.rank} of {p.ranked_out_of}" if p.rank else "-"))


def _no_rating(card: Card) -> str:
    if card.current.history:
        return "Not rated: history incomplete"
    if card.target is None:
        return "No target"
    return "No rating: figure withheld [c]" if card.current.suppressed else "No rating: no figure"


def row(card: Card) -> Row:
    d = card.definition
    return Row(
        id=d.id, title=d.title, unit=unit_words(d.unit), polarity=POLARITY_WORDS[d.polarity],
        value=value_with_parts(card.current, d), previous=shown(card.previous, "value", d),
        last_year=shown(card.last_year, "value", d), sparkline=charting.sparkline(card),
        target=number(card.target, d), rag=card.rag, rag_label=card.rag_label or _no_rating(card),
        direction=card.since_previous.label if card.since_previous else "-",
        direction_year=card.since_last_year.label if card.since_last_year else "-",
        **_published(card), cause=card.cause,
        action=card.action + (f" (owner: {card.action_owner})" if card.action_owner else "") if card.action else None,
        commentary_note=card.commentary_note)


def sections(scorecard: Scorecard) -> tuple[Section, ...]:
    grouped: dict[str, list[Card]] = {}
    for card in scorecard.cards:
        grouped.setdefault(card.definition.section, []).append(card)
    return tuple(Section(id, cards[0].definition.section_title, tuple(narrative.paragraphs(cards)),
                         tuple(row(c) for c in cards), tuple(ch for c in cards for ch in charting.charts(c)))
                 for id, cards in grouped.items())


def summary(scorecard: Scorecard) -> Summary:
    ratings = [c.rag for c in scorecard.cards]
    well, improve = narrative.summary(scorecard)
    return Summary(ratings.count("green"), ratings.count("amber"), ratings.count("red"),
                   sum(r is None for r in ratings), tuple(well), tuple(improve))


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


def definitions(scorecard: Scorecard) -> Table:
    return Table(("Indicator", "Id", "Definition", "Numerator", "Denominator", "Which way is better",
                  "What good looks like", "Published measure"),
                 tuple((d.title, d.id, d.definition, d.numerator, d.denominator or "-", POLARITY_WORDS[d.polarity],
                        d.good, d.benchmark or "None published") for d in (c.definition for c in scorecard.cards)))


def trends(scorecard: Scorecard) -> Table:
    first = scorecard.cards[0].trend if scorecard.cards else ()
    columns = ("Indicator (month ending)", *(date.fromisoformat(f.end).strftime("%b %Y") for f in first))
    return Table(columns, tuple((c.definition.title, *(shown(f, "value", c.definition) for f in c.trend))
                                for c in scorecard.cards))


def sources(con: duckdb.DuckDBPyConnection, la: str) -> Table:
    loads = con.execute("""
        SELECT 'Data loaded: ' || l.format || coalesce(' ' || l.collection_year, ''),
               string_agg(f.name, ', ' ORDER BY f.file_id), strftime(l.finished_at, '%Y-%m-%d %H:%M')
        FROM meta.loads l LEFT JOIN meta.load_files f USING (load_id)
        WHERE l.la = ? AND l.finished_at IS NOT NULL GROUP BY ALL ORDER BY 3""", [la]).fetchall()
    releases = con.execute("""
        SELECT 'Published reference: ' || kind, file_name, strftime(imported_at, '%Y-%m-%d %H:%M')
        FROM ref.releases ORDER BY kind, file_name""").fetchall()
    return Table(("Source", "Files", "Loaded or imported"), tuple(tuple(map(str, r)) for r in loads + releases))


def quality(con: duckdb.DuckDBPyConnection, la: str) -> Table:
    """Findings in the authority's loaded data, counted by table, column and rule (no values: they
    may be about a child)."""
    rows = con.execute("""
        SELECT coalesce("table", '-'), coalesce("column", '-'), rule, severity, count(*), min(file)
        FROM meta.findings WHERE la = ? GROUP BY 1, 2, 3, 4
        ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, count(*) DESC, 1, 2, 3
        LIMIT 50""",
                       [la]).fetchall()
    return Table(("Table", "Column", "Rule", "Severity", "Rows affected", "Example file"),
                 tuple(tuple(str(v) for v in r) for r in rows))


def build(scorecard: Scorecard, con: duckdb.DuckDBPyConnection, db: Path | None = None) -> ReportContext:
    outstanding, answered = committee_actions(db)
    return ReportContext(
        title=TITLE, la=scorecard.la, la_name=scorecard.la_name, period=scorecard.period,
        period_label=scorecard.period_label, generated_at=scorecard.generated_at, internal=scorecard.internal,
        marking=INTERNAL_MARKING if scorecard.internal else MEMBER_MARKING, footnote=scorecard.footnote,
        benchmarks_note=scorecard.benchmarks_note, summary=summary(scorecard), sections=sections(scorecard),
        priorities=priorities(scorecard), actions_outstanding=outstanding, actions_answered=answered,
        definitions=definitions(scorecard), trends=trends(scorecard), sources=sources(con, scorecard.la),
        quality=quality(con, scorecard.la))
