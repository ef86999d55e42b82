"""Downloading against a real HTTP server on this machine (never the internet): a mirror of
../shared/reference, and a copy of the EES content API's answers laid out as static files."""

import functools
import json
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from cscperf import store
from cscperf.cli import app
from cscperf.reference.download import DownloadError, Sources, download, load_sources
from cscperf.reference.figures import year_figures
from cscperf.reference.importer import import_reference, sha256
from cscperf.reference.measures import measure
from cscperf.reference.snapshot import SNAPSHOT


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def serve():
    """serve(folder) -> base URL of an HTTP server on localhost serving that folder."""
    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_every_file_of_the_layout_is_listed(shared):
    listed = {source.path for source in load_sources().files}
    reference = shared / "reference"
    needed = {str(p.relative_to(reference)) for pattern in ("ees/*.csv", "lait/*", "stat-neighbours/*",
                                                            "lookups/*", "ons/ons_mid-year*",
                                                            "indicator-registries/lait_data_dictionary.csv")
              for p in reference.glob(pattern)}
    assert needed <= listed


def test_download_from_a_mirror(serve, shared, tmp_path):
    mirror = serve(shared / "reference")
    summary = download(tmp_path / "cache", mirror=mirror)
    # files downloaded by hand that ../shared/reference does not hold (Ofsted's fostering data,
    # the ONS postcode directory and ward names) are not on this mirror: listed as by hand
    absent = {f.path for f in load_sources().files if not (shared / "reference" / f.path).exists()}
    assert summary.failed == [] and {f.path for f in summary.by_hand} == absent
    assert len(summary.fetched) == len(load_sources().files) - len(absent)
    for item in summary.fetched:
        assert item.url == f"{mirror}/{item.path}"
        assert sha256(tmp_path / "cache" / item.path) == sha256(shared / "reference" / item.path)
    assert not list((tmp_path / "cache").rglob(".part-*"))


def test_ees_files_are_found_in_the_publications_latest_release(serve, shared, tmp_path):
    """The content API's answers as static files: the release lists its files; each file by id."""
    api = tmp_path / "api"
    release = api / "publications" / "characteristics-of-children-in-need" / "releases"
    release.mkdir(parents=True)
    (release / "latest").write_text(json.dumps({"id": "rel-1", "downloadFiles": [
        {"id": "file-9", "fileName": "a1_other_2013_to_2026.csv"},
        {"id": "file-7", "fileName": "b1_children_in_need_2013_to_2026.csv"}]}))
    (api / "releases" / "rel-1" / "files").mkdir(parents=True)
    published = shared / "reference" / "ees" / "b1_children_in_need_2013_to_2025.csv"
    (api / "releases" / "rel-1" / "files" / "file-7").write_bytes(published.read_bytes())
    base = serve(tmp_path)
    sources = Sources.model_validate({"ees_api": f"{base}/api", "files": [
        {"path": "ees/b1_children_in_need_2013_to_2025.csv",
         "ees": {"publication": "characteristics-of-children-in-need", "file": "b1_children_in_need_*.csv"}},
        {"path": "lookups/manual.csv", "page": "https://example.org/lookups"}]})
    summary = download(tmp_path / "cache", sources=sources)
    [fetched] = summary.fetched
    assert fetched.problem is None and fetched.url == f"{base}/api/releases/rel-1/files/file-7"
    assert fetched.path == "ees/b1_children_in_need_2013_to_2026.csv"  # saved under its published name
    assert sha256(tmp_path / "cache" / fetched.path) == sha256(published)
    assert [s.path for s in summary.by_hand] == ["lookups/manual.csv"]


def test_failures_name_the_file_and_the_reason(serve, tmp_path):
    base = serve(tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    sources = Sources.model_validate({"ees_api": f"{base}/api", "files": [
        {"path": "lait/bds_long_0.parquet", "url": f"{base}/missing.parquet"},
        {"path": "ees/b1.csv", "ees": {"publication": "nowhere", "file": "b1*.csv"}}]})
    summary = download(tmp_path / "cache", sources=sources)
    assert [f.problem for f in summary.fetched] == [
        f"{base}/missing.parquet: the server answered 404 File not found",
        f"{base}/api/publications/nowhere/releases/latest: the server answered 404 File not found"]
    assert not (tmp_path / "cache" / "lait" / "bds_long_0.parquet").exists()


def test_the_command_reports_failures_without_a_traceback(tmp_path):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = CliRunner().invoke(app, ["reference", "download", "--cache", str(tmp_path / "cache"),
                                      "--mirror", f"http://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert "could not connect" in result.output and "could not be downloaded" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_the_command_downloads_into_the_cache(serve, shared, tmp_path):
    mirror = serve(shared / "reference")
    runner = CliRunner()
    result = runner.invoke(app, ["reference", "download", "--cache", str(tmp_path / "cache"), "--mirror", mirror])
    assert result.exit_code == 0, result.output
    assert f"Next: cscperf reference import {tmp_path / 'cache'}" in result.output
    # The cache is the shared folder byte for byte (see test_download_from_a_mirror), which the
    # session's `reference_db` imports: the import of a download is tested there.
    assert (tmp_path / "cache" / "lait" / "bds_long_0.parquet").is_file()


def test_a_cache_that_cannot_be_made_is_a_message(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(DownloadError, match="cannot make the cache folder"):
        download(tmp_path / "taken" / "cache", mirror="http://127.0.0.1:9")


def test_sources_file_is_checked(tmp_path):
    bad = tmp_path / "sources.yml"
    bad.write_text("ees_api: x\nfiles:\n  - {path: a.csv, link: b}\n")
    with pytest.raises(DownloadError, match="sources.yml is not valid"):
        load_sources(bad)


def publishers_site(root: Path, base: str) -> Sources:
    """The publishers' sites as static files under `root`, served at `base`, holding the snapshot's
    files: the EES content API's answers (each publication's latest release and its files) and
    each other file at its address's host and path. Returns sources.yml with `base` in place of
    the publishers' addresses."""
    listed, files = load_sources(), []
    releases: dict[str, list[dict]] = {}
    for source in listed.files:
        shipped = SNAPSHOT / source.path
        if not shipped.is_file():
            continue
        if source.ees:
            publication = source.ees.publication
            file_id = f"file-{len(files)}"
            releases.setdefault(publication, []).append({"id": file_id, "fileName": shipped.name})
            target = root / "api" / "releases" / f"rel-{publication}" / "files" / file_id
            files.append(source)
        elif source.url:
            address = urlsplit(source.url)
            target = root / address.netloc / address.path.lstrip("/")
            files.append(source.model_copy(update={"url": f"{base}/{address.netloc}{address.path}"}))
        else:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shipped.read_bytes())
    for publication, downloads in releases.items():
        latest = root / "api" / "publications" / publication / "releases" / "latest"
        latest.parent.mkdir(parents=True, exist_ok=True)
        latest.write_text(json.dumps({"id": f"rel-{publication}", "title": "Reporting year 2025",
                                      "published": "2025-11-20T09:30:00", "downloadFiles": downloads}))
    return Sources(ees_api=f"{base}/api", files=files)


def test_download_from_the_publishers_then_import(serve, tmp_path, reference_con):
    """Offline: the publishers' layout served on this machine, downloaded, imported, snapshotted."""
    site = tmp_path / "site"
    site.mkdir()
    base = serve(site)
    sources = publishers_site(site, base)
    summary = download(tmp_path / "cache", sources=sources)
    assert summary.failed == [] and len(summary.fetched) == len(sources.files) == 22  # the rest by hand
    record = json.loads((tmp_path / "cache" / "downloaded.json").read_text())
    assert record["ees/la_cla_placement_stability.csv"]["release"] == "Reporting year 2025"
    assert record["ees/la_cla_placement_stability.csv"]["published"] == "2025-11-20"
    assert record["lait/bds_long_0.parquet"]["url"].startswith(f"{base}/raw.githubusercontent.com/")

    con = store.connect()
    imported = import_reference(con, tmp_path / "cache")
    assert imported.ignored == []
    cla = measure("cla_rate_per_10k")
    england = [year_figures(c, cla, 2025)["E92000001"].value for c in (con, reference_con)]
    assert england[0] == england[1] is not None

    result = CliRunner().invoke(app, ["reference", "snapshot", str(tmp_path / "cache"), "--out",
                                      str(tmp_path / "snapshot")])
    assert result.exit_code == 0, result.output
    assert "Reporting year 2025; published 2025-11-20; latest period 2025" in (
        tmp_path / "snapshot" / "SOURCES.md").read_text()
