"""Ids read from a query string: what names an object and what names none."""

import pytest

from boligtorg.core.query import MAX_ID, id_from_query, ids_from_query


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("1", 1),
        ("007", 7),
        (str(2**63 - 1), 2**63 - 1),
    ],
)
def test_ascii_digits_within_64_bits_name_an_id(value, expected):
    assert id_from_query(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "abc",
        "0",
        "000",
        "-1",
        "+12",
        " 12",
        "12 ",
        "1_2",
        "12.0",
        "\u0661\u0662",  # Arabic-Indic "12": isdecimal() and int() accept it
        "\uff11\uff12",  # full-width "12"
        "\u00b2",  # superscript two: isdigit() accepts it, int() does not
        str(2**63),
        "99999999999999999999",
    ],
)
def test_anything_else_names_no_id(value):
    assert id_from_query(value) is None


def test_the_bound_is_the_largest_signed_64_bit_integer():
    assert MAX_ID == 9223372036854775807


def test_a_list_keeps_the_ids_in_order_with_repeats_and_drops_the_rest():
    values = ["3", "abc", "1", "\u0661", "3", str(2**63), "0", ""]
    assert ids_from_query(values) == [3, 1, 3]


def test_an_empty_list_names_no_ids():
    assert ids_from_query([]) == []
