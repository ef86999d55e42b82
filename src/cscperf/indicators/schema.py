"""What an indicator definition is: the fields of `defs/<section>.yaml` entries, checked by pydantic.

An entry's key is the indicator's id; the section comes from the file's name and the SQL from
`defs/<section>/<units>.sql`. Unknown keys are rejected.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cscperf.indicators.breakdowns import BREAKDOWNS, BreakdownId


class Unit(str, Enum):
    count = "count"
    percent = "percent"
    rate_per_10k = "rate_per_10k"  # per 10,000 children aged 0-17 (ref.population)
    days = "days"  # an average number of days
    average = "average"  # an average of some other quantity (working days, a score, a caseload)
    median = "median"  # the middle value of some quantity (hours missing)

    @property
    def is_average(self) -> bool:
        """A summary of a numeric column over the units counted, not a count of them."""
        return self in (Unit.days, Unit.average, Unit.median)


class Polarity(str, Enum):
    higher_better = "higher_better"
    lower_better = "lower_better"
    neutral = "neutral"


class Grain(str, Enum):
    snapshot = "snapshot"  # on the period's last day
    in_period = "in_period"  # events dated within the period, both ends inclusive
    rolling_12m = "rolling_12m"  # events in the 12 months ending on the period's last day
    rolling_36m = "rolling_36m"  # events in the 36 months ending then (the adoption scorecard's 3-year averages)

    @property
    def months(self) -> int | None:
        """Months counted back from the period's end, whatever the period's length; None: the period."""
        return {Grain.rolling_12m: 12, Grain.rolling_36m: 36}.get(self)


class Section(str, Enum):
    """The child's journey, in the order reports follow; a definitions file is named after one."""

    front_door = "front_door"
    assessment = "assessment"
    child_protection = "child_protection"
    children_in_need = "children_in_need"
    looked_after = "looked_after"
    placements = "placements"
    missing = "missing"
    health = "health"
    education = "education"
    care_leavers = "care_leavers"
    adoption = "adoption"
    workforce = "workforce"

    @property
    def title(self) -> str:
        return SECTION_TITLES[self]

    @property
    def records(self) -> str:
        """Whose records its figures read, for where the store's history begins (calc.history):
        looked_after (903 returns or an SSD extract) or in_need (CIN census or an SSD extract)."""
        return "in_need" if self in IN_NEED else "looked_after"


SECTION_TITLES = {
    Section.front_door: "Front door", Section.assessment: "Assessment",
    Section.child_protection: "Child protection", Section.children_in_need: "Children in need",
    Section.looked_after: "Children looked after", Section.placements: "Placements and stability",
    Section.missing: "Missing", Section.health: "Health",
    Section.education: "Education of children in care", Section.care_leavers: "Care leavers",
    Section.adoption: "Adoption and permanence", Section.workforce: "Workforce",
}

IN_NEED = {Section.front_door, Section.assessment, Section.child_protection, Section.children_in_need}

# Set by the registry, never written in a definition.
REGISTRY_FIELDS = ("id", "section", "sql", "source", "sql_source")


class WhenRecorded(BaseModel):
    """A condition on an authority's data: it has data where `recorded_in` says (an entry as
    `Indicator.recorded_in` takes); `otherwise`, in plain English, what follows when it has not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    recorded_in: str = Field(min_length=1)
    otherwise: str = Field(min_length=1, description="What follows when it has not, in plain English")


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable snake_case id")
    section: Section
    title: str = Field(min_length=1, description="Short title, as a table row would show it")
    definition: str = Field(min_length=1, description="What is counted, in plain English")
    numerator: str = Field(min_length=1, description="The numerator in words")
    denominator: str | None = Field(None, description="The denominator in words (ratios only)")
    good: str = Field(min_length=1, description="What good looks like")
    unit: Unit
    polarity: Polarity
    grain: Grain
    decimals: int = Field(ge=0, le=3, description="Decimal places of the value")
    min_months: int | None = Field(None, ge=1, le=12, description="Shortest period it is computed for")
    breakdowns: tuple[BreakdownId, ...] = ()
    benchmark: str | None = Field(None, description="Published measure id in reference/measures.yml")
    benchmark_when: WhenRecorded | None = Field(None, description="Only compared with the benchmark where the "
                                                "authority's data are like the published measure's")
    any_day_when: WhenRecorded | None = Field(None, description="Given for a period ending on any day only where "
                                              "the authority's records are dated as they happened; otherwise only "
                                              "for periods ending on 31 March (the SSDA903 gives some records as "
                                              "at 31 March)")
    dfe_measure: str | None = Field(None, pattern=r"^(LAIT [0-9]+[a-z]?|DfE [^:]+): .+$",
                                    description="The DfE measure it reproduces: `LAIT <code>: <what>` (the "
                                    "LAIT data dictionary's Measure_code) or `DfE <release or guide>: <what>`; "
                                    "none for a local measure")
    differs: str | None = Field(None, description="How it deliberately differs from that DfE measure, and why")
    units: str | None = Field(None, pattern=r"^([a-z_]+/)?[a-z][a-z0-9_]*$",
                              description="The SQL file listing the units, when not named after the id")
    numerator_flag: str | None = Field(None, description="Boolean column: the units counted")
    denominator_flag: str | None = Field(None, description="Boolean column: the units in the denominator")
    average_of: str | None = Field(None, description="Numeric column averaged (days and average units), "
                                   "or whose median is taken (median)")
    per: str | None = Field(None, description="Numeric column summed for an average's denominator, instead of "
                            "counting the units: an average per full-time equivalent")
    history_months: int = Field(0, ge=0, le=60, description="Months of records before the window it counts "
                                "that the answer needs (a snapshot's window is its day): where the store's "
                                "history begins later, the figure is marked history incomplete")
    history_flag: str | None = Field(None, description="Boolean column: the units whose answer needs records "
                                     "from before the store's history begins (the figure is then marked "
                                     "history incomplete)")
    recorded_in: tuple[str, ...] = Field((), description="Store tables the authority must have data in "
                                         "(`table`), or a column it must have values in (`table.column`), "
                                         "maybe with a condition on the rows (`table WHERE condition`)")
    per_population: bool = Field(False, description="A percent of the authority's children aged 0-17 "
                                 "(ref.population), e.g. UASC as a % of the child population; rates "
                                 "per 10,000 always are")
    share_of_population: Decimal | None = Field(None, gt=0, lt=1, description=(
        "A count that is this share of the authority's children aged 0-17, rounded up to a whole "
        "child (the National Transfer Scheme threshold is 0.001); its units are not counted"))
    published_only: bool = Field(False, description=(
        "The value is the authority's own published figure for `benchmark` (the latest year ending "
        "by the period's end), read by `cscperf reference import`: no SQL, and no breakdowns"))
    member_pack: bool = Field(True, description=(
        "In the member pack (its exceptions, compact tables and summary); false keeps a measure to "
        "the full report, the dashboard and the workbook, unless the `pack` setting names it"))
    sql: str = ""
    sql_source: str = ""  # path of the SQL file, relative to defs/
    source: str = ""  # file:line of the definition

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        unit = self.unit
        if unit is Unit.count and self.denominator:
            raise ValueError("a count has no denominator")
        if unit is Unit.count and self.decimals:
            raise ValueError("a count has no decimal places")
        if unit is not Unit.count and not self.denominator:
            raise ValueError(f"a {unit.value} needs its denominator in words")
        if self.per_population and unit is not Unit.percent:
            raise ValueError("per_population applies to percents (a rate per 10,000 is always per population)")
        # a share of the whole child population is small (the UASC threshold is 0.1%): more places allowed
        if unit in (Unit.percent, Unit.rate_per_10k) and self.decimals != 1 and not self.per_population:
            raise ValueError("percentages and rates are given to 1 decimal place")
        if self.published_only:
            if not self.benchmark or self.breakdowns or self.units or self.recorded_in or self.has_sql_fields:
                raise ValueError("a published_only figure needs its benchmark, and has no units, SQL "
                                 "columns, recorded_in or breakdowns")
            return self
        if unit is Unit.percent and not self.numerator_flag and not self.per_population:
            raise ValueError("a percent needs numerator_flag: the column saying which units are counted")
        if unit.is_average != bool(self.average_of):
            raise ValueError("average_of is needed by, and only allowed for, days, average and median units")
        if self.per and not unit.is_average:
            raise ValueError("per only applies to averages")
        if self.denominator_flag and (not (unit is Unit.percent or unit.is_average) or self.per_population):
            raise ValueError("denominator_flag only applies to percents of units and averages")
        if self.numerator_flag and unit.is_average:
            raise ValueError("an average uses average_of and denominator_flag, not numerator_flag")
        if self.differs and not self.dfe_measure:
            raise ValueError("differs says how it differs from its dfe_measure: name that too")
        if self.share_of_population and self.breakdowns:
            raise ValueError("a share of the population has no breakdowns")
        if self.of_population and any(BREAKDOWNS[b].of_child for b in self.breakdowns):
            raise ValueError("population is only known in total, so a figure per population has no breakdowns "
                             "of the child (age, sex, area, ...); an event's (e.g. factor) is per the whole population")
        if self.share_of_population and (unit is not Unit.count or self.numerator_flag):
            raise ValueError("share_of_population is a count of children, not of units")
        return self

    @property
    def of_population(self) -> bool:
        """The denominator is the child population, not units."""
        return self.unit is Unit.rate_per_10k or self.per_population

    @property
    def has_sql_fields(self) -> bool:
        return bool(self.numerator_flag or self.denominator_flag or self.average_of or self.per
                    or self.per_population or self.share_of_population or self.history_flag)

    @property
    def recorded_entries(self) -> tuple[str, ...]:
        """Every `recorded_in` entry the definition names, its conditions' too."""
        return self.recorded_in + tuple(when.recorded_in for when in (self.benchmark_when, self.any_day_when) if when)

    @property
    def units_name(self) -> str:
        return self.units or self.id

    @property
    def is_ratio(self) -> bool:
        return self.unit is not Unit.count
