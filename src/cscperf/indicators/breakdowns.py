"""Breakdowns: the ways an indicator's figure can be split.

A breakdown is either a characteristic of the child, which the engine looks up in
`calc.children` on the unit's date (age band, sex, ethnicity, disability, UASC, and the areas of
the child's home: district, ward, locality), or an attribute of the event, which the indicator's
SQL returns as a column named after the breakdown (referral source, category of abuse, legal
status, team, ...). An event attribute can be a list (the factors identified at assessment):
then a unit is counted once in each of its groups. Groups are the values as stored (codes for
event attributes, names for areas); `label` turns a code into words for outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class BreakdownId(str, Enum):
    age_band = "age_band"
    sex = "sex"
    ethnicity = "ethnicity"
    disability = "disability"
    uasc = "uasc"
    legal_status = "legal_status"
    placement_type = "placement_type"
    placement_provider = "placement_provider"
    category_of_need = "category_of_need"
    category_of_abuse = "category_of_abuse"
    referral_source = "referral_source"
    reason_ceased = "reason_ceased"
    district = "district"
    ward = "ward"
    locality = "locality"
    team = "team"
    factor = "factor"
    working_days_band = "working_days_band"
    distance_from_home = "distance_from_home"
    placement_area = "placement_area"


NOT_RECORDED = "Not recorded"

# Area groups that say why a child has no area, rather than name one (calc.children). A
# breakdown with nothing but these is unavailable, and outputs say why instead of showing it.
NO_AREA = ("No home postcode recorded", "Home postcode not found", "Ward lookup not imported",
           "Postcode not in the ward lookup", "No localities set", "Not in any locality")
AREA_NOTE = ("From the child's latest home postcode: the SSD's addresses, or the 903's HOME_POST "
             "(looked-after children only). The CIN census and Annex A carry no postcodes, so a "
             "child known only from them is 'No home postcode recorded'.")


@dataclass(frozen=True)
class Breakdown:
    id: BreakdownId
    title: str
    of_child: bool  # looked up in calc.children; otherwise a column of the indicator's SQL
    child_expression: str | None = None  # SQL over the unit `u` and the child `c`
    labels: dict[str, str] = field(default_factory=dict)
    is_list: bool = False  # the SQL's column is a list: a unit counts once in each of its groups
    note: str | None = None  # where the groups come from, when outputs should say

    def expression(self) -> str:
        """SQL giving the group of a unit row `u` (joined to `c`, its row of calc.children, or for
        a list, to `g`, one row per item)."""
        if self.of_child:
            return self.child_expression
        if self.is_list:
            return "g.item"
        return f"coalesce(CAST(u.{self.id.value} AS VARCHAR), '{NOT_RECORDED}')"

    def join(self) -> str:
        """The join the expression needs."""
        if self.of_child:
            return "LEFT JOIN calc.children c ON c.la = u.la AND c.person_id = u.person_id"
        if self.is_list:
            return f"CROSS JOIN unnest(u.{self.id.value}) AS g(item)"
        return ""


def _child(id: BreakdownId, title: str, expression: str, labels: dict[str, str] | None = None,
           note: str | None = None) -> Breakdown:
    return Breakdown(id, title, True, expression, labels or {}, note=note)


def _event(id: BreakdownId, title: str, labels: dict[str, str] | None = None, is_list: bool = False) -> Breakdown:
    return Breakdown(id, title, False, labels=labels or {}, is_list=is_list)


# Code lists in short plain words: CIN census 2025 XSD (referral source, need, abuse), SSDA903
# guidance (legal status, placement type, provider). Reason ceased is shown as codes.
REFERRAL_SOURCES = {
    "1A": "Individual: family member, relative or carer", "1B": "Individual: acquaintance",
    "1C": "Individual: self", "1D": "Individual: other", "2A": "Schools", "2B": "Education services",
    "3A": "Health: GP", "3B": "Health: health visitor", "3C": "Health: school nurse",
    "3D": "Health: other primary health services", "3E": "Health: A&E", "3F": "Health: other",
    "4": "Housing", "5A": "LA services: social care", "5B": "LA services: other internal",
    "5C": "LA services: external", "5D": "LA services: early help", "6": "Police",
    "7": "Other legal agency", "8": "Other", "9": "Anonymous", "10": "Unknown",
}
CATEGORIES_OF_NEED = {
    "N0": "Not stated", "N1": "Abuse or neglect", "N2": "Child's disability",
    "N3": "Parental disability or illness", "N4": "Family in acute stress", "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour", "N7": "Low income", "N8": "Absent parenting",
    "N9": "Cases other than children in need",
}
CATEGORIES_OF_ABUSE = {
    "NEG": "Neglect", "PHY": "Physical abuse", "SAB": "Sexual abuse", "EMO": "Emotional abuse",
    "MUL": "Multiple",
}
LEGAL_STATUSES = {
    "C1": "Interim care order", "C2": "Full care order", "D1": "Freeing order", "E1": "Placement order",
    "J1": "Remanded to local authority accommodation", "J2": "Placed in accommodation under PACE",
    "J3": "Sentenced to a youth rehabilitation order with residence requirement",
    "L1": "Police protection", "L2": "Emergency protection order", "L3": "Child assessment order",
    "V2": "Section 20: single period of accommodation", "V3": "Section 20: short breaks (episodes)",
    "V4": "Section 20: short breaks (agreements)",
}
PLACEMENT_TYPES = {
    "A3": "Placed for adoption (consent), with current foster carers",
    "A4": "Placed for adoption (consent), not with current foster carers",
    "A5": "Placed for adoption (placement order), with current foster carers",
    "A6": "Placed for adoption (placement order), not with current foster carers",
    "H5": "Semi-independent living", "K1": "Secure children's home", "K2": "Children's home",
    "K3": "Supported accommodation",  # from the 2024-25 return
    "P1": "Placed with parents", "P2": "Independent living", "P3": "Residential employment",
    "R1": "Residential care home", "R2": "NHS or other health establishment",
    "R3": "Family centre or mother and baby unit", "R5": "Young offender institution",
    "S1": "Residential school", "T0": "Temporary move", "T1": "Temporary: in hospital",
    "T2": "Temporary: child on holiday", "T3": "Temporary: foster carers on holiday",
    "T4": "Temporary: seven days or less", "U1": "Foster care with family or friends, long term",
    "U2": "Foster care with family or friends, fostering for adoption",
    "U3": "Foster care with family or friends, other", "U4": "Other foster care, long term",
    "U5": "Other foster care, fostering for adoption", "U6": "Other foster care, other",
    "Z1": "Other placement",
}
PLACEMENT_PROVIDERS = {
    "PR0": "Parents or others with parental responsibility", "PR1": "Own provision",
    "PR2": "Other local authority", "PR3": "Other public provision", "PR4": "Private provision",
    "PR5": "Voluntary or third sector",
}

# Factors identified at the end of assessment (CIN census), in short words; whose concern it is
# in brackets (the child, a parent or carer, another person in the household).
FACTORS = {
    "1A": "Alcohol misuse (child)", "1B": "Alcohol misuse (parent or carer)", "1C": "Alcohol misuse (other person)",
    "2A": "Drug misuse (child)", "2B": "Drug misuse (parent or carer)", "2C": "Drug misuse (other person)",
    "3A": "Domestic abuse (child)", "3B": "Domestic abuse (parent or carer)", "3C": "Domestic abuse (other person)",
    "4A": "Mental health (child)", "4B": "Mental health (parent or carer)", "4C": "Mental health (other person)",
    "5A": "Learning disability (child)", "5B": "Learning disability (parent or carer)",
    "5C": "Learning disability (other person)", "6A": "Physical disability or illness (child)",
    "6B": "Physical disability or illness (parent or carer)", "6C": "Physical disability or illness (other person)",
    "7A": "Young carer", "8B": "Privately fostered: overseas, intending to return",
    "8C": "Privately fostered: overseas, intending to stay", "8D": "Privately fostered: UK, educational placement",
    "8E": "Privately fostered: UK, alternative family arrangement", "8F": "Privately fostered: other",
    "9A": "Unaccompanied asylum-seeking child", "10A": "Going or being missing",
    "11A": "Child sexual exploitation", "12A": "Trafficking", "13A": "Gangs",
    "14A": "Socially unacceptable behaviour", "15A": "Self-harm", "16A": "Neglect", "17A": "Emotional abuse",
    "18A": "Physical abuse", "18B": "Physical abuse (child on child)", "18C": "Physical abuse (adult on child)",
    "19A": "Sexual abuse", "19B": "Sexual abuse (child on child)", "19C": "Sexual abuse (adult on child)",
    "20": "Other", "22A": "Female genital mutilation", "23A": "Abuse linked to faith or belief",
    "24A": "Child criminal exploitation",
}
WORKING_DAYS_BANDS = {"0-10": "0 to 10 working days", "11-15": "11 to 15 working days",
                      "16-20": "16 to 20 working days", "21+": "21 working days or more"}
# calc.age_band's groups, youngest first, in words
AGE_BANDS = {"Unborn": "Unborn", "Under 1": "Under 1", "1-4": "Aged 1 to 4", "5-9": "Aged 5 to 9",
             "10-15": "Aged 10 to 15", "16+": "Aged 16 and over"}

BREAKDOWNS: dict[BreakdownId, Breakdown] = {b.id: b for b in (
    _child(BreakdownId.age_band, "Age band", "calc.age_band(c.dob, u.event_date)", AGE_BANDS),
    _child(BreakdownId.sex, "Sex", f"coalesce(c.sex, '{NOT_RECORDED}')"),
    _child(BreakdownId.ethnicity, "Ethnicity", f"coalesce(c.ethnicity, '{NOT_RECORDED}')"),
    _child(BreakdownId.disability, "Disability", f"coalesce(c.disability, '{NOT_RECORDED}')"),
    _child(BreakdownId.uasc, "Unaccompanied asylum-seeking child",
           "CASE WHEN calc.is_uasc(c.ever_uasc, c.uasc_start, c.uasc_end, u.event_date) THEN 'UASC' "
           "ELSE 'Not UASC' END"),
    _child(BreakdownId.district, "District of home address",
           f"coalesce(c.district_name, '{NO_AREA[0]}')", note=AREA_NOTE),
    _child(BreakdownId.ward, "Ward of home address", f"coalesce(c.ward, '{NO_AREA[0]}')",
           note=AREA_NOTE + " Wards come from the ONS postcode directory's ward for the postcode."),
    _child(BreakdownId.locality, "Locality of home address", f"coalesce(c.locality, '{NO_AREA[0]}')",
           note=AREA_NOTE + " Localities are the authority's own, from its localities file "
           "(`cscperf reference localities`)."),
    _event(BreakdownId.legal_status, "Legal status", LEGAL_STATUSES),
    _event(BreakdownId.placement_type, "Placement type", PLACEMENT_TYPES),
    _event(BreakdownId.placement_provider, "Placement provider", PLACEMENT_PROVIDERS),
    _event(BreakdownId.category_of_need, "Category of need", CATEGORIES_OF_NEED),
    _event(BreakdownId.category_of_abuse, "Category of abuse", CATEGORIES_OF_ABUSE),
    _event(BreakdownId.referral_source, "Referral source", REFERRAL_SOURCES),
    _event(BreakdownId.reason_ceased, "Reason ceased"),
    _event(BreakdownId.team, "Team"),
    _event(BreakdownId.factor, "Factor identified at assessment", FACTORS, is_list=True),
    _event(BreakdownId.working_days_band, "Working days from section 47 enquiry to conference", WORKING_DAYS_BANDS),
    _event(BreakdownId.distance_from_home, "Distance of the placement from home"),
    _event(BreakdownId.placement_area, "Placement inside or outside the authority"),
)}

AREAS = ("district", "ward", "locality")


def get(id: str | BreakdownId) -> Breakdown:
    try:
        return BREAKDOWNS[BreakdownId(id)]
    except ValueError:
        raise ValueError(f"no breakdown {id!r}; choose from {', '.join(b.value for b in BreakdownId)}") from None


def order(id: str | BreakdownId, group: str | None) -> tuple:
    """A sort key putting groups in their natural order: age bands youngest first, codes in their
    code list's order, the rest alphabetically, and 'Not recorded' (or why a child has no area) last."""
    listed = list(get(id).labels)
    if group is None or group == NOT_RECORDED or group in NO_AREA:
        return (2, 0, group or "")
    return (0, listed.index(group), "") if group in listed else (1, 0, group)


def label(id: str | BreakdownId, group: str | None) -> str | None:
    """A group in words: the code list's label where there is one, else the group itself."""
    return get(id).labels.get(group, group) if group is not None else None
