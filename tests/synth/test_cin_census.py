"""Each year's CIN census file is valid against that year's XSD."""

from lxml import etree

from tests.conftest import need_shared


def schema(year: int) -> etree.XMLSchema:
    name = f"CIN_schema_{max(2024, year)}.xsd"
    return etree.XMLSchema(etree.parse(str(need_shared("spec", "cin-census", name))))


def test_every_year_is_valid_against_its_schema(small):
    out, manifest = small
    files = sorted((out / "cin_census").glob("*.xml"))
    assert [f.name for f in files] == [f"CIN_Census_857_{y}.xml" for y in (2024, 2025, 2026)]
    for path in files:
        year = int(path.stem[-4:])
        document = etree.parse(str(path))
        xsd = schema(year)
        assert xsd.validate(document), f"{path.name}: {xsd.error_log.last_error}"
        assert document.findtext("Header/CollectionDetails/Year") == str(year)
        children = document.findall("Children/Child")
        assert len(children) == manifest.files[f"cin_census/{path.name}"] > 50


def test_sex_element_follows_the_year(small):
    out, _ = small
    old = etree.parse(str(out / "cin_census" / "CIN_Census_857_2024.xml"))
    new = etree.parse(str(out / "cin_census" / "CIN_Census_857_2025.xml"))
    assert {e.text for e in old.iter("GenderCurrent")} <= {"1", "2"} and not list(old.iter("Sex"))
    assert {e.text for e in new.iter("Sex")} <= {"M", "F"} and not list(new.iter("GenderCurrent"))


def test_earlier_years_follow_the_2024_schema(tmp_path):
    from datetime import date

    from cscperf.synth import generate

    generate(tmp_path, like="201", end=date(2023, 3, 31), years=2, formats=["cin"])
    for year in (2022, 2023):
        xsd = schema(year)
        document = etree.parse(str(tmp_path / "cin_census" / f"CIN_Census_201_{year}.xml"))
        assert xsd.validate(document), xsd.error_log.last_error
