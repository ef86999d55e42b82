"""SSDA903 returns: one CSV per table per collection year, as `SSDA903_<year>_<table>.csv`.

Each year's tables follow that year's schema (`../shared/spec/ssda903`): SEX is 1/2 until
2023-24 and M/F from 2024-25, the social_worker table starts in 2023-24, and codes that changed
are chosen by the year of the record. Dates are dd/mm/yyyy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cscperf.synth import collection
from cscperf.synth.codes import sex_903
from cscperf.synth.dates import fmt_903, year_end, year_start
from cscperf.synth.defects import Column, Defects
from cscperf.synth.model import Child, Episode
from cscperf.synth.writers import CsvTable, Written


def _columns(spec: str) -> tuple[Column, ...]:
    """'CHILD:id! DOB:date! MC_DOB:date' -> columns; '!' marks a mandatory column."""
    found = []
    for item in spec.split():
        name, kind = item.split(":")
        found.append(Column(name, kind.rstrip("!"), kind.endswith("!")))
    return tuple(found)


_CHILD = "CHILD:id! DOB:date! "
TABLES = {
    "header": _columns("CHILD:id! SEX:code! DOB:date! ETHNIC:code! UPN:text! MOTHER:code MC_DOB:date"),
    "episodes": _columns("CHILD:id! DECOM:date! RNE:code! LS:code! CIN:code! PLACE:code! PLACE_PROVIDER:code "
                         "DEC:date REC:code REASON_PLACE_CHANGE:code HOME_POST:text PL_POST:text URN:text"),
    "reviews": _columns(_CHILD + "REVIEW:date! REVIEW_CODE:code!"),
    "uasc": _columns("CHILD:id! SEX:code! DOB:date! DUC:date"),
    "oc2": _columns(_CHILD + "SDQ_SCORE:int SDQ_REASON:code CONVICTED:code HEALTH_CHECK:code IMMUNISATIONS:code "
                    "TEETH_CHECK:code HEALTH_ASSESSMENT:code SUBSTANCE_MISUSE:code INTERVENTION_RECEIVED:code "
                    "INTERVENTION_OFFERED:code"),
    "oc3": _columns(_CHILD + "IN_TOUCH:code! ACTIV:code! ACCOM:code!"),
    "ad1": _columns(_CHILD + "DATE_INT:date! DATE_MATCH:date! FOSTER_CARE:code! NB_ADOPTR:int! SEX_ADOPTR:code! "
                    "LS_ADOPTR:code!"),
    "placed_for_adoption": _columns(_CHILD + "DATE_PLACED:date! DATE_PLACED_CEASED:date REASON_PLACED_CEASED:code"),
    "previous_permanence": _columns(_CHILD + "PREV_PERM:code! LA_PERM:text DATE_PERM:text"),
    "missing": _columns(_CHILD + "MISSING:code! MIS_START:date! MIS_END:date"),
    "social_worker": _columns(_CHILD + "SW_ID:id! SW_DECOM:date! SW_DEC:date SW_REASON:code"),
}
SOCIAL_WORKER_FROM = 2024


def _flag(value: bool | None) -> str:
    return "" if value is None else str(int(value))


def rows(child: Child, year: int) -> dict[str, list[list]]:
    """The child's rows in each 903 table for a collection year (empty if not in the return)."""
    found: dict[str, list[list]] = {name: [] for name in TABLES}
    if not child.periods and not child.care_leaver:
        return found  # never looked after: not in any 903 return
    first, last = year_start(year), year_end(year)
    dob = fmt_903(child.dob)
    for _, e in collection.episodes(child, first, last):
        found["episodes"].append([child.id, fmt_903(e.start), e.rne, e.legal_status, e.need, e.placement,
                                  e.provider, fmt_903(e.end), e.reason_ceased, e.placement_change_reason,
                                  *_located(e)])
    for _, day, code in collection.reviews(child, first, last):
        found["reviews"].append([child.id, dob, fmt_903(day), code])
    for h in collection.health(child, first, last):
        found["oc2"].append([child.id, dob, h.sdq_score, h.sdq_reason, _flag(h.convicted), _flag(h.health_check),
                             _flag(h.immunisations), _flag(h.teeth_check), _flag(h.health_assessment),
                             _flag(h.substance_misuse), _flag(h.intervention_received), _flag(h.intervention_offered)])
    for c in collection.care_leavers(child, first, last):
        found["oc3"].append([child.id, dob, c.in_touch, c.activity, c.accommodation])
    for _, a in collection.adopted(child, first, last):
        found["ad1"].append([child.id, dob, fmt_903(a.decision), fmt_903(a.matched), _flag(a.by_foster_carer),
                             a.adopters, a.adopters_sex, a.adopters_legal_status])
    for _, a in collection.placed_for_adoption(child, first, last):
        found["placed_for_adoption"].append([child.id, dob, fmt_903(a.decision), fmt_903(a.reversed),
                                             a.reversed_reason])
    for _, p in collection.previous_permanence(child, first, last):
        found["previous_permanence"].append([child.id, dob, p.option, p.la, p.order_date])
    for m in collection.missing(child, first, last):
        found["missing"].append([child.id, dob, m.kind, fmt_903(m.start), fmt_903(m.end)])
    if year >= SOCIAL_WORKER_FROM:
        for s in collection.social_workers(child, first, last):
            found["social_worker"].append([child.id, dob, s.worker, fmt_903(s.start), fmt_903(s.end), s.reason])
    if not any(found.values()):
        return found
    # UASC status and motherhood are asked only of children looked after in the year: a care
    # leaver's are "not required" (rules 1014 and 628), nor is the mother item of a child looked
    # after only on short breaks (V3, V4: rule 399).
    looked_after = bool(found["episodes"])
    is_uasc, ceased = collection.uasc(child, last)
    if is_uasc and looked_after:
        found["uasc"].append([child.id, sex_903(child.sex, year), dob, fmt_903(ceased)])
    asked = any(e[3] not in ("V3", "V4") for e in found["episodes"])
    found["header"].append([child.id, sex_903(child.sex, year), dob, child.ethnicity, child.upn or child.upn_unknown,
                            *(_mother(child, last) if asked else ("", ""))])
    return found


def _located(e: Episode) -> tuple[str, str, str]:
    """HOME_POST, PL_POST and URN as the 903 asks for them: none for a short break (V3, V4: rules
    214, 398, 420), though the authority's records hold them; a child who is or was UASC has no
    home postcode, so no distance (rule 406)."""
    if e.legal_status in ("V3", "V4"):
        return "", "", ""
    return (e.home[0] if e.home else ""), e.place[0], e.urn


def _mother(child: Child, last: date) -> tuple[str, str]:
    if child.sex != "F":
        return "", ""
    born = child.baby_born if child.baby_born and child.baby_born <= last else None
    return ("1", fmt_903(born)) if born else ("0", "")


class Ssda903Writer:
    def __init__(self, out: Path, root: Path, years: range, defects: Defects | None = None):
        self.years = years
        self.files = {
            (year, name): CsvTable(out / f"SSDA903_{year}_{name}.csv", columns, root, name, defects)
            for year in years for name, columns in TABLES.items()
            if name != "social_worker" or year >= SOCIAL_WORKER_FROM
        }

    def child(self, child: Child) -> None:
        for year in self.years:
            for name, table_rows in rows(child, year).items():
                for row in table_rows:
                    self.files[(year, name)].write(row)

    def close(self) -> list[Written]:
        return [table.close() for table in self.files.values()]
