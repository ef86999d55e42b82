"""Targets and local priorities: a plain YAML file an analyst edits, and RAG ratings from it.

    # targets.yml: one entry per indicator id
    assessments_45wd_pct:
      target: 85          # green when the value meets it
      tolerance: 5        # amber within 5 of it (80 to 84.9 here); red beyond
      priority:           # optional: a local priority in SMART form
        text: Complete 85% of assessments within 45 working days by March 2026
        owner: Head of Assessment
        due: 2026-03-31
    cla_3plus_placements_pct:
      target: 10
      ceiling: 12         # for a lower-is-better indicator: amber up to 12, red above
    care_leavers_19_21_eet_pct:
      target: 60
      floor: 55           # for a higher-is-better indicator: amber down to 55, red below

RAG respects the indicator's polarity: green meets the target (at or above it when higher is
better, at or below it when lower is better), amber is within the tolerance (or between the target
and the floor or ceiling), red is beyond. With neither a tolerance nor a floor or ceiling there is
no amber. An indicator whose polarity is neutral (neither higher nor lower is better) takes no
target and has no RAG. The value compared is the value as shown (rounded as the indicator says).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from cscperf.compare import yamlfile
from cscperf.compare.yamlfile import FileError

HIGHER = "higher_better"
LOWER = "lower_better"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Priority(_Strict):
    text: str = Field(min_length=1, description="The priority in SMART form")
    owner: str = Field(min_length=1, description="Who is accountable for it")
    due: date = Field(description="When it is to be achieved (YYYY-MM-DD)")


class Target(_Strict):
    target: Decimal
    tolerance: Decimal | None = Field(None, ge=0, description="Amber within this distance of the target")
    floor: Decimal | None = Field(None, description="Higher is better: amber down to this value")
    ceiling: Decimal | None = Field(None, description="Lower is better: amber up to this value")
    priority: Priority | None = None

    @model_validator(mode="after")
    def _one_amber_band(self) -> Target:
        given = [name for name in ("tolerance", "floor", "ceiling") if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError(f"give one of tolerance, floor or ceiling, not {' and '.join(given)}")
        if self.floor is not None and self.floor > self.target:
            raise ValueError("a floor is below the target")
        if self.ceiling is not None and self.ceiling < self.target:
            raise ValueError("a ceiling is above the target")
        return self

    def amber_limit(self, polarity: str) -> Decimal | None:
        """The worst value still amber, or None when there is no amber band."""
        if self.tolerance is not None:
            return self.target - self.tolerance if polarity == HIGHER else self.target + self.tolerance
        return self.floor if polarity == HIGHER else self.ceiling


class _File(RootModel[dict[str, Target]]):
    pass


@dataclass(frozen=True)
class Targets:
    """The targets file as read: each indicator's target, and the line it is on."""

    path: Path | None
    by_id: dict[str, Target]
    lines: dict[str, int]

    def get(self, id: str) -> Target | None:
        return self.by_id.get(id)

    def source(self, id: str) -> str:
        return yamlfile.where(self.path, self.lines.get(id)) if self.path else ""

    def check(self, polarities: dict[str, str]) -> None:
        """Raise FileError, naming each line, for targets on unknown or neutral indicators, or a
        floor or ceiling on the wrong side for the indicator's polarity."""
        problems = []
        for id, target in self.by_id.items():
            line = self.lines.get(id)
            polarity = polarities.get(id)
            if polarity is None:
                problems.append((line, f"{id}: no such indicator (see `cscperf indicators list`)"))
            elif polarity not in (HIGHER, LOWER):
                problems.append((line, f"{id}: neither higher nor lower is better, so it takes no target"))
            elif target.floor is not None and polarity == LOWER:
                problems.append((line, f"{id}: lower is better, so give a ceiling (or tolerance), not a floor"))
            elif target.ceiling is not None and polarity == HIGHER:
                problems.append((line, f"{id}: higher is better, so give a floor (or tolerance), not a ceiling"))
        if problems:
            raise FileError(self.path, problems)


NO_TARGETS = Targets(None, {}, {})


def load(path: Path, text: str | None = None) -> Targets:
    """The file at `path`, or `text` checked as its new content (see `yamlfile.read`)."""
    model, lines = yamlfile.read(path, _File, text)
    return Targets(Path(path), dict(model.root), {id: lines[(id,)] for id in model.root if (id,) in lines})


class Rag(str, enum.Enum):
    green = "green"
    amber = "amber"
    red = "red"

    @property
    def label(self) -> str:
        """Words and a symbol, so the rating never depends on colour alone."""
        return {"green": "✔ Green", "amber": "▲ Amber", "red": "✖ Red"}[self.value]

    @property
    def meaning(self) -> str:
        return {"green": "meets the target", "amber": "close to the target (within tolerance)",
                "red": "not meeting the target"}[self.value]


def rag(value: Decimal | float | int | None, polarity: str, target: Target | None) -> Rag | None:
    """The RAG rating of `value` against `target`: None when there is no value or target, or the
    indicator is neutral."""
    if value is None or target is None or polarity not in (HIGHER, LOWER):
        return None
    value = Decimal(str(value))
    better = (lambda a, b: a >= b) if polarity == HIGHER else (lambda a, b: a <= b)
    if better(value, target.target):
        return Rag.green
    limit = target.amber_limit(polarity)
    if limit is not None and better(value, limit):
        return Rag.amber
    return Rag.red
