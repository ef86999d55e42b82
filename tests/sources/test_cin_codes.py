"""Our CIN census code lists agree with the enumerations in each year's XSD in ../shared."""

import pytest
from lxml import etree

from cscperf.sources import cin_codes

XS = {"xs": "http://www.w3.org/2001/XMLSchema"}

OURS = {
    "unknownupntype": cin_codes.UPN_UNKNOWN,
    "ethnicitytype": cin_codes.ETHNICITY,
    "disabilitytype": cin_codes.DISABILITY,
    "referralsourcetype": cin_codes.REFERRAL_SOURCE,
    "categoryofabusetype": cin_codes.ABUSE_CATEGORY,
    "primaryneedcodetype": cin_codes.PRIMARY_NEED,
    "reasonforclosuretype": cin_codes.CLOSURE_REASON,
    "assessmentfactorstype": cin_codes.ASSESSMENT_FACTORS,
    "gendertype": tuple(cin_codes.GENDER_CURRENT),  # up to 2024
    "sextype": cin_codes.SEX,  # from 2025
}


def enumerations(path) -> dict[str, list[str]]:
    schema = etree.parse(str(path))
    return {simple.get("name"): [e.get("value") for e in simple.iterfind(".//xs:enumeration", XS)]
            for simple in schema.iterfind(".//xs:simpleType[@name]", XS)}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_code_lists_match_the_xsd(shared, year):
    published = enumerations(shared / f"spec/cin-census/CIN_schema_{year}.xsd")
    sex_type = "gendertype" if year <= 2024 else "sextype"
    for name, ours in OURS.items():
        if name in ("gendertype", "sextype") and name != sex_type:
            assert name not in published
            continue
        assert sorted(ours) == sorted(published[name]), name
