"""The same synthetic truth loaded as 903 + CIN census and as an SSD extract gives the same store
contents for every field both carry.

Compared, table by table: the columns both loads fill, except IDs each reader makes up for
itself (the 903 and CIN census carry no episode, plan or referral IDs); children and
professionals the returns do not cover (the SSD also holds contacts-only children and every
worker, and each referral's social worker) are left out of the SSD side. Differences by design,
handled here:
- the SSD keeps a placement record for each placement type with the same carer, where the 903
  reader makes one placement per carer (T and U episodes continue it), so the SSD's records are
  joined at T and U episodes before comparing;
- `cine_initial_cpc_date` is in a census only for the year of the conference, and the next
  year's row for the same referral replaces the whole row, so the returns lose it where the
  extract keeps it: it is not compared;
- the SSD holds every child reported missing, the 903 only children looked after, so the
  extract's incidents outside care are left out of its side, and the measures of every child
  missing (`EVERY_CHILD_MISSING`) are not compared.
- the 903's OC2 says only whether the year's health checks were done, so the reader dates them
  31 March, where the extract has the days they were done: those dates are not compared, and
  the extract's checks of children who left care before 31 March (in no OC2 row) are left out;
- the extract gives the day care began, where the 903 reader works it out from the episodes it
  has, which for care that began before the first return is later: not compared;
- the 903 asks whether a young woman is a mother, and a child's UASC status, only while she or
  he is looked after in the year (rules 628 and 1014), where the extract records both for care
  leavers too: the extract's are compared only for young people the returns give them for;
- the 903 gives no home or placement postcode or URN for a short break (V3, V4), where the
  extract has them: they are left out of the extract's side.
"""

from collections import Counter, defaultdict

import pytest

from cscperf import sources, store
from cscperf.store.schema import TABLES

NOT_COMPARED = {"cine_initial_cpc_date", "clah_health_check_date", "clai_immunisations_status_date",
                "csdq_sdq_completed_date", "clae_entered_care_date"}
EVERY_CHILD_MISSING = {"missing_children_all", "missing_incidents_all"}
SHORT_BREAK_LOCATION = {
    "ssd_cla_episodes": ("clae_home_postcode", "clae_placement_postcode", "clae_placement_urn"),
    "ssd_cla_placement": ("clap_cla_placement_postcode", "clap_cla_placement_urn", "clap_cla_placement_distance")}
HEALTH_DATES = {"ssd_cla_health": "clah_health_check_date", "ssd_cla_immunisations": "clai_immunisations_status_date"}


def _year(day):
    """The collection year a date is in (2025 for 2024-25)."""
    return day.year + (day.month >= 4)


@pytest.fixture(scope="module")
def stores(small):
    out, _ = small
    returns, extract = store.connect(), store.connect()
    store.load(returns, sources.read_paths([out / "ssda903", out / "cin_census"], la="857"))
    store.load(extract, sources.read_paths([out / "ssd"], la="857"))
    yield returns, extract
    returns.close()
    extract.close()


def rows(con, table) -> list[dict]:
    names = table.column_names
    return [dict(zip(names, r)) for r in con.execute(f"SELECT {', '.join(names)} FROM {table.name}").fetchall()]


def joined_at_same_carer_changes(placements: list[dict], episodes: list[dict]) -> list[dict]:
    """SSD placement records joined into one per carer: a record starting with a T or U episode
    continues the one before."""
    same_carer = {(e["clae_person_id"], e["clae_cla_episode_start_date"]) for e in episodes
                  if e["clae_cla_episode_start_reason"] in ("T", "U")}
    joined, by_child = [], defaultdict(list)
    for p in sorted(placements, key=lambda p: (p["clap_person_id"], p["clap_cla_placement_start_date"])):
        mine = by_child[p["clap_person_id"]]
        if mine and (p["clap_person_id"], p["clap_cla_placement_start_date"]) in same_carer:
            mine[-1].update(clap_cla_placement_end_date=p["clap_cla_placement_end_date"],
                            clap_cla_placement_change_reason=p["clap_cla_placement_change_reason"])
        else:
            mine.append(dict(p))
            joined.append(mine[-1])
    return joined


def while_looked_after(incidents: list[dict], episodes: list[dict]) -> list[dict]:
    """The missing incidents that started while the child was looked after (the 903's)."""
    spans = defaultdict(list)
    for e in episodes:
        spans[e["clae_person_id"]].append((e["clae_cla_episode_start_date"], e["clae_cla_episode_ceased_date"]))

    def in_care(m: dict) -> bool:
        day = m["miss_missing_episode_start_date"]
        return any(start <= day and (end is None or day <= end) for start, end in spans[m["miss_person_id"]])
    return [m for m in incidents if in_care(m)]


def uasc_while_looked_after(statuses: list[dict], returned: list[dict], episodes: list[dict]) -> list[dict]:
    """The extract's UASC statuses as the returns can know them: of young people the returns
    give a status for, ending only if it ended by the last 31 March they were looked after."""
    uasc = {r["immi_person_id"] for r in returned}
    last_year = defaultdict(int)  # the last collection year each child was looked after in
    for e in episodes:
        ceased = e["clae_cla_episode_ceased_date"]
        last_year[e["clae_person_id"]] = max(last_year[e["clae_person_id"]], _year(ceased) if ceased else 9999)
    known = []
    for r in statuses:
        ended = r["immi_immigration_status_end_date"]
        if r["immi_person_id"] in uasc:
            late = ended is not None and _year(ended) > last_year[r["immi_person_id"]]
            known.append({**r, "immi_immigration_status_end_date": None} if late else r)
    return known


def test_returns_and_extract_give_the_same_store(stores):
    returns, extract = stores
    people = {r[0] for r in returns.execute("SELECT pers_person_id FROM ssd_person").fetchall()}
    extract_people = {r[0] for r in extract.execute("SELECT pers_person_id FROM ssd_person").fetchall()}
    assert people and people <= extract_people
    workers = {r[0] for r in returns.execute("SELECT prof_professional_id FROM ssd_professionals").fetchall()}
    compared = {}
    for table in TABLES:
        a, b = rows(returns, table), rows(extract, table)
        if table.person:
            b = [r for r in b if r[table.person] in people]
        if table.name == "ssd_professionals":
            b = [r for r in b if r["prof_professional_id"] in workers]
        if table.name == "ssd_involvements":  # the extract also has each referral's social worker
            b = [r for r in b if r["invo_referral_id"] is None]
        if table.name == "ssd_person":
            mothers = {r["pers_person_id"] for r in a if r["pers_is_mother"] is not None}
            b = [r if r["pers_person_id"] in mothers else {**r, "pers_is_mother": None} for r in b]
        if table.name == "ssd_immigration_status":
            b = uasc_while_looked_after(b, a, rows(returns, TABLES[[t.name for t in TABLES].index("ssd_cla_episodes")]))
        if table.name in HEALTH_DATES:  # and the checks of children who left care before 31 March
            day = HEALTH_DATES[table.name]
            years = {(r[table.person], _year(r[day])) for r in a}
            b = [r for r in b if (r[table.person], _year(r[day])) in years]
        if table.name == "ssd_cla_episodes":
            b = [{**r, **dict.fromkeys(SHORT_BREAK_LOCATION[table.name], None)}
                 if r["clae_legal_status"] in ("V3", "V4") else r for r in b]
        if table.name == "ssd_cla_placement":
            extract_episodes = rows(extract, TABLES[[t.name for t in TABLES].index("ssd_cla_episodes")])
            breaks = {e["clae_cla_placement_id"] for e in extract_episodes if e["clae_legal_status"] in ("V3", "V4")}
            b = [{**r, **dict.fromkeys(SHORT_BREAK_LOCATION[table.name], None)}
                 if r["clap_cla_placement_id"] in breaks else r for r in joined_at_same_carer_changes(b, extract_episodes)]
        if table.name == "ssd_missing":
            b = while_looked_after(b, rows(extract, TABLES[[t.name for t in TABLES].index("ssd_cla_episodes")]))
        if not a:
            continue
        columns = [c.name for c in table.columns if c.name not in NOT_COMPARED
                   and (c.type.kind != "id" or c.name in (table.person, "prof_professional_id", "invo_professional_id"))
                   and any(r[c.name] is not None for r in a) and any(r[c.name] is not None for r in b)]
        only_returns = Counter(tuple(r[c] for c in columns) for r in a) - Counter(tuple(r[c] for c in columns) for r in b)
        only_extract = Counter(tuple(r[c] for c in columns) for r in b) - Counter(tuple(r[c] for c in columns) for r in a)
        assert not only_returns and not only_extract, (table.name, columns, list(only_returns)[:2], list(only_extract)[:2])
        compared[table.name] = (len(a), len(columns))
    # Every table the returns feed was compared (professionals by ID: the returns carry no more).
    assert len(compared) == 26 and all(width >= 2 for name, (_, width) in compared.items()
                                       if name != "ssd_professionals"), compared


# Indicators that need columns cscperf adds to the SSD: a plan's number of previous plans (the CIN
# census's NumberOfPreviousCPP) and the birthday a care leaver's record is about (903 OC3). The
# extract carries both, and the SSD reader reads them.
def needs_added_columns(indicator: str) -> bool:
    return indicator == "cp_second_or_subsequent_pct" or indicator.startswith("care_leavers_")


PERIODS = ["2024-25", "2025-26", "2025-26:Q3", "2026-03", "12m:2025-09"]


def indicators(con) -> dict:
    from cscperf.indicators import engine

    # a figure that needs records from before the first return (a child in care since before it)
    # says so, and is not expected to match the extract's, which knows when care began
    return {(r.id, str(r.period)): (r.numerator, r.denominator) for r in engine.compute(con, period=PERIODS, la="857")
            if r.numerator is not None and r.history is None and r.id not in EVERY_CHILD_MISSING}


# The 903 gives each year's health checks as they stood on 31 March, the extract the days they were
# done: the two agree for periods ending on 31 March. The 903 has no social workers' full-time
# equivalence, so its caseloads are per head. The extract's involvements hold the social worker of
# a referral before care too, where the 903's social worker table starts with care, so a child can
# have one more different social worker in the year from the extract.
AS_AT_31_MARCH = {"cla_health_assessment_pct", "cla_dental_check_pct", "cla_immunisations_pct", "cla_sdq_average"}
ONLY_THE_EXTRACT_HAS = {"workforce_avg_caseload", "cla_3plus_social_workers_pct"}


def test_every_indicator_both_can_compute_is_the_same(stores):
    returns, extract = (indicators(con) for con in stores)
    both = {k for k in returns.keys() & extract.keys() if k[0] not in ONLY_THE_EXTRACT_HAS
            and (k[0] not in AS_AT_31_MARCH or k[1] in ("2024-25", "2025-26", "2026-03"))}
    assert len(both) > 60
    assert {k: (returns[k], extract[k]) for k in both if returns[k] != extract[k]} == {}


def test_second_cp_plans_and_care_leavers_are_the_same_from_an_extract(stores):
    returns, extract = (indicators(con) for con in stores)
    needing = sorted(k for k in returns if needs_added_columns(k[0]))
    assert len(needing) >= 10
    assert [returns[k] for k in needing] == [extract.get(k) for k in needing]


# Columns of 903 episodes the loader works out again after every load (periods of care,
# placements), whatever the earlier row had.
DERIVED_FROM_903 = {"clae_cla_id", "clae_entered_care_date", "clae_cla_placement_id"}


def test_returns_loaded_over_the_extract_keep_what_they_do_not_carry(small, stores):
    """The extract, then the same year's returns into one store: each row the returns replace
    keeps the extract's values of the columns the returns do not carry (IDs, teams, workers)."""
    out, _ = small
    _, extract = stores
    returns = sources.read_paths([out / "ssda903", out / "cin_census"], la="857")
    given = defaultdict(set)
    for batch in returns:
        for name, table_rows in batch.tables.items():
            given[name] |= table_rows.given
    both = store.connect()
    store.load(both, sources.read_paths([out / "ssd"], la="857"))
    summary = store.load(both, returns)
    kept = {(f.table, f.column) for f in summary.findings if f.rule == "kept-from-earlier-load"}
    assert {("ssd_person", "pers_is_mother"), ("ssd_cin_episodes", "cine_referral_worker_id"),
            ("ssd_professionals", "prof_professional_name")} <= kept
    checked = 0
    for table in TABLES:
        columns = [c.name for c in table.columns if c.name not in given[table.name] | DERIVED_FROM_903
                   and c.name not in table.key and (table.name, c.name) in kept]
        if not columns:
            continue
        from_returns = f"""SELECT {', '.join(table.key)}, {', '.join(columns)} FROM {table.name}
            WHERE source_file_id IN (SELECT file_id FROM meta.load_files WHERE format <> 'ssd')"""
        mine = {r[:len(table.key)]: r[len(table.key):] for r in both.execute(from_returns).fetchall()}
        theirs = {r[:len(table.key)]: r[len(table.key):] for r in extract.execute(
            f"SELECT {', '.join(table.key)}, {', '.join(columns)} FROM {table.name}").fetchall()}
        replaced = mine.keys() & theirs.keys()
        assert replaced, table.name
        assert {k: (mine[k], theirs[k]) for k in replaced if mine[k] != theirs[k]} == {}, table.name
        checked += len(replaced)
    assert checked > 1000
    both.close()
