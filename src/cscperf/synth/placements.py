"""Placements and the 903 episodes they make.

A child's placements change by a Markov process: at each move the next kind of placement is
drawn by the child's age band and the kind they are leaving (most stay in the same kind).
How often a child moves is the authority's rate times a child's own instability, so a few
children move many times. Legal status changes and placement changes together make episodes,
each with its reason for new episode (S, L, P, T, B, U).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cscperf.synth.codes import Weights, semi_independent
from cscperf.synth.dates import age_on, birthday, collection_year
from cscperf.synth.model import Episode

if TYPE_CHECKING:
    from cscperf.synth.care import CarePlan
    from cscperf.synth.world import World

YEAR = 365.25


@dataclass(frozen=True)
class Kind:
    code: str  # placement type at the start; "semi" resolves by year
    long_term: str | None  # the code once the placement is made long-term (a T episode)
    provider: Weights
    where: Weights  # in the authority, near it, or far away
    registered: bool  # has an Ofsted URN


_OWN, _PRIVATE = Weights({"PR1": 1}), Weights({"PR4": 85, "PR5": 15})
KINDS = {
    "foster_la": Kind("U6", "U4", _OWN, Weights({"in": 85, "near": 12, "far": 3}), False),
    "foster_ifa": Kind("U6", "U4", _PRIVATE, Weights({"in": 45, "near": 35, "far": 20}), True),
    "kinship": Kind("U3", "U1", _OWN, Weights({"in": 65, "near": 20, "far": 15}), False),
    "home": Kind("K2", None, Weights({"PR4": 78, "PR1": 17, "PR5": 5}), Weights({"in": 30, "near": 30, "far": 40}), True),
    "semi": Kind("semi", None, Weights({"PR4": 60, "PR1": 40}), Weights({"in": 60, "near": 30, "far": 10}), False),
    "secure": Kind("K1", None, Weights({"PR1": 50, "PR2": 50}), Weights({"near": 20, "far": 80}), True),
    "mother_baby": Kind("R3", None, Weights({"PR4": 70, "PR3": 30}), Weights({"in": 40, "near": 40, "far": 20}), False),
    "parents": Kind("P1", None, Weights({"PR0": 1}), Weights({"home": 1}), False),
    "adoption": Kind("A6", None, Weights({"PR1": 60, "PR2": 20, "PR5": 20}), Weights({"in": 30, "near": 30, "far": 40}), False),
    "other": Kind("Z1", None, Weights({"PR4": 1}), Weights({"in": 50, "near": 30, "far": 20}), False),
}
# Temporary (T0-T4) and other (Z1) placements have no provider in the 903 (rule 178).
WITHOUT_PROVIDER = ("T0", "T1", "T2", "T3", "T4", "Z1")
# First placements by age band (under 5, 5-9, 10-15, 16-17); moves draw from the same lists.
FIRST = (
    (5, Weights({"foster_la": 45, "foster_ifa": 25, "kinship": 22, "mother_baby": 5, "parents": 3})),
    (10, Weights({"foster_la": 40, "foster_ifa": 30, "kinship": 22, "home": 3, "parents": 5})),
    (16, Weights({"foster_la": 30, "foster_ifa": 30, "kinship": 12, "home": 20, "parents": 5, "secure": 1, "other": 2})),
    (99, Weights({"foster_la": 15, "foster_ifa": 20, "kinship": 8, "home": 22, "semi": 32, "parents": 3})),
)
MOVES = (
    (5, Weights({"foster_la": 55, "foster_ifa": 35, "kinship": 10})),
    (10, Weights({"foster_la": 45, "foster_ifa": 40, "kinship": 10, "home": 5})),
    (16, Weights({"foster_la": 28, "foster_ifa": 32, "kinship": 5, "home": 31, "secure": 2, "other": 2})),
    (99, Weights({"foster_la": 10, "foster_ifa": 15, "kinship": 3, "home": 25, "semi": 45, "other": 2})),
)
UASC_FIRST = Weights({"semi": 55, "foster_ifa": 30, "foster_la": 15})
STAY_IN_KIND = 0.45
CHANGE_REASON = Weights({"CARPL": 40, "CLOSE": 1, "ALLEG": 1, "STAND": 1, "APPRR": 0.5, "CREQB": 10,
                         "CREQO": 8, "CHILD": 4, "LAREQ": 2.5, "OTHER": 30})
SEMI_CODE_CHANGE = date(2024, 4, 1)  # H5 ends with 2023-24; K3 begins with 2024-25


def instability(rng: random.Random) -> float:
    """A child's own tendency to move placement (average 1; a few move very often)."""
    return rng.gammavariate(0.5, 2.0)


def _by_age(table, age: int) -> Weights:
    for below, weights in table:
        if age < below:
            return weights
    return table[-1][1]


@dataclass(slots=True)
class Placement:
    id: str
    kind: str
    code: str
    provider: str
    place: tuple
    urn: str


def _placement(rng: random.Random, world: World, child, kind: str, n: str, day: date, code: str | None = None) -> Placement:
    spec = KINDS[kind]
    where = spec.where.pick(rng)
    if where == "home":
        place, urn = child.home, "XXXXXXX"
    else:
        place, urn, tries = child.home, None, 0
        while place == child.home and tries < 20:  # placed away from home is somewhere else (rule 392d)
            tries += 1
            if kind == "home" or kind == "secure":
                urn, place = world.providers.home(rng, where)
            else:
                place = world.places.placement_postcode(rng, where)
                urn = world.providers.agency(rng) if spec.registered else "XXXXXXX"
    code = code or (semi_independent(collection_year(day)) if spec.code == "semi" else spec.code)
    return Placement(n, kind, code, spec.provider.pick(rng), place, urn)


def _moves(rng: random.Random, world: World, child, care: CarePlan, first: Placement, rate: float, period: str):
    """(day, placement, same carer?) for every change after the first placement."""
    changes: list[tuple[date, Placement, bool]] = []
    current, n = first, 1
    stop = care.adoption.placed if care.adoption and not care.adoption.reversed else care.end
    day = care.start
    while care.track not in ("remand",) and rate > 0:
        day += timedelta(days=max(1, int(min(rng.expovariate(rate), 30) * YEAR)))
        if day >= stop:
            break
        age = age_on(child.dob, day)
        kind = current.kind if rng.random() < STAY_IN_KIND and current.kind in _MOVABLE else _by_age(MOVES, age).pick(rng)
        n += 1
        current = _placement(rng, world, child, kind, f"{period}L{n}", day)
        changes.append((day, current, False))
    return changes, n


_MOVABLE = ("foster_la", "foster_ifa", "kinship", "home", "semi")


def episodes(rng: random.Random, world: World, child, care: CarePlan, need: str, move_rate: float,
             period: str) -> list[Episode]:
    """The 903 episodes of one period of care (ID `period`), as known on the last day simulated."""
    age = age_on(child.dob, care.start)
    if care.track == "uasc":
        kind = UASC_FIRST.pick(rng) if age >= 16 else ("foster_ifa" if rng.random() < 0.6 else "foster_la")
    elif care.track == "adoption" and age < 1 and rng.random() < 0.1:
        kind = "foster_la"  # fostering for adoption: placed from the start with carers who may adopt
    else:
        kind = _by_age(FIRST, age).pick(rng)
        if kind == "parents" and care.track != "home":
            kind = "foster_la"
    first = _placement(rng, world, child, kind, f"{period}L1", care.start)
    changes, n = _moves(rng, world, child, care, first, move_rate * instability(rng), period)
    changes += _structural(rng, world, child, care, first, changes, f"{period}L{n + 1}")
    return _to_episodes(rng, world, child, care, need, first, sorted(changes, key=lambda c: c[0]))


def _structural(rng: random.Random, world: World, child, care: CarePlan, first: Placement,
                changes, next_id: str) -> list[tuple[date, Placement, bool]]:
    """Changes the track makes: moving on to semi-independent living, placement for adoption,
    home on trial, long-term fostering, and semi-independent codes renamed from 2024-25."""
    moves = []  # to new carers
    last = changes[-1][1] if changes else first
    sixteen = birthday(child.dob, 16) + timedelta(days=rng.randint(60, 540))
    if (last.kind in ("foster_la", "foster_ifa", "home") and care.start < sixteen < care.end
            and all(sixteen > d for d, _, _ in changes) and rng.random() < 0.35):
        moves.append((sixteen, _placement(rng, world, child, "semi", next_id + "S", sixteen), False))
    adoption = care.adoption
    if adoption and not adoption.reversed and adoption.placed < care.end and not adoption.by_foster_carer:
        # not with current foster carers: placement order (A6) or parental consent (A4)
        code = "A6" if rng.random() < 0.9 else "A4"
        moves.append((adoption.placed, _placement(rng, world, child, "adoption", next_id, adoption.placed, code), False))
    elif care.legal[-1][1] != "V2" and rng.random() < {"home": 0.5, "long": 0.2}.get(care.track, 0):
        # Placed with parents under a care order: home on trial, or to stay
        day = (care.end - timedelta(days=rng.randint(60, 540)) if care.track == "home"
               else care.start + (care.end - care.start) * rng.uniform(0.4, 0.9))
        if day > care.start + timedelta(days=30) and all(day > d for d, _, _ in changes + moves):
            moves.append((day, _placement(rng, world, child, "parents", next_id, day), False))
    same_carer = []
    spells = [(care.start, first)] + sorted(((day, p) for day, p, _ in changes + moves), key=lambda s: s[0])
    ends = [day for day, _ in spells[1:]] + [care.end]
    for (start, placement), end in zip(spells, ends):
        spec = KINDS[placement.kind]
        if spec.long_term and (end - start).days > 400 and rng.random() < 0.6:
            day = start + timedelta(days=rng.randint(270, 400))
            same_carer.append((day, _same_carer(placement, spec.long_term), True))
        if placement.kind == "semi" and start < SEMI_CODE_CHANGE <= end:
            # Open on 1 April 2024, so in both years' returns: shown as Z1 (other), valid in
            # both lists, and from that day, if it goes on, as K3 with the same carer.
            placement.code = "Z1"
            if SEMI_CODE_CHANGE < end:
                same_carer.append((SEMI_CODE_CHANGE, _same_carer(placement, "K3"), True))
        if adoption and adoption.by_foster_carer and not adoption.reversed and start < adoption.placed < min(end, care.end):
            # with current foster carers: placement order (A5) or parental consent (A3), as 335 reads them
            same_carer.append((adoption.placed, _same_carer(placement, "A5" if rng.random() < 0.9 else "A3"), True))
    return moves + same_carer


def _same_carer(placement: Placement, code: str) -> Placement:
    return Placement(placement.id, placement.kind, code, placement.provider, placement.place, placement.urn)


def _to_episodes(rng: random.Random, world: World, child, care: CarePlan, need: str, first: Placement,
                 changes) -> list[Episode]:
    from cscperf.synth.care import reason_ceased

    legal = dict(care.legal[1:])
    placed = {day: (p, same) for day, p, same in changes}
    status, current = care.legal[0][1], first
    found = [_episode(care.start, "S", status, need, current, child)]
    for day in sorted(set(legal) | set(placed)):
        if not care.start < day < care.end:
            continue
        new_status = legal.get(day, status)
        move = placed.get(day)
        if move and move[1] and move[0].code == current.code and new_status == status:
            continue
        status_changed = new_status != status
        if move:
            rne = ("U" if status_changed else "T") if move[1] else ("B" if status_changed else "P")
        elif status_changed:
            rne = "L"
        else:
            continue
        ending = found[-1]
        ending.end, ending.reason_ceased = day, "X1"
        if move:
            ending.placement_change_reason = "PLACE" if move[1] else CHANGE_REASON.pick(rng)
            current = move[0]
        status = new_status
        found.append(_episode(day, rne, status, need, current, child))
    found[-1].end, found[-1].reason_ceased = care.end, reason_ceased(rng, care)
    return world.clip_episodes(found)


def _episode(day: date, rne: str, status: str, need: str, placement: Placement, child) -> Episode:
    provider = None if placement.code in WITHOUT_PROVIDER else placement.provider
    return Episode(day, rne, status, need, placement.code, provider, None, None, None,
                   None if child.uasc_arrived else child.home, placement.place, placement.urn, placement.id)


def short_breaks(rng: random.Random, world: World, child, start: date, need: str, period: str,
                 status: str) -> list[Episode]:
    """One agreed series of short breaks (legal status V4, or V3 for single breaks)."""
    kind = "home" if rng.random() < 0.6 else "foster_la"
    placement = _placement(rng, world, child, kind, f"{period}L1", start)
    episode = _episode(start, "S", status, need, placement, child)
    episode.end = start + timedelta(days=rng.randint(180, 365) if status == "V4" else rng.randint(1, 14))
    episode.reason_ceased = "E4A"
    return world.clip_episodes([episode])
