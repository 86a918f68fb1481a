"""National identity numbers and municipality codes of Norway and Denmark.

Validation follows python-stdnum; the synthetic numbers for demo and test data are
built so that they pass the same checks yet cannot belong to a registered person
(see ``fictitious_national_id``).
"""

from __future__ import annotations

import datetime
import random
import re
from enum import StrEnum

from stdnum.dk import cpr
from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer


class Country(StrEnum):
    NORWAY = "NO"
    DENMARK = "DK"


# Kommunenummer (SSB's standard classification) has four digits; the Danish
# kommunekode (Danmarks Statistik) has three.
_MUNICIPALITY_CODE = {Country.NORWAY: re.compile(r"\d{4}"), Country.DENMARK: re.compile(r"\d{3}")}


def is_valid_municipality_code(country: Country, code: str) -> bool:
    """True when ``code`` has the form of a Norwegian kommunenummer (4 digits)
    or a Danish kommunekode (3 digits) for ``country``."""
    return bool(_MUNICIPALITY_CODE[Country(country)].fullmatch(code))


def normalise_national_id(country: Country, value: str) -> str | None:
    """Return the compact form of a valid fødselsnummer/D-number (NO) or CPR (DK),
    or None when ``value`` is not valid for ``country``.

    Source: python-stdnum ``no.fodselsnummer`` (two mod-11 check digits, a real
    birth date, D- and H-numbers) and ``dk.cpr`` (a real birth date; CPR numbers
    issued since 2007 need not satisfy mod 11, so the check digit is not required).
    """
    module = fodselsnummer if Country(country) is Country.NORWAY else cpr
    try:
        return str(module.validate(value))
    except ValidationError:
        return None


def birth_date_from_national_id(country: Country, value: str) -> datetime.date:
    """The birth date embedded in a valid national id (raises ValueError if invalid)."""
    compact = normalise_national_id(country, value)
    if compact is None:
        raise ValueError("not a valid national id")
    module = fodselsnummer if Country(country) is Country.NORWAY else cpr
    birth_date: datetime.date = module.get_birth_date(compact)
    return birth_date


def fictitious_national_id(country: Country, rng: random.Random) -> str:
    """A synthetic national id that passes python-stdnum's checks.

    Norway: an H-number (month + 40), born 1940–1999. H-numbers are never issued
    by the Population Register, so no registered person holds one, while stdnum
    still verifies both check digits and the date. Denmark: CPR has no reserved
    fictitious range; we use a birth date in 1900–1935 with sequence digits
    0–3 and a valid mod-11 digit (``dk.cpr.checksum``), persons of 90 and more,
    which keeps a clash with a living person unlikely. Never copy real people.
    """
    country = Country(country)
    while True:
        if country is Country.NORWAY:
            birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(0, 60 * 365))
            individual = rng.randrange(0, 500)  # 000–499 with years 00–99: born 1900–1999
            first_nine = f"{birth:%d}{birth.month + 40:02d}{birth:%y}{individual:03d}"
            k1 = fodselsnummer.calc_check_digit1(first_nine)
            candidate = first_nine + k1 + fodselsnummer.calc_check_digit2(first_nine + k1)
        else:
            birth = datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(0, 36 * 365))
            first_nine = f"{birth:%d%m%y}{rng.randrange(0, 4)}{rng.randrange(0, 100):02d}"
            digits = (first_nine + str(d) for d in range(10))
            candidate = next((c for c in digits if cpr.checksum(c) == 0), "")
        if candidate and normalise_national_id(country, candidate) == candidate:
            return candidate
