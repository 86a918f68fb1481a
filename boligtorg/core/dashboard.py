"""The dashboard: a panel per area of work, shown to the roles that work there.

Panels whose module is not built yet say so honestly with an empty state; each
module replaces its panel's ``template`` and context when it lands.

Every number a panel shows is a ``Figure``: the count and the list that shows
exactly those rows (its URL, with a fragment naming the heading or table of the
rows when the page has several). ``core/tests/test_dashboard_figures.py`` follows
every figure's link for every role and counts the rows, so a new panel is checked
as soon as it declares figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Membership, Role
from .permissions import Actor


@dataclass(frozen=True)
class Figure:
    """A number on the dashboard and the list of the rows it counts."""

    count: int
    url: str


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def figures(self) -> dict[str, Figure]:
        return {name: v for name, v in self.context.items() if isinstance(v, Figure)}


def _url(name: str, query: str = "", fragment: str = "") -> str:
    return reverse(name) + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def _empty(title: Promise, message: Promise) -> Panel:
    return Panel(title, "core/panels/empty.html", {"message": message})


def _cases_panel(actor: Actor) -> Panel:
    """The municipality's cases, and what is due and overdue in them (the deadlines
    list). Counted with the selectors of the lists the figures link to."""
    from boligtorg.cases.selectors import application_list
    from boligtorg.cases.services.decisions import deadline_counts

    cases = application_list(actor=actor).count()
    if not cases:
        return _empty(_("Cases"), _("No cases yet."))
    counts = deadline_counts(actor=actor, today=timezone.localdate())
    deadlines = "cases:deadlines"
    return Panel(
        _("Cases"),
        "cases/decisions/deadlines_panel.html",
        {
            "cases": Figure(cases, _url("cases:list")),
            "interim_overdue": Figure(
                counts["interim_overdue"], _url(deadlines, "due=overdue", "interim-heading")
            ),
            "interim_due_soon": Figure(
                counts["interim_due_soon"], _url(deadlines, "due=soon", "interim-heading")
            ),
            "appeals_pending": Figure(
                counts["appeals_pending"], _url(deadlines, fragment="appeals-heading")
            ),
        },
    )


def _followup_panel(actor: Actor) -> Panel:
    """The worker's week: visits coming, visits not recorded, goal reviews due."""
    from boligtorg.followup.selectors import agenda_read

    agenda = agenda_read(actor=actor, weeks=1)
    if not (agenda.coming or agenda.unrecorded or agenda.reviews_due):
        return _empty(_("Follow-up"), _("Nothing planned for the coming week."))
    return Panel(
        _("Follow-up"),
        "followup/panels/agenda.html",
        {
            "coming": Figure(
                len(agenda.coming), _url("followup:agenda", "weeks=1", "coming-heading")
            ),
            "unrecorded": Figure(
                len(agenda.unrecorded), _url("followup:agenda", "weeks=1", "unrecorded-heading")
            ),
            "reviews_due": Figure(
                len(agenda.reviews_due), _url("followup:agenda", "weeks=1", "reviews-heading")
            ),
        },
    )


def _areas_panel(actor: Actor) -> Panel:
    """How many areas, and each one's classification in its latest year."""
    from boligtorg.planning.selectors_areas import areas_summary

    summary = areas_summary(actor=actor)
    if not summary.count:
        return _empty(_("Areas and plans"), _("No areas registered yet."))
    return Panel(
        _("Areas and plans"),
        "planning/areas/panel.html",
        {"summary": summary, "areas": Figure(summary.count, _url("planning:area_list"))},
    )


def _finance_panel(actor: Actor) -> Panel:
    """Open financing cases by status, each linking to the list filtered on it; in a
    Danish municipality, its deposit loans (Denmark has no start loan)."""
    from boligtorg.finance.access import DEPOSIT_LOAN_COUNTRY
    from boligtorg.finance.selectors.cases import status_counts

    if actor.municipality.country == DEPOSIT_LOAN_COUNTRY:
        return _deposit_panel(actor)

    counts = [row for row in status_counts(actor=actor) if row.count]
    if not counts:
        return _empty(_("Financing"), _("No open applications for financing."))
    return Panel(
        _("Financing"),
        "finance/panels/cases.html",
        {
            f"status_{row.status}": Figure(
                row.count, _url("finance:case_list", f"status={row.status}")
            )
            for row in counts
        }
        | {"rows": counts},
    )


def _deposit_panel(actor: Actor) -> Panel:
    """Open deposit loans (indskudslån) by status, each linking to the filtered list."""
    from boligtorg.finance.selectors.deposit import deposit_status_counts

    counts = [row for row in deposit_status_counts(actor=actor) if row.count]
    if not counts:
        return _empty(_("Deposit loans"), _("No open deposit loans."))
    return Panel(
        _("Deposit loans"),
        "finance/panels/deposit.html",
        {
            f"status_{row.status}": Figure(
                row.count, _url("finance:deposit_list", f"status={row.status}")
            )
            for row in counts
        }
        | {"rows": counts},
    )


def _settlement_panel(actor: Actor) -> Panel:
    """This year's settlement: the figure in force, the persons settled (linking to
    the overview's list of them) and the remaining."""
    from boligtorg.settlement.selectors.numbers import year_overview

    year = timezone.localdate().year
    overview = year_overview(actor=actor, year=year)
    context: dict[str, Any] = {"overview": overview}
    if overview.settled:
        context["settled"] = Figure(
            overview.settled,
            _url("settlement:overview", f"year={year}", f"settled-{year}-heading"),
        )
    return Panel(_("Settlement"), "settlement/panels/numbers.html", context)


def _reminders_panel(actor: Actor) -> Panel | None:
    from .notifications import unread_count

    unread = unread_count(actor=actor)
    if not unread:
        return None
    return Panel(
        _("Reminders"),
        "core/panels/reminders.html",
        {"unread": Figure(unread, _url("core:notification_list", "unread=1"))},
    )


def _inbox_panel(actor: Actor) -> Panel:
    """The user's own work: open cases where they are caseworker or coordinator,
    their interim notices due within a week (or overdue), and the cases given to
    them in the last week. A figure is declared only when it is not zero."""
    from boligtorg.cases.access import DEADLINE_ROLES
    from boligtorg.cases.selectors import application_list
    from boligtorg.cases.services.decisions import interim_notice_list

    today = timezone.localdate()
    figures: dict[str, Figure] = {}
    mine = application_list(actor=actor, mine=True, today=today).count()
    if mine:
        figures["mine"] = Figure(mine, _url("cases:list", "mine=on"))
    if actor.has_role(*DEADLINE_ROLES):
        due = interim_notice_list(actor=actor, today=today, mine=True).count()
        if due:
            figures["due"] = Figure(due, _url("cases:deadlines", "mine=on", "interim-heading"))
    new = application_list(actor=actor, new=True, today=today).count()
    if new:
        figures["new"] = Figure(new, _url("cases:list", "new=on"))
    if not figures:
        return _empty(_("My work"), _("No open cases of yours."))
    return Panel(_("My work"), "core/panels/inbox.html", figures)


def panels_for(actor: Actor | None) -> list[Panel]:
    """The panels for the actor's roles in the current municipality, in a fixed order."""
    if actor is None or actor.municipality is None:
        return []
    panels: list[Panel] = []
    reminders = _reminders_panel(actor)
    if reminders:
        panels.append(reminders)
    from boligtorg.cases.access import DEADLINE_ROLES, READ_ROLES

    if actor.has_role(*READ_ROLES):
        panels.append(_inbox_panel(actor))
    if actor.has_role(*DEADLINE_ROLES):
        panels.append(_cases_panel(actor))
    if actor.has_role(Role.ALLOCATION_MEMBER, Role.MANAGER):
        from boligtorg.housing.selectors import vacant_dwelling_count

        vacant = vacant_dwelling_count(actor=actor)
        panels.append(
            Panel(
                _("Vacant dwellings"),
                "housing/panels/vacant.html",
                {"vacant": Figure(vacant, _url("housing:vacancy_list", fragment="ready-heading"))},
            )
        )
    if actor.has_role(Role.FOLLOWUP_WORKER):
        panels.append(_followup_panel(actor))
    if actor.has_role(Role.LOAN_OFFICER, Role.MANAGER):
        panels.append(_finance_panel(actor))
    from boligtorg.settlement.access import READ_ROLES as SETTLEMENT_READ_ROLES

    if actor.has_role(*SETTLEMENT_READ_ROLES):
        panels.append(_settlement_panel(actor))
    if actor.has_role(Role.PLANNER, Role.MANAGER):
        panels.append(_areas_panel(actor))
    if actor.has_role(Role.MUNICIPALITY_ADMIN):
        members = Membership.objects.filter(municipality=actor.municipality)
        panels.append(
            Panel(
                _("Users"),
                "core/panels/users.html",
                {
                    "active": Figure(
                        members.filter(is_active=True).count(),
                        _url("core:member_list", "status=active"),
                    ),
                    "inactive": Figure(
                        members.filter(is_active=False).count(),
                        _url("core:member_list", "status=inactive"),
                    ),
                },
            )
        )
    if actor.has_role(Role.AUDITOR, Role.MANAGER):
        recent = AuditEvent.objects.filter(municipality=actor.municipality).order_by("-at", "-id")
        panels.append(
            Panel(_("Latest activity"), "core/panels/audit.html", {"events": list(recent[:5])})
        )
    return panels
