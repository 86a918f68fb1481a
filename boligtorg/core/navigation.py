"""The main navigation as data: each entry names the roles that see it. Later
modules append their entries here."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] = frozenset()  # empty: every member
    superuser_only: bool = False


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
    NavItem(_("Financing"), "finance:case_list", frozenset({Role.LOAN_OFFICER, Role.MANAGER}))
)


def visible_items(
    *, roles: frozenset[str], is_superuser: bool, in_municipality: bool
) -> list[NavItem]:
    items = []
    for item in NAVIGATION:
        if item.superuser_only:
            if is_superuser:
                items.append(item)
        elif in_municipality and (not item.roles or item.roles & roles):
            items.append(item)
    return items
