"""Template tags and filters of the case-team pages and partials."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Application, Consent
from ..selectors_team import consent_category_labels

register = template.Library()


@register.filter
def covered_categories(consent: Consent) -> str:
    """``{{ consent|covered_categories }}``: "health, criminal record" (empty for none)."""
    return ", ".join(str(label) for label in consent_category_labels(consent))


@register.inclusion_tag("partials/breadcrumbs.html", takes_context=True)
def case_breadcrumbs(
    context: template.Context, application: Application, *pairs: str
) -> dict[str, object]:
    """Dashboard › Cases › the case › ``pairs``: label and URL pairs, e.g.
    ``{% case_breadcrumbs application _("Case team") "" %}``; the last pair is the
    current page and may leave its URL empty."""
    crumbs = [
        (_("Dashboard"), reverse("dashboard")),
        (_("Cases"), reverse("cases:list")),
        (application.number, reverse("cases:detail", kwargs={"application_id": application.pk})),
    ]
    for label, url in zip(pairs[::2], pairs[1::2], strict=True):
        crumbs.append((label, url or context["request"].path))
    return {"crumbs": crumbs}
