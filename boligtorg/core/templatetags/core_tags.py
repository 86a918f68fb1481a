from collections.abc import Iterator
from typing import TYPE_CHECKING

from django import template
from django.apps import apps
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from boligtorg.core.models import AuditEvent

register = template.Library()


@register.filter
def elided_pages(paginator: Paginator, number: int) -> Iterator[int | str]:
    """Page numbers around ``number`` with ellipses, for the pagination partial."""
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)


@register.inclusion_tag("partials/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context, *pairs: str) -> dict[str, object]:
    """``{% breadcrumbs _("Dashboard") "dashboard" _("Users") "" %}``: label and URL
    name pairs; the last pair is the current page and may leave its URL empty."""
    crumbs = []
    for label, url_name in zip(pairs[::2], pairs[1::2], strict=True):
        crumbs.append((label, reverse(url_name) if url_name else context["request"].path))
    return {"crumbs": crumbs}


@register.inclusion_tag("partials/sortable_th.html", takes_context=True)
def sortable_th(context: template.Context, label: str, key: str) -> dict[str, object]:
    """A column header that sorts the list by ``key`` (again: descending), keeping
    the other query parameters and going back to page 1."""
    current = context.get("sort", "")
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["sort"] = f"-{key}" if current == key else key
    aria = {key: "ascending", f"-{key}": "descending"}.get(current, "")
    return {"label": label, "href": f"?{query.urlencode()}", "aria_sort": aria}


@register.filter
def audit_object(event: "AuditEvent") -> str:
    """What an audit event is about: its object with the kind of object in front
    (the model's verbose name, e.g. "Decision Refused 2026-03-03"), unless the name
    already says it or the kind is unknown."""
    try:
        label = str(apps.get_model(event.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return event.object_repr
    if label.lower() in event.object_repr.lower():
        return event.object_repr
    return f"{capfirst(label)} {event.object_repr}"


@register.filter
def audit_details(event: "AuditEvent") -> str:
    """What an event recorded: the names of the fields it changed, or, for a list or
    search read, its query and how many rows the page showed (the ids themselves are
    in the event, for an auditor who exports it)."""
    if event.action != "list":
        return ", ".join(event.changes)
    searched = event.changes.get("query") or {}
    query = "; ".join(f"{key}: {value}" for key, value in searched.items())
    count = int(event.changes.get("count") or 0)
    shown = ngettext("%(count)s row shown", "%(count)s rows shown", count) % {"count": count}
    return f"{query} · {shown}" if query else shown
