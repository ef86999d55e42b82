"""The snapshot of the published figures cscperf ships: small, named by its sources and licence,
built by `cscperf reference snapshot` from the publishers' files, and holding every figure the
registry and the synthetic generator read, exactly as the publishers' files give it."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscperf.cli import app
from cscperf.reference.measures import LaitSource, OfstedSource, catalogue
from cscperf.reference.snapshot import SNAPSHOT, wanted
from cscperf.synth import targets
from tests.conftest import need_shared

DATA_FILES = sorted(p.relative_to(SNAPSHOT).as_posix() for p in SNAPSHOT.rglob("*")
                    if p.is_file() and p.name != "SOURCES.md")


def test_the_snapshot_is_small_and_names_its_sources_and_licence():
    assert sum((SNAPSHOT / f).stat().st_size for f in DATA_FILES) < 6 * 2**20
    sources = (SNAPSHOT / "SOURCES.md").read_text()
    assert "Open Government Licence v3.0" in sources
    assert all(f"`{f}`" in sources for f in DATA_FILES)
    assert "https://explore-education-statistics.service.gov.uk/find-statistics/" in sources


def test_every_mapping_resolves_offline(reference_con):
    """`reference_con` is the shipped snapshot imported: every published measure has figures for
    England and for most authorities in its latest year (tests/reference/test_measures.py checks
    each source for England and Essex). Ofsted's fostering file is downloaded by hand, so its
    measures are not shipped (tests/indicators/test_published.py reads a fixture of it)."""
    from cscperf.reference.figures import year_figures, years

    for measure in catalogue().values():
        if all(isinstance(s, OfstedSource) for s in measure.sources):
            continue
        latest = years(reference_con, measure)[-1]
        figures = year_figures(reference_con, measure, latest)
        assert "E92000001" in figures, measure.id
        assert sum(f.level == "la" for f in figures.values()) > 140, measure.id


def test_the_command_rebuilds_it_from_files_in_the_publishers_layout(tmp_path):
    # The snapshot is itself in the publishers' layout: built again from it, its data is unchanged.
    result = CliRunner().invoke(app, ["reference", "snapshot", str(SNAPSHOT), "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "Wrote 28 files" in result.output
    for name in DATA_FILES:
        assert (tmp_path / "s" / name).read_bytes() == (SNAPSHOT / name).read_bytes(), name


def test_a_folder_that_is_not_the_publishers_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["reference", "snapshot", str(tmp_path), "--out", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "holds no ees/ folder" in " ".join(result.output.split()) and not (tmp_path / "s").exists()


def test_the_shipped_snapshot_is_current(tmp_path):
    """Built from the publishers' files beside the clone, it is byte for byte what is committed:
    after changing measures.yml, run `cscperf reference snapshot ../shared/reference`."""
    built = tmp_path / "snapshot"
    CliRunner().invoke(app, ["reference", "snapshot", str(need_shared("reference")), "--out", str(built)])
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()) == sorted(
        [*DATA_FILES, "SOURCES.md"])
    for name in [*DATA_FILES, "SOURCES.md"]:
        assert (built / name).read_bytes() == (SNAPSHOT / name).read_bytes(), (
            f"{name} is out of date: run `cscperf reference snapshot ../shared/reference`")


def test_it_holds_every_figure_read_as_the_publishers_give_it(publishers_con, reference_con):
    ees, lait = wanted()
    sources = [s for group in ees.values() for s in group]
    sources += [LaitSource(lait=measure) for measure in sorted(lait)]
    for source in sources:
        where, params = source.where()
        query = (f"SELECT area_code, area_name, level, year, time_period, value, code, filters "
                 f"FROM ref.figures f WHERE {where} ORDER BY ALL")
        published = publishers_con.execute(query, params).fetchall()
        assert published, source.describe()
        assert reference_con.execute(query, params).fetchall() == published, source.describe()


@pytest.mark.parametrize("la", ["883", "857", "201", "420", "850", "942", "330"])
def test_a_synthetic_authority_aims_at_the_same_figures(la):
    from_publishers = targets.published(la, need_shared("reference"), 2025)
    assert targets.published(la, SNAPSHOT, 2025) == from_publishers
    assert len(from_publishers.published) >= 10


def test_the_dictionary_rows_of_every_lait_measure_are_kept(publishers_con, reference_con):
    _, lait = wanted()
    query = ("SELECT * EXCLUDE (release_id) FROM ref.lait_dictionary WHERE measure IN (SELECT unnest(?)) "
             "ORDER BY ALL")
    assert reference_con.execute(query, [sorted(lait)]).fetchall() == \
        publishers_con.execute(query, [sorted(lait)]).fetchall()
