"""Where each 903 field goes in the store, declared once: the reader follows it and
`FIELDS` (used for docs/store.md) is built from it.

Each 903 table has one or more `Out`s: a store table and, for each of its columns, the source:
a field name (its value as read), a `Recode` of a field, a `Const`, or a `Computed` value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cscperf.sources.schemas.ssda903 import CHANGES, FIRST_YEAR, schema
from cscperf.sources.ssda903.cells import UPN_UNKNOWN, year_end
from cscperf.sources.years import care_leaver_birthday


@dataclass(frozen=True)
class Recode:
    field: str
    codes: Mapping[str, str]

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field,)

    @property
    def note(self) -> str:
        return ", ".join(f"{old} as {new}" for old, new in self.codes.items() if old != new)

    def value(self, values: dict, year: int):
        return self.codes.get(values[self.field])


@dataclass(frozen=True)
class Const:
    constant: object
    fields: tuple[str, ...] = ()
    note: str = ""

    def value(self, values: dict, year: int):
        return self.constant


@dataclass(frozen=True)
class Computed:
    """A value worked out from fields (and the collection year). Raising CellProblem reports a
    finding against the first field and leaves the value empty."""

    fields: tuple[str, ...]
    compute: Callable[..., object]
    note: str = ""

    def value(self, values: dict, year: int):
        if self.fields and all(values[f] is None for f in self.fields):
            return None
        return self.compute(*(values[f] for f in self.fields), year=year)


Source = str | Recode | Const | Computed


@dataclass(frozen=True)
class Out:
    """One store row written from each source row."""

    table: str
    columns: Mapping[str, Source]
    when: tuple[str, ...] = ()  # write the row only when one of these fields has a value
    # Rows with the same natural key in one collection year are one record, filled from each
    # (the 903 splits adoption across two tables; a social worker appears on many rows).
    merge: bool = False


YES_NO = {"1": "Y", "0": "N"}
SEX = {"1": "M", "2": "F", "M": "M", "F": "F", "U": "U"}
COMPLETED = {"1": "Completed", "0": "Not completed"}
YEAR_END = Computed((), lambda year: year_end(year), "31 March of the return")


def known_upn(upn: str, year: int) -> str | None:
    return None if UPN_UNKNOWN.match(upn) else upn


def unknown_upn(upn: str, year: int) -> str | None:
    return upn if UPN_UNKNOWN.match(upn) else None


def accommodation_suitable(accom: str, year: int) -> str | None:
    """The 903 ACCOM code ends in 1 when the accommodation is suitable, 2 when not."""
    return {"1": "Suitable", "2": "Unsuitable"}.get(accom[-1])


def _health(field_name: str, check_type: str) -> Out:
    return Out("ssd_cla_health", {
        "clah_person_id": "CHILD", "clah_health_check_type": Const(check_type),
        "clah_health_check_date": YEAR_END,
        "clah_health_check_status": Recode(field_name, COMPLETED)}, when=(field_name,))


OUTPUTS: dict[str, tuple[Out, ...]] = {
    "header": (
        Out("ssd_person", {
            "pers_person_id": "CHILD", "pers_sex": Recode("SEX", SEX), "pers_dob": "DOB",
            "pers_ethnicity": "ETHNIC",
            "pers_upn": Computed(("UPN",), known_upn, "unless UN1-UN10"),
            "pers_upn_unknown": Computed(("UPN",), unknown_upn, "when UN1-UN10"),
            "pers_is_mother": Recode("MOTHER", YES_NO)}),
        Out("ssd_mother", {"moth_person_id": "CHILD", "moth_childs_dob": "MC_DOB"},
            when=("MC_DOB",)),
    ),
    "episodes": (
        Out("ssd_cla_episodes", {
            "clae_person_id": "CHILD", "clae_cla_episode_start_date": "DECOM",
            "clae_cla_episode_start_reason": "RNE", "clae_legal_status": "LS",
            "clae_cla_primary_need_code": "CIN", "clae_placement_type": "PLACE",
            "clae_placement_provider": "PLACE_PROVIDER", "clae_cla_episode_ceased_date": "DEC",
            "clae_cla_episode_ceased_reason": "REC",
            "clae_placement_change_reason": "REASON_PLACE_CHANGE",
            "clae_home_postcode": "HOME_POST", "clae_placement_postcode": "PL_POST",
            "clae_placement_urn": "URN"}),
    ),
    "reviews": (
        Out("ssd_cla_reviews", {
            "clar_person_id": "CHILD", "clar_cla_review_date": "REVIEW",
            "clar_cla_review_participation": "REVIEW_CODE"}),
    ),
    "uasc": (
        Out("ssd_immigration_status", {
            "immi_person_id": "CHILD", "immi_immigration_status": Const("UASC"),
            "immi_immigration_status_end_date": "DUC"}),
    ),
    "oc2": (
        _health("HEALTH_ASSESSMENT", "HEALTH_ASSESSMENT"),
        _health("TEETH_CHECK", "DENTAL_CHECK"),
        _health("HEALTH_CHECK", "HEALTH_CHECK"),
        Out("ssd_cla_immunisations", {
            "clai_person_id": "CHILD", "clai_immunisations_status_date": YEAR_END,
            "clai_immunisations_status": Recode("IMMUNISATIONS", YES_NO)},
            when=("IMMUNISATIONS",)),
        Out("ssd_sdq_scores", {
            "csdq_person_id": "CHILD", "csdq_sdq_completed_date": YEAR_END,
            "csdq_sdq_score": "SDQ_SCORE", "csdq_sdq_reason": "SDQ_REASON"},
            when=("SDQ_SCORE", "SDQ_REASON")),
        Out("ssd_cla_convictions", {
            "clac_person_id": "CHILD", "clac_cla_conviction_date": YEAR_END,
            "clac_convicted": Recode("CONVICTED", YES_NO)}, when=("CONVICTED",)),
        Out("ssd_cla_substance_misuse", {
            "clas_person_id": "CHILD", "clas_substance_misuse_date": YEAR_END,
            "clas_substance_misused": Recode("SUBSTANCE_MISUSE", YES_NO),
            "clas_intervention_received": Recode("INTERVENTION_RECEIVED", YES_NO),
            "clas_intervention_offered": Recode("INTERVENTION_OFFERED", YES_NO)},
            when=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")),
    ),
    "oc3": (
        Out("ssd_care_leavers", {
            "clea_person_id": "CHILD", "clea_care_leaver_in_touch": "IN_TOUCH",
            "clea_care_leaver_activity": "ACTIV", "clea_care_leaver_accommodation": "ACCOM",
            "clea_care_leaver_accom_suitable": Computed(
                ("ACCOM",), accommodation_suitable, "code ending 1 as Suitable, 2 as Unsuitable"),
            "clea_care_leaver_birthday": Computed(
                ("DOB",), care_leaver_birthday, "the 17th-21st birthday in the collection year")}),
    ),
    "ad1": (
        Out("ssd_permanence", {
            "perm_person_id": "CHILD", "perm_adm_decision_date": "DATE_INT",
            "perm_matched_date": "DATE_MATCH",
            "perm_adopted_by_carer_flag": Recode("FOSTER_CARE", YES_NO),
            "perm_number_of_adopters": "NB_ADOPTR", "perm_adopter_sex": "SEX_ADOPTR",
            "perm_adopter_legal_status": "LS_ADOPTR"}, merge=True),
    ),
    "placed_for_adoption": (
        Out("ssd_permanence", {
            "perm_person_id": "CHILD", "perm_adm_decision_date": "DATE_PLACED",
            "perm_decision_reversed_date": "DATE_PLACED_CEASED",
            "perm_decision_reversed_reason": "REASON_PLACED_CEASED"}, merge=True),
    ),
    "previous_permanence": (
        Out("ssd_cla_previous_permanence", {
            "lapp_person_id": "CHILD", "lapp_previous_permanence_option": "PREV_PERM",
            "lapp_previous_permanence_la": "LA_PERM",
            "lapp_previous_permanence_order_date": "DATE_PERM"}),
    ),
    "missing": (
        Out("ssd_missing", {
            "miss_person_id": "CHILD", "miss_missing_episode_type": "MISSING",
            "miss_missing_episode_start_date": "MIS_START",
            "miss_missing_episode_end_date": "MIS_END"}),
    ),
    "social_worker": (
        Out("ssd_involvements", {
            "invo_person_id": "CHILD", "invo_professional_id": "SW_ID",
            "invo_involvement_start_date": "SW_DECOM", "invo_involvement_end_date": "SW_DEC",
            "invo_worker_change_reason": "SW_REASON"}),
        Out("ssd_professionals", {"prof_professional_id": "SW_ID"}, when=("SW_ID",), merge=True),
    ),
    "dolo": (
        Out("ssd_deprivation_of_liberty", {
            "dolo_person_id": "CHILD", "dolo_start_date": "DOLO_START", "dolo_end_date": "DOLO_END"}),
    ),
}

# Fields read (and checked) but not stored, and why.
NOT_STORED: dict[str, str] = {
    "DOB": "(checked, not stored: the header's DOB is kept)",
    "SEX": "(checked, not stored: the header's SEX is kept)",
}


def sources_of(source: Source) -> tuple[str, ...]:
    return (source,) if isinstance(source, str) else source.fields


def _target(out: Out, column: str) -> str:
    """'table.column', with how the value is recoded and which rows it is on, if it matters."""
    source = out.columns[column]
    notes = [] if isinstance(source, str) or not source.note else [source.note]
    notes += [f"rows with {name} {value.constant}" for name, value in out.columns.items()
              if isinstance(value, Const)]
    return f"{out.table}.{column}" + (f" ({'; '.join(notes)})" if notes else "")


def _field_map() -> dict[tuple[str, str], tuple[str, ...]]:
    fields: dict[tuple[str, str], list[str]] = {}
    for year in (FIRST_YEAR, *sorted(CHANGES)):
        for table, columns in schema(year).items():
            for name in columns:
                fields.setdefault((table, name), [])
    for table, outs in OUTPUTS.items():
        for out in outs:
            for column, source in out.columns.items():
                for name in sources_of(source):
                    fields[(table, name)].append(_target(out, column))
    return {key: tuple(dict.fromkeys(targets)) or (NOT_STORED[key[1]],)
            for key, targets in fields.items()}


# (903 table, field) -> "store_table.column"s it fills, or a note in brackets when not stored.
FIELDS: dict[tuple[str, str], tuple[str, ...]] = _field_map()
