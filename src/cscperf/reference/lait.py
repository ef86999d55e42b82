"""The DfE LA Interactive Tool (LAIT): its long table into `ref.figures`, its data dictionary into
`ref.lait_dictionary`.

LAIT numbers England 970 and the regions 980-990; they are stored under the ONS codes the EES files
use, so one area code means the same place whichever source a figure came from. Its `Years` labels
vary ('2023', '2022-23', '2014-16', '2023 (Rev)'); `year` is the year the period ends in.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError

AREAS = {  # LAIT number: (level, ONS code)
    970: ("national", "E92000001"),
    980: ("regional", "E12000001"),  # North East
    981: ("regional", "E12000002"),  # North West
    982: ("regional", "E12000003"),  # Yorkshire and The Humber
    983: ("regional", "E12000004"),  # East Midlands
    984: ("regional", "E12000005"),  # West Midlands
    985: ("regional", "E12000006"),  # East of England
    986: ("regional", "E12000007"),  # London
    987: ("regional", "E13000001"),  # Inner London
    988: ("regional", "E13000002"),  # Outer London
    989: ("regional", "E12000008"),  # South East
    990: ("regional", "E12000009"),  # South West
}

DICTIONARY_COLUMNS = {"Measure_short", "Measure_code", "Topic", "Measure", "Polarity", "dps", "Year_Type",
                      "No_Quartile", "Description", "Methodology"}
POLARITY = {"high": "higher_better", "low": "lower_better"}  # anything else: neither


def _require(con: duckdb.DuckDBPyConnection, source: str, path: Path, columns: set[str]) -> None:
    present = {row[0] for row in con.execute(f"SELECT column_name FROM (DESCRIBE SELECT * FROM {source})",
                                             [str(path)]).fetchall()}
    missing = sorted(columns - present)
    if missing:
        raise LoadError(path.name, f"is missing the column(s) {', '.join(missing)}")


def load_figures(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    """Add every row of the LAIT long table (`bds_long_*.parquet`) to `ref.figures`."""
    _require(con, "read_parquet(?)", path, {"Short Desc", "Years", "LA and Regions", "Values", "LA Number"})
    areas = ", ".join(f"({number}, '{level}', '{code}')" for number, (level, code) in AREAS.items())
    return con.execute(f"""
        INSERT INTO ref.figures
        WITH rows AS (
            SELECT trim("Short Desc") AS measure, trim(CAST("Years" AS VARCHAR)) AS years,
                   CAST("LA Number" AS INTEGER) AS number, "LA and Regions" AS area_name,
                   trim(CAST("Values" AS VARCHAR)) AS raw,
                   regexp_extract(trim(CAST("Years" AS VARCHAR)), '([0-9]+)\\s*(\\(.*\\))?$', 1) AS last
            FROM read_parquet(?)
            WHERE "Short Desc" IS NOT NULL AND "Values" IS NOT NULL AND "LA Number" IS NOT NULL
        )
        SELECT {release_id}, 'lait', 'lait', measure, '', years,
               CASE length(last) WHEN 4 THEN CAST(last AS INTEGER)
                                 WHEN 2 THEN 2000 + CAST(last AS INTEGER) END,
               coalesce(areas.level, 'la'), coalesce(areas.code, lpad(CAST(number AS VARCHAR), 3, '0')),
               area_name, NULL, TRY_CAST(raw AS DOUBLE),
               CASE WHEN TRY_CAST(raw AS DOUBLE) IS NULL THEN lower(raw) END
        FROM rows LEFT JOIN (VALUES {areas}) AS areas(number, level, code) USING (number)
    """, [str(path)]).fetchone()[0]


def load_dictionary(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    """Replace `ref.lait_dictionary` with this release of the LAIT data dictionary."""
    _require(con, "read_csv(?, all_varchar = true)", path, DICTIONARY_COLUMNS)
    con.execute("DELETE FROM ref.lait_dictionary")
    polarity = "CASE lower(trim(Polarity)) " + " ".join(
        f"WHEN '{published}' THEN '{ours}'" for published, ours in POLARITY.items()) + " ELSE 'neither' END"
    return con.execute(f"""
        INSERT INTO ref.lait_dictionary
        SELECT {release_id}, trim(Measure_short), Measure_code, Topic, Measure, {polarity}, Polarity,
               TRY_CAST(dps AS INTEGER), Year_Type, coalesce(upper(trim(No_Quartile)) = 'N', false),
               Description, Methodology
        FROM read_csv(?, all_varchar = true)
        WHERE Measure_short IS NOT NULL
    """, [str(path)]).fetchone()[0]
