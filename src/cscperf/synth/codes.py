"""Code lists and how often each code is used, from national statistics (England, 2023-25).

Only codes valid in every collection year from 2017 to 2026 are used, except where a code
changed and the year of the record decides (sex, special guardianship reasons ceased, care
leavers' activity, semi-independent placements).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from itertools import accumulate


class Weights:
    """Codes with relative weights, for drawing one at random."""

    __slots__ = ("codes", "cumulative", "total")

    def __init__(self, weights: dict[str, float]):
        self.codes = tuple(weights)
        self.cumulative = tuple(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> str:
        return self.codes[bisect_right(self.cumulative, rng.random() * self.total)]

    def share(self, code: str) -> float:
        i = self.codes.index(code)
        return (self.cumulative[i] - (self.cumulative[i - 1] if i else 0)) / self.total


# Ethnicity of children in England (2021 Census, 0-17), by the codes the returns use.
ETHNICITY = Weights({
    "WBRI": 67.0, "WIRI": 0.3, "WIRT": 0.4, "WROM": 0.4, "WOTH": 5.5, "MWBC": 2.0, "MWBA": 1.0,
    "MWAS": 1.5, "MOTH": 2.0, "AIND": 3.0, "APKN": 4.0, "ABAN": 1.5, "AOTH": 1.5, "BCRB": 1.0,
    "BAFR": 4.0, "BOTH": 0.8, "CHNE": 0.5, "OOTH": 2.0, "REFU": 0.5, "NOBT": 0.8,
})

# The Census's 20 ethnic groups (ons-ethnic-population files) as the returns' codes.
CENSUS_ETHNICITY = {
    "1": "ABAN", "2": "CHNE", "3": "AIND", "4": "APKN", "5": "AOTH", "6": "BAFR", "7": "BCRB",
    "8": "BOTH", "9": "MWAS", "10": "MWBA", "11": "MWBC", "12": "MOTH", "13": "WBRI", "14": "WIRI",
    "15": "WIRT", "16": "WROM", "17": "WOTH", "18": "OOTH", "19": "OOTH",
}

UASC_ETHNICITY = Weights({"AOTH": 30, "BAFR": 30, "OOTH": 25, "WOTH": 8, "BOTH": 7})

# CIN census referral sources (2024-25 national shares).
REFERRAL_SOURCE = Weights({
    "1A": 3.0, "1B": 0.6, "1C": 1.2, "1D": 1.5, "2A": 20.0, "2B": 1.5, "3A": 2.5, "3B": 1.5,
    "3C": 0.5, "3D": 3.0, "3E": 3.5, "3F": 4.0, "4": 1.5, "5A": 6.0, "5B": 2.5, "5C": 2.0,
    "5D": 1.5, "6": 29.0, "7": 4.0, "8": 5.0, "9": 1.5, "10": 1.0,
})
UASC_REFERRAL_SOURCE = Weights({"6": 45, "5C": 35, "8": 15, "10": 5})

# Primary need at referral (all referrals) and category of need on entering care.
PRIMARY_NEED = Weights({"N1": 56, "N2": 4, "N3": 3, "N4": 9, "N5": 17, "N6": 3, "N7": 0.3, "N8": 2, "N9": 4, "N0": 1.7})
CARE_NEED = Weights({"N1": 66, "N2": 3, "N3": 3, "N4": 7, "N5": 13, "N6": 1, "N7": 0.2, "N8": 6.8})

# Factors identified at the end of assessment (codes valid in the 2024 to 2026 schemas).
ASSESSMENT_FACTOR = Weights({
    "1B": 6, "2B": 8, "3A": 6, "3B": 18, "3C": 4, "4A": 8, "4B": 17, "4C": 2, "5B": 3, "6B": 2,
    "7A": 1, "8B": 4, "8C": 3, "8D": 1, "8E": 7, "8F": 2, "9A": 2, "10A": 2, "11A": 2, "14A": 3,
    "16A": 0.3, "17A": 1, "19B": 2, "20": 1, "21": 8, "22A": 2, "23A": 1, "24A": 3,
})

ABUSE_CATEGORY = Weights({"NEG": 50, "EMO": 37, "PHY": 6, "SAB": 4, "MUL": 3})

DISABILITY = Weights({"AUT": 30, "LD": 20, "BEH": 15, "COMM": 10, "CON": 8, "MOB": 6, "HAND": 3,
                      "PC": 2, "HEAR": 2, "VIS": 2, "INC": 1, "DDA": 1})


def disabilities_recorded(disabilities: tuple[str, ...]) -> tuple[str, ...]:
    """A child's disabilities as the CIN census and the SSD record them: NONE for a child with
    none, as the census requires one or more codes (CIN rule 8540)."""
    return disabilities or ("NONE",)

REVIEW_PARTICIPATION = Weights({"PN1": 55, "PN2": 4, "PN3": 12, "PN4": 12, "PN5": 6, "PN6": 5, "PN7": 6})

# Care leavers: in touch, and accommodation (suitable ends in 1, unsuitable in 2).
IN_TOUCH = Weights({"YES": 90, "NO": 4, "REFU": 2.5, "NREQ": 1, "RHOM": 2, "DIED": 0.2})
# B parents or relatives, C community home, D semi-independent, E supported lodgings, K ordinary
# lodgings, S no fixed abode, T foyer, U independent living, V emergency, W bed and breakfast,
# X custody, Y other, Z with former foster carers (staying put).
ACCOMMODATION = Weights({"B1": 10, "C1": 3, "D1": 15, "E1": 6, "K1": 3, "T1": 5, "U1": 34, "Y1": 4, "Z1": 18})
UNSUITABLE = Weights({"B2": 2, "S2": 3, "U2": 2, "V2": 1, "W2": 1, "X2": 3, "Y2": 1})
HIGHER_EDUCATION = ("F1", "P1")
NEET = ("G4", "G5", "G6")


def activities(year: int) -> tuple[str, ...]:
    """Care leavers' education, employment or training codes in a collection year."""
    return ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5") if year >= 2022 else ("F1", "P1", "F2", "P2", "F3", "P3")


def semi_independent(year: int) -> str:
    """Semi-independent or supported accommodation: H5 until 2023-24, K3 from 2024-25."""
    return "K3" if year >= 2025 else "H5"


def sgo_reason(year: int, former_foster_carers: bool) -> str:
    """Reason ceased for a special guardianship order (split by carer from 2018-19)."""
    if year >= 2019:
        return "E45" if former_foster_carers else "E46"
    return "E43" if former_foster_carers else "E44"


def cao_reason(year: int, former_foster_carers: bool) -> str:
    """Reason ceased for a child arrangements (residence) order."""
    if year >= 2019:
        return "E47" if former_foster_carers else "E48"
    return "E41"


def sex_903(sex: str, year: int) -> str:
    """The 903's SEX: 1 or 2 until 2023-24, M, F or U from 2024-25."""
    return sex if year >= 2025 else {"M": "1", "F": "2"}.get(sex, "9")


def sex_cin(sex: str, year: int) -> str:
    """The CIN census's GenderCurrent (1, 2, 0, 9) until 2024, Sex (M, F, U) from 2025."""
    return sex if year >= 2025 else {"M": "1", "F": "2"}.get(sex, "0")


def upn_check_letter(digits: str) -> str:
    """The check letter of a unique pupil number, from its 12 digits (DfE algorithm)."""
    total = sum(int(d) * w for d, w in zip(digits, range(2, 14)))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]
