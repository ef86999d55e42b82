"""CIN census XML: children, their referrals (CINdetails), assessments and factors, CIN plans,
section 47 enquiries and initial conferences, and child protection plans with their reviews.

The file is streamed with lxml's iterparse: each <Child> is read when it ends and then cleared,
so memory stays flat however many children the file holds. Follows the DfE XSDs (2024 to 2026
in ../shared) and earlier years of the same structure; sex is 'GenderCurrent' 1/2/0/9 up to
2024 and 'Sex' M/F/U from 2025, both stored as M/F/U.

The census does not number referrals or plans, so their IDs are built from the child and dates
(`record_id`): 'A123/2024-05-01' is the referral of child A123 dated 1 May 2024. Problems with an
element become findings whose row is the XML line.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from lxml import etree

from cscperf.quality.findings import LoadError, Severity
from cscperf.sources import Detection
from cscperf.sources import cin_codes as codes
from cscperf.sources.batch import Batch, record_id
from cscperf.sources.cells import RowCells
from cscperf.sources.files import SourceFile, decode
from cscperf.sources.years import collection_year

FORMAT = "cin_census"

# (part, element) -> (store column, how it is read, required by the XSD). "How" is a cells
# method name, or a code list: a tuple of codes, or a dict from the census code to the stored one.
_ELEMENTS: dict[tuple[str, str], tuple[str, object, bool]] = {
    ("ChildIdentifiers", "LAchildID"): ("ssd_person.pers_person_id", "id", True),
    ("ChildIdentifiers", "UPN"): ("ssd_person.pers_upn", "id", False),
    ("ChildIdentifiers", "FormerUPN"): ("ssd_person.pers_former_upn", "id", False),
    ("ChildIdentifiers", "UPNunknown"): ("ssd_person.pers_upn_unknown", codes.UPN_UNKNOWN, False),
    ("ChildIdentifiers", "PersonBirthDate"): ("ssd_person.pers_dob", "date", False),
    ("ChildIdentifiers", "ExpectedPersonBirthDate"): ("ssd_person.pers_expected_dob", "date", False),
    ("ChildIdentifiers", "GenderCurrent"): ("ssd_person.pers_sex", codes.GENDER_CURRENT, False),
    ("ChildIdentifiers", "Sex"): ("ssd_person.pers_sex", codes.SEX, False),
    ("ChildIdentifiers", "PersonDeathDate"): ("ssd_person.pers_death_date", "date", False),
    ("ChildCharacteristics", "Ethnicity"): ("ssd_person.pers_ethnicity", codes.ETHNICITY, True),
    ("Disabilities", "Disability"): ("ssd_disability.disa_disability_code", codes.DISABILITY, True),
    ("CINdetails", "CINreferralDate"): ("ssd_cin_episodes.cine_referral_date", "date", True),
    ("CINdetails", "ReferralSource"): ("ssd_cin_episodes.cine_referral_source_code",
                                       codes.REFERRAL_SOURCE, True),
    ("CINdetails", "PrimaryNeedCode"): ("ssd_cin_episodes.cine_cin_primary_need_code",
                                        codes.PRIMARY_NEED, False),
    ("CINdetails", "CINclosureDate"): ("ssd_cin_episodes.cine_close_date", "date", False),
    ("CINdetails", "ReasonForClosure"): ("ssd_cin_episodes.cine_close_reason", codes.CLOSURE_REASON, False),
    ("CINdetails", "DateOfInitialCPC"): ("ssd_cin_episodes.cine_initial_cpc_date", "date", False),
    ("CINdetails", "ReferralNFA"): ("ssd_cin_episodes.cine_referral_nfa", "flag", True),
    ("Assessments", "AssessmentActualStartDate"): ("ssd_cin_assessments.cina_assessment_start_date",
                                                   "date", True),
    ("Assessments", "AssessmentInternalReviewDate"): (
        "ssd_cin_assessments.cina_assessment_internal_review_date", "date", False),
    ("Assessments", "AssessmentAuthorisationDate"): ("ssd_cin_assessments.cina_assessment_auth_date",
                                                     "date", False),
    ("FactorsIdentifiedAtAssessment", "AssessmentFactors"): (
        "ssd_assessment_factors.cinf_assessment_factors_json", codes.ASSESSMENT_FACTORS, True),
    ("CINPlanDates", "CINPlanStartDate"): ("ssd_cin_plans.cinp_cin_plan_start_date", "date", True),
    ("CINPlanDates", "CINPlanEndDate"): ("ssd_cin_plans.cinp_cin_plan_end_date", "date", False),
    ("Section47", "S47ActualStartDate"): ("ssd_s47_enquiry.s47e_s47_start_date", "date", True),
    ("Section47", "InitialCPCtarget"): ("ssd_initial_cp_conference.icpc_icpc_target_date", "date", False),
    ("Section47", "DateOfInitialCPC"): ("ssd_initial_cp_conference.icpc_icpc_date", "date", False),
    ("Section47", "ICPCnotRequired"): ("ssd_s47_enquiry.s47e_icpc_not_required", "flag", True),
    ("ChildProtectionPlans", "CPPstartDate"): ("ssd_cp_plans.cppl_cp_plan_start_date", "date", True),
    ("ChildProtectionPlans", "CPPendDate"): ("ssd_cp_plans.cppl_cp_plan_end_date", "date", False),
    ("ChildProtectionPlans", "InitialCategoryOfAbuse"): ("ssd_cp_plans.cppl_cp_plan_initial_category",
                                                         codes.ABUSE_CATEGORY, True),
    ("ChildProtectionPlans", "LatestCategoryOfAbuse"): ("ssd_cp_plans.cppl_cp_plan_latest_category",
                                                        codes.ABUSE_CATEGORY, True),
    ("ChildProtectionPlans", "NumberOfPreviousCPP"): ("ssd_cp_plans.cppl_cp_plan_number_of_previous",
                                                      "count", True),
    ("Reviews", "CPPreviewDate"): ("ssd_cp_reviews.cppr_cp_review_date", "date", True),
}

# Which census field fills which store column; docs/store.md is generated from this.
FIELDS: dict[tuple[str, str], str] = {key: spec[0] for key, spec in _ELEMENTS.items()}

# Elements that hold other elements, and elements that may repeat inside their part.
_CONTAINERS = {
    "Child": ("ChildIdentifiers", "ChildCharacteristics", "CINdetails"),
    "ChildCharacteristics": ("Disabilities",),
    "CINdetails": ("Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"),
    "Assessments": ("FactorsIdentifiedAtAssessment",),
    "ChildProtectionPlans": ("Reviews",),
}
_MANY = {"CINdetails", "Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans",
         "Disability", "AssessmentFactors", "CPPreviewDate"}
_EXPECTED = {part: {e for p, e in _ELEMENTS if p == part} | set(_CONTAINERS.get(part, ()))
             for part in {p for p, _ in _ELEMENTS} | set(_CONTAINERS)}
_TARGETS = {key: tuple(spec[0].split(".")) for key, spec in _ELEMENTS.items()}
_REQUIRED = {part: [e for (p, e), spec in _ELEMENTS.items() if p == part and spec[2]]
             for part in _EXPECTED}

_MESSAGE = re.compile(r"<(\w+:)?Message\b")
_CIN = re.compile(r"<(\w+:)?(CINdetails|Collection>\s*CIN\s*<)")


@functools.cache
def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _name(element) -> str:
    """An element's name without its namespace."""
    return _local(element.tag)


def detect(path: Path, head: bytes) -> Detection | None:
    text = decode(head)
    if not (_MESSAGE.search(text) and _CIN.search(text)):
        return None
    la = re.search(r"<(?:\w+:)?LEA>\s*(\d{3})\s*<", text)
    year = re.search(r"<(?:\w+:)?Year>\s*(\d{4})\s*<", text)
    return Detection("cin", int(year.group(1)) if year else None, la.group(1) if la else None)


def read(files: list[SourceFile], la: str) -> Batch:
    batch = Batch(FORMAT, la)
    for file in files:
        _Census(batch, batch.add_file(file)).read()
    return batch


class _Census:
    """One census file being read, child by child."""

    def __init__(self, batch: Batch, index: int):
        self.batch, self.index = batch, index
        self.file = batch.files[index]
        self.rows = 0
        self.cells = RowCells(batch.findings, self.file.name, "", 0)

    def read(self) -> None:
        header: dict[str, str] = {}
        for element in self._children(header):
            self._child(element)
        if self.file.collection_year is None:
            self.file.collection_year = self._year(header)
        self.file.rows_read = self.rows
        self.batch.rows_read += self.rows

    def _children(self, header: dict[str, str]) -> Iterator:
        """Each <Child> once it is complete; everything read so far is then freed."""
        wanted = [f"{{*}}{name}" for name in ("Child", "LEA", "Year", "ReferenceDate")]
        parser = etree.iterparse(str(self.file.path), events=("end",), tag=wanted,
                                 resolve_entities=False, no_network=True, huge_tree=True,
                                 remove_comments=True, remove_pis=True)
        try:
            for _, element in parser:
                name = _name(element)
                if name == "Child":
                    yield element
                    element.clear(keep_tail=False)
                    parent = element.getparent()
                    while element.getprevious() is not None:
                        del parent[0]
                elif element.text:
                    header.setdefault(name, element.text.strip())
        except etree.XMLSyntaxError as error:
            raise LoadError(self.file.name, f"not well-formed XML at line {error.lineno}: "
                            f"{error.msg}") from None
        root = parser.root
        if root is None or _name(root) != "Message":
            raise LoadError(self.file.name, "not a CIN census file: the root element is not <Message>")

    def _year(self, header: dict[str, str]) -> int | None:
        if re.fullmatch(r"\d{4}", header.get("Year", "")):
            return int(header["Year"])
        try:
            return collection_year(date.fromisoformat(header.get("ReferenceDate", "")))
        except ValueError:
            return None

    # Reading the elements of one part.

    def _cells(self, part: str, line: int) -> RowCells:
        """The file's cell reader, pointed at one element (one is reused: files are large)."""
        self.cells.table, self.cells.row = part, line
        return self.cells

    def _value(self, part: str, element) -> object:
        column, how, required = _ELEMENTS[(part, _name(element))]
        cells, name, raw = self._cells(part, element.sourceline), _name(element), element.text
        if how == "count":
            return cells.int(name, raw, required, minimum=0)
        if isinstance(how, str):
            return getattr(cells, how)(name, raw, required=required)
        value = cells.code(name, raw, tuple(how), required)
        return how[value] if isinstance(how, dict) and value is not None else value

    def _values(self, element) -> dict[str, dict[str, object]]:
        """A part's single-valued elements as {store table: {column: value}}.

        Elements the census does not have, repeats of a single element and missing required
        elements become findings; contained parts are left to the caller.
        """
        part = _name(element)
        values: dict[str, dict[str, object]] = {}
        seen: set[str] = set()
        for sub in element:
            name = _name(sub)
            if name not in _EXPECTED[part]:
                self._finding(part, sub, "element-unknown",
                              f"<{name}> is not part of <{part}> in the CIN census; it was not read",
                              Severity.INFO)
            elif name in seen and name not in _MANY:
                self._finding(part, sub, "element-repeated",
                              f"<{name}> appears more than once; the first was read")
            elif (part, name) in _ELEMENTS and name not in _MANY:
                table, column = _TARGETS[(part, name)]
                values.setdefault(table, {})[column] = self._value(part, sub)
            seen.add(name)
        for name in _REQUIRED[part]:
            if name not in seen:
                self._finding(part, element, "blank-mandatory", f"<{name}> is required", column=name)
        return values

    def _finding(self, part: str, element, rule: str, message: str,
                 severity: Severity = Severity.WARNING, column: str | None = None) -> None:
        self.batch.findings.add(self.file.name, rule, message, severity, table=part,
                                row=element.sourceline, column=column or _name(element))

    def _add(self, table: str, element, **values) -> None:
        self.batch.rows(table).add(self.index, element.sourceline, **values)
        self.rows += 1

    # Records.

    def _child(self, child) -> None:
        self._values(child)  # reports unknown elements directly under <Child>
        person: dict[str, object] = {}
        identifiers = _first(child, "ChildIdentifiers")
        characteristics = _first(child, "ChildCharacteristics")
        for part in (identifiers, characteristics):
            if part is not None:
                person.update(self._values(part).get("ssd_person", {}))
        if identifiers is not None and not any(
                _first(identifiers, name) is not None for name in ("Sex", "GenderCurrent")):
            self._finding("ChildIdentifiers", identifiers, "blank-mandatory",
                          "<Sex> (<GenderCurrent> up to 2024) is required", column="Sex")
        child_id = person.get("pers_person_id")
        self._add("ssd_person", child, **person)
        disabilities = None if characteristics is None else _first(characteristics, "Disabilities")
        if disabilities is not None:
            self._values(disabilities)
            for disability in _all(disabilities, "Disability"):
                code = self._value("Disabilities", disability)
                self._add("ssd_disability", disability, disa_table_id=record_id(child_id, code),
                          disa_person_id=child_id, disa_disability_code=code)
        for episode in _all(child, "CINdetails"):
            self._episode(child_id, episode)

    def _episode(self, child_id: str | None, episode) -> None:
        values = self._values(episode).get("ssd_cin_episodes", {})
        referral = record_id(child_id, _key(values.get("cine_referral_date"), episode))
        self._add("ssd_cin_episodes", episode, cine_referral_id=referral, cine_person_id=child_id,
                  **values)
        link = {"person": child_id, "referral": referral}
        for assessment in _all(episode, "Assessments"):
            self._assessment(link, assessment)
        for plan in _all(episode, "CINPlanDates"):
            values = self._values(plan).get("ssd_cin_plans", {})
            self._add("ssd_cin_plans", plan, cinp_person_id=child_id, cinp_referral_id=referral,
                      cinp_cin_plan_id=record_id(referral, "cin-plan",
                                                 _key(values.get("cinp_cin_plan_start_date"), plan)),
                      **values)
        for enquiry in _all(episode, "Section47"):
            self._section47(link, enquiry)
        for plan in _all(episode, "ChildProtectionPlans"):
            self._cp_plan(link, plan)

    def _assessment(self, link: dict, assessment) -> None:
        values = self._values(assessment).get("ssd_cin_assessments", {})
        assessment_id = record_id(link["referral"], "assessment",
                                  _key(values.get("cina_assessment_start_date"), assessment))
        self._add("ssd_cin_assessments", assessment, cina_assessment_id=assessment_id,
                  cina_person_id=link["person"], cina_referral_id=link["referral"], **values)
        factors = _first(assessment, "FactorsIdentifiedAtAssessment")
        if factors is not None:
            self._values(factors)
            found = [self._value("FactorsIdentifiedAtAssessment", f)
                     for f in _all(factors, "AssessmentFactors")]
            self._add("ssd_assessment_factors", factors, cinf_table_id=assessment_id,
                      cinf_assessment_id=assessment_id, cinf_person_id=link["person"],
                      cinf_assessment_factors_json=json.dumps([f for f in found if f]))

    def _section47(self, link: dict, enquiry) -> None:
        values = self._values(enquiry)
        s47 = values.get("ssd_s47_enquiry", {})
        s47_id = record_id(link["referral"], "s47", _key(s47.get("s47e_s47_start_date"), enquiry))
        self._add("ssd_s47_enquiry", enquiry, s47e_s47_enquiry_id=s47_id,
                  s47e_person_id=link["person"], s47e_referral_id=link["referral"], **s47)
        conference = values.get("ssd_initial_cp_conference", {})
        if conference.get("icpc_icpc_date") is not None:
            self._add("ssd_initial_cp_conference", enquiry,
                      icpc_icpc_id=record_id(link["referral"], "icpc", conference["icpc_icpc_date"]),
                      icpc_s47_enquiry_id=s47_id, icpc_person_id=link["person"],
                      icpc_referral_id=link["referral"], **conference)
        elif conference.get("icpc_icpc_target_date") is not None:
            self._finding("Section47", enquiry, "target-without-conference",
                          "an initial conference target date with no conference date is not "
                          "stored (the store holds conferences that took place)", Severity.INFO,
                          column="InitialCPCtarget")

    def _cp_plan(self, link: dict, plan) -> None:
        values = self._values(plan).get("ssd_cp_plans", {})
        plan_id = record_id(link["referral"], "cp-plan",
                            _key(values.get("cppl_cp_plan_start_date"), plan))
        self._add("ssd_cp_plans", plan, cppl_cp_plan_id=plan_id, cppl_person_id=link["person"],
                  cppl_referral_id=link["referral"], **values)
        reviews = _first(plan, "Reviews")
        if reviews is not None:
            self._values(reviews)
            for review in _all(reviews, "CPPreviewDate"):
                day = self._value("Reviews", review)
                self._add("ssd_cp_reviews", review, cppr_person_id=link["person"],
                          cppr_cp_plan_id=plan_id, cppr_cp_review_date=day,
                          cppr_cp_review_id=record_id(plan_id, "review", _key(day, review)))



def _key(day: date | None, element) -> date | str:
    """A record's date for its ID, or its XML line when the date is missing or unreadable."""
    return day if day is not None else f"line{element.sourceline}"


def _first(element, name: str):
    return next(_all(element, name), None)


def _all(element, name: str) -> Iterator:
    """Child elements by local name (namespaces ignored)."""
    return (sub for sub in element if isinstance(sub.tag, str) and _name(sub) == name)
