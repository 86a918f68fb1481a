"""What every API input refuses before it reaches a service or the database, naming
the field (422):

- a NUL character in any text: PostgreSQL refuses it in a text column (a DataError,
  which was a 500), and no person, address or note holds one. Bodies refuse it
  through ``InputSchema``, the base of every input schema; query parameters through
  ``InputParser``, the API's parser.
- a time-zone offset beyond ±15:59 in a date-time: pydantic takes up to ±23:59, which
  PostgreSQL (its limit is 15:59) and the zone library fail on.
- an integer beyond 64 bits (an id in a list, a count): no column holds one, and the
  database driver cannot even send it (SQLite's OverflowError).
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from pydantic import BaseModel, field_validator

ERROR_NUL = _("Null characters are not allowed.")
ERROR_OFFSET = _("The time zone offset must be between -15:59 and +15:59.")
ERROR_TOO_BIG = _("The request body is larger than the server accepts.")
ERROR_INTEGER = _("The number is too large.")

# PostgreSQL's bound for a time-zone displacement (and ISO 8601's practical one).
MAX_OFFSET = datetime.timedelta(hours=15, minutes=59)
# A signed 64-bit integer: PostgreSQL's bigint, SQLite's INTEGER.
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1


def refused(value: object) -> str | None:
    """Why ``value`` (a str, an int, a date-time, or a list or dict of them) is
    refused, or None. Nested schemas check their own fields."""
    if isinstance(value, str):
        return str(ERROR_NUL) if "\x00" in value else None
    if isinstance(value, int) and not isinstance(value, bool):
        return None if MIN_INTEGER <= value <= MAX_INTEGER else str(ERROR_INTEGER)
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        return str(ERROR_OFFSET) if offset is not None and abs(offset) > MAX_OFFSET else None
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple | set | frozenset):
        return next((why for item in value if (why := refused(item))), None)
    return None


class InputSchema(Schema):
    """The base of every schema the API reads a body or a query from."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_what_the_database_cannot_store(cls, value: Any) -> Any:
        if not isinstance(value, BaseModel) and (why := refused(value)):
            raise ValueError(why)
        return value


class InputParser(Parser):
    """The API's parser: query parameters with a NUL character answer 422 naming the
    parameter, whatever the operation reads them into."""

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        errors = [
            {"loc": ["query", key], "msg": str(ERROR_NUL), "type": "value_error"}
            for key, values in data.lists()
            if "\x00" in key or any("\x00" in value for value in values if isinstance(value, str))
        ]
        if errors:
            raise NinjaValidationError(errors)
        return super().parse_querydict(data, list_fields, request)
