"""The dashboard: a panel per area of work, shown to the roles that work there.

Panels whose module is not built yet say so honestly with an empty state; each
module replaces its panel's ``template`` and context when it lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Membership, Role
from .permissions import Actor


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def _empty(title: Promise, message: Promise) -> Panel:
    return Panel(title, "core/panels/empty.html", {"message": message})


def _deadlines_panel(actor: Actor) -> Panel:
    """What is due and overdue in the municipality's cases (the deadlines list)."""
    from boligtorg.cases.models import Application
    from boligtorg.cases.services.decisions import deadline_counts

    counts = deadline_counts(actor=actor, today=timezone.localdate())
    if not any(counts.values()) and not (
        Application.objects.filter(municipality=actor.municipality).exists()
    ):
        return _empty(_("Cases"), _("No cases yet."))
    return Panel(_("Cases"), "cases/decisions/deadlines_panel.html", counts)


def _followup_panel(actor: Actor) -> Panel:
    """The worker's week: visits coming, visits not recorded, goal reviews due."""
    from boligtorg.followup.selectors import agenda_read

    agenda = agenda_read(actor=actor, weeks=1)
    if not (agenda.coming or agenda.unrecorded or agenda.reviews_due):
        return _empty(_("Follow-up"), _("Nothing planned for the coming week."))
    return Panel(_("Follow-up"), "followup/panels/agenda.html", {"agenda": agenda})


def _areas_panel(actor: Actor) -> Panel:
    """How many areas, and each one's classification in its latest year."""
    from boligtorg.planning.selectors_areas import areas_summary

    summary = areas_summary(actor=actor)
    if not summary.count:
        return _empty(_("Areas and plans"), _("No areas registered yet."))
    return Panel(_("Areas and plans"), "planning/areas/panel.html", {"summary": summary})


def _reminders_panel(actor: Actor) -> Panel | None:
    from .notifications import unread_count

    unread = unread_count(actor=actor)
    if not unread:
        return None
    return Panel(_("Reminders"), "core/panels/reminders.html", {"unread": unread})


def panels_for(actor: Actor | None) -> list[Panel]:
    """The panels for the actor's roles in the current municipality, in a fixed order."""
    if actor is None or actor.municipality is None:
        return []
    panels: list[Panel] = []
    reminders = _reminders_panel(actor)
    if reminders:
        panels.append(reminders)
    if actor.has_role(Role.CASEWORKER):
        panels.append(_deadlines_panel(actor))
    elif actor.has_role(Role.MANAGER):
        panels.append(_empty(_("Cases"), _("No cases yet.")))
    if actor.has_role(Role.ALLOCATION_MEMBER, Role.MANAGER):
        from boligtorg.housing.selectors import vacant_dwelling_count

        vacant = vacant_dwelling_count(actor=actor)
        panels.append(
            Panel(_("Vacant dwellings"), "housing/panels/vacant.html", {"vacant": vacant})
        )
    if actor.has_role(Role.FOLLOWUP_WORKER):
        panels.append(_followup_panel(actor))
    if actor.has_role(Role.LOAN_OFFICER):
        panels.append(_empty(_("Start loans"), _("No loan applications yet.")))
    if actor.has_role(Role.PLANNER, Role.MANAGER):
        panels.append(_areas_panel(actor))
    if actor.has_role(Role.MUNICIPALITY_ADMIN):
        members = Membership.objects.filter(municipality=actor.municipality)
        panels.append(
            Panel(
                _("Users"),
                "core/panels/users.html",
                {
                    "active": members.filter(is_active=True).count(),
                    "inactive": members.filter(is_active=False).count(),
                },
            )
        )
    if actor.has_role(Role.AUDITOR, Role.MANAGER):
        recent = AuditEvent.objects.filter(municipality=actor.municipality).order_by("-at", "-id")
        panels.append(
            Panel(_("Latest activity"), "core/panels/audit.html", {"events": list(recent[:5])})
        )
    return panels
