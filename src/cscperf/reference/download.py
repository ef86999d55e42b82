"""`cscperf reference download`: the published files into a local cache, in the layout
`cscperf reference import` reads.

What is fetched from where is declared in `sources.yml`. Explore Education Statistics files are
found in the latest release of their publication through the EES content API; others have a
direct link; a mirror (an internal copy of the reference folder served over HTTP) replaces all
of them. Each file is written whole or not at all. A failure names the file and the address and
the other files are still fetched.
"""

from __future__ import annotations

import fnmatch
import json
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

SOURCES_FILE = Path(__file__).with_name("sources.yml")
TIMEOUT = 60  # seconds without data before a download is abandoned
RECORD = "downloaded.json"  # in the cache: where each file came from, when, and from which release


class DownloadError(Exception):
    """A file could not be fetched; the message says which and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EesFile(_Strict):
    publication: str  # the publication's slug
    file: str         # the data file's name; '*' for the years in it


class SourceFile(_Strict):
    path: str
    ees: EesFile | None = None
    url: str | None = None
    page: str | None = None


class Sources(_Strict):
    ees_api: str
    files: list[SourceFile]


def load_sources(path: Path = SOURCES_FILE) -> Sources:
    try:
        return Sources.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as error:
        raise DownloadError(f"{path.name} is not valid: {error}") from error


@dataclass(frozen=True)
class Fetched:
    path: str          # where it was saved, relative to the cache
    url: str | None    # where it came from
    size: int = 0
    problem: str | None = None  # why it was not fetched


@dataclass
class DownloadSummary:
    cache: Path
    fetched: list[Fetched] = field(default_factory=list)
    by_hand: list[SourceFile] = field(default_factory=list)  # no link: download from `page`

    @property
    def failed(self) -> list[Fetched]:
        return [f for f in self.fetched if f.problem]


def download(cache: Path, mirror: str | None = None, sources: Sources | None = None) -> DownloadSummary:
    """Fetch every listed file into `cache` (from `mirror`, a base URL, when given)."""
    sources = sources or load_sources()
    summary = DownloadSummary(Path(cache))
    try:
        summary.cache.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(f"cannot make the cache folder {cache}: {error.strerror}") from None
    record = _read_record(summary.cache)
    for source in sources.files:
        release: dict = {}
        if mirror:
            url, path = mirror.rstrip("/") + "/" + source.path, source.path
        elif source.ees or source.url:
            url, path = None, source.path
        else:
            summary.by_hand.append(source)
            continue
        try:
            if url is None:
                url, path, release = _locate(source, sources.ees_api)
            size = _fetch(url, summary.cache / path)
            summary.fetched.append(Fetched(path, url, size))
            record[path] = {"url": url, "downloaded": date.today().isoformat(), **release}
        except DownloadError as error:
            if mirror and not (source.ees or source.url):
                summary.by_hand.append(source)  # a file fetched by hand, not put on this mirror
            else:
                summary.fetched.append(Fetched(path, url, problem=str(error)))
    (summary.cache / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    return summary


def _read_record(cache: Path) -> dict:
    try:
        return json.loads((cache / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _locate(source: SourceFile, ees_api: str) -> tuple[str, str, dict]:
    """The address of a file, where to save it (EES files keep their published name) and, for an
    EES file, its release's title and publication date as the content API gives them."""
    if source.ees is None:
        return source.url, source.path, {}
    release_url = f"{ees_api.rstrip('/')}/publications/{source.ees.publication}/releases/latest"
    try:
        release = json.loads(_read(release_url))
        files = release["downloadFiles"]
        match = next(f for f in files if fnmatch.fnmatch(f["fileName"], source.ees.file))
        url = f"{ees_api.rstrip('/')}/releases/{release['id']}/files/{match['id']}"
    except (ValueError, KeyError, TypeError):
        raise DownloadError(f"{release_url}: not the answer the EES content API gives "
                            "(a release with its downloadFiles)") from None
    except StopIteration:
        raise DownloadError(f"the latest release of {source.ees.publication} has no file like "
                            f"{source.ees.file}") from None
    found = {"release": release.get("title"), "published": str(release.get("published") or "")[:10]}
    return url, str(PurePosixPath(source.path).parent / match["fileName"]), {
        key: value for key, value in found.items() if value}


def _open(url: str):
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": "cscperf"}),
                                      timeout=TIMEOUT)
    except urllib.error.HTTPError as error:
        raise DownloadError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise DownloadError(f"{url}: could not connect ({error.reason})") from None
    except (OSError, ValueError) as error:
        raise DownloadError(f"{url}: {error}") from None


def _read(url: str) -> bytes:
    with _open(url) as answer:
        return answer.read()


def _fetch(url: str, target: Path) -> int:
    """Save `url` to `target` through a temporary file, so a failed download leaves nothing."""
    part: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".part-", delete=False) as stream:
            part = Path(stream.name)
            with _open(url) as answer:
                shutil.copyfileobj(answer, stream)
        part.replace(target)
    except OSError as error:  # the connection dropped, or the cache cannot be written
        raise DownloadError(f"{url}: {error}") from None
    finally:
        if part is not None:
            part.unlink(missing_ok=True)
    return target.stat().st_size
