"""Officers' commentary: for an indicator and period, the cause of its position and the action being
taken, merged into the report beside the figures.

    # commentary.yml: by period, then indicator id
    "2024-25:Q4":
      cla_3plus_placements_pct:
        cause: Four residential placements ended at short notice when a provider closed.
        action: Commissioning are securing two local homes; review at the March panel.
        owner: Head of Corporate Parenting     # optional

Nothing is invented: a red or amber indicator with no entry for the period is reported as
"No commentary provided".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel

from cscperf.compare import yamlfile
from cscperf.compare.yamlfile import FileError

NONE_GIVEN = "No commentary provided"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cause: str = Field(min_length=1, description="Why the indicator is where it is")
    action: str = Field(min_length=1, description="What is being done about it")
    owner: str | None = Field(None, description="Who is responsible for the action")


class _File(RootModel[dict[str, dict[str, Entry]]]):
    pass


@dataclass(frozen=True)
class Commentary:
    path: Path | None
    by_period: dict[str, dict[str, Entry]]
    lines: dict[tuple[str, str], int]

    def get(self, period: str, id: str) -> Entry | None:
        return self.by_period.get(str(period), {}).get(id)

    def check(self, ids: set[str], parse_period=None) -> None:
        """Raise FileError, naming each line, for unknown indicators or periods that do not parse."""
        problems = []
        for period, entries in self.by_period.items():
            if parse_period is not None:
                try:
                    parse_period(period)
                except ValueError as error:
                    problems.append((self.lines.get((period, "")), str(error)))
            problems += [(self.lines.get((period, id)), f"{id}: no such indicator")
                         for id in entries if id not in ids]
        if problems:
            raise FileError(self.path, problems)


NO_COMMENTARY = Commentary(None, {}, {})


def load(path: Path, text: str | None = None) -> Commentary:
    """The file at `path`, or `text` checked as its new content (see `yamlfile.read`)."""
    model, lines = yamlfile.read(path, _File, text)
    found = {(period, id): lines.get((period, id)) for period, entries in model.root.items() for id in entries}
    found |= {(period, ""): lines.get((period,)) for period in model.root}
    return Commentary(Path(path), model.root, found)

