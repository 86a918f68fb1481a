"""Reads of the persons proposed for settlement: the list (filters, search, sort),
one proposal with its persons (the read audited, as a case's), one proposed person,
and the proposal a housing case was made from."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, get_for_actor, require_role

from ..access import READ_ROLES
from ..models import Proposal, ProposalSource, ProposalStatus, ProposedPerson

# Sort keys of the list and what they order by (a descending key starts with "-").
ORDERINGS = {
    "received": ("received_on", "pk"),
    "reference": ("list_reference", "pk"),
    "status": ("status", "-received_on", "-pk"),
    "arrival": ("expected_arrival_on", "pk"),
}
DEFAULT_ORDERING = "-received"


def _ordered(qs: QuerySet[Proposal], ordering: str) -> QuerySet[Proposal]:
    key = ordering.lstrip("-")
    if key not in ORDERINGS:
        return qs.order_by("-received_on", "-pk")
    fields = ORDERINGS[key]
    if ordering.startswith("-"):
        fields = tuple(f[1:] if f.startswith("-") else f"-{f}" for f in fields)
    return qs.order_by(*fields)


def proposal_list(
    *,
    actor: Actor,
    status: str = "",
    source: str = "",
    year: int | None = None,
    minors: bool = False,
    search: str = "",
    ordering: str = DEFAULT_ORDERING,
) -> QuerySet[Proposal]:
    """The municipality's proposed households with their persons. ``search`` takes a
    reference or words of a person's name; ``year`` is the year received."""
    require_role(actor, *READ_ROLES)
    qs = Proposal.objects.filter(municipality=actor.municipality).prefetch_related(
        Prefetch("persons", queryset=ProposedPerson.objects.order_by("date_of_birth", "pk"))
    )
    if status in ProposalStatus.values:
        qs = qs.filter(status=status)
    if source in ProposalSource.values:
        qs = qs.filter(source=source)
    if year:
        qs = qs.filter(received_on__year=year)
    if minors:
        qs = qs.filter(unaccompanied_minor=True)
    search = search.strip()
    if search:
        words = Q()
        for word in search.split():
            words &= Q(persons__first_name__icontains=word) | Q(persons__last_name__icontains=word)
        matching = Proposal.objects.filter(
            Q(list_reference__icontains=search) | words, municipality=actor.municipality
        ).values("pk")
        qs = qs.filter(pk__in=matching)
    return _ordered(qs, ordering)


def proposal_get(*, actor: Actor, pk: int, audit: bool = True) -> Proposal:
    """One proposal with its persons and the links to its housing case; 404 for
    another municipality's; the read is audited."""
    require_role(actor, *READ_ROLES)
    proposal = get_for_actor(
        Proposal.objects.select_related(
            "application", "answered_by", "created_by"
        ).prefetch_related(
            Prefetch("persons", queryset=ProposedPerson.objects.order_by("date_of_birth", "pk"))
        ),
        actor,
        pk=pk,
    )
    if audit:
        audit_record(actor=actor, action=AuditAction.VIEW, obj=proposal)
    return proposal


def proposed_person_get(*, actor: Actor, pk: int) -> ProposedPerson:
    """One proposed person with the proposal; 404 for another municipality's."""
    require_role(actor, *READ_ROLES)
    return get_for_actor(ProposedPerson.objects.select_related("proposal"), actor, pk=pk)


def proposal_for_application(*, application_id: int, municipality_id: int) -> Proposal | None:
    """The proposal a housing case was made from, or None (most cases)."""
    return (
        Proposal.objects.filter(application_id=application_id, municipality_id=municipality_id)
        .only("pk", "list_reference", "source")
        .first()
    )


def proposal_years(*, actor: Actor) -> list[int]:
    """The years proposals were received in, newest first, for the year filter."""
    require_role(actor, *READ_ROLES)
    return [
        d.year
        for d in Proposal.objects.filter(municipality=actor.municipality).dates(
            "received_on", "year", order="DESC"
        )
    ]
