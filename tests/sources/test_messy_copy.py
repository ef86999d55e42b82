"""A messy copy of a clean return gives the same figures: what exports do to a file (IDs in
mixed case, with spaces and a float's '.0'; ISO and Excel-serial dates; Windows-1252, a byte-order
mark or UTF-16 with tabs; headers in other cases) is undone by the readers."""

import csv
import io
import random
from datetime import date, datetime

import pytest

from cscperf import sources, store
from cscperf.indicators import engine
from cscperf.synth import generate

ID_COLUMNS = {"CHILD", "SW_ID"}
EXCEL_EPOCH = date(1899, 12, 30)


def messy_id(value: str, rng: random.Random) -> str:
    lowered = "".join(c.lower() if rng.random() < 0.5 else c for c in value)
    spaced = f" {lowered[:5]} {lowered[5:]} " if rng.random() < 0.5 else lowered
    return spaced + (".0" if rng.random() < 0.3 else "")


def messy_date(value: str, rng: random.Random) -> str:
    day = datetime.strptime(value, "%d/%m/%Y").date()
    return rng.choice([value, day.isoformat(), str((day - EXCEL_EPOCH).days), f"{value} 00:00"])


def messy_header(name: str, rng: random.Random) -> str:
    return rng.choice([name, name.lower(), name.title(), name.replace("_", " ")])


def messy_copy(text: str, rng: random.Random) -> tuple[str, str]:
    """The table's text made messy, and the delimiter it uses."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    for row in body:
        for i, name in enumerate(header):
            value = row[i]
            if not value:
                continue
            if name in ID_COLUMNS:
                row[i] = messy_id(value, rng)
            elif len(value) == 10 and value[2] == value[5] == "/" and value[0].isdigit() and value[3].isdigit():
                row[i] = messy_date(value, rng)
    delimiter = rng.choice([",", "\t"])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [[messy_header(h, rng) for h in header], *body])
    return out.getvalue(), delimiter


ENCODINGS = {",": ["utf-8", "utf-8-sig", "cp1252"], "\t": ["utf-16", "cp1252"]}


@pytest.fixture(scope="module")
def clean_and_messy(tmp_path_factory):
    base = tmp_path_factory.mktemp("messy")
    generate(base / "clean", like="857", seed=3, end=date(2025, 3, 31), years=2, formats=["903"])
    rng = random.Random(3)
    messy = base / "messy"
    messy.mkdir()
    for path in sorted((base / "clean" / "ssda903").glob("*.csv")):
        text, delimiter = messy_copy(path.read_text(encoding="utf-8"), rng)
        (messy / path.name).write_bytes(text.encode(rng.choice(ENCODINGS[delimiter])))
    stores = []
    for folder in (base / "clean" / "ssda903", messy):
        con = store.connect()
        store.load(con, sources.read_paths([folder], la="857"))
        stores.append(con)
    yield stores
    for con in stores:
        con.close()


@pytest.mark.parametrize("period", ["2024-25", "2024-25:Q3", "2025-03"])
def test_a_messy_copy_gives_the_same_figures(clean_and_messy, period):
    clean, messy = clean_and_messy
    figures = [[(r.id, r.numerator, r.denominator, r.value, r.reason)
                for r in engine.compute(con, None, period, la="857")] for con in (clean, messy)]
    assert figures[0] == figures[1]
    assert sum(value is not None for *_, value, _ in figures[0]) > 20


def test_the_messy_copy_holds_the_same_children(clean_and_messy):
    clean, messy = clean_and_messy
    people = "SELECT pers_person_id, pers_sex, pers_dob, pers_ethnicity FROM ssd_person ORDER BY 1"
    assert clean.execute(people).fetchall() == messy.execute(people).fetchall()
