"""The CIN census XML as submitted, flattened into one table per repeating group.

`census` holds the file's header; `children` one row per <Child>; `disabilities`, `cin_details`
and the groups within a CIN episode one row per element. Census element names are kept as the
XSD spells them; the numbers cscperf adds to link the tables are in lower case: `child_no`,
`cin_no` (the CINdetails group), `assessment_no`, `cpp_no`. Every row repeats its child's
`LAchildID` as given, and its `source_row` is the line of its element. An element given twice
where the census allows one keeps the first.
"""

from __future__ import annotations

import functools
from datetime import date

from lxml import etree

from cscperf.quality.findings import LoadError
from cscperf.sources.files import SourceFile
from cscperf.sources.returns import RawRows, RawTable, Submitted
from cscperf.sources.years import collection_year

DATES = frozenset({"ReferenceDate", "PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate",
                   "CINreferralDate", "CINclosureDate", "DateOfInitialCPC",
                   "AssessmentActualStartDate", "AssessmentInternalReviewDate",
                   "AssessmentAuthorisationDate", "CINPlanStartDate", "CINPlanEndDate",
                   "S47ActualStartDate", "InitialCPCtarget", "CPPstartDate", "CPPendDate",
                   "CPPreviewDate"})


def _table(name: str, keys: str, elements: str) -> RawTable:
    columns = (*keys.split(), *elements.split())
    return RawTable("cin_census", name, columns, DATES & set(columns), child="LAchildID",
                    keys=frozenset(k for k in keys.split() if k.endswith("_no")))


_CHILD, _CIN = "child_no LAchildID", "child_no LAchildID cin_no"
TABLES = {table.name: table for table in (
    _table("census", "", "Collection Year ReferenceDate SourceLevel LEA SoftwareCode Release "
           "SerialNo DateTime"),
    _table("children", _CHILD, "UPN FormerUPN UPNunknown PersonBirthDate ExpectedPersonBirthDate "
           "GenderCurrent Sex PersonDeathDate Ethnicity"),
    _table("disabilities", _CHILD, "Disability"),
    _table("cin_details", _CIN, "CINreferralDate ReferralSource PrimaryNeedCode CINclosureDate "
           "ReasonForClosure DateOfInitialCPC ReferralNFA"),
    _table("assessments", f"{_CIN} assessment_no", "AssessmentActualStartDate "
           "AssessmentInternalReviewDate AssessmentAuthorisationDate"),
    _table("assessment_factors", f"{_CIN} assessment_no", "AssessmentFactors"),
    _table("cin_plans", _CIN, "CINPlanStartDate CINPlanEndDate"),
    _table("section47", _CIN, "S47ActualStartDate InitialCPCtarget DateOfInitialCPC ICPCnotRequired"),
    _table("cp_plans", f"{_CIN} cpp_no", "CPPstartDate CPPendDate InitialCategoryOfAbuse "
           "LatestCategoryOfAbuse NumberOfPreviousCPP"),
    _table("cp_reviews", f"{_CIN} cpp_no", "CPPreviewDate"),
)}

# The groups within a CIN episode, and the table each becomes.
_EPISODE_GROUPS = {"Assessments": "assessments", "CINPlanDates": "cin_plans",
                   "Section47": "section47", "ChildProtectionPlans": "cp_plans"}


@functools.cache
def _local(tag) -> str:
    """An element's name without its namespace ('' for a comment)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _texts(element) -> dict[str, str | None]:
    """The element's children's text by name, as given; the first of a repeated one. Groups
    inside it come too, under names no table has a column for."""
    values: dict[str, str | None] = {}
    for sub in element:
        values.setdefault(_local(sub.tag), sub.text)
    return values


class _Reader:
    """One read: numbers children, episodes, assessments and plans across every file given."""

    def __init__(self, submitted: Submitted):
        self.submitted = submitted
        self.rows = {name: RawRows(table) for name, table in TABLES.items()}
        self.counters = dict.fromkeys(("child_no", "cin_no", "assessment_no", "cpp_no"), 0)

    def next(self, key: str) -> int:
        self.counters[key] += 1
        return self.counters[key]

    def file(self, file: SourceFile) -> None:
        self.year, self.name = file.collection_year, file.name
        header: dict[str, str | None] = {}
        wanted = [f"{{*}}{name}" for name in ("Child", "CollectionDetails", "Source")]
        parser = etree.iterparse(str(file.path), events=("end",), tag=wanted,
                                 resolve_entities=False, no_network=True, huge_tree=True,
                                 remove_comments=True, remove_pis=True)
        header_line = 1
        try:
            for _, element in parser:
                if _local(element.tag) == "Child":
                    self.child(element)
                    element.clear(keep_tail=False)
                    parent = element.getparent()
                    while element.getprevious() is not None:
                        del parent[0]
                else:
                    header.update(_texts(element))
                    header_line = element.sourceline
                    self.year = self.year or _year(header)
        except etree.XMLSyntaxError as error:
            raise LoadError(file.name, f"not well-formed XML at line {error.lineno}: "
                            f"{error.msg}") from None
        self.add("census", header_line, header)
        self.submitted.files.extend((table, self.year, file.name) for table in TABLES)

    def add(self, table: str, line: int, values: dict) -> None:
        self.rows[table].add(self.year, self.name, line, values)

    def child(self, child) -> None:
        values = {"child_no": self.next("child_no")}
        for part in child:
            if _local(part.tag) in ("ChildIdentifiers", "ChildCharacteristics"):
                values.update(_texts(part))
        self.add("children", child.sourceline, values)
        link = {"child_no": values["child_no"], "LAchildID": values.get("LAchildID")}
        for part in child.iter("{*}Disability"):
            self.add("disabilities", part.sourceline, {**link, "Disability": part.text})
        for episode in child.iterchildren("{*}CINdetails"):
            self.episode(episode, {**link, "cin_no": self.next("cin_no")})

    def episode(self, episode, link: dict) -> None:
        self.add("cin_details", episode.sourceline, {**link, **_texts(episode)})
        for group in episode:
            table = _EPISODE_GROUPS.get(_local(group.tag))
            if table is None:
                continue
            values = {**link, **_texts(group)}
            if table == "assessments":
                values["assessment_no"] = self.next("assessment_no")
                for factor in group.iter("{*}AssessmentFactors"):
                    self.add("assessment_factors", factor.sourceline,
                             {**values, "AssessmentFactors": factor.text})
            elif table == "cp_plans":
                values["cpp_no"] = self.next("cpp_no")
                for review in group.iter("{*}CPPreviewDate"):
                    self.add("cp_reviews", review.sourceline, {**values, "CPPreviewDate": review.text})
            self.add(table, group.sourceline, values)


def _year(header: dict[str, str | None]) -> int | None:
    """The collection year the header gives, when the file's name did not."""
    given = (header.get("Year") or "").strip()
    if given.isdigit() and len(given) == 4:
        return int(given)
    try:
        return collection_year(date.fromisoformat((header.get("ReferenceDate") or "").strip()))
    except ValueError:
        return None


def read(files: list[SourceFile]) -> Submitted:
    submitted = Submitted("cin_census")
    reader = _Reader(submitted)
    for file in files:
        reader.file(file)
    submitted.tables = {name: rows.to_arrow() for name, rows in reader.rows.items() if len(rows)}
    return submitted
