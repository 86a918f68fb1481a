"""The main navigation as data: each entry names the roles that see it. Later
modules append their entries here."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Country, Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] = frozenset()  # empty: every member
    superuser_only: bool = False
    # Countries whose municipalities show the entry (empty: every country); a
    # module that differs by country gives one entry per country.
    countries: frozenset[str] = frozenset()


NAVIGATION: list[NavItem] = [
    NavItem(_("Dashboard"), "dashboard"),
    NavItem(_("Reminders"), "core:notification_list"),
    NavItem(_("Cases"), "cases:list", frozenset({Role.CASEWORKER, Role.MANAGER, Role.AUDITOR})),
    NavItem(_("Users"), "core:member_list", frozenset({Role.MUNICIPALITY_ADMIN})),
    NavItem(_("Audit log"), "core:audit_list", frozenset({Role.AUDITOR, Role.MANAGER})),
    NavItem(_("System administration"), "admin:index", superuser_only=True),
]
NAVIGATION.append(
    NavItem(
        _("Dwellings"),
        "housing:dwelling_list",
        frozenset({Role.ALLOCATION_MEMBER, Role.CASEWORKER, Role.MANAGER}),
    )
)


NAVIGATION.append(
    NavItem(
        _("Allocation"),
        "allocation:meeting_list",
        frozenset({Role.ALLOCATION_MEMBER, Role.CASEWORKER, Role.MANAGER, Role.MUNICIPALITY_ADMIN}),
    )
)

NAVIGATION.append(
    NavItem(
        _("Follow-up"),
        "followup:agenda",
        frozenset({Role.FOLLOWUP_WORKER, Role.CASEWORKER, Role.MANAGER, Role.MUNICIPALITY_ADMIN}),
    )
)

NAVIGATION.append(
    NavItem(
        _("Areas and plans"),
        "planning:area_list",
        frozenset({Role.PLANNER, Role.MANAGER, Role.MUNICIPALITY_ADMIN, Role.CASEWORKER}),
    )
)

NAVIGATION.append(
    NavItem(
        _("Financing"),
        "finance:case_list",
        frozenset({Role.LOAN_OFFICER, Role.MANAGER}),
        countries=frozenset({Country.NORWAY}),
    )
)
NAVIGATION.append(
    NavItem(
        _("Deposit loans"),
        "finance:deposit_list",
        frozenset({Role.LOAN_OFFICER, Role.MANAGER}),
        countries=frozenset({Country.DENMARK}),
    )
)

# Settling refugees, in both countries (issue 25); the roles are the settlement
# app's READ_ROLES (caseworker, allocation member, manager, planner).
NAVIGATION.append(
    NavItem(
        _("Settlement"),
        "settlement:overview",
        frozenset({Role.CASEWORKER, Role.ALLOCATION_MEMBER, Role.MANAGER, Role.PLANNER}),
    )
)

# Temporary accommodation (issue 26); the roles are the accommodation app's READ_ROLES.
NAVIGATION.append(
    NavItem(
        _("Temporary accommodation"),
        "accommodation:current",
        frozenset({Role.CASEWORKER, Role.MANAGER}),
    )
)
# The private rental market (issue 26): landlords and guarantees; the rental app's
# READ_ROLES (caseworker, manager).
NAVIGATION.append(
    NavItem(_("Private rental"), "rental:landlord_list", frozenset({Role.CASEWORKER, Role.MANAGER}))
)


def visible_items(
    *, roles: frozenset[str], is_superuser: bool, in_municipality: bool, country: str = ""
) -> list[NavItem]:
    """The entries for these roles; ``country`` is the current municipality's."""
    items = []
    for item in NAVIGATION:
        if item.superuser_only:
            if is_superuser:
                items.append(item)
        elif (
            in_municipality
            and (not item.roles or item.roles & roles)
            and (not item.countries or country in item.countries)
        ):
            items.append(item)
    return items
