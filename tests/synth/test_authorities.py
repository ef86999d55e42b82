"""The built-in authority list agrees with the reference files it was taken from."""

import csv
from collections import defaultdict

from cscperf.synth.authorities import authorities
from cscperf.synth.geography import postcode_index
from tests.conftest import need_shared

REFERENCE = need_shared("reference")
RENUMBERED = {"E08000016": "E08000038", "E08000019": "E08000039"}  # Barnsley, Sheffield (2024)


def test_codes_names_populations_and_districts():
    with (REFERENCE / "ons" / "ons_mid-year_population_estimates_2012_to_2024.csv").open(newline="") as handle:
        ons = {r["old_la_code"]: r for r in csv.DictReader(handle)
               if r["time_period"] == "2024" and r["geographic_level"] == "Local authority"}
    with (REFERENCE / "lookups" / "la_code_list.csv").open(newline="") as handle:
        names = {r["LA Number"]: r["LA Name"] for r in csv.DictReader(handle)}
    districts = defaultdict(list)
    with (REFERENCE / "lookups" / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv").open(newline="", encoding="utf-8-sig") as handle:
        for r in csv.DictReader(handle):
            districts[r["UTLA23CD"]].append(RENUMBERED.get(r["LTLA23CD"], r["LTLA23CD"]))
    built_in = authorities()
    assert len(built_in) == 153 and built_in.keys() == ons.keys()
    for code, a in built_in.items():
        assert (a.name, a.ons_code, a.population) == (names[code], ons[code]["new_la_code"],
                                                      int(ons[code]["population_estimate"]))
        assert sorted(a.districts) == sorted(districts[a.ons_code])
    index = postcode_index()
    assert all(d in index for a in built_in.values() for d in a.districts)
