"""Object ids read from a query string or a posted form, checked once for every view.

A page that takes ``?from=<id>`` or a list of posted ids must answer an id it cannot
read as "no id", never 500. An id beyond a signed 64-bit integer made SQLite raise
``OverflowError`` when it reached the database (a 500); ``int()`` reads digits that
are not ASCII ("١٢" as 12) and refuses some that ``str.isdigit()`` accepts ("²", a
``ValueError``). Views each had their own check, each with a different gap; they use
these two instead. ``core/tests/test_bad_query_parameters.py`` walks every page with
such values.
"""

from collections.abc import Iterable

# A signed 64-bit integer: PostgreSQL's bigint and SQLite's INTEGER, the largest key.
MAX_ID = 2**63 - 1
_ASCII_DIGITS = frozenset("0123456789")


def id_from_query(value: str | None) -> int | None:
    """The id ``value`` names, or None when it names none: None or empty, anything
    but ASCII digits (a sign, a space, "١٢", "²"), zero, or beyond a signed 64-bit
    integer. No key is zero or negative, so those name nothing either."""
    if not value or not _ASCII_DIGITS.issuperset(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def ids_from_query(values: Iterable[str]) -> list[int]:
    """The ids ``values`` name (``request.GET.getlist(...)``), in their order and
    with repeats kept; values ``id_from_query`` reads as None are left out."""
    return [number for value in values if (number := id_from_query(value)) is not None]
