"""Reads of temporary accommodation, always scoped to the actor's municipality."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.core.permissions import Actor, get_for_actor
from boligtorg.domain import accommodation as rules

from ..models import Placement, Provider, StayLimit
from ..services.placements import is_child


def providers(*, actor: Actor) -> QuerySet[Provider]:
    return Provider.objects.filter(municipality=actor.municipality).order_by("name", "pk")


def provider_get(*, actor: Actor, pk: int) -> Provider:
    return get_for_actor(Provider.objects.all(), actor, pk=pk)


def placements(*, actor: Actor) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(municipality=actor.municipality)
        .select_related("provider", "application", "decision")
        .prefetch_related("members__person")
        .order_by("-starts_on", "-pk")
    )


def placement_get(*, actor: Actor, pk: int) -> Placement:
    return get_for_actor(placements(actor=actor), actor, pk=pk)


def stay_limit(*, actor: Actor, on: datetime.date | None = None) -> StayLimit | None:
    """The limit in force on ``on`` (today): the latest from that day or before."""
    on = on or timezone.localdate()
    return (
        StayLimit.objects.filter(municipality=actor.municipality, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )


@dataclass
class Stay:
    placement: Placement
    nights: int
    with_children: bool
    limit: int | None
    over_limit: bool
    open_offer: Offer | None


def current_stays(*, actor: Actor, today: datetime.date | None = None) -> QuerySet[Placement]:
    """The placements running today: begun, and not ended before today."""
    today = today or timezone.localdate()
    return (
        placements(actor=actor)
        .filter(starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .prefetch_related(
            Prefetch(
                "application__offers",
                queryset=Offer.objects.filter(status=OfferStatus.OPEN),
                to_attr="open_offers",
            )
        )
        .order_by("starts_on", "pk")
    )


def stays_of(
    *, actor: Actor, page: list[Placement], today: datetime.date | None = None
) -> list[Stay]:
    """The nights so far and the limit of each placement of a page."""
    today = today or timezone.localdate()
    found = stay_limit(actor=actor, on=today)
    limit = rules.Limit(found.nights, found.nights_with_children) if found else None
    stays = []
    for placement in page:
        children = any(is_child(m, today) for m in placement.members.all())
        nights = rules.nights(placement.starts_on, placement.ends_on, today)
        offers = getattr(placement.application, "open_offers", [])
        stays.append(
            Stay(
                placement=placement,
                nights=nights,
                with_children=children,
                limit=rules.limit_for(limit, children) if limit else None,
                over_limit=rules.over_limit(nights, limit, children),
                open_offer=offers[0] if offers else None,
            )
        )
    return stays
