"""A household's postal address: where its letters go, and the lines a letter's
recipient block prints.

Sources: Posten Norge's addressing guidance (name; c/o line; street or P.O. box;
"postcode town", a Norwegian postcode being four digits) and PostNord Danmark's (the
same order, Danish postcodes four digits). A person without a fixed address
(uten fast bosted / uden fast bopæl) gets letters through a contact point, such as
the NAV office or a shelter: the letter is addressed "c/o" that contact point.

- An address is either empty (unknown: letters carry the name only) or complete:
  street, postcode and town.
- A household without a fixed address needs the contact point and where the post
  reaches it (postcode and town; a street when the contact point has one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

STREET = "address_street"
POSTCODE = "address_postcode"
TOWN = "address_town"
CARE_OF = "address_care_of"

# Both countries' postcodes are four digits (NO 0001-9991, DK 0800-9990).
POSTCODE_PATTERNS = {"NO": re.compile(r"\d{4}"), "DK": re.compile(r"\d{4}")}
_CARE_OF_PREFIX = re.compile(r"^\s*c\s*/\s*o\s*", re.IGNORECASE)


class AddressProblem(StrEnum):
    """Why a postal address cannot stand."""

    POSTCODE_FORMAT = "postcode_format"
    STREET_MISSING = "street_missing"
    POSTCODE_MISSING = "postcode_missing"
    TOWN_MISSING = "town_missing"
    CONTACT_POINT_MISSING = "contact_point_missing"


@dataclass(frozen=True)
class PostalAddress:
    street: str = ""
    postcode: str = ""
    town: str = ""
    care_of: str = ""
    no_fixed_address: bool = False


def care_of_name(value: str) -> str:
    """The contact point's name without a leading "c/o" the user may have typed
    (the letter adds it)."""
    return _CARE_OF_PREFIX.sub("", value).strip()


def address_problems(address: PostalAddress, country: str) -> dict[str, AddressProblem]:
    """Every problem of ``address`` at once, keyed by field; empty when it may be
    stored. An address with nothing in it is allowed (not yet known)."""
    problems: dict[str, AddressProblem] = {}
    street, postcode, town = (
        address.street.strip(),
        address.postcode.strip(),
        address.town.strip(),
    )
    pattern = POSTCODE_PATTERNS.get(country, POSTCODE_PATTERNS["NO"])
    if postcode and not pattern.fullmatch(postcode):
        problems[POSTCODE] = AddressProblem.POSTCODE_FORMAT
    if address.no_fixed_address:
        if not care_of_name(address.care_of):
            problems[CARE_OF] = AddressProblem.CONTACT_POINT_MISSING
        if not postcode:
            problems[POSTCODE] = AddressProblem.POSTCODE_MISSING
        if not town:
            problems[TOWN] = AddressProblem.TOWN_MISSING
        return problems
    if not (street or postcode or town or care_of_name(address.care_of)):
        return problems
    if not street:
        problems[STREET] = AddressProblem.STREET_MISSING
    if not postcode:
        problems[POSTCODE] = AddressProblem.POSTCODE_MISSING
    if not town:
        problems[TOWN] = AddressProblem.TOWN_MISSING
    return problems


def address_lines(address: PostalAddress) -> list[str]:
    """The lines below the name in a letter's recipient block: "c/o ...", the
    street, "postcode town"; empty lines left out."""
    lines = []
    contact = care_of_name(address.care_of)
    if contact:
        lines.append(f"c/o {contact}")
    if address.street.strip():
        lines.append(address.street.strip())
    place = " ".join(part for part in (address.postcode.strip(), address.town.strip()) if part)
    if place:
        lines.append(place)
    return lines
