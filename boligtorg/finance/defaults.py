"""Default reference data for the finance rules, as data: the dated tables and rates
a new installation starts from, to be loaded into ``ReferenceTable`` and
``FinanceRate`` rows (by a data migration or a management command) and edited there
by an admin. Plain Python, no Django import, so the domain tests can read it too.

``DEFAULTS``: one dict per table and date, JSON-serialisable, with the keys of a
``ReferenceTable`` row: ``country`` ("NO"/"DK"), ``kind`` ("sifo",
"social_assistance", "housing_allowance", "deposit_loan", "products"),
``valid_from`` (ISO date), ``source`` (a short citation, at most 300 characters)
and ``data``, the JSON that ``boligtorg.domain.financing.loaders`` reads for that
kind (the shapes are in each loader's docstring). Amounts are decimal strings.

``RATES``: one dict per rate and date, with the keys of a ``FinanceRate`` row:
``country``, ``name`` ("policy_rate", "stress_margin", "floating_rate"),
``valid_from``, ``percent`` (a decimal string) and ``source``.

Every source says how far its figures can be trusted. Figures marked APPROXIMATE,
ESTIMATE or PLACEHOLDER were not checked against the published table and must be
replaced from it before a decision rests on them; the policy rate must be checked
against norges-bank.no. No floating start-loan rate is given: Husbanken publishes it
monthly and the municipality enters it.
"""

from __future__ import annotations

from typing import Any

# --- Norway: SIFO's reference budget ------------------------------------------------------

_SIFO_CATEGORIES = ("food", "clothes", "personal_care", "play_and_media", "travel")


def _person(
    min_age: int, max_age: int | None, sex: str | None, *amounts: int, **optional: int
) -> dict[str, Any]:
    """A person row: the five per-person categories in order, then optional ones."""
    row = dict(zip(_SIFO_CATEGORIES, (str(a) for a in amounts), strict=True))
    row.update({name: str(amount) for name, amount in optional.items()})
    return {"min_age": min_age, "max_age": max_age, "sex": sex, "amounts": row}


def _household(
    size: int, groceries: int, articles: int, furniture: int, media: int, car: int
) -> dict[str, Any]:
    return {
        "size": size,
        "amounts": {
            "other_groceries": str(groceries),
            "household_articles": str(articles),
            "furniture": str(furniture),
            "media_and_leisure": str(media),
            "car": str(car),
        },
    }


# Per month, kroner. Sex-specific rows come before the row for both sexes (the rules
# take the first row that fits); the row for both is the mean of the two.
SIFO_2025: dict[str, Any] = {
    "person_rows": [
        _person(0, 1, None, 1700, 700, 450, 400, 0, infant_equipment=600),
        _person(2, 5, None, 2300, 900, 350, 1000, 0, kindergarten=1850),
        _person(6, 9, None, 2900, 950, 400, 1300, 400, after_school=1500),
        _person(10, 13, "male", 3600, 1000, 400, 1400, 450),
        _person(10, 13, "female", 3300, 1000, 550, 1400, 450),
        _person(10, 13, None, 3450, 1000, 475, 1400, 450),
        _person(14, 17, "male", 4400, 1100, 500, 1500, 550),
        _person(14, 17, "female", 3700, 1150, 750, 1500, 550),
        _person(14, 17, None, 4050, 1125, 625, 1500, 550),
        _person(18, 30, "male", 4500, 1050, 650, 1500, 850),
        _person(18, 30, "female", 3700, 1100, 900, 1500, 850),
        _person(18, 30, None, 4100, 1075, 775, 1500, 850),
        _person(31, 50, "male", 4300, 1000, 650, 1450, 850),
        _person(31, 50, "female", 3600, 1050, 850, 1450, 850),
        _person(31, 50, None, 3950, 1025, 750, 1450, 850),
        _person(51, 66, "male", 4100, 950, 650, 1400, 850),
        _person(51, 66, "female", 3500, 1000, 850, 1400, 850),
        _person(51, 66, None, 3800, 975, 750, 1400, 850),
        _person(67, None, "male", 3800, 850, 650, 1300, 450),
        _person(67, None, "female", 3300, 900, 800, 1300, 450),
        _person(67, None, None, 3550, 875, 725, 1300, 450),
    ],
    "household_rows": [
        _household(1, 300, 600, 500, 1700, 3500),
        _household(2, 350, 700, 600, 1900, 3500),
        _household(3, 450, 800, 700, 2100, 3800),
        _household(4, 500, 900, 800, 2300, 4000),
        _household(5, 550, 1000, 900, 2400, 4000),
        _household(6, 600, 1100, 1000, 2500, 4000),
    ],
    # Counted only when the case asks for them, so that a cost the economy has as a
    # fixed line (the car loan, the kindergarten bill) is not counted twice.
    "optional_categories": ["car", "infant_equipment", "kindergarten", "after_school"],
}

# --- Norway: the guideline rates for social assistance -----------------------------------

SOCIAL_ASSISTANCE_2024: dict[str, Any] = {
    "single_adult": "7850",
    "adult_sharing": "6550",
    "child_by_age_band": {"0-5": "3850", "6-10": "3950", "11-17": "5150"},
}
# The 2024 rates × 1.026, rounded to 50 kroner (couple 13,440.60 -> 13,450, half 6,725).
SOCIAL_ASSISTANCE_2025: dict[str, Any] = {
    "single_adult": "8050",
    "adult_sharing": "6725",
    "child_by_age_band": {"0-5": "3950", "6-10": "4050", "11-17": "5300"},
}

# --- Norway: the housing allowance (bostøtte) ------------------------------------------------


def _ceilings(group: str, *monthly: int) -> list[dict[str, Any]]:
    return [
        {"group": group, "household_size": size, "monthly_ceiling": str(amount)}
        for size, amount in enumerate(monthly, start=1)
    ]


HOUSING_ALLOWANCE_2025: dict[str, Any] = {
    "rate": "0.737",
    "first_person_weight": "1.0",
    "extra_person_weight": "0.13",
    "minimum_own_share": "1900",
    "own_share_brackets": [
        {"from_income": "0", "rate": "0"},
        {"from_income": "12000", "rate": "0.20"},
        {"from_income": "24000", "rate": "0.35"},
    ],
    "ceilings": [
        *_ceilings("oslo", 8500, 9500, 10300, 11000, 11700, 12400),
        *_ceilings("big_cities", 7400, 8300, 9000, 9600, 10200, 10800),
        *_ceilings("other", 6400, 7200, 7800, 8300, 8800, 9300),
    ],
}

# --- Norway: loan products and the frame for terms ---------------------------------------------

PRODUCTS_2025: dict[str, Any] = {
    "terms_policy": {
        "max_years": 30,
        "max_years_extended": 50,
        "max_interest_only_years": 8,
        "fixed_rate_periods": [3, 5, 10, 20],
        "due_days": [1, 12, 20],
        "payments_per_year": [12, 4],
    },
    "products": [
        {"kind": "ordinary"},
        {
            "kind": "first_time_buyer",
            "equity_share": "0.05",
            "instalment_years": 30,
            "max_years_with_municipality": 10,
        },
    ],
    "rent_to_own_option_years": [3, 5],
}

# --- Denmark: deposit loans (indskudslån) --------------------------------------------------------

DEPOSIT_LOAN_DK_2025: dict[str, Any] = {
    "income_limit_by_kind": {"family_dwelling": "350000", "youth_dwelling": "350000"},
    "income_limit_per_child": "75000",
    "max_children_counted": 4,
    "own_part": "0",
    "max_deposit": "150000",
    "municipality_share": "0.5",
    "interest_free_years": 5,
    "instalment_free_years": 5,
}

DEFAULTS: list[dict[str, Any]] = [
    {
        "country": "NO",
        "kind": "sifo",
        "valid_from": "2025-05-20",
        "source": (
            "SIFO's reference budget 2025 (OsloMet, prices Feb 2025, published 20 May 2025). "
            "APPROXIMATE: rounded to 50 kr from memory, checked only against SIFO's example "
            "family (455,140 kr a year); replace every figure from SIFO's table before use."
        ),
        "data": SIFO_2025,
    },
    {
        "country": "NO",
        "kind": "social_assistance",
        "valid_from": "2024-01-01",
        "source": (
            "Statlige veiledende retningslinjer for økonomisk stønad from 1 Jan 2024 (as "
            "published by Statsforvalteren 8 Jan 2024): single 7,850, couple 13,100 (6,550 "
            "each), children 3,850/3,950/5,150. Verify against the circular."
        ),
        "data": SOCIAL_ASSISTANCE_2024,
    },
    {
        "country": "NO",
        "kind": "social_assistance",
        "valid_from": "2025-01-01",
        "source": (
            "ESTIMATE of the guideline rates from 1 Jan 2025: the 2024 rates raised by an "
            "assumed 2.6 % and rounded to 50 kr. Replace with the published circular for "
            "2025 (regjeringen.no) before use."
        ),
        "data": SOCIAL_ASSISTANCE_2025,
    },
    {
        "country": "NO",
        "kind": "housing_allowance",
        "valid_from": "2025-01-01",
        "source": (
            "PLACEHOLDER in the shape of bostøtte (73.7 % of approved costs above the own "
            "share; weights 1.0 + 0.13 per extra person): ceilings, brackets and minimum own "
            "share are rough, not Husbanken's rates; replace from husbanken.no before use."
        ),
        "data": HOUSING_ALLOWANCE_2025,
    },
    {
        "country": "NO",
        "kind": "products",
        "valid_from": "2025-01-01",
        "source": (
            "Forskrift om lån fra Husbanken § 8-5 (30 years, 50 on four conditions, 8 "
            "interest-only) and the start-loan guidance (fixed 3/5/10/20 years, due 1st/12th/"
            "20th); first-time-buyer trial 5 %, 30, 10 years (verify its start); rent-to-own 3/5."
        ),
        "data": PRODUCTS_2025,
    },
    {
        "country": "DK",
        "kind": "deposit_loan",
        "valid_from": "2025-01-01",
        "source": (
            "APPROXIMATE deposit-loan rules (lov om individuel boligstøtte ch. 10; § 56 "
            "income limit plus a supplement per child, up to 4): amounts rounded, not checked "
            "against this year's rates; the own part and the dwellings are the municipality's."
        ),
        "data": DEPOSIT_LOAN_DK_2025,
    },
]

# --- Rates -------------------------------------------------------------------------------------

_POLICY_RATE_SOURCE = (
    "Norges Bank's policy rate, in force from the day after each decision; from memory, "
    "to be checked against norges-bank.no (changes after 19 Sep 2025 are not included)."
)
_POLICY_RATES = [
    ("2021-12-17", "0.50"),
    ("2022-03-25", "0.75"),
    ("2022-06-24", "1.25"),
    ("2022-08-19", "1.75"),
    ("2022-09-23", "2.25"),
    ("2022-11-04", "2.50"),
    ("2022-12-16", "2.75"),
    ("2023-03-24", "3.00"),
    ("2023-05-05", "3.25"),
    ("2023-06-23", "3.75"),
    ("2023-08-18", "4.00"),
    ("2023-09-22", "4.25"),
    ("2023-12-15", "4.50"),
    ("2025-06-20", "4.25"),
    ("2025-09-19", "4.00"),
]

RATES: list[dict[str, Any]] = [
    *(
        {
            "country": "NO",
            "name": "policy_rate",
            "valid_from": day,
            "percent": percent,
            "source": _POLICY_RATE_SOURCE,
        }
        for day, percent in _POLICY_RATES
    ),
    {
        "country": "NO",
        "name": "stress_margin",
        "valid_from": "2020-01-01",
        "percent": "2.50",
        "source": (
            "Husbanken's start-loan guidance: capacity tested at the policy rate + 2.5 "
            "percentage points (not the banks' + 3, min 7 %). Dated from the regulation "
            "(FOR-2019-12-20-2042, in force 2020); verify the guidance's own date."
        ),
    },
]
