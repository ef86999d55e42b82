"""Ofsted ILACS Annex A workbook for an inspection date: lists 1 to 11, one sheet each.

Headers are the canonical ones of `../shared/spec/annex-a/Annex_A_schema.yml`; values use its
lettered labels ("a) Male", "a) WBRI", "g) Police"). Lists 1-5 cover the six months to the
date, lists 8, 10 and 11 the twelve months; lists 6 and 7 are cases open in the six months.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook

from cscperf.synth import collection
from cscperf.synth.authorities import authorities
from cscperf.synth.dates import age_on
from cscperf.synth.model import Child
from cscperf.synth.writers import Written

_PERSON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
_STAFF = ["Allocated Team", "Allocated Worker"]
_DISABLED = "Does the Child have a Disability"
LISTS = {
    1: _PERSON + ["Date of Contact", "Contact Source"],
    2: _PERSON + ["Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    3: _PERSON + ["Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months"] + _STAFF,
    4: _PERSON + [_DISABLED, "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
                  "Continuous Assessment Date of Authorisation",
                  "Was the child assessed as requiring LA children's social care support?"] + _STAFF,
    5: _PERSON + [_DISABLED, "Strategy discussion initiating Section 47 Enquiry Start Date",
                  "Was an Initial Child Protection Conference deemed unnecessary?",
                  "Date of Initial Child Protection Conference",
                  "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                  "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months"] + _STAFF,
    6: _PERSON + [_DISABLED, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
                  "Reason for Closure", "Case Status"] + _STAFF,
    7: _PERSON + [_DISABLED, "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
                  "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference",
                  "Child Protection Plan End Date",
                  "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
                  "Number of Previous Child Protection Plans"] + _STAFF,
    8: _PERSON + ["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", _DISABLED,
                  "Date Started to be Looked After", "Child's Category of Need",
                  "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
                  "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
                  "Date of Last Social Work Visit", "What is the permanence plan for this child?",
                  "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
                  "Date of Last Dental Check", "Number of Placements in the Last 12 months",
                  "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
                  "Start Date of Most Recent Placement", "Placement Type", "Placement Provider", "Placement postcode",
                  "URN of Placement", "Placement Location", "LA of Placement",
                  "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
                  "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
                  "Was the child offered a Return Interview after their last missing episode (Y/N)?",
                  "Did the child accept a Return Interview after their last missing episode (Y/N)?"] + _STAFF,
    9: _PERSON + ["Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", _DISABLED]
    + _STAFF + ["Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch",
                "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation", "Activity Status"],
    10: ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", _DISABLED,
         "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption",
         "Date of Placement Order", "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
         "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
         "Reason Why Child No Longer Placed for Adoption",
         "Date the child was placed for fostering in FFA or concurrent planning placement"],
    11: ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
         "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
         "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
         "Date application approved", "Date adopter matched with child(ren)",
         "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
         "Date of leaving adoption process", "Reason for leaving adoption process"],
}

ETHNIC_ORDER = ("WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH").split()
SOURCE = {"1": "a) Individual", "2A": "b) Schools", "2B": "c) Education services", "3": "d) Health services",
          "4": "e) Housing", "5": "f) LA services", "6": "g) Police", "7": "h) Other legal agency"}
NEED = dict(zip("N1 N2 N3 N4 N5 N6 N7 N8 N9 N0".split(), (
    "a) Abuse or neglect", "b) Child's disability", "c) Parents illness or disability", "d) Family in acute stress",
    "e) Family dysfunction", "f) Socially unacceptable behaviour", "g) Low income", "h) Absent parenting",
    "i) Not CIN", "j) Not stated")))
CLOSURE = dict(zip("RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8 RC9".split(), (
    "a) Adopted", "b) Died", "c) Residence Order", "d) Special Guardianship Order", "e) Transfer to another LA",
    "f) Transfer to Adult Social Services", "g) 'Other' incl. Child no longer in need",
    "h) Child not in need after assessment", "h) Child not in need after assessment")))
ABUSE = {"NEG": "a) Neglect", "PHY": "b) Physical Abuse", "SAB": "c) Sexual Abuse", "EMO": "d) Emotional Abuse",
         "MUL": "e) Multiple"}
LEGAL = {"C1": "a) Interim care orders", "C2": "b) Full care orders", "D1": "c) Freed for  Adoption",
         "E1": "d) Placement order granted", "V2": "e) Accommodated under S20",
         "L1": "f) Detained on child protection grounds in LA accommodation",
         "L2": "f) Detained on child protection grounds in LA accommodation", "L3": "g) Youth justice legal Statuses",
         "J1": "J1: Remanded to LA or youth detention", "J2": "J2: LA accommodation under PACE",
         "J3": "g) Youth justice legal Statuses"}
CEASED = {"E11": "a) Adopted", "E12": "a) Adopted", "E2": "b) Died", "E3": "c) Care taken by another LA",
          "E4A": "d) Returned home to live with parents or relatives",
          "E4B": "d) Returned home to live with parents or relatives",
          "E13": "e) Left care to live with parents, relatives or other person with no parental responsibility",
          "E41": "f) Residence order granted", "E47": "f) Residence order granted", "E48": "f) Residence order granted",
          "E43": "g) Special Guardianship Orders", "E44": "g) Special Guardianship Orders",
          "E45": "g) Special Guardianship Orders", "E46": "g) Special Guardianship Orders",
          "E5": "h) Moved into independent living", "E6": "h) Moved into independent living",
          "E17": "h) Moved into independent living",
          "E7": "i) Transferred to residential care funded by adult social services",
          "E9": "j) Sentenced to custody", "E14": "k) Accommodation on remand ended"}
PLACEMENT = {"A": "b) Placed for adoption", "U": "a) Foster Placement", "P1": "c) Placed with parents",
             "H5": "d) Independent living", "K3": "d) Independent living", "P3": "e) Residential employment",
             "K1": "g) Secure Children’s Homes", "K2": "h) Children’s Homes", "R1": "i) Residential Care Home",
             "R2": "j) NHS/Health Trust", "R3": "k) Family Centre or Mother and Baby Unit"}
IN_TOUCH = {"YES": "a) In touch", "NO": "b) Not in touch", "REFU": "b) Not in touch", "NREQ": "d) Exclude",
            "DIED": "d) Exclude", "RHOM": "d) Exclude"}
ACCOMMODATION = dict(zip("BCDEGHKRSTUV", (
    "a) With parents or relatives", "b) Community home", "c) Semi-independent transitional accommodation",
    "d) Supported lodgings", "e) Gone abroad", "f) Deported", "g) Ordinary lodgings", "h) Residence not known",
    "i) No fixed abode / homeless", "j) Foyers", "k) Independent living", "l) Emergency accommodation")))
ACTIVITY = {"F1": "F1: Full time in higher education", "P1": "P1: Part time in higher education",
            "F2": "F2: Full time in education other than higher", "P2": "P2: Part time in education other than higher",
            "F3": "F3: Full time in training or employment", "P3": "P3: Part time in training or employment",
            "F4": "F4: Young person engaged full time in an apprenticeship",
            "P4": "P4: Young person engaged part time in an apprenticeship",
            "F5": "F5: Young person engaged full time in training or employment (not apprenticeship)",
            "P5": "P5: Young person engaged part time in training or employment (not apprenticeship)",
            "G4": "G4: Not in education, employment or training - illness or disability",
            "G5": "G5: Not in education, employment or training - other",
            "G6": "G5: Not in education, employment or training - other"}
REVERSED = {"RD1": "a) Child’s needs changed", "RD2": "b) Court did not make a PO",
            "RD3": "c) Prospective adopters cannot be found", "RD4": "d) Any other reason"}


def _yes(value: bool | None) -> str | None:
    return None if value is None else ("a) Yes" if value else "b) No")


def _ethnicity(code: str) -> str:
    return f"{'abcdefghijklmnopqr'[ETHNIC_ORDER.index(code)]}) {code}" if code in ETHNIC_ORDER else f"s) {code}"


def _source(code: str) -> str:
    return SOURCE.get(code) or SOURCE.get(code[:1], "i) Other")


class AnnexAWriter:
    def __init__(self, path: Path, on: date, districts: tuple[str, ...]):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.on = path, on
        self.since6, self.since12 = on - timedelta(days=182), on - timedelta(days=365)
        self.districts = set(districts)
        self.la_of = {d: a.name for a in authorities().values() for d in a.districts}
        self.book = Workbook(write_only=True)
        self.sheets = {n: self.book.create_sheet(f"List {n}") for n in LISTS}
        self.rows = dict.fromkeys(LISTS, 0)
        for n, header in LISTS.items():
            self.sheets[n].append(header)

    def _add(self, n: int, child: Child | None, *values: object) -> None:
        person = [child.id, {"M": "a) Male", "F": "b) Female"}[child.sex], _ethnicity(child.ethnicity), child.dob,
                  age_on(child.dob, self.on)] if child else []
        self.sheets[n].append(person + list(values))
        self.rows[n] += 1

    def child(self, child: Child) -> None:
        on, since6, since12 = self.on, self.since6, self.since12
        disabled = _yes(bool(child.disabilities))
        for c in child.contacts:
            if since6 < c.date <= on:
                self._add(1, child, c.date, _source(c.source))
        for e in child.early_help:
            if since6 < e.start <= on:
                self._add(2, child, e.start, e.end if e.end and e.end <= on else None, "Early Help Service")
        referrals = collection.referrals(child, since12, on)
        dates = [r.date for r in child.referrals]
        for r in referrals:
            if since6 < r.date <= on:
                recent = sum(r.date - timedelta(days=365) <= d < r.date for d in dates)
                self._add(3, child, r.date, _source(r.source), _yes(r.nfa), recent, r.team, r.worker)
            for a in r.assessments:
                if since6 < a.start <= on or (a.authorised and since6 < a.authorised <= on):
                    self._add(4, child, disabled, a.start, _yes(a.child_seen), a.authorised,
                              _yes(a.in_need) if a.authorised else None, r.team, r.worker)
            for s in r.section47s:
                if since6 < s.start <= on:
                    s47s = [x for q in referrals for x in q.section47s if since12 < x.start <= on]
                    self._add(5, child, disabled, s.start, _yes(s.icpc_not_required), s.icpc_date,
                              _yes(s.plan_id is not None) if s.icpc_date else None, len(s47s),
                              sum(1 for x in s47s if x.icpc_date), r.team, r.worker)
            self._cin(child, r, disabled)
        self._looked_after(child, disabled)
        self._care_leaver(child, disabled)

    def _cin(self, child: Child, r, disabled: str) -> None:
        if r.nfa or (r.closed and r.closed <= self.since6):
            return
        periods = [p for p in child.periods if p.start <= self.on and (p.end is None or p.end > self.on)]
        plans = [p for p in r.cp_plans if p.end is None]
        status = ("e) Closed episode" if r.closed else "a) Looked after child" if periods
                  else "b) Child Protection plan" if plans
                  else "c) Child in need plan" if any(c.end is None for c in r.cin_plans)
                  else "d) Open assessment" if any(a.authorised is None for a in r.assessments) else "c) Child in need plan")
        seen = [d for p in r.cp_plans for d in p.visits] + [a.start for a in r.assessments]
        self._add(6, child, disabled, r.date, NEED.get(r.need), max(seen, default=None), r.closed,
                  CLOSURE.get(r.closure_reason), status, r.team, r.worker)
        for p in r.cp_plans:
            if p.end is None or p.end > self.since6:
                last_visit = max(p.visits, default=None)
                self._add(7, child, disabled, p.start, ABUSE[p.initial_category], ABUSE[p.latest_category], last_visit,
                          _yes(last_visit.toordinal() % 10 < 7) if last_visit else None, max(p.reviews, default=None),
                          p.end, "b) No", p.previous_plans, r.team, r.worker)

    def _looked_after(self, child: Child, disabled: str) -> None:
        on, since12 = self.on, self.since12
        shown = [(p, e) for p, e in collection.episodes(child, since12, on) if e.legal_status not in ("V3", "V4")]
        if not shown:
            return
        period, last = shown[-1]
        in_period = [e for p, e in shown if p is period]
        history = [e for e in period.episodes if e.start <= on]
        status_from = history[-1].start
        for e in reversed(history):
            if e.legal_status != last.legal_status:
                break
            status_from = e.start
        placement_from = next(e.start for e in reversed(history) if e.rne in ("S", "P", "B"))
        earlier = [p for p in child.periods if p.end and period.start - timedelta(days=365) <= p.end < period.start]
        reviews = [d for d, _ in period.reviews if d <= on]
        assessed = [h.health_day for h in period.health if h.health_assessment and h.health_day]
        teeth = [h.teeth_day for h in period.health if h.teeth_check and h.teeth_day]
        missing = [m for m in period.missing if since12 < m.start <= on]
        went_missing = [m for m in missing if m.kind == "M"]
        district = last.place[1]
        team = "Children in Care Team"
        worker = next((s.worker for s in reversed(period.social_workers) if s.start <= on), None)
        self._add(8, child, _yes(child.uasc_arrived is not None and child.uasc_arrived <= on), disabled,
                  period.start, NEED.get(last.need), _yes(bool(earlier)), status_from, LEGAL.get(last.legal_status),
                  max(reviews, default=None), max((d for d in period.visits if d <= on), default=None), None,
                  max(reviews, default=None),
                  max((d for d in assessed if d <= on), default=None), max((d for d in teeth if d <= on), default=None),
                  1 + sum(1 for e in in_period[1:] if e.rne in ("S", "P", "B")), last.end,
                  CEASED.get(last.reason_ceased), placement_from,
                  PLACEMENT.get(last.placement) or PLACEMENT.get(last.placement[:1], "f) Residential accommodation"),
                  {"PR1": "a) Own LA", "PR4": "b) Private"}.get(last.provider, "c) Other"), last.place[0], last.urn,
                  "a) In" if district in self.districts else "b) Out", self.la_of.get(district, "-"),
                  len(went_missing), len(missing) - len(went_missing),
                  _yes(went_missing[-1].rhi_offered) if went_missing else None,
                  _yes(went_missing[-1].rhi_accepted) if went_missing else None, team, worker)
        adoption = period.adoption
        if adoption and (adoption.decision > since12 or (adoption.adopted or on) > since12):
            family = f"{child.id}F"
            self._add(10, None, child.id, family, *[x for x in self._person(child)], disabled, period.start,
                      adoption.decision, adoption.placement_order, adoption.matched, adoption.placed,
                      adoption.adopted, adoption.reversed, REVERSED.get(adoption.reversed_reason), None)
            if adoption.matched:
                self._adopters(family, adoption)

    def _person(self, child: Child) -> list:
        return [{"M": "a) Male", "F": "b) Female"}[child.sex], _ethnicity(child.ethnicity), child.dob,
                age_on(child.dob, self.on)]

    def _adopters(self, family: str, adoption) -> None:
        matched = adoption.matched
        approved = matched - timedelta(days=120)
        stage2 = approved - timedelta(days=150)
        stage1 = stage2 - timedelta(days=70)
        for n, sex in enumerate(adoption.adopters_sex[: adoption.adopters], 1):
            self._add(11, None, f"{family}{n}", family, "a) Male" if sex == "M" else "b) Female", "a) WBRI", "b) No",
                      "Yes" if adoption.by_foster_carer else "No", stage1 - timedelta(days=30), stage1, stage2 - timedelta(days=10),
                      stage2, approved - timedelta(days=30), stage2 + timedelta(days=7), approved, matched,
                      adoption.placed, 1, adoption.adopted, None, None)

    def _care_leaver(self, child: Child, disabled: str) -> None:
        rows = [c for c in child.care_leaver if c.birthday <= self.on]
        if not rows or age_on(child.dob, self.on) > 21:
            return
        c = rows[-1]
        accommodation = ACCOMMODATION.get(c.accommodation[:1])
        self._add(9, child, _yes(child.uasc_arrived is not None), disabled, c.team, c.worker, c.adviser,
                  "a) Relevant" if age_on(child.dob, self.on) < 18 else "b) Former relevant", c.pathway_review,
                  IN_TOUCH[c.in_touch], c.latest_contact, accommodation,
                  {"1": "a) Suitable", "2": "b) Not suitable"}.get(c.accommodation[-1:], "c) Not in touch or not recorded"),
                  ACTIVITY.get(c.activity))

    def close(self) -> list[Written]:
        self.book.save(self.path)
        _fix_timestamps(self.path, datetime.combine(self.on, time(9, 0)))
        return [Written(self.path, sum(self.rows.values()))]


def _fix_timestamps(path: Path, when: datetime) -> None:
    """Rewrite the workbook with fixed times (openpyxl stamps the time of saving), so the same
    options give the same bytes."""
    with ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with ZipFile(path, "w", ZIP_DEFLATED) as target:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            target.writestr(ZipInfo(name, date_time=when.timetuple()[:6]), data, compress_type=ZIP_DEFLATED)
