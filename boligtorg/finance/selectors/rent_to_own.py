"""Reads of rent-to-own for the pages: the agreements (status filter, where the
option stands), one agreement with its savings, the figures of a purchase today,
the statistics (families who bought, defaults, ongoing: Drammen's figures), and the
dwellings with rent-to-own potential that can be offered."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from boligtorg.cases.models import Household, HouseholdMember, HouseholdRelation, Person
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain.allocation import months_between
from boligtorg.domain.financing.rent_to_own import (
    AgreementTerms,
    OptionStatus,
    PurchaseFigures,
    RentBasis,
    option_expiry,
    option_status,
    purchase_price,
)
from boligtorg.domain.identity import normalise_national_id
from boligtorg.housing.models import Dwelling, DwellingStatus
from boligtorg.housing.services import running_from

from ..access import READ_ROLES
from ..models import (
    OPEN_RENT_TO_OWN_STATUSES,
    RentToOwnAgreement,
    RentToOwnSaving,
    RentToOwnStatus,
)

# Months before the option's last day from which the list warns (issue 22).
OPTION_NOTICE_MONTHS = 6


def agreement_terms(agreement: RentToOwnAgreement) -> AgreementTerms:
    """The agreement's terms as the domain reads them; no query."""
    return AgreementTerms(
        price=Decimal(agreement.price),
        start=agreement.start,
        rent_basis=RentBasis(agreement.rent_basis),
        monthly_rent=Decimal(agreement.monthly_rent),
        monthly_cost_rent=Decimal(agreement.monthly_cost_rent),
        monthly_saving=Decimal(agreement.monthly_saving),
        maintenance_duties=agreement.maintenance_duties,
        option_years=agreement.option_years,
        purchase_deadline=agreement.purchase_deadline,
    )


def figures_on(agreement: RentToOwnAgreement, day: datetime.date) -> PurchaseFigures:
    """What a purchase on ``day`` would cost (domain ``purchase_price``): the whole
    months rented since the start."""
    return purchase_price(agreement_terms(agreement), months_between(agreement.start, day))


def option_on(agreement: RentToOwnAgreement, day: datetime.date) -> OptionStatus | None:
    """Where the option stands on ``day`` while the agreement is open (None once it
    is purchased, ended or defaulted), warning ``OPTION_NOTICE_MONTHS`` ahead."""
    if agreement.status not in OPEN_RENT_TO_OWN_STATUSES:
        return None
    return option_status(agreement_terms(agreement), day, soon_months=OPTION_NOTICE_MONTHS)


def option_last_day(agreement: RentToOwnAgreement) -> datetime.date:
    return option_expiry(agreement_terms(agreement))


def savings_paid(agreement: RentToOwnAgreement) -> Decimal:
    """What the household has paid in under the saving requirement (one query)."""
    total = RentToOwnSaving.objects.filter(agreement=agreement).aggregate(total=Sum("amount"))
    return Decimal(total["total"] or 0)


def _household_members() -> Prefetch:
    return Prefetch("household__members", queryset=HouseholdMember.objects.select_related("person"))


def rent_to_own_list(*, actor: Actor, status: str = "") -> QuerySet[RentToOwnAgreement]:
    """The municipality's agreements, newest offer first; ``status`` "open" means
    every status before the purchase or the end. Two queries a page (the rows, the
    households' members)."""
    require_role(actor, *READ_ROLES)
    qs = (
        RentToOwnAgreement.objects.filter(municipality=actor.municipality)
        .select_related("dwelling", "household")
        .prefetch_related(_household_members())
    )
    if status == "open":
        qs = qs.filter(status__in=OPEN_RENT_TO_OWN_STATUSES)
    elif status in RentToOwnStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-offered_on", "-pk")


def rent_to_own_get(*, actor: Actor, pk: int, audit: bool = True) -> RentToOwnAgreement:
    """One agreement with its dwelling, household, lease, savings and financing case;
    404 for another municipality's; the read is audited."""
    require_role(actor, *READ_ROLES)
    agreement = get_for_actor(
        RentToOwnAgreement.objects.select_related(
            "dwelling", "household", "lease", "financing_case", "created_by"
        ).prefetch_related(_household_members(), "savings"),
        actor,
        pk=pk,
    )
    if audit:
        audit_record(actor=actor, action=AuditAction.VIEW, obj=agreement)
    return agreement


@dataclass(frozen=True)
class RentToOwnStatistics:
    """Families who bought, agreements that defaulted or ended otherwise, and those
    still running (offered to purchase requested)."""

    bought: int
    defaulted: int
    ended: int
    ongoing: int

    @property
    def total(self) -> int:
        return self.bought + self.defaulted + self.ended + self.ongoing

    @property
    def default_percent(self) -> Decimal | None:
        """Defaults as a share of the agreements that have finished; None before any."""
        finished = self.bought + self.defaulted + self.ended
        if not finished:
            return None
        return (Decimal(100) * self.defaulted / finished).quantize(Decimal("0.1"))


def rent_to_own_statistics(*, actor: Actor) -> RentToOwnStatistics:
    """The municipality's figures in one query."""
    require_role(actor, *READ_ROLES)
    counts = RentToOwnAgreement.objects.filter(municipality=actor.municipality).aggregate(
        bought=Count("pk", filter=Q(status=RentToOwnStatus.PURCHASED)),
        defaulted=Count("pk", filter=Q(status=RentToOwnStatus.DEFAULTED)),
        ended=Count("pk", filter=Q(status=RentToOwnStatus.ENDED)),
        ongoing=Count("pk", filter=Q(status__in=OPEN_RENT_TO_OWN_STATUSES)),
    )
    return RentToOwnStatistics(**counts)


def rent_to_own_dwellings(*, actor: Actor) -> QuerySet[Dwelling]:
    """The municipality's dwellings with rent-to-own potential that can be offered:
    not sold, without an open agreement."""
    require_role(actor, *READ_ROLES)
    taken = RentToOwnAgreement.objects.filter(
        dwelling=OuterRef("pk"), status__in=OPEN_RENT_TO_OWN_STATUSES
    )
    return (
        Dwelling.objects.filter(municipality=actor.municipality, rent_to_own=True)
        .exclude(status=DwellingStatus.SOLD)
        .filter(~Exists(taken))
        .order_by("address", "unit_number")
    )


def rent_to_own_dwelling(*, actor: Actor, pk: int) -> Dwelling:
    """One dwelling for the offer form; 404 for another municipality's."""
    require_role(actor, *READ_ROLES)
    return get_for_actor(Dwelling.objects.all(), actor, pk=pk)


def household_of(*, actor: Actor, national_id: str) -> Household | None:
    """The household whose main applicant has this national id, in the actor's
    municipality (the newest, when there are several); None when there is none."""
    compact = normalise_national_id(actor.municipality.country, national_id)
    if not compact:
        return None
    person = Person.objects.filter(municipality=actor.municipality, national_id=compact).first()
    if person is None:
        return None
    member = (
        HouseholdMember.objects.filter(
            person=person,
            relation=HouseholdRelation.MAIN_APPLICANT,
            household__municipality=actor.municipality,
        )
        .select_related("household")
        .order_by("-household__created_at")
        .first()
    )
    return member.household if member else None


def tenant_household(*, dwelling: Dwelling, on: datetime.date) -> Household | None:
    """The household whose lease of ``dwelling`` runs on ``on`` (the earliest, when a
    renewal follows); None when nobody rents it."""
    lease = (
        dwelling.leases.filter(running_from(on))
        .select_related("household")
        .order_by("start")
        .first()
    )
    return lease.household if lease else None
