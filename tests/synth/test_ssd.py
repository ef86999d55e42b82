"""The SSD extract has one file per store table, with exactly the store's columns."""

import csv
import json
from collections import Counter, defaultdict
from datetime import date
from itertools import pairwise

from cscperf.store.schema import TABLES


def read(out, table):
    with (out / "ssd" / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_one_file_per_table_with_the_stores_columns(small):
    out, _ = small
    assert sorted(p.stem for p in (out / "ssd").glob("*.csv")) == sorted(t.name for t in TABLES)
    for table in TABLES:
        with (out / "ssd" / f"{table.name}.csv").open(newline="", encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == table.column_names


def test_values_follow_the_stores_conventions(small):
    out, _ = small
    people = read(out, "ssd_person")
    assert {p["pers_sex"] for p in people} <= {"M", "F"}
    assert all(len(p["pers_dob"]) == 10 and p["pers_dob"][4] == "-" for p in people)
    assert len({p["pers_person_id"] for p in people}) == len(people)
    episodes = read(out, "ssd_cla_episodes")
    assert all(" " not in e["clae_placement_postcode"] for e in episodes)
    assert {e["clae_cla_episode_start_reason"] for e in episodes} <= set("SLPTBU")
    factors = read(out, "ssd_assessment_factors")
    assert all(isinstance(json.loads(f["cinf_assessment_factors_json"]), list) for f in factors)
    placements = read(out, "ssd_cla_placement")
    # a child who is or was UASC has no home postcode, so no distance
    assert all(float(p["clap_cla_placement_distance"]) >= 0 for p in placements if p["clap_cla_placement_distance"])


def test_missing_incidents_have_times_of_day_and_end_after_they_start(small):
    out, _ = small
    incidents = read(out, "ssd_missing")
    assert incidents
    for row in incidents:
        gone, back = row["miss_missing_episode_start_time"], row["miss_missing_episode_end_time"]
        assert gone[:10] == row["miss_missing_episode_start_date"] and back[:10] == row["miss_missing_episode_end_date"]
        assert "T" in gone and gone[11:] != "00:00:00"
        assert back == "" or ("T" in back and back[11:] != "00:00:00" and back >= gone), row


def test_children_go_missing_from_home_as_well_as_from_care(small):
    out, _ = small
    looked_after = {e["clae_person_id"] for e in read(out, "ssd_cla_episodes")}
    reported = {m["miss_person_id"] for m in read(out, "ssd_missing")}
    assert reported & looked_after and reported - looked_after
    # the 903 holds only incidents while looked after
    for path in (out / "ssda903").glob("SSDA903_*_missing.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            assert {m["CHILD"] for m in csv.DictReader(handle)} <= looked_after


def test_some_early_help_is_followed_by_a_referral_within_12_months(small):
    out, _ = small
    referred = {}
    for r in read(out, "ssd_cin_episodes"):
        referred.setdefault(r["cine_person_id"], []).append(r["cine_referral_date"])
    episodes = read(out, "ssd_early_help_episodes")
    stepped_up = [e for e in episodes
                  if any(0 <= (date.fromisoformat(day) - date.fromisoformat(e["earl_episode_start_date"])).days <= 365
                         for day in referred.get(e["earl_person_id"], []))]
    assert 0.05 < len(stepped_up) / len(episodes) < 0.4
def test_records_are_dated_like_a_real_authoritys(small):
    # Health checks are done through the year (around each anniversary of entering care), not all
    # on 31 March, so no monthly health series jumps at the year end.
    out, _ = small
    days = [r["clah_health_check_date"] for r in read(out, "ssd_cla_health")]
    assert len(days) > 100 and sum(d.endswith("-03-31") for d in days) < len(days) / 20
    assert len({d[5:7] for d in days}) == 12  # every month
    # Each child keeps a timetable from the day they entered care: each check a year after the one
    # before, in the same period of care, and only while looked after. So a child looked after for
    # 12 months has had each check (as far as it was done) in the 12 months to any day, and none is
    # missed or doubled at a year's end.
    care = defaultdict(list)
    for e in read(out, "ssd_cla_episodes"):
        care[e["clae_person_id"]].append((e["clae_cla_episode_start_date"], e["clae_cla_episode_ceased_date"] or "9",
                                          e["clae_cla_id"]))
    done = defaultdict(list)
    for r in read(out, "ssd_cla_health"):
        day = r["clah_health_check_date"]
        [period] = [cla for start, end, cla in care[r["clah_person_id"]] if start <= day < end]
        done[(period, r["clah_health_check_type"])].append(date.fromisoformat(day))
    gaps = Counter((b - a).days for days in done.values() for a, b in pairwise(sorted(days)))
    assert gaps[365] > 50 and set(gaps) <= {365, 366}
    # An interim care order (C1) lasts while care proceedings run (26 weeks is the target), then a
    # full care order (C2) or a placement order (E1) follows; none lasts years.
    statuses = read(out, "ssd_legal_status")
    interim = [s for s in statuses if s["lega_legal_status"] == "C1"]
    assert interim and all(s["lega_legal_status_start_date"] >= "2021-01-01" for s in interim)
    ended = [s for s in interim if s["lega_legal_status_end_date"]]
    assert ended and max(date.fromisoformat(s["lega_legal_status_end_date"])
                         - date.fromisoformat(s["lega_legal_status_start_date"]) for s in ended).days < 550


def test_caseloads_count_every_case(small):
    # Each referral's social worker holds the case until it closes or the child comes into care,
    # so involvements are every allocation, as the DfE's caseloads count them.
    out, _ = small
    involvements = read(out, "ssd_involvements")
    assert any(i["invo_referral_id"] for i in involvements) and any(not i["invo_referral_id"] for i in involvements)
