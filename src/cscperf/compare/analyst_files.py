"""The two files analysts keep for the report and the dashboard: targets and officers' commentary.

Each is where its setting says (`CSCPERF_TARGETS`, `CSCPERF_COMMENTARY`), or else beside the
store: `cscperf.targets.yml` and `cscperf.commentary.yml` for `cscperf.duckdb`. A file that does
not exist yet means no targets (or no commentary). The dashboard edits these same files, checking
an edit exactly as the report does before writing it (atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cscperf import settings
from cscperf.compare import commentary, targets, yamlfile


@dataclass(frozen=True)
class Kind:
    name: str            # targets or commentary: the setting, and the file's suffix
    title: str
    load: Callable       # (path, text=None) -> the file as read
    empty: object        # what a missing file means

    def path(self, db: Path) -> Path:
        """Where the file is for the store at `db`."""
        configured = settings.get(self.name)
        if configured:
            return Path(configured).expanduser()
        db = Path(db)
        return db.with_name(f"{db.stem}.{self.name}.yml")

    def read(self, db: Path, given: Path | None = None):
        """The file given, else the store's own when it exists, else `empty`."""
        path = Path(given) if given else self.path(db)
        if given is None and not path.exists():
            return self.empty
        return self.load(path)

    def check(self, path: Path, text: str) -> None:
        """Raise `yamlfile.FileError` for anything the report would refuse in `text` as the file's
        content: its shape, and unknown indicators, periods or misplaced bands."""
        from cscperf.indicators.periods import Period
        from cscperf.indicators.registry import default

        found = self.load(path, text)
        if self.name == "targets":
            found.check({i.id: i.polarity.value for i in default()})
        else:
            found.check(set(default().ids), Period.parse)

    def save(self, path: Path, text: str) -> None:
        """Check `text`, then replace the file with it atomically."""
        self.check(path, text)
        yamlfile.write(path, text)


TARGETS = Kind("targets", "Targets", targets.load, targets.NO_TARGETS)
COMMENTARY = Kind("commentary", "Commentary", commentary.load, commentary.NO_COMMENTARY)
KINDS = {k.name: k for k in (TARGETS, COMMENTARY)}
