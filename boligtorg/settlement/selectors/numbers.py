"""Reads of the yearly numbers and the year's overview: the versions of a figure, the
version in force (the latest), and for a year the figure in force against the
persons settled, accepted and declined.

Counts are of persons (the figures IMDi and the Immigration Service set count
refugees, not households): a proposal counts its proposed persons. A person is
settled in the year of the household's arrival (``arrived_on``) once the proposal
is settled; unaccompanied minors are the persons of proposals marked so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from boligtorg.core.permissions import Actor, get_for_actor, require_role

from ..access import READ_ROLES
from ..models import ProposalStatus, ProposedPerson, SettlementTarget, TargetKind
from ..services.numbers import kinds_for

# The figure a year's settlement is measured against: the council's decision in
# Norway (IMDi's request until the council has decided), the quota in Denmark.
FIGURE_PREFERENCE = (TargetKind.COUNCIL_DECISION, TargetKind.QUOTA, TargetKind.IMDI_REQUEST)


def _targets(actor: Actor) -> QuerySet[SettlementTarget]:
    return SettlementTarget.objects.filter(
        municipality=actor.municipality, kind__in=kinds_for(actor)
    ).select_related("created_by")


def target_get(*, actor: Actor, pk: int) -> SettlementTarget:
    """One version of a figure; 404 for another municipality's and for a kind the
    municipality's country does not keep."""
    require_role(actor, *READ_ROLES)
    return get_for_actor(_targets(actor), actor, pk=pk)


def target_versions(*, actor: Actor, kind: str, year: int) -> list[SettlementTarget]:
    """Every version of the figure of ``kind`` and ``year``, the one in force first."""
    require_role(actor, *READ_ROLES)
    return list(_targets(actor).filter(kind=kind, year=year).order_by("-version"))


def target_list(*, actor: Actor, year: int | None = None) -> list[SettlementTarget]:
    """Every version of every figure (of ``year`` when given), newest year first."""
    require_role(actor, *READ_ROLES)
    qs = _targets(actor)
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "kind", "-version"))


def targets_in_force(*, actor: Actor, year: int) -> dict[str, SettlementTarget]:
    """The version in force (the latest) of each kind registered for ``year``."""
    latest: dict[str, SettlementTarget] = {}
    for target in target_list(actor=actor, year=year):
        latest.setdefault(target.kind, target)
    # In the country's order of kinds: IMDi's request before the council's decision.
    return {kind: latest[kind] for kind in kinds_for(actor) if kind in latest}


def targets_in_force_by_year(
    *, actor: Actor, years: list[int]
) -> dict[int, dict[str, SettlementTarget]]:
    """``targets_in_force`` for each of ``years``, in one query."""
    require_role(actor, *READ_ROLES)
    latest: dict[int, dict[str, SettlementTarget]] = {year: {} for year in years}
    rows = _targets(actor).filter(year__in=years).order_by("-year", "kind", "-version")
    for target in rows:
        latest[target.year].setdefault(target.kind, target)
    kinds = kinds_for(actor)
    return {
        year: {kind: found[kind] for kind in kinds if kind in found}
        for year, found in latest.items()
    }


def figure_in_force(in_force: dict[str, SettlementTarget]) -> SettlementTarget | None:
    """The figure settlement is measured against (``FIGURE_PREFERENCE``)."""
    return next((in_force[kind] for kind in FIGURE_PREFERENCE if kind in in_force), None)


def target_years(*, actor: Actor) -> list[int]:
    """The years with a registered figure, newest first."""
    require_role(actor, *READ_ROLES)
    return sorted(set(_targets(actor).values_list("year", flat=True)), reverse=True)


@dataclass(frozen=True)
class YearOverview:
    """A year's settlement in persons."""

    year: int
    in_force: dict[str, SettlementTarget]
    figure: SettlementTarget | None
    settled: int
    settled_minors: int
    expected: int
    expected_minors: int
    declined: int

    @property
    def remaining(self) -> int | None:
        """Persons still to settle to reach the figure; None without a figure."""
        if self.figure is None:
            return None
        return max(self.figure.total - self.settled, 0)

    @property
    def remaining_minors(self) -> int | None:
        if self.figure is None:
            return None
        return max(self.figure.minors - self.settled_minors, 0)


def _in_year(field: str, year: int) -> Q:
    return Q(
        **{
            f"proposal__{field}__gte": datetime.date(year, 1, 1),
            f"proposal__{field}__lte": datetime.date(year, 12, 31),
        }
    )


def settled_persons(*, actor: Actor, year: int) -> QuerySet[ProposedPerson]:
    """The persons settled in ``year``: their household arrived in the year and its
    proposal is settled."""
    require_role(actor, *READ_ROLES)
    return (
        ProposedPerson.objects.filter(
            municipality=actor.municipality,
            proposal__municipality=actor.municipality,
            proposal__status=ProposalStatus.SETTLED,
        )
        .filter(_in_year("arrived_on", year))
        .select_related("proposal")
        .order_by("proposal__arrived_on", "proposal_id", "date_of_birth", "pk")
    )


def year_overview(*, actor: Actor, year: int) -> YearOverview:
    """The year's figure in force, the persons settled (of them unaccompanied
    minors), the remaining, those accepted and expected in the year, and those
    declined (answered in the year)."""
    require_role(actor, *READ_ROLES)
    in_force = targets_in_force(actor=actor, year=year)
    minor = Q(proposal__unaccompanied_minor=True)
    persons = ProposedPerson.objects.filter(
        municipality=actor.municipality, proposal__municipality=actor.municipality
    )
    settled = Q(proposal__status=ProposalStatus.SETTLED) & _in_year("arrived_on", year)
    expected = Q(proposal__status=ProposalStatus.ACCEPTED) & _in_year("expected_arrival_on", year)
    declined = Q(proposal__status=ProposalStatus.DECLINED) & _in_year("answered_on", year)
    counts = persons.aggregate(
        settled=Count("pk", filter=settled),
        settled_minors=Count("pk", filter=settled & minor),
        expected=Count("pk", filter=expected),
        expected_minors=Count("pk", filter=expected & minor),
        declined=Count("pk", filter=declined),
    )
    return YearOverview(year=year, in_force=in_force, figure=figure_in_force(in_force), **counts)
