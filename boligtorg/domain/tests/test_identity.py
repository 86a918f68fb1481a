import datetime
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.dk import cpr
from stdnum.no import fodselsnummer

from boligtorg.domain.identity import (
    Country,
    birth_date_from_national_id,
    fictitious_national_id,
    is_valid_municipality_code,
    normalise_national_id,
)


@given(seed=st.integers(min_value=0, max_value=2**32))
def test_fictitious_norwegian_ids_pass_stdnum_and_are_h_numbers(seed):
    number = fictitious_national_id(Country.NORWAY, random.Random(seed))
    assert fodselsnummer.is_valid(number)
    # H-numbers carry month + 40: never issued by the Population Register.
    assert 41 <= int(number[2:4]) <= 52


@given(seed=st.integers(min_value=0, max_value=2**32))
def test_fictitious_danish_ids_pass_stdnum_with_mod11_check_digit(seed):
    number = fictitious_national_id(Country.DENMARK, random.Random(seed))
    assert cpr.is_valid(number)
    assert cpr.checksum(number) == 0
    assert birth_date_from_national_id(Country.DENMARK, number).year < 1937


def test_fictitious_ids_are_reproducible_from_the_seed():
    first = fictitious_national_id(Country.NORWAY, random.Random("kari"))
    again = fictitious_national_id(Country.NORWAY, random.Random("kari"))
    assert first == again


def test_a_national_id_with_a_wrong_check_digit_is_refused():
    number = fictitious_national_id(Country.NORWAY, random.Random(7))
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert normalise_national_id(Country.NORWAY, wrong) is None
    assert normalise_national_id(Country.NORWAY, number) == number


def test_spaces_and_dashes_are_removed_from_a_valid_id():
    number = fictitious_national_id(Country.DENMARK, random.Random(3))
    assert normalise_national_id(Country.DENMARK, f"{number[:6]}-{number[6:]}") == number


def test_birth_date_is_read_from_a_d_number():
    # A D-number adds 4 to the first digit of the day: 41 03 20 = 1 March 1920.
    for individual in range(100):
        first_nine = f"410320{individual:03d}"
        k1 = fodselsnummer.calc_check_digit1(first_nine)
        number = first_nine + k1 + fodselsnummer.calc_check_digit2(first_nine + k1)
        if fodselsnummer.is_valid(number):
            assert birth_date_from_national_id(Country.NORWAY, number) == datetime.date(1920, 3, 1)
            return
    pytest.fail("no valid D-number found for the test date")


@pytest.mark.parametrize(
    ("country", "code", "valid"),
    [
        (Country.NORWAY, "5001", True),
        (Country.NORWAY, "501", False),
        (Country.NORWAY, "50O1", False),
        (Country.DENMARK, "746", True),
        (Country.DENMARK, "0746", False),
    ],
)
def test_municipality_codes_have_four_digits_in_norway_and_three_in_denmark(country, code, valid):
    assert is_valid_municipality_code(country, code) is valid
