"""The published measures (`measures.yml`): what each is, and where its figures are.

The file is checked when it is loaded: unknown keys, units and polarities are errors, as are
repeated ids. Each source says how to pick its figures out of `ref.figures`.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cscperf.reference.ees import filter_key

MEASURES_FILE = Path(__file__).with_name("measures.yml")


class Unit(str, Enum):
    count = "count"
    percent = "percent"
    rate_per_10k = "rate_per_10k"
    average = "average"


class Polarity(str, Enum):
    higher_better = "higher_better"
    lower_better = "lower_better"
    neither = "neither"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EesSource(_Strict):
    ees: str = Field(description="EES dataset: the file name without its year range")
    column: str
    filters: dict[str, str] = Field(default_factory=dict)

    def where(self) -> tuple[str, list]:
        """SQL conditions on `ref.figures AS f` picking this source's figures, and their parameters."""
        conditions = ["f.source = 'ees'", "f.dataset = ?", "f.measure = ?"]
        conditions += ["position(? IN '|' || f.filters || '|') > 0"] * len(self.filters)
        return " AND ".join(conditions), [self.ees, self.column, *(
            f"|{filter_key({column: value})}|" for column, value in self.filters.items())]

    def describe(self) -> str:
        chosen = ", ".join(f"{column} = {value}" for column, value in self.filters.items())
        return f"EES {self.ees}: {self.column}" + (f" ({chosen})" if chosen else "")


class LaitSource(_Strict):
    lait: str = Field(description="The LAIT long table's 'Short Desc'")

    def where(self) -> tuple[str, list]:
        return "f.source = 'lait' AND f.measure = ?", [self.lait]

    def describe(self) -> str:
        return f"LAIT {self.lait}"


class OfstedSource(_Strict):
    ofsted: str = Field(description="Ofsted dataset (reference/ofsted.py)")
    column: str

    def where(self) -> tuple[str, list]:
        return "f.source = 'ofsted' AND f.dataset = ? AND f.measure = ?", [self.ofsted, self.column]

    def describe(self) -> str:
        return f"Ofsted {self.ofsted}: {self.column}"


Source = EesSource | LaitSource | OfstedSource


class Measure(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: str
    unit: Unit
    polarity: Polarity
    lait: str | None = None
    year_end: Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")] = "03-31"
    sources: Annotated[list[Source], Field(min_length=1)]

    def year_ends(self, year: int) -> date:
        """The last day of the published year `year` (31 March 2025 for 2024-25)."""
        month, day = self.year_end.split("-")
        return date(year, int(month), int(day))

    def year_words(self, year: int) -> str:
        """The published year in words: '2024-25', 'the year to 30 September 2025', '2023/24 school year'."""
        if self.year_end == "03-31":
            return f"{year - 1}-{year % 100:02d}"
        if self.year_end == "08-31":
            return f"the {year - 1}/{year % 100:02d} school year"
        return f"the year to {self.year_ends(year):%-d %B %Y}"


class Catalogue(_Strict):
    measures: list[Measure]

    @field_validator("measures")
    @classmethod
    def _unique(cls, measures: list[Measure]) -> list[Measure]:
        seen: set[str] = set()
        for measure in measures:
            if measure.id in seen:
                raise ValueError(f"measure id {measure.id!r} is defined twice")
            seen.add(measure.id)
        return measures


class MeasureError(ValueError):
    """An unknown measure, or a measures file that is not valid."""


def load_catalogue(path: Path = MEASURES_FILE) -> Catalogue:
    try:
        return Catalogue.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as error:
        raise MeasureError(f"{path.name} is not valid: {error}") from error


@cache
def catalogue() -> dict[str, Measure]:
    """The packaged measures by id."""
    return {measure.id: measure for measure in load_catalogue().measures}


def measure(measure_id: str) -> Measure:
    try:
        return catalogue()[measure_id]
    except KeyError:
        raise MeasureError(f"no published measure {measure_id!r}; "
                           "see `cscperf reference measures`") from None
