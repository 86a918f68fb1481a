import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

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


_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


class TableRegionNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression | None):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> SafeString:
        table = self.nodelist.render(context)
        if self.label is not None:
            label = str(self.label.resolve(context))
        else:
            caption = _CAPTION.search(table)
            if caption is None:
                raise template.TemplateSyntaxError(
                    "table_region needs a label when its table has no caption"
                )
            label = " ".join(strip_tags(caption.group(1)).split())
        return format_html(
            '<div class="bt-table-scroll" role="region" tabindex="0" aria-label="{}">{}</div>',
            label,
            mark_safe(table),  # noqa: S308 - the rendered template, already escaped
        )


@register.tag
def table_region(parser: template.base.Parser, token: template.base.Token) -> TableRegionNode:
    """``{% table_region %}<table>…</table>{% endtable_region %}``: the table scrolls
    sideways inside its own region instead of widening the page (WCAG 2.1 1.4.10
    Reflow at 320 px). The region takes focus, so the keyboard scrolls it too, and is
    named by the table's caption, or by the label given: ``{% table_region _("…") %}``."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("table_region takes at most one label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(nodelist, label)
