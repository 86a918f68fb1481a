"""The tenancy harness: every URL of the project, requested by a user of
municipality B against objects of municipality A, must answer 403 or 404.

Each URL parameter name maps to a maker that creates an object of the given
municipality and returns the value to put in the URL. A new module that adds a
URL with a new parameter registers its maker here (``register``); a parameter
without a maker fails the walk, so no URL escapes the check.
"""

from collections.abc import Callable

from boligtorg.core.factories import MembershipFactory, UserFactory
from boligtorg.core.models import Municipality, Role

Maker = Callable[[Municipality], object]
MAKERS: dict[str, Maker] = {}

# Sub-trees that are not per-municipality by design, each with its reason.
EXCLUDED_PREFIXES: dict[str, str] = {
    "admin/": "system administration: superusers only, across all municipalities",
    "static/": "public front-end files",
    "i18n/": "language switch: no objects",
}


def register(name: str, maker: Maker) -> None:
    if name in MAKERS:
        raise ValueError(f"a maker for URL parameter {name!r} is already registered")
    MAKERS[name] = maker


def _membership(municipality: Municipality) -> int:
    user = UserFactory(username=f"tenancy-{municipality.code}")
    return MembershipFactory(user=user, municipality=municipality, roles=[Role.CASEWORKER]).pk


register("membership_id", _membership)


def _application(municipality: Municipality) -> int:
    from boligtorg.cases.factories import ApplicationFactory

    return ApplicationFactory(municipality=municipality, status="submitted").pk


register("application_id", _application)
