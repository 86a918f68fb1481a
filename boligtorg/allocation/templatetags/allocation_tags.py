"""Template helpers of the allocation meeting."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("partials/breadcrumbs.html", takes_context=True)
def meeting_breadcrumbs(context: template.Context, meeting: object, current: str = "") -> dict:
    """Dashboard › Allocation › the meeting › ``current``."""
    crumbs = [
        (_("Dashboard"), reverse("dashboard")),
        (_("Allocation"), reverse("allocation:meeting_list")),
        (str(meeting), reverse("allocation:meeting_detail", args=[meeting.pk])),
    ]
    if current:
        crumbs.append((current, context["request"].path))
    return {"crumbs": crumbs}


@register.filter
def percent(value: float | None) -> str:
    """A gap as a percentage with two decimals ("0.00 %"); "–" when unknown."""
    if value is None:
        return "–"
    return f"{value * 100:.2f} %"
