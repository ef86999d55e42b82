"""Importing the published folder: what lands where, typed suppression codes, releases, revisions,
idempotence and all-or-nothing."""

import shutil
from pathlib import Path

import pytest

from cscperf import store
from cscperf.quality.findings import LoadError
from cscperf.reference.figures import year_figures
from cscperf.reference.importer import import_reference
from cscperf.reference.measures import measure

CLA_FILE = "cla_number_and_rate_per_10k_children.csv"


def one(con, sql: str, params=()):
    return con.execute(sql, list(params)).fetchone()


def test_every_part_is_imported(publishers_con):
    kinds = dict(publishers_con.execute(
        "SELECT kind, count(*) FROM ref.releases GROUP BY 1").fetchall())
    assert kinds == {"ees": 21, "lait": 1, "lait_dictionary": 1, "population": 1,
                     "stat_neighbours": 4, "lookup": 4}
    assert one(publishers_con, "SELECT count(*) FROM ref.figures WHERE source = 'lait'")[0] == 641070
    assert one(publishers_con, "SELECT count(*) FROM ref.lait_dictionary")[0] == 448
    assert one(publishers_con, "SELECT count(*) FROM ref.la_codes")[0] == 161
    assert one(publishers_con, "SELECT count(DISTINCT la) FROM ref.stat_neighbours WHERE model = 2025")[0] == 153


def test_suppression_codes_are_typed_never_zero(publishers_con):
    # ees/c1 2025, Isles of Scilly: no_further_action_count and _percent are 'c'
    rows = publishers_con.execute("""
        SELECT measure, value, code FROM ref.figures
        WHERE dataset = 'c1_children_in_need_referrals_and_rereferrals' AND year = 2025 AND area_code = '420'
          AND measure IN ('no_further_action_percent', 'rereferral_percent') ORDER BY 1""").fetchall()
    assert rows == [("no_further_action_percent", None, "c"), ("rereferral_percent", 0.0, None)]
    codes = dict(publishers_con.execute(
        "SELECT code, count(*) FROM ref.figures WHERE code IS NOT NULL GROUP BY 1").fetchall())
    assert {"c", "k", "u", "x", "z", "low", "-"} <= set(codes)
    assert one(publishers_con, "SELECT count(*) FROM ref.figures WHERE code IS NOT NULL AND value IS NOT NULL")[0] == 0
    assert one(publishers_con, "SELECT count(*) FROM ref.figures WHERE code IS NULL AND value IS NULL")[0] == 0


def test_periods_years_and_areas(publishers_con):
    # LAIT labels: '2014-16' ends in 2016, '2022-23' in 2023, '2023 (Rev)' is 2023.
    years = dict(publishers_con.execute(
        "SELECT DISTINCT time_period, year FROM ref.figures WHERE source = 'lait' "
        "AND time_period IN ('2014-16', '2022-23', '2023 (Rev)', '2013/14-15/16', '0')").fetchall())
    assert years == {"2014-16": 2016, "2022-23": 2023, "2023 (Rev)": 2023, "2013/14-15/16": 2016, "0": None}
    # EES academic years: 202425 ends in 2025. LAIT's Outer London (988) is stored under its ONS code.
    assert one(publishers_con, "SELECT DISTINCT year FROM ref.figures WHERE time_period = '202425'")[0] == 2025
    assert one(publishers_con, "SELECT DISTINCT level, area_name FROM ref.figures "
                              "WHERE source = 'lait' AND area_code = 'E13000002'") == ("regional", "London (Outer)")
    # Durations years:months become months: 2025 England, entry to care to decision, aged 1: 00:10.
    assert one(publishers_con, """
        SELECT value FROM ref.figures WHERE dataset = 'national_cla_adopted_average_time_between_adoption_process_stages'
          AND year = 2025 AND filters LIKE '%age_start_poc=Aged 1|%' AND filters LIKE '%=1. Average time%'""")[0] == 10


def test_neighbours_and_lookups(publishers_con):
    essex = publishers_con.execute("SELECT rank, neighbour, closeness FROM ref.stat_neighbours "
                                  "WHERE model = 2025 AND la = '881' ORDER BY rank LIMIT 2").fetchall()
    assert essex == [(1, "886", "Very close"), (2, "938", "Very close")]
    # sn_may_2025.csv keeps abolished authorities after an 'Old SNs:' line: not part of the model.
    assert one(publishers_con, "SELECT count(*) FROM ref.stat_neighbours WHERE model = 2025 AND la = '909'")[0] == 0
    # Cumberland has no neighbours ('-') in the 2021 model.
    assert one(publishers_con, "SELECT count(*) FROM ref.stat_neighbours WHERE model = 2021 AND la = '942'")[0] == 0
    assert publishers_con.execute("SELECT ons_code, first_year, last_year FROM ref.la_codes WHERE la = '825' "
                                 "ORDER BY first_year").fetchall() == [("E10000002", 2013, 2020),
                                                                       ("E06000060", 2021, 2025)]
    assert one(publishers_con, "SELECT utla_code FROM ref.ltla_utla WHERE ltla_code = 'E07000070'") == ("E10000012",)
    assert one(publishers_con, "SELECT polarity, polarity_published FROM ref.lait_dictionary "
                              "WHERE measure = 'ReReferral'") == ("lower_better", "Low")


@pytest.fixture
def two_releases(tmp_path: Path, shared: Path) -> tuple[Path, Path]:
    """The CLA file as first published (England 2024: 70) and as revised (69)."""
    revised = shared / "reference" / "ees" / CLA_FILE
    first = tmp_path / "first" / "ees" / CLA_FILE
    first.parent.mkdir(parents=True)
    lines = revised.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    england_2024 = [i for i, line in enumerate(lines) if line.startswith("2024,Reporting year,National,")
                    and "looked after on 31 March" in line]
    assert len(england_2024) == 1 and lines[england_2024[0]].rstrip().endswith(",69")
    lines[england_2024[0]] = lines[england_2024[0]].rstrip()[:-2] + "70\n"
    first.write_text("".join(lines), encoding="utf-8")
    second = tmp_path / "second" / "ees" / CLA_FILE
    second.parent.mkdir(parents=True)
    shutil.copy(revised, second)
    return first.parents[1], second.parents[1]


def test_a_revised_release_is_kept_beside_the_first_and_used(con, two_releases):
    first, second = two_releases
    rate = measure("cla_rate_per_10k")
    import_reference(con, first)
    assert year_figures(con, rate, 2024)["E92000001"].value == 70
    summary = import_reference(con, second)
    assert [f.unchanged for f in summary.files] == [False]
    releases = con.execute("SELECT release_id, file_name FROM ref.releases ORDER BY 1").fetchall()
    assert [name for _, name in releases] == [CLA_FILE, CLA_FILE]
    latest = year_figures(con, rate, 2024)["E92000001"]
    assert latest.value == 69 and latest.release.release_id == releases[1][0]
    assert year_figures(con, rate, 2024, release=releases[0][0])["E92000001"].value == 70
    # Unrevised figures come from the latest release too; the first release's rows are all kept.
    assert year_figures(con, rate, 2024)["881"].release.release_id == releases[1][0]
    counts = con.execute("SELECT release_id, count(*) FROM ref.figures GROUP BY 1 ORDER BY 1").fetchall()
    assert counts[0][1] == counts[1][1] == 7515


def test_importing_again_changes_nothing(con, two_releases):
    _, folder = two_releases
    first = import_reference(con, folder)
    again = import_reference(con, folder)
    assert first.rows == 7515 and again.rows == 0 and all(f.unchanged for f in again.files)
    assert one(con, "SELECT count(*) FROM ref.releases")[0] == 1
    assert one(con, "SELECT count(*) FROM ref.figures")[0] == 7515


def test_a_bad_file_stops_the_import_and_changes_nothing(con, two_releases):
    _, folder = two_releases
    (folder / "ees" / "zz_broken.csv").write_text("area,value\nEssex,1\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"zz_broken.csv: not in the Explore Education Statistics layout"):
        import_reference(con, folder)
    assert one(con, "SELECT count(*) FROM ref.releases")[0] == 0
    assert one(con, "SELECT count(*) FROM ref.figures")[0] == 0


def test_nothing_to_import(con, tmp_path):
    with pytest.raises(LoadError, match="is not a folder"):
        import_reference(con, tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(LoadError, match="holds no published reference files"):
        import_reference(con, tmp_path)


def test_ref_schema_is_created_with_the_store(tmp_path):
    connection = store.connect(tmp_path / "new.duckdb")
    tables = {row[0] for row in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ref'").fetchall()}
    assert {"releases", "figures", "population", "stat_neighbours", "la_codes", "lait_dictionary"} <= tables
    assert [c[0] for c in connection.execute("DESCRIBE ref.population").fetchall()] == [
        "la", "mid_year", "population", "source"]
    connection.close()
    store.connect(tmp_path / "new.duckdb").close()  # and again: nothing to do, no error


def test_an_unreadable_file_is_named_and_nothing_is_imported(con, two_releases):
    _, folder = two_releases
    (folder / "lait").mkdir()
    (folder / "lait" / "bds_long_0.parquet").write_text("not parquet")
    with pytest.raises(LoadError, match=r"^lait/bds_long_0.parquet: could not be imported and nothing "
                                        r"was changed \(.*Error"):
        import_reference(con, folder)
    assert one(con, "SELECT count(*) FROM ref.figures")[0] == 0
