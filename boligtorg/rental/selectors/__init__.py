"""Reads of the private rental work, always scoped to the actor's municipality; a row of
another municipality is not found (404). Reads of a guarantee (a household's data) are
audited."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role

from ..access import READ_ROLES
from ..models import Guarantee, Landlord


def landlords(actor: Actor, *, q: str = "") -> QuerySet[Landlord]:
    require_role(actor, *READ_ROLES)
    qs = Landlord.objects.filter(municipality=actor.municipality).select_related("contact_person")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(org_number__icontains=q))
    return qs.annotate(dwelling_count=Count("dwellings", distinct=True)).order_by("name", "pk")


def landlord_get(actor: Actor, pk: int) -> Landlord:
    require_role(actor, *READ_ROLES)
    return get_object_or_404(Landlord, municipality=actor.municipality, pk=pk)


def guarantees(
    actor: Actor, *, state: str = "", kind: str = "", landlord: int | None = None
) -> QuerySet[Guarantee]:
    require_role(actor, *READ_ROLES)
    qs = Guarantee.objects.filter(municipality=actor.municipality).select_related(
        "household", "landlord"
    )
    if state == "in_force":
        qs = qs.filter(ended_on__isnull=True)
    elif state == "ended":
        qs = qs.filter(ended_on__isnull=False)
    if kind:
        qs = qs.filter(kind=kind)
    if landlord:
        qs = qs.filter(landlord_id=landlord)
    audit_record(actor=actor, action=AuditAction.LIST, label="guarantee")
    return qs.order_by("-starts_on", "-pk")


def guarantee_get(actor: Actor, pk: int) -> Guarantee:
    require_role(actor, *READ_ROLES)
    guarantee = get_object_or_404(
        Guarantee.objects.select_related("household", "landlord", "application"),
        municipality=actor.municipality,
        pk=pk,
    )
    audit_record(actor=actor, action=AuditAction.VIEW, obj=guarantee)
    return guarantee
