"""Published benchmarks for one measure, authority and year.

For a published measure (`cscperf/reference/measures.yml`), an authority (DfE 3-digit code) and a
year (the latest published when not given), `benchmark` returns:

- the authority's own published figure; for a successor authority asking for a year before it
  existed, its single predecessor's figure, labelled, or none with the reason; for the Isles of
  Scilly and the City of London, whose figures are often not published on their own, the figure
  of the authority they are reported with (Cornwall, Hackney) beside their own;
- England's and the authority's region's figures;
- its 10 statistical neighbours, each with its figure, and their average: the **mean of the
  neighbours' published values that are available** (suppressed or missing ones are left out and
  the count used is kept), as DfE's LA Interactive Tool does. The neighbour model is the one DfE
  had published when the year's figures came out: the April 2021 model for years up to 2024 and
  the May 2025 model from 2025 (the earliest model before 2021); an authority missing from that
  model (one formed later) takes its neighbours from another model, and the result says so;
- its national rank among authorities with a published value (1 is the best; when the measure
  has no better direction, 1 is the lowest) and its quartile band, A always the best quarter and no
  band when the measure has no better direction.

Every figure carries its year, its period as published, the release it came from and its
suppression code. Nothing is guessed: what is not available is None with a reason.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

import duckdb

from cscperf.reference import authorities, neighbours
from cscperf.reference.figures import ENGLAND, Figure, Pin, year_figures, years
from cscperf.reference.measures import Measure, Polarity, measure

AVERAGE = "mean of the available neighbour values (as DfE's LAIT does)"


@dataclass(frozen=True)
class NeighbourFigure:
    rank: int                 # 1 is the closest neighbour
    la: str
    name: str
    closeness: str | None     # DfE's label: 'Very close', 'Close', ...
    figure: Figure | None
    reason: str | None = None  # why there is no value


@dataclass(frozen=True)
class Benchmark:
    measure: Measure
    la: str
    la_name: str
    year: int | None
    own: Figure | None = None
    own_reason: str | None = None          # why `own` is None or has no value
    joint: Figure | None = None            # for a joint-return authority: its partner's figure
    england: Figure | None = None
    region: Figure | None = None
    neighbour_model: int | None = None     # 2021 or 2025
    neighbour_note: str | None = None
    neighbours: tuple[NeighbourFigure, ...] = ()
    neighbour_average: float | None = None
    neighbour_average_of: int = 0          # how many neighbour values the mean used
    neighbour_average_method: str = AVERAGE
    rank: int | None = None                # national rank, 1 the best (the lowest when no polarity)
    ranked_out_of: int | None = None
    quartile: str | None = None            # A (best quarter) to D
    rank_note: str | None = None
    decimals: int | None = None            # the decimal places the year's figures are published to
    unavailable: str | None = None         # why there is no benchmark at all


def benchmark(con: duckdb.DuckDBPyConnection, measure_id: str, la: str, year: int | None = None,
              release: Pin = None, neighbour_model: int | None = None) -> Benchmark:
    """The published benchmark for `measure_id` and authority `la` in `year` (latest if None).

    `release` pins the figures to one release (its id or file name); by default each figure is
    from its latest release. `neighbour_model` (2021 or 2025) overrides the model chosen for the year.
    """
    wanted = measure(measure_id)
    name = authorities.authority(con, la).name
    if year is None:
        published = years(con, wanted)
        if not published:
            return Benchmark(wanted, la, name, None, unavailable=(
                "no published figures for this measure have been imported "
                "(run `cscperf reference download` then `cscperf reference import`)"))
        year = published[-1]
    figures = year_figures(con, wanted, year, release)
    if not figures:
        return Benchmark(wanted, la, name, year, unavailable=f"no published figures for {year}")
    own, own_reason = _own(con, la, year, figures)
    model, note, group = _neighbours(con, la, year, neighbour_model, figures)
    values = [n.figure.value for n in group if n.figure and n.figure.value is not None]
    rank, out_of, quartile, rank_note = _rank(wanted.polarity, own, figures)
    region_code = authorities.authority(con, la, year).region_code
    return Benchmark(
        wanted, la, name, year, own=own, own_reason=own_reason, joint=_joint(la, own, figures),
        england=figures.get(ENGLAND), region=figures.get(region_code) if region_code else None,
        neighbour_model=model, neighbour_note=note, neighbours=tuple(group),
        neighbour_average=statistics.fmean(values) if values else None, neighbour_average_of=len(values),
        rank=rank, ranked_out_of=out_of, quartile=quartile, rank_note=rank_note,
        decimals=published_decimals(f.value for f in figures.values()))


# Values read back from binary floating point carry noise past this many places (17.100000000000001).
_MOST_PLACES = 6


def published_decimals(values) -> int | None:
    """The decimal places figures are published to: the most any of the year's values has (EES
    prints children looked after percentages as whole numbers, children in need ones to 1 place).

    >>> published_decimals([69.0, 11.0, 100.0]), published_decimals([22.6, 21.0]), published_decimals([])
    (0, 1, None)
    """
    places = [len(f"{round(v, _MOST_PLACES):.{_MOST_PLACES}f}".rstrip("0").partition(".")[2])
              for v in values if v is not None]
    return max(places) if places else None


def _why_no_value(figure: Figure | None, name: str, year: int) -> str | None:
    if figure is None:
        return f"no figure is published for {name} for {year}"
    if figure.value is None:
        return f"published as '{figure.code}' ({figure.code_meaning})"
    return None


def _own(con, la: str, year: int, figures: dict[str, Figure]) -> tuple[Figure | None, str | None]:
    existed, why = authorities.existed(la, year)
    if existed:
        figure = figures.get(la)
        label = authorities.predecessor_label(con, la, year) if figure else None
        own = replace(figure, label=label) if label else figure
        return own, _why_no_value(own, authorities.authority(con, la, year).name, year)
    new = authorities.succession(la)
    if new and len(new.predecessors) == 1 and (before := figures.get(new.predecessors[0])):
        label = f"figure for the predecessor authority, {before.area_name} ({before.area_code}): {new.note}"
        return replace(before, label=label), _why_no_value(before, before.area_name, year)
    return None, why


def _joint(la: str, own: Figure | None, figures: dict[str, Figure]) -> Figure | None:
    joint = authorities.joint_return(la)
    if joint is None or (own is not None and own.value is not None):
        return None
    partner = figures.get(joint.partner)
    return replace(partner, label=f"{partner.area_name}'s figure: {joint.note}") if partner else None


def _neighbours(con, la: str, year: int, requested: int | None, figures: dict[str, Figure]
                ) -> tuple[int | None, str | None, list[NeighbourFigure]]:
    imported = neighbours.models(con)
    if requested is not None:
        candidates = [requested] if requested in imported else []
    else:
        preferred = max((m for m in imported if m <= year), default=min(imported, default=None))
        candidates = [preferred, *sorted((m for m in imported if m != preferred), reverse=True)]
    for model in candidates:
        group = neighbours.neighbours(con, la, model)
        if group:
            note = None if model == candidates[0] else (
                f"not in the {candidates[0]} statistical neighbour model; "
                f"the {model} model's neighbours are used")
            return model, note, [_neighbour(con, n, year, figures) for n in group]
    if not imported:
        return None, "no statistical neighbour model has been imported", []
    return None, f"not in the statistical neighbour model{'s' if len(candidates) > 1 else ''} imported", []


def _neighbour(con, n: neighbours.Neighbour, year: int, figures: dict[str, Figure]) -> NeighbourFigure:
    figure = figures.get(n.la)
    name = figure.area_name if figure and figure.area_name else authorities.authority(con, n.la).name
    existed, why = authorities.existed(n.la, year)
    reason = why if not existed else _why_no_value(figure, name, year)
    return NeighbourFigure(n.rank, n.la, name, n.closeness, figure, reason)


def _rank(polarity: Polarity, own: Figure | None, figures: dict[str, Figure]
          ) -> tuple[int | None, int | None, str | None, str | None]:
    values = [f.value for f in figures.values() if f.level == "la" and f.value is not None]
    if own is None or own.value is None:
        return None, None, None, "no published value to rank"
    mine = own.value
    if polarity is Polarity.higher_better:
        better = sum(v > mine for v in values)
    else:
        better = sum(v < mine for v in values)
    if polarity is Polarity.neither:
        return (better + 1, len(values), None,
                "1 is the lowest value; the measure has no better direction, so no quartile")
    if len(values) < 4:
        return better + 1, len(values), None, "too few published values for quartiles"
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    if polarity is Polarity.lower_better:
        band = "A" if mine <= q1 else "B" if mine <= q2 else "C" if mine <= q3 else "D"
    else:
        band = "A" if mine >= q3 else "B" if mine >= q2 else "C" if mine >= q1 else "D"
    return better + 1, len(values), band, "1 is the best; quartile A is the best quarter of authorities"
