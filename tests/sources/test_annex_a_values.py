"""Our compact Annex A rules against every heading and synonym in ../shared's Annex_A_schema.yml.

The YAML gathers the values real authorities' exports hold, each filed under one of Annex A's
answers. Our rules must recognise every answer's own label and every value that carries a
statutory code. Free-text values are recognised or left for a finding (never guessed); the YAML
files some of them under answers their own words contradict ('Probation' under Police,
'1B Individual - Acquaintance' under Housing, 'White (Not yet obtained)' under Not stated while
'White - Not yet obtained' is under White), so where our rules read such a value differently the
count is held at or below today's, and the values are printed when it rises.
"""

import re
from collections import defaultdict

import pytest
import yaml

from cscperf.sources.annex_a_lists import LISTS
from cscperf.sources.annex_a_values import Choice
from tests.conftest import need_shared

# Columns whose answers the store has no place for, so they have no rules.
NOT_READ = {"Case Status", "What is the permanence plan for this child?", "Placement Location",
            "LA of Placement", "Is the (prospective) adopter fostering for adoption?",
            "Reason for leaving adoption process", "Disability"}

# Labels the YAML gives the same answer in two spellings.
SAME_ANSWER = {
    "j1: remanded to la or youth detention": "g) youth justice legal statuses",
    "j2: la accommodation under pace": "g) youth justice legal statuses",
    "f) detained on child protection grounds in la accomodation":
        "f) detained on child protection grounds in la accommodation",
    "c) unknown": "f) not stated",
    "a) male / d) neither": "d) neither",
}

MOST = {  # (not recognised, read as another answer) of how many values the YAML lists
    "Ethnicity": (214, 31),  # of 1737
    "Contact Source": (295, 115),  # of 1692: local service names, and contradictory filing
    "Referral Source": (295, 115),  # the same list
    "Primary Need Code": (109, 3),  # of 724: many are local need codes ('PSRMEM')
    "Child's Category of Need": (109, 3),  # the same list
    "Reason for Closure": (83, 34),  # of 318
    "Child's Legal Status": (25, 2),  # of 273
    "Reason Ceased to be Looked After": (15, 9),  # of 598
    "Placement Type": (43, 21),  # of 926
    "Type of Accommodation": (69, 8),  # of 348
    "Initial Category of Abuse": (0, 1),  # of 140
    "Latest Category of Abuse": (0, 1),
    "Placement Provider": (0, 1),  # of 110
    "Reason Why Child No Longer Placed for Adoption": (0, 1),  # of 50
}


def key(label: object) -> str:
    text = re.sub(r"\s+", " ", str(label)).strip().lower()
    return SAME_ANSWER.get(text, text)


@pytest.fixture(scope="module")
def annex_a() -> dict:
    with open(need_shared("spec", "annex-a", "Annex_A_schema.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["column_map"]


def columns(annex_a):
    for list_name, fields in annex_a.items():
        number = int(list_name.split("_")[1])
        for name, spec in fields.items():
            yield number, name, spec


def test_every_heading_is_recognised_as_its_own_column(annex_a):
    for number, name, _ in columns(annex_a):
        matched = [h.name for h in LISTS[number] if h.named(name)] or [
            h.name for h in LISTS[number] if h.matches(name)]
        if number == 11 and name != "Individual adopter identifier":
            continue  # list 11 is recognised by its adopter ID, never read
        assert len(matched) == 1 and re.sub(r"\W", "", matched[0].lower()) == re.sub(
            r"\W", "", name.lower()), (number, name, matched)


def synonyms(spec) -> dict[str, set[str]]:
    """Each value the YAML lists for a column -> the answers it files it under."""
    found: dict[str, set[str]] = defaultdict(set)
    for category in spec["category"]:
        names = category.get("name") or []
        if isinstance(names, str):  # Activity Status: a label split into letters by mistake
            names = []
        for value in [category["code"], *names]:
            found[str(value)].add(key(category["code"]))
    return found


def choices(annex_a):
    seen = set()
    for number, name, spec in columns(annex_a):
        if "category" not in spec or name in NOT_READ or name in seen:
            continue
        seen.add(name)
        [choice] = [h.read for h in LISTS[number] if h.named(name)]
        assert isinstance(choice, Choice), name
        yield name, choice, synonyms(spec)


def test_every_answer_label_and_every_coded_value_is_read_as_the_yaml_files_it(annex_a):
    wrong = []
    for name, choice, found in choices(annex_a):
        labels = {key(label) for values in found.values() for label in values}
        for value, expected in found.items():
            coded = any(word in choice.by_code for word in re.findall(r"[a-z0-9]+", value.lower())[:1])
            if (key(value) in labels and value != "zzCodeError") or coded:
                try:
                    label, _ = choice.answer(value)
                except ValueError:
                    wrong.append((name, value, "not recognised"))
                    continue
                if key(label) not in expected and not filed_elsewhere(name, value):
                    wrong.append((name, value, label))
    assert not wrong, wrong


# Values whose statutory code says one answer while the YAML files them under another (by the
# start of the value). Reading the code is right; the YAML's filing is the authority's mapping.
CODED_BUT_FILED_ELSEWHERE = {
    "Ethnicity": ("OOTH - Unspecified",),
    "Contact Source": ("1B Individual - Acquaintance", "7 - Police", "7 - Law"),
    "Referral Source": ("1B Individual - Acquaintance", "7 - Police", "7 - Law"),
    "Primary Need Code": ("N0 - N / A",),
    "Child's Category of Need": ("N0 - N / A",),
    "Reason for Closure": ("RC6:Transferred", "RC9 - De-escalation", "RC9 - NFA", "RC8 School",
                           "RC7:Case closed after assessment"),
    "Reason Ceased to be Looked After": ("E4A Return home with", "E17 - Staying Put",
                                         "E7 - Transferred", "E8-Transferred", "E8-Accommodation"),
    "Placement Type": ("A4 Placed for adoption w.", "H5 - Placement with other foster",
                       "H5 - Placed with own parents", "R5 - Independent living",
                       "H5 Semi-independent", "H5 IN - Residential"),
    "Placement Provider": ("PR0: Provision by own parents",),
}


def filed_elsewhere(name: str, value: str) -> bool:
    return value.startswith(CODED_BUT_FILED_ELSEWHERE.get(name, ()))


def test_free_text_values_are_read_as_the_yaml_files_them_or_left_for_a_finding(annex_a):
    report = {}
    for name, choice, found in choices(annex_a):
        unrecognised, different = [], []
        for value, expected in found.items():
            try:
                label, _ = choice.answer(value)
            except ValueError:
                unrecognised.append(value)
                continue
            if key(label) not in expected:
                different.append((value, label))
        most_unrecognised, most_different = MOST.get(name, (0, 0))
        if len(unrecognised) > most_unrecognised or len(different) > most_different:
            report[name] = (len(unrecognised), len(different), unrecognised[:20], different[:20])
    assert not report, report
