"""CIN census XML, one file per collection year, streamed with lxml's incremental writer.

Each year's file holds every child with an episode of need open at some time in the year, and
is valid against that year's XSD (`../shared/spec/cin-census/CIN_schema_<year>.xsd`; years up to
2024 follow the 2024 schema, which names sex `GenderCurrent` coded 1/2).
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date, datetime, time
from pathlib import Path

from lxml import etree

from cscperf.synth import collection
from cscperf.synth.codes import disabilities_recorded, sex_cin
from cscperf.synth.dates import year_end, year_start
from cscperf.synth.model import Child, Referral
from cscperf.synth.writers import Written


def _add(parent: etree._Element, tag: str, value: object) -> None:
    if value is not None and value != "":
        etree.SubElement(parent, tag).text = value.isoformat() if isinstance(value, date) else str(value)


def child_element(child: Child, year: int) -> etree._Element | None:
    """The child's <Child> for a collection year, or None if not in that year's census."""
    first, last = year_start(year), year_end(year)
    referrals = collection.referrals(child, first, last)
    if not referrals:
        return None
    element = etree.Element("Child")
    ids = etree.SubElement(element, "ChildIdentifiers")
    _add(ids, "LAchildID", child.id)
    _add(ids, "UPN", child.upn)
    _add(ids, "UPNunknown", child.upn_unknown)
    _add(ids, "PersonBirthDate", child.dob)
    _add(ids, "GenderCurrent" if year <= 2024 else "Sex", sex_cin(child.sex, year))
    characteristics = etree.SubElement(element, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", child.ethnicity)
    disabilities = etree.SubElement(characteristics, "Disabilities")
    for code in disabilities_recorded(child.disabilities):
        _add(disabilities, "Disability", code)
    for referral in referrals:
        element.append(_details(referral))
    return element


def _details(r: Referral) -> etree._Element:
    details = etree.Element("CINdetails")
    _add(details, "CINreferralDate", r.date)
    _add(details, "ReferralSource", r.source)
    _add(details, "PrimaryNeedCode", r.need)
    _add(details, "CINclosureDate", r.closed)
    _add(details, "ReasonForClosure", r.closure_reason)
    # The conference is recorded where it was held: in its section 47 enquiry's module, not here
    # as well (CIN rule 2884; this level is for a conference with no enquiry in the episode).
    for a in r.assessments:
        assessment = etree.SubElement(details, "Assessments")
        _add(assessment, "AssessmentActualStartDate", a.start)
        _add(assessment, "AssessmentAuthorisationDate", a.authorised)
        if a.authorised:
            factors = etree.SubElement(assessment, "FactorsIdentifiedAtAssessment")
            for code in a.factors:
                _add(factors, "AssessmentFactors", code)
    for c in r.cin_plans:
        plan = etree.SubElement(details, "CINPlanDates")
        _add(plan, "CINPlanStartDate", c.start)
        _add(plan, "CINPlanEndDate", c.end)
    for s in r.section47s:
        s47 = etree.SubElement(details, "Section47")
        _add(s47, "S47ActualStartDate", s.start)
        _add(s47, "InitialCPCtarget", s.icpc_target)
        _add(s47, "DateOfInitialCPC", s.icpc_date)
        _add(s47, "ICPCnotRequired", int(s.icpc_not_required))
    _add(details, "ReferralNFA", int(r.nfa))
    for p in r.cp_plans:
        plan = etree.SubElement(details, "ChildProtectionPlans")
        _add(plan, "CPPstartDate", p.start)
        _add(plan, "CPPendDate", p.end)
        _add(plan, "InitialCategoryOfAbuse", p.initial_category)
        _add(plan, "LatestCategoryOfAbuse", p.latest_category)
        _add(plan, "NumberOfPreviousCPP", p.previous_plans)
        if p.reviews:
            reviews = etree.SubElement(plan, "Reviews")
            for day in p.reviews:
                _add(reviews, "CPPreviewDate", day)
    return details


def _header(la: str, year: int) -> etree._Element:
    header = etree.Element("Header")
    details = etree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", year)
    _add(details, "ReferenceDate", year_end(year))
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", la)
    _add(source, "SoftwareCode", "cscperf synth")
    _add(source, "Release", "1")
    _add(source, "SerialNo", "001")
    # A fixed time (the day after the year ends), so the same options give the same bytes.
    _add(source, "DateTime", datetime.combine(date(year, 4, 1), time(9, 0)).isoformat())
    return header


class CinCensusWriter:
    def __init__(self, out: Path, la: str, years: range):
        out.mkdir(parents=True, exist_ok=True)
        self.stack = ExitStack()
        self.children, self.rows = {}, {}
        for year in years:
            path = out / f"CIN_Census_{la}_{year}.xml"
            xf = self.stack.enter_context(etree.xmlfile(str(path), encoding="utf-8"))
            xf.write_declaration()
            self.stack.enter_context(xf.element("Message"))
            xf.write(_header(la, year), pretty_print=True)
            self.stack.enter_context(xf.element("Children"))
            self.children[year], self.rows[year] = (path, xf), 0

    def child(self, child: Child) -> None:
        for year, (_, xf) in self.children.items():
            element = child_element(child, year)
            if element is not None:
                xf.write(element, pretty_print=True)
                self.rows[year] += 1

    def close(self) -> list[Written]:
        self.stack.close()
        return [Written(path, self.rows[year]) for year, (path, _) in self.children.items()]
