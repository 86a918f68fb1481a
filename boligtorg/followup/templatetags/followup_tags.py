"""Labels of the risk score's parts and levels for the follow-up pages."""

from __future__ import annotations

from django import template
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
