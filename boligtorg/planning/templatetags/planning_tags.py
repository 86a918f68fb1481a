"""The planning module's sub-menu: areas, programmes and plans, statistics."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.inclusion_tag("planning/partials/subnav.html", takes_context=True)
def planning_subnav(context: template.Context) -> dict[str, object]:
    """The pages of the planning module the actor's roles may open."""
    from boligtorg.core.models import Country
    from boligtorg.finance import access as finance_access
    from boligtorg.planning import (
        selectors_areas,
        selectors_kostra,
        selectors_programmes,
        selectors_statistics,
    )

    request = context["request"]
    entries = [
        (_("Areas"), "planning:area_list", selectors_areas.READ_ROLES),
        (_("Housing programmes"), "planning:programme_list", selectors_programmes.READ_ROLES),
        (_("Action plans"), "planning:action_plan_list", selectors_programmes.READ_ROLES),
        (_("Statistics"), "planning:statistics", selectors_statistics.READ_ROLES),
        (_("Yearly report"), "planning:kostra_report", selectors_kostra.REPORT_ROLES),
        (_("Stock versus need"), "planning:stock_need", selectors_statistics.READ_ROLES),
    ]
    # Start loans are Husbanken's: the report is for Norwegian municipalities.
    if request.actor.municipality.country == Country.NORWAY:
        entries.append((_("Start-loan report"), "finance:report", finance_access.REPORT_ROLES))
    items = []
    for label, url_name, roles in entries:
        if request.actor.has_role(*roles):
            url = reverse(url_name)
            items.append({"label": label, "url": url, "current": request.path == url})
    return {"items": items}
