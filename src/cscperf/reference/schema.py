"""The store's `ref` schema: published reference data beside the child-level tables.

Every published figure keeps the release it came from (`ref.releases`: file name, sha256, import
time) and its period as published (`time_period`). Suppression codes are kept as typed values:
`value` is NULL when the cell holds a code and `code` says which, so a suppressed cell is never a
zero. `ref.population` is the table every rate uses (one estimate per authority and mid-year).
"""

from __future__ import annotations

import duckdb

# Codes published in place of a number. EES: c confidential (small numbers), k rounds to zero,
# u low reliability, x not available, z not applicable, low, ':' not available.
# LAIT writes '-' for "no value".
SUPPRESSION_CODES: dict[str, str] = {
    "c": "confidential: suppressed to protect small numbers",
    "k": "rounds to zero, but is not zero",
    "u": "low reliability",
    "x": "not available",
    "z": "not applicable",
    "low": "low: a small number, not shown",
    ":": "not available",
    "-": "no value published (LAIT)",
}

REF_DDL = """
CREATE SCHEMA IF NOT EXISTS ref;
CREATE SEQUENCE IF NOT EXISTS ref.release_ids START 1;
CREATE TABLE IF NOT EXISTS ref.releases (
    release_id INTEGER PRIMARY KEY,
    dataset VARCHAR NOT NULL,      -- stable name: the file name without its year range
    kind VARCHAR NOT NULL,         -- ees, lait, lait_dictionary, population, stat_neighbours, lookup
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    supplied BOOLEAN NOT NULL,     -- supplied with the authority's data rather than published
    rows INTEGER
);
CREATE TABLE IF NOT EXISTS ref.figures (
    release_id INTEGER NOT NULL,
    source VARCHAR NOT NULL,       -- ees or lait
    dataset VARCHAR NOT NULL,      -- EES dataset name, or 'lait'
    measure VARCHAR NOT NULL,      -- EES value column, or LAIT 'Short Desc'
    filters VARCHAR NOT NULL,      -- EES filter values as 'column=value|...' in column order; '' none
    time_period VARCHAR NOT NULL,  -- as published: 2023, 202324, '2022-23'
    year INTEGER,                  -- the year the period ends in (31 March 2023 -> 2023)
    level VARCHAR NOT NULL,        -- national, regional, la
    area_code VARCHAR NOT NULL,    -- E92000001, a region's E12/E13 code, or the DfE 3-digit LA code
    area_name VARCHAR,
    region_code VARCHAR,           -- for an authority, its region as the file gives it (EES only)
    value DOUBLE,                  -- NULL when the cell holds a code
    code VARCHAR                   -- the suppression code, when there is one
);
CREATE TABLE IF NOT EXISTS ref.population (
    la VARCHAR NOT NULL,           -- DfE 3-digit code
    mid_year DATE NOT NULL,        -- 30 June of the estimate
    population INTEGER NOT NULL,   -- children aged 0-17
    source VARCHAR NOT NULL        -- file the estimate came from
);
CREATE TABLE IF NOT EXISTS ref.population_estimates (
    release_id INTEGER NOT NULL,
    la VARCHAR NOT NULL,
    mid_year DATE NOT NULL,
    population INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    supplied BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS ref.stat_neighbours (
    release_id INTEGER NOT NULL,
    model INTEGER NOT NULL,        -- 2021 or 2025: the year DfE published the model
    la VARCHAR NOT NULL,
    la_name VARCHAR,
    rank INTEGER NOT NULL,         -- 1 is the closest
    neighbour VARCHAR NOT NULL,
    closeness VARCHAR
);
CREATE TABLE IF NOT EXISTS ref.la_codes (
    release_id INTEGER NOT NULL,
    la VARCHAR NOT NULL,           -- DfE 3-digit code (old_la_code)
    ons_code VARCHAR NOT NULL,     -- ONS code (new_la_code); changes when an authority is reorganised
    name VARCHAR NOT NULL,
    region_code VARCHAR,
    region_name VARCHAR,
    first_year INTEGER,            -- first and last collection years (year ending 31 March)
    last_year INTEGER,
    lait_region VARCHAR,
    la_type VARCHAR
);
CREATE TABLE IF NOT EXISTS ref.la_list (
    release_id INTEGER NOT NULL,
    la VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    region VARCHAR,
    la_type VARCHAR
);
CREATE TABLE IF NOT EXISTS ref.ltla_utla (
    release_id INTEGER NOT NULL,
    ltla_code VARCHAR NOT NULL,
    ltla_name VARCHAR,
    utla_code VARCHAR NOT NULL,
    utla_name VARCHAR
);
CREATE TABLE IF NOT EXISTS ref.postcode_wards (
    release_id INTEGER NOT NULL,
    postcode VARCHAR NOT NULL,     -- upper case, no spaces
    ward_code VARCHAR              -- ONS electoral ward code (E05...)
);
CREATE TABLE IF NOT EXISTS ref.wards (
    release_id INTEGER NOT NULL,
    ward_code VARCHAR NOT NULL,
    ward_name VARCHAR NOT NULL,
    district_code VARCHAR,
    district_name VARCHAR
);
CREATE TABLE IF NOT EXISTS ref.localities (
    area VARCHAR NOT NULL,         -- a postcode sector ('RM17 6'), ward code or ward name, upper case
    locality VARCHAR NOT NULL,     -- the authority's own name for the area it belongs to
    source VARCHAR NOT NULL        -- the file and row it came from
);
CREATE TABLE IF NOT EXISTS ref.ofsted_regions (
    release_id INTEGER NOT NULL,
    la_name VARCHAR NOT NULL,
    region_name VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS ref.lait_dictionary (
    release_id INTEGER NOT NULL,
    measure VARCHAR NOT NULL,      -- Measure_short, the key of the LAIT long table's 'Short Desc'
    measure_code VARCHAR,
    topic VARCHAR,
    title VARCHAR,
    polarity VARCHAR NOT NULL,     -- higher_better, lower_better or neither
    polarity_published VARCHAR,    -- as published: High, Low, '-', NA
    decimals INTEGER,
    year_type VARCHAR,
    no_quartile BOOLEAN NOT NULL,
    description VARCHAR,
    methodology VARCHAR
);
"""


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create the `ref` schema's tables where missing; safe to run on every connection."""
    con.execute(REF_DDL)


def quote(name: str) -> str:
    """A column name as a SQL identifier (published names hold spaces, '%' and '-')."""
    return '"' + name.replace('"', '""') + '"'
