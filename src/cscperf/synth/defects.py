"""Faults real exports have, injected on request and recorded so tests can check readers find them.

With `--defects RATE`, each row written to a 903 table has that chance of one fault: a code not
in the year's list, a mandatory value left blank, a date in another layout (yyyymmdd, or d/m/yy
which reads as year 24), the row duplicated, an overlapping copy of an episode, or an ID ending
in a number written as a decimal (`SW8570012.0`, as a spreadsheet that read the number leaves it). Every fault is listed in `defects.csv`: file, row (as Excel
numbers it, header row 1), column, fault and the value written.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

FAULTS = ("code_out_of_list", "blank_mandatory", "date_format", "duplicate_row", "overlapping_episode",
          "id_trailing_zero")
MANIFEST = "defects.csv"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, date, code, int, text
    mandatory: bool


@dataclass(frozen=True)
class Fault:
    file: str
    row: int
    column: str
    fault: str
    value: str


def wrong_code(code: str) -> str:
    """A code that looks right but is in no year's list."""
    if code.isdigit():
        return "7"
    return code + ("9" if code[-1].isdigit() else "X")


def _other_layout(rng: random.Random, value: str) -> str:
    day = datetime.strptime(value, "%d/%m/%Y")
    return day.strftime("%Y%m%d") if rng.random() < 0.5 else f"{day.day}/{day.month}/{day:%y}"


@dataclass
class Defects:
    rate: float
    seed: int
    faults: list[Fault] = field(default_factory=list)

    def rng(self, file: str) -> random.Random:
        return random.Random(f"{self.seed}:defects:{file}")

    def rows(self, rng: random.Random, file: str, table: str, columns: tuple[Column, ...], row: list[str],
             number: int) -> list[list[str]]:
        """The row as written (row `number` in the file), possibly with a fault."""
        if rng.random() >= self.rate:
            return [row]
        filled = [i for i, value in enumerate(row) if value]
        choices: list[tuple[str, int | None]] = [("duplicate_row", None)]
        choices += [("code_out_of_list", i) for i in filled if columns[i].kind == "code"]
        choices += [("blank_mandatory", i) for i in filled if columns[i].mandatory and columns[i].kind != "id"]
        choices += [("date_format", i) for i in filled if columns[i].kind == "date"]
        choices += [("id_trailing_zero", i) for i in filled if columns[i].kind == "id" and row[i][-1].isdigit()]
        if table == "episodes":
            choices.append(("overlapping_episode", 1))
        fault = rng.choice(sorted({kind for kind, _ in choices}))  # each kind of fault equally likely
        i = rng.choice([column for kind, column in choices if kind == fault])
        if fault == "duplicate_row":
            self.faults.append(Fault(file, number + 1, "", fault, ""))
            return [row, list(row)]
        if fault == "overlapping_episode":
            copy = list(row)
            start = datetime.strptime(row[i], "%d/%m/%Y") - timedelta(days=rng.randint(5, 60))
            copy[i] = start.strftime("%d/%m/%Y")
            self.faults.append(Fault(file, number + 1, columns[i].name, fault, copy[i]))
            return [row, copy]
        changed = list(row)
        changed[i] = {"code_out_of_list": lambda v: wrong_code(v), "blank_mandatory": lambda v: "",
                      "date_format": lambda v: _other_layout(rng, v),
                      "id_trailing_zero": lambda v: v + ".0"}[fault](row[i])
        self.faults.append(Fault(file, number, columns[i].name, fault, changed[i]))
        return [changed]

    def write(self, out: Path) -> Path:
        path = out / MANIFEST
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["file", "row", "column", "fault", "value"])
            for f in sorted(self.faults, key=lambda f: (f.file, f.row)):
                writer.writerow([f.file, f.row, f.column, f.fault, f.value])
        return path


def read_manifest(path: Path) -> list[Fault]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [Fault(r["file"], int(r["row"]), r["column"], r["fault"], r["value"]) for r in csv.DictReader(handle)]
