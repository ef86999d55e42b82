"""An authority like Thurrock (883), without defects, lands near Thurrock's published figures.

The measures are computed here independently of the generator, from the written SSD files and
from the store loaded with the 903 and CIN census files, and must agree with what the generator
reported. Stated tolerance: rates per 10,000 within 15% of
the target; percentages within 6 points, except those of about 100 children a year (second or
subsequent CP plans, care leavers aged 19-21 in education, employment or training), whose
sampling spread is 4 to 5 points: 12 points.
"""

import csv
from collections import defaultdict
from datetime import date, timedelta

import holidays
import pytest

from cscperf.reference.snapshot import SNAPSHOT
from cscperf.synth import generate

YEAR_START, YEAR_END = date(2024, 4, 1), date(2025, 3, 31)
EET = {"F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"}
BANK = holidays.country_holidays("GB", subdiv="ENG", years=range(2020, 2027))


def working_days(start: date, end: date) -> int:
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5 and day not in BANK
    return days


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return date(day.year - 1, 3, 1)


def from_files(out):
    """Rows of an SSD table from the written extract, dates parsed."""
    def read(table):
        with (out / "ssd" / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for key, value in row.items():
                if key.endswith(("_date", "_dob", "_birthday")):
                    row[key] = date.fromisoformat(value) if value else None
        return rows
    return read


def from_store(con):
    """Rows of a store table, as dictionaries; blanks are empty strings, as in the files."""
    def read(table):
        cursor = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        return [{n: ("" if v is None and not n.endswith(("_date", "_dob", "_birthday")) else v)
                 for n, v in zip(names, r)} for r in cursor.fetchall()]
    return read


def measures(read, population: int) -> dict[str, float]:
    """The headline measures for 2024-25, as the indicator library defines them, from `read`
    (a table name -> its rows)."""
    day, first, last = YEAR_END, YEAR_START, YEAR_END
    def in_year(d):
        return bool(d) and first <= d <= last
    def open_on(start, end):
        return start <= day and (not end or end > day)
    episodes = [e for e in read("ssd_cla_episodes") if e["clae_legal_status"] not in ("V3", "V4")]
    cla = {e["clae_person_id"] for e in episodes
           if open_on(e["clae_cla_episode_start_date"], e["clae_cla_episode_ceased_date"])}
    plans = read("ssd_cp_plans")
    cp = {p["cppl_person_id"] for p in plans if open_on(p["cppl_cp_plan_start_date"], p["cppl_cp_plan_end_date"])}
    referrals = read("ssd_cin_episodes")
    cin = {r["cine_person_id"] for r in referrals
           if r["cine_referral_nfa"] != "Y" and open_on(r["cine_referral_date"], r["cine_close_date"])}
    by_child = defaultdict(list)
    for r in referrals:
        by_child[r["cine_person_id"]].append(r["cine_referral_date"])
    in_period = [(r["cine_person_id"], r["cine_referral_date"]) for r in referrals if in_year(r["cine_referral_date"])]
    rereferred = [1 for person, d in in_period if any(year_before(d) <= e < d for e in by_child[person])]
    assessed = [a for a in read("ssd_cin_assessments") if in_year(a["cina_assessment_auth_date"])]
    on_time = [a for a in assessed if working_days(a["cina_assessment_start_date"], a["cina_assessment_auth_date"]) <= 45]
    started = [p for p in plans if in_year(p["cppl_cp_plan_start_date"])]
    second = [p for p in started if int(p["cppl_cp_plan_number_of_previous"]) > 0 or any(
        q["cppl_person_id"] == p["cppl_person_id"] and q["cppl_cp_plan_start_date"] < p["cppl_cp_plan_start_date"]
        for q in plans)]
    placements = defaultdict(int)
    for person in cla:
        mine = sorted((e for e in episodes if e["clae_person_id"] == person and e["clae_cla_episode_start_date"] <= last
                       and (not e["clae_cla_episode_ceased_date"] or e["clae_cla_episode_ceased_date"] >= first)),
                      key=lambda e: e["clae_cla_episode_start_date"])
        placements[person] = 1 + sum(e["clae_cla_episode_start_reason"] in "SPB" for e in mine[1:])
    dob = {p["pers_person_id"]: p["pers_dob"] for p in read("ssd_person")}
    leavers = [c for c in read("ssd_care_leavers") if in_year(c["clea_care_leaver_birthday"])
               and c["clea_care_leaver_birthday"].year - dob[c["clea_person_id"]].year >= 19
               and c["clea_care_leaver_in_touch"] not in ("DIED", "RHOM")]
    def pct(part, whole):
        return round(100 * len(part) / len(whole), 1)
    def rate(children):
        return round(10_000 * len(children) / population, 1)
    return {
        "cla_per_10k": rate(cla), "cp_per_10k": rate(cp), "cin_per_10k": rate(cin),
        "referrals_per_10k": rate(in_period), "rereferrals_pct": pct(rereferred, in_period),
        "assessments_45wd_pct": pct(on_time, assessed), "cp_second_pct": pct(second, started),
        "placements_3plus_pct": pct([p for p in placements.values() if p >= 3], cla),
        "care_leavers_eet_pct": pct([c for c in leavers if c["clea_care_leaver_activity"] in EET], leavers),
    }


@pytest.fixture(scope="module")
def thurrock(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "883"
    manifest = generate(out, like="883", seed=11, end=YEAR_END, years=2, formats=["903", "cin", "ssd"],
                        reference=SNAPSHOT)
    return out, manifest


def test_measures_from_the_files_agree_with_the_generator(thurrock):
    out, manifest = thurrock
    assert manifest.population == 46271  # ONS mid-2024, children aged 0-17
    assert measures(from_files(out), manifest.population) == manifest.achieved


def test_measures_through_the_store_agree_with_the_generator(thurrock):
    from cscperf import sources, store

    out, manifest = thurrock
    con = store.connect()
    store.load(con, sources.read_paths([out / "ssda903", out / "cin_census"], la="883"))
    assert measures(from_store(con), manifest.population) == manifest.achieved


def test_headline_rates_land_near_thurrocks_published_figures(thurrock):
    out, manifest = thurrock
    assert manifest.targets["cla_per_10k"] == pytest.approx(276 / 46271 * 10_000, abs=0.1)  # EES 2025: 276 children
    assert manifest.targets["rereferrals_pct"] == 16.0
    achieved = measures(from_files(out), manifest.population)
    for name, target in manifest.targets.items():
        if name.endswith("_per_10k"):
            assert achieved[name] == pytest.approx(target, rel=0.15), name
        else:
            few = name in ("cp_second_pct", "care_leavers_eet_pct")
            assert achieved[name] == pytest.approx(target, abs=12 if few else 6), name
