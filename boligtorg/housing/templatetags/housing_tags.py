"""Template helpers of the dwelling register."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("partials/breadcrumbs.html", takes_context=True)
def dwelling_breadcrumbs(context: template.Context, dwelling: object, current: str = "") -> dict:
    """Dashboard › Dwellings › the dwelling › ``current``: the core ``breadcrumbs``
    tag reverses URL names without arguments, and a dwelling's page needs its id."""
    crumbs = [
        (_("Dashboard"), reverse("dashboard")),
        (_("Dwellings"), reverse("housing:dwelling_list")),
        (str(dwelling), reverse("housing:dwelling_detail", args=[dwelling.pk])),
    ]
    if current:
        crumbs.append((current, context["request"].path))
    return {"crumbs": crumbs}


@register.filter
def household_name(household: object) -> str:
    """'2025-00012 – Ole Hansen' (members and applications prefetched)."""
    from boligtorg.housing.selectors import household_label

    return household_label(household)
