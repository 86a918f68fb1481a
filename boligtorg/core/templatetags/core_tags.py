from collections.abc import Iterator
from typing import TYPE_CHECKING

from django import template
from django.core.paginator import Paginator
from django.urls import reverse

from boligtorg.core.audit_display import Change, event_changes, event_details, event_object

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
    """What an audit event is about (``core.audit_display.event_object``)."""
    return event_object(event)


@register.filter
def audit_changes(event: "AuditEvent") -> list[Change]:
    """The fields an event changed, by name, with old and new values, in the
    reader's language (``core.audit_display``); empty for a list read or export."""
    return event_changes(event)


@register.filter
def audit_details(event: "AuditEvent") -> str:
    """What an event recorded, as one text (``core.audit_display.event_details``)."""
    return event_details(event)
