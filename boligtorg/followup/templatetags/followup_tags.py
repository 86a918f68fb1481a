"""Labels of the risk score's parts and levels for the follow-up pages."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from boligtorg.domain.risk import Contribution, Level, Signal

register = template.Library()

SIGNAL_LABELS = {
    Signal.ARREARS: _("Rent arrears"),
    Signal.PAYMENT_PLAN: _("Payment plan kept"),
    Signal.COMPLAINTS: _("Complaints from neighbours"),
    Signal.MISSED_VISITS: _("Missed visits"),
    Signal.SIX_MONTH_CLAUSE: _("Six-month clause due"),
    Signal.LEASE_END: _("Lease end due"),
}
LEVEL_LABELS = {Level.NONE: _("Low"), Level.WATCH: _("Watch"), Level.HIGH: _("High")}
LEVEL_COLOURS = {Level.NONE: "neutral", Level.WATCH: "warning", Level.HIGH: "danger"}


@register.filter
def signal_label(contribution: Contribution) -> str | Promise:
    return SIGNAL_LABELS[contribution.signal]


@register.filter
def signal_detail(contribution: Contribution) -> str:
    """What the part was computed from, in words."""
    if contribution.signal == Signal.ARREARS:
        return _("%(months)s months of rent owed") % {"months": contribution.quantity}
    if contribution.signal == Signal.PAYMENT_PLAN:
        return _("%(percent)s %% of the arrears' points off") % {
            "percent": int(contribution.quantity)
        }
    if contribution.signal in (Signal.COMPLAINTS, Signal.MISSED_VISITS):
        count = int(contribution.quantity)
        return ngettext("%(n)s in the window", "%(n)s in the window", count) % {"n": count}
    return ""


@register.filter
def level_label(level: str) -> str | Promise:
    return LEVEL_LABELS[Level(level)]


@register.filter
def level_colour(level: str) -> str:
    return LEVEL_COLOURS[Level(level)]


@register.inclusion_tag("followup/partials/subnav.html", takes_context=True)
def followup_subnav(context: template.Context) -> dict[str, object]:
    """The follow-up sub-menu: the pages the actor's roles may open."""
    from boligtorg.followup.access import RULES_ROLES, WARNING_READ_ROLES
    from boligtorg.followup.selectors_houses import READ_ROLES as HOUSE_ROLES

    request = context["request"]
    actor = request.actor
    entries = [
        (_("My agenda"), "followup:agenda", ()),
        (_("My follow-up plans"), "followup:plan_list", ()),
        (_("Shared houses"), "followup:house_life_list", HOUSE_ROLES),
        (_("Early warning"), "followup:warning_list", WARNING_READ_ROLES),
        (_("Risk rules"), "followup:risk_rules", (*WARNING_READ_ROLES, *RULES_ROLES)),
    ]
    items = []
    for label, url_name, roles in entries:
        if roles and not actor.has_role(*roles):
            continue
        url = reverse(url_name)
        items.append({"label": label, "url": url, "current": request.path == url})
    return {"items": items}
