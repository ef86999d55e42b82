"""`cscperf demo`: the README's first command, end to end on a synthetic authority."""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise

from typer.testing import CliRunner

from cscperf import sources, store
from cscperf.cli import app
from cscperf.compare import pack, scorecard
from cscperf.indicators import engine
from cscperf.indicators.periods import Period
from tests.ssda903 import write

HEALTH_SERIES = ("cla_health_assessment_pct", "cla_dental_check_pct", "cla_immunisations_pct", "cla_sdq_average")


def test_demo_replaces_an_earlier_one_loads_a_synthetic_authority_and_writes_its_report(tmp_path, monkeypatch):
    monkeypatch.setenv("CSCPERF_REFERENCE_CACHE", str(tmp_path / "no-downloads"))
    folder = tmp_path / "demo"
    (folder / "report").mkdir(parents=True)
    (folder / ".cscperf-demo").write_text("an earlier demo's folder")
    (folder / "report" / "report-883-2023-24-Q4.html").write_text("an earlier demo's report")
    with store.connect(folder / "cscperf.duckdb") as con:  # an earlier demo's store
        header = write(tmp_path / "SSDA903_2024_header.csv", [{"CHILD": "1", "SEX": "1", "DOB": "01/01/2015"}])
        store.load(con, sources.read_paths([header], la="883"))

    result = CliRunner().invoke(app, ["demo", str(folder), "--end", "2025-03-31"])

    assert result.exit_code == 0, result.output
    assert "Headline figures for the year 2024-25" in result.output
    # With no download and no folder given, the snapshot shipped with cscperf is compared with.
    assert "Published benchmarks from the snapshot shipped with cscperf" in " ".join(result.output.split())
    assert sorted(p.name for p in (folder / "report").iterdir()) == [
        f"report-883-2024-25-Q4.{suffix}" for suffix in ("docx", "html", "pdf", "xlsx")]
    with store.connect(folder / "cscperf.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM meta.loads").fetchone()[0] == 1
        [cla_rate] = engine.compute(con, ["cla_rate_per_10k"], "2024-25:Q4", la="883")
    assert cla_rate.denominator == 46271  # the population file written beside the extract
    html = (folder / "report" / "report-883-2024-25-Q4.html").read_text()
    assert "Two residential providers closed homes at short notice" in html  # the demo commentary
    assert re.search(r"Red|Amber|Green", html)  # ratings against the demo targets
    assert "Thurrock" in html and "Similar councils" in html and "England" in html
    assert "Published benchmarks are unavailable" not in html
    # the member pack: at most 20 A4 pages, opening with the performance on a page
    pdf = folder / "report" / "report-883-2024-25-Q4.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages <= 20 and "A4" in info, info
    first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Performance on a page" in first
    # the summary scores nothing whose history is incomplete, and the headline figures need none
    with store.connect(folder / "cscperf.duckdb", read_only=True) as con:
        card = scorecard.build(con, "2024-25:Q4", "883")
    incomplete = {c.definition.title for c in card.cards if c.current.history}
    summary = pack.build(card)
    assert not [line for line in summary.gone_well + summary.needs_to_improve if any(t in line for t in incomplete)]
    assert not incomplete & {c.definition.title for c in card.cards if c.definition.id in (
        "cla_reviews_on_time_pct", "cp_reviews_on_time_pct", "cla_long_term_stability_pct", "cla_3plus_placements_pct",
        "cla_health_assessment_pct", "rereferrals_12m_pct")}
    # No monthly health series jumps at the year end (each child's checks keep a timetable of their
    # own): the step from March to April is on average no bigger than twice that between other
    # months (a saw-tooth's is many times it).
    with store.connect(folder / "cscperf.duckdb", read_only=True) as con:
        series = engine.compute(con, HEALTH_SERIES, Period.parse("2025-03").months_back(48), la="883")
        longest_interim_order = con.execute("""
            SELECT max(coalesce(lega_legal_status_end_date, DATE '2025-03-31') - lega_legal_status_start_date)
            FROM ssd_legal_status WHERE lega_legal_status = 'C1'""").fetchone()[0]
    for id in HEALTH_SERIES:
        months = sorted((r for r in series if r.id == id), key=lambda r: r.end)
        steps = {now.period: abs(now.value - before.value) for before, now in pairwise(months)}
        april = [step for period, step in steps.items() if period.endswith("-04")]
        others = [step for period, step in steps.items() if not period.endswith("-04")]
        # on average, not each: by chance one April may be a series' largest step
        assert len(april) == 3 and sum(april) / 3 <= 2 * sum(others) / len(others), (id, steps)
    # An interim care order (C1) lasts while care proceedings run (26 weeks is the target), not years.
    assert longest_interim_order < 550


def test_demo_with_the_published_files_compares_the_authority_with_them(tmp_path, shared):
    folder = tmp_path / "demo"
    result = CliRunner().invoke(app, ["demo", str(folder), "--end", "2025-03-31", "--reference",
                                      str(shared / "reference"), "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert f"Published benchmarks from {shared / 'reference'}" in " ".join(result.output.split())
    html = (folder / "report" / "report-883-2024-25-Q4.html").read_text()
    assert "Thurrock" in html and "Similar councils" in html
    assert "Published benchmarks are unavailable" not in html


def test_demo_refuses_a_folder_that_is_not_an_earlier_demos(tmp_path):
    (tmp_path / "cscperf.duckdb").write_bytes(b"an authority's real store")
    result = CliRunner().invoke(app, ["demo", str(tmp_path)])
    assert result.exit_code == 1
    assert "holds files that are not an earlier demo's" in " ".join(result.output.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cscperf.duckdb"]
