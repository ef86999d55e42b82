"""Code lists of the CIN census (2024 to 2026 and earlier years of the same structure).

Written out here as our own lists; `tests/sources/test_cin_codes.py` checks them against every
year's XSD in ../shared. Annex A values and SSD exports are checked against the same lists.
"""

from __future__ import annotations

# Sex was 'GenderCurrent' 1/2/0/9 up to 2024 (0 not recorded or unborn, 9 indeterminate);
# from 2025 it is 'Sex' M/F/U. Both are stored as M/F/U.
GENDER_CURRENT = {"1": "M", "2": "F", "0": "U", "9": "U"}
SEX = ("M", "F", "U")

UPN_UNKNOWN = tuple(f"UN{n}" for n in range(1, 8))

ETHNICITY = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM",  # White
    "MWBC", "MWBA", "MWAS", "MOTH",  # Mixed
    "AIND", "APKN", "ABAN", "AOTH",  # Asian or Asian British
    "BCRB", "BAFR", "BOTH",  # Black or Black British
    "CHNE", "OOTH",  # Chinese, any other ethnic group
    "REFU", "NOBT",  # refused, not yet obtained
)

DISABILITY = ("NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON",
              "AUT", "DDA")

# 1 individual, 2 schools and education, 3 health, 4 housing, 5 LA services, 6 police,
# 7 other legal agency, 8 other, 9 anonymous, 10 unknown.
REFERRAL_SOURCE = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
                   "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10")

PRIMARY_NEED = tuple(f"N{n}" for n in range(10))

CLOSURE_REASON = tuple(f"RC{n}" for n in range(1, 10))

ABUSE_CATEGORY = ("NEG", "PHY", "SAB", "EMO", "MUL")

# Factors identified at the end of assessment: a number for the factor and a letter for whose
# (A child, B parent or carer, C another person in the household); 20 other, 21 none.
ASSESSMENT_FACTORS = (
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
    "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
    "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A",
    "23A", "24A",
)
