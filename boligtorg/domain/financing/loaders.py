"""Build the rules' dated tables from their stored JSON: the finance app keeps each
yearly table (SIFO's reference budget, the social-assistance guideline rates, the
housing allowance, Danish deposit loans, the loan products and terms) as a row with
``valid_from`` and a JSON ``data`` field; these loaders turn ``data`` into the
dataclasses the rules read (ARCHITECTURE.md: policy is data, with validity dates).

Amounts are decimal numbers in strings ("7850", "0.737"), never JSON numbers, so
that no krone or share passes through a binary float; counts and years are JSON
integers. A loader checks the whole shape and raises ``ReferenceDataError`` naming
the path of the first key at fault (``person_rows[2].amounts.food``) and what is
wrong with it; an unknown key is refused too, so that a misspelt key does not pass
unnoticed. The shapes are written out in each loader's docstring and in
``boligtorg/finance/defaults.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from .allowance import AllowanceCeiling, AllowanceTable, OwnShareBracket
from .common import NEGATIVE_AMOUNT, gettext_noop
from .deposit import DepositLoanRules
from .economy import Sex, SifoPersonRow, SifoReference, SocialAssistanceRates
from .terms import Product, ProductKind, TermsPolicy

DATA_MISSING = gettext_noop("This key is missing.")
DATA_UNKNOWN_KEY = gettext_noop("This key is not part of the table.")
DATA_NOT_OBJECT = gettext_noop("Expected an object of keys and values.")
DATA_NOT_LIST = gettext_noop("Expected a list.")
DATA_NOT_AMOUNT = gettext_noop(
    'Give the amount as a decimal number in a string, such as "1234.50".'
)
DATA_NOT_WHOLE_NUMBER = gettext_noop("Expected a whole number.")
DATA_NOT_TEXT = gettext_noop("Expected a text.")
DATA_NOT_A_CHOICE = gettext_noop("This value is not one of the allowed choices.")


class ReferenceDataError(ValueError):
    """A stored table does not have the shape its loader reads: ``path`` names the
    key at fault, ``message`` (a module constant) what is wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or 'data'}: {message}")
        self.path = path
        self.message = message


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _object(
    value: object, path: str, required: Collection[str], optional: Collection[str] = ()
) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ReferenceDataError(path, DATA_NOT_OBJECT)
    for key in value:
        if key not in required and key not in optional:
            raise ReferenceDataError(_at(path, str(key)), DATA_UNKNOWN_KEY)
    for key in required:
        if key not in value:
            raise ReferenceDataError(_at(path, key), DATA_MISSING)
    return value


def _list(value: object, path: str) -> Sequence[object]:
    if not isinstance(value, list | tuple):
        raise ReferenceDataError(path, DATA_NOT_LIST)
    return value


def _amount(value: object, path: str) -> Decimal:
    if not isinstance(value, str):
        raise ReferenceDataError(path, DATA_NOT_AMOUNT)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ReferenceDataError(path, DATA_NOT_AMOUNT) from None
    if not amount.is_finite():
        raise ReferenceDataError(path, DATA_NOT_AMOUNT)
    if amount < 0:
        raise ReferenceDataError(path, NEGATIVE_AMOUNT)
    return amount


def _whole(value: object, path: str) -> int:
    # bool is an int in Python, but true is no count of years.
    if not isinstance(value, int) or isinstance(value, bool):
        raise ReferenceDataError(path, DATA_NOT_WHOLE_NUMBER)
    return value


def _optional_whole(value: object, path: str) -> int | None:
    return None if value is None else _whole(value, path)


def _text(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise ReferenceDataError(path, DATA_NOT_TEXT)
    return value


def _amounts(value: object, path: str) -> dict[str, Decimal]:
    """An object of category -> amount, any categories."""
    if not isinstance(value, Mapping):
        raise ReferenceDataError(path, DATA_NOT_OBJECT)
    return {str(key): _amount(amount, _at(path, str(key))) for key, amount in value.items()}


def _wholes(value: object, path: str) -> frozenset[int]:
    return frozenset(_whole(item, _at(path, i)) for i, item in enumerate(_list(value, path)))


def _choice(value: object, path: str, choices: type[Sex] | type[ProductKind]) -> str:
    if not isinstance(value, str) or value not in {c.value for c in choices}:
        raise ReferenceDataError(path, DATA_NOT_A_CHOICE)
    return value


# --- SIFO's reference budget ------------------------------------------------------------


def sifo_reference_from_data(data: object, *, valid_from: datetime.date) -> SifoReference:
    """SIFO's reference budget for a year (``economy.SifoReference``) from::

        {"person_rows": [{"min_age": 18, "max_age": 30, "sex": "male",
                          "amounts": {"food": "4500", ...}}, ...],
         "household_rows": [{"size": 1, "amounts": {"other_groceries": "300", ...}}, ...],
         "optional_categories": ["car", ...]}

    ``max_age`` and ``sex`` may be left out or null (no upper bound; both sexes);
    the rules take the first person row that fits, so sex-specific rows come
    before the row for both. Raises ``ReferenceDataError``.
    """
    root = _object(data, "", ("person_rows", "household_rows"), ("optional_categories",))
    person_rows = []
    for i, item in enumerate(_list(root["person_rows"], "person_rows")):
        path = _at("person_rows", i)
        row = _object(item, path, ("min_age", "amounts"), ("max_age", "sex"))
        sex = row.get("sex")
        person_rows.append(
            SifoPersonRow(
                min_age=_whole(row["min_age"], _at(path, "min_age")),
                max_age=_optional_whole(row.get("max_age"), _at(path, "max_age")),
                amounts=_amounts(row["amounts"], _at(path, "amounts")),
                sex=None if sex is None else Sex(_choice(sex, _at(path, "sex"), Sex)),
            )
        )
    household_rows = {}
    for i, item in enumerate(_list(root["household_rows"], "household_rows")):
        path = _at("household_rows", i)
        row = _object(item, path, ("size", "amounts"))
        size = _whole(row["size"], _at(path, "size"))
        household_rows[size] = _amounts(row["amounts"], _at(path, "amounts"))
    optional = _list(root.get("optional_categories", []), "optional_categories")
    return SifoReference(
        valid_from=valid_from,
        person_rows=tuple(person_rows),
        household_rows=household_rows,
        optional_categories=frozenset(
            _text(c, _at("optional_categories", i)) for i, c in enumerate(optional)
        ),
    )


# --- The social-assistance guideline rates ------------------------------------------------


def social_assistance_rates_from_data(
    data: object, *, valid_from: datetime.date
) -> SocialAssistanceRates:
    """The national guideline rates for social assistance (``economy.
    SocialAssistanceRates``), monthly, from::

        {"single_adult": "7850", "adult_sharing": "6550",
         "child_by_age_band": {"0-5": "3850", "6-10": "3950", "11-17": "5150"}}

    ``adult_sharing`` is each adult's rate in a household of two or more (half the
    circular's rate for a couple). Raises ``ReferenceDataError``.
    """
    root = _object(data, "", ("single_adult", "adult_sharing", "child_by_age_band"))
    return SocialAssistanceRates(
        valid_from=valid_from,
        single_adult=_amount(root["single_adult"], "single_adult"),
        adult_sharing=_amount(root["adult_sharing"], "adult_sharing"),
        child_by_age_band=_amounts(root["child_by_age_band"], "child_by_age_band"),
    )


# --- The housing allowance ------------------------------------------------------------------


def allowance_table_from_data(data: object, *, valid_from: datetime.date) -> AllowanceTable:
    """The housing-allowance rates (``allowance.AllowanceTable``), monthly, from::

        {"rate": "0.737", "first_person_weight": "1.0", "extra_person_weight": "0.13",
         "minimum_own_share": "1900",
         "own_share_brackets": [{"from_income": "0", "rate": "0"}, ...],
         "ceilings": [{"group": "oslo", "household_size": 1,
                       "monthly_ceiling": "8500"}, ...]}

    Raises ``ReferenceDataError``.
    """
    keys = (
        "rate",
        "first_person_weight",
        "extra_person_weight",
        "minimum_own_share",
        "own_share_brackets",
        "ceilings",
    )
    root = _object(data, "", keys)
    brackets = []
    for i, item in enumerate(_list(root["own_share_brackets"], "own_share_brackets")):
        path = _at("own_share_brackets", i)
        row = _object(item, path, ("from_income", "rate"))
        brackets.append(
            OwnShareBracket(
                from_income=_amount(row["from_income"], _at(path, "from_income")),
                rate=_amount(row["rate"], _at(path, "rate")),
            )
        )
    ceilings = []
    for i, item in enumerate(_list(root["ceilings"], "ceilings")):
        path = _at("ceilings", i)
        row = _object(item, path, ("group", "household_size", "monthly_ceiling"))
        ceilings.append(
            AllowanceCeiling(
                group=_text(row["group"], _at(path, "group")),
                household_size=_whole(row["household_size"], _at(path, "household_size")),
                monthly_ceiling=_amount(row["monthly_ceiling"], _at(path, "monthly_ceiling")),
            )
        )
    return AllowanceTable(
        valid_from=valid_from,
        rate=_amount(root["rate"], "rate"),
        first_person_weight=_amount(root["first_person_weight"], "first_person_weight"),
        extra_person_weight=_amount(root["extra_person_weight"], "extra_person_weight"),
        minimum_own_share=_amount(root["minimum_own_share"], "minimum_own_share"),
        own_share_brackets=tuple(brackets),
        ceilings=tuple(ceilings),
    )


# --- Denmark: deposit loans -------------------------------------------------------------------


def deposit_loan_rules_from_data(data: object, *, valid_from: datetime.date) -> DepositLoanRules:
    """A Danish municipality's deposit-loan rules (``deposit.DepositLoanRules``) from::

        {"income_limit_by_kind": {"family_dwelling": "350000", ...},
         "income_limit_per_child": "75000", "max_children_counted": 4,
         "own_part": "0", "max_deposit": "150000", "municipality_share": "0.5",
         "interest_free_years": 5, "instalment_free_years": 5}

    Yearly income limits and deposits in kroner; the share as a fraction.
    Raises ``ReferenceDataError``.
    """
    keys = (
        "income_limit_by_kind",
        "income_limit_per_child",
        "max_children_counted",
        "own_part",
        "max_deposit",
        "municipality_share",
        "interest_free_years",
        "instalment_free_years",
    )
    root = _object(data, "", keys)
    return DepositLoanRules(
        valid_from=valid_from,
        income_limit_by_kind=_amounts(root["income_limit_by_kind"], "income_limit_by_kind"),
        income_limit_per_child=_amount(root["income_limit_per_child"], "income_limit_per_child"),
        max_children_counted=_whole(root["max_children_counted"], "max_children_counted"),
        own_part=_amount(root["own_part"], "own_part"),
        max_deposit=_amount(root["max_deposit"], "max_deposit"),
        municipality_share=_amount(root["municipality_share"], "municipality_share"),
        interest_free_years=_whole(root["interest_free_years"], "interest_free_years"),
        instalment_free_years=_whole(root["instalment_free_years"], "instalment_free_years"),
    )


# --- Loan products and terms ----------------------------------------------------------------

_PRODUCTS_KEYS = ("terms_policy", "products")
_PRODUCTS_OPTIONAL_KEYS = ("rent_to_own_option_years",)


def terms_policy_from_data(data: object) -> TermsPolicy:
    """Husbanken's frame for terms (``terms.TermsPolicy``) from the ``terms_policy``
    key of a products table::

        {"terms_policy": {"max_years": 30, "max_years_extended": 50,
                          "max_interest_only_years": 8,
                          "fixed_rate_periods": [3, 5, 10, 20],
                          "due_days": [1, 12, 20], "payments_per_year": [12, 4]},
         "products": [...], "rent_to_own_option_years": [3, 5]}

    Raises ``ReferenceDataError``.
    """
    root = _object(data, "", _PRODUCTS_KEYS, _PRODUCTS_OPTIONAL_KEYS)
    keys = (
        "max_years",
        "max_years_extended",
        "max_interest_only_years",
        "fixed_rate_periods",
        "due_days",
        "payments_per_year",
    )
    policy = _object(root["terms_policy"], "terms_policy", keys)

    def whole(key: str) -> int:
        return _whole(policy[key], _at("terms_policy", key))

    def wholes(key: str) -> frozenset[int]:
        return _wholes(policy[key], _at("terms_policy", key))

    return TermsPolicy(
        max_years=whole("max_years"),
        max_years_extended=whole("max_years_extended"),
        max_interest_only_years=whole("max_interest_only_years"),
        fixed_rate_periods=wholes("fixed_rate_periods"),
        due_days=wholes("due_days"),
        payments_per_year=wholes("payments_per_year"),
    )


def product_from_data(data: object, path: str = "") -> Product:
    """One start-loan product (``terms.Product``) from::

        {"kind": "first_time_buyer", "equity_share": "0.05",
         "instalment_years": 30, "max_years_with_municipality": 10}

    Only ``kind`` is required: the ordinary product asks no equity share and no
    refinancing. ``path`` prefixes the paths in errors. Raises
    ``ReferenceDataError``.
    """
    optional = ("equity_share", "instalment_years", "max_years_with_municipality")
    row = _object(data, path, ("kind",), optional)
    equity_share = row.get("equity_share", "0")
    return Product(
        kind=ProductKind(_choice(row["kind"], _at(path, "kind"), ProductKind)),
        equity_share=_amount(equity_share, _at(path, "equity_share")),
        instalment_years=_optional_whole(
            row.get("instalment_years"), _at(path, "instalment_years")
        ),
        max_years_with_municipality=_optional_whole(
            row.get("max_years_with_municipality"), _at(path, "max_years_with_municipality")
        ),
    )


def products_from_data(data: object) -> dict[ProductKind, Product]:
    """The products of a products table (its ``products`` list, shaped as
    ``product_from_data`` reads), by kind. Raises ``ReferenceDataError``."""
    root = _object(data, "", _PRODUCTS_KEYS, _PRODUCTS_OPTIONAL_KEYS)
    products = [
        product_from_data(item, _at("products", i))
        for i, item in enumerate(_list(root["products"], "products"))
    ]
    return {product.kind: product for product in products}


def option_years_from_data(data: object) -> frozenset[int] | None:
    """The rent-to-own option periods offered, in years, from the
    ``rent_to_own_option_years`` key of a products table (pass them to
    ``rent_to_own.agreement_errors``); None when the table has no such key, so
    that the rules' default applies (an empty list offers no period: every
    agreement then has a purchase deadline). Raises ``ReferenceDataError``."""
    root = _object(data, "", _PRODUCTS_KEYS, _PRODUCTS_OPTIONAL_KEYS)
    if "rent_to_own_option_years" not in root:
        return None
    return _wholes(root["rent_to_own_option_years"], "rent_to_own_option_years")
