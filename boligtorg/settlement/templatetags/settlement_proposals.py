"""``{% settlement_origin application %}``: on a housing case made from a settlement
record, "From settlement: <list reference>" with a link to the proposal for those who
may read it. Nothing for the other cases."""

from __future__ import annotations

from typing import Any

from django import template

from boligtorg.settlement.access import can_read
from boligtorg.settlement.selectors.proposals import proposal_for_application

register = template.Library()


@register.inclusion_tag("settlement/proposals/_origin.html", takes_context=True)
def settlement_origin(context: template.Context, application: Any) -> dict[str, Any]:
    request = context.get("request")
    actor = getattr(request, "actor", None)
    if application is None or actor is None:
        return {"proposal": None}
    proposal = proposal_for_application(
        application_id=application.pk, municipality_id=application.municipality_id
    )
    return {"proposal": proposal, "linked": proposal is not None and can_read(actor)}
