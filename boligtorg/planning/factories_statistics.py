"""A year of housing work with known figures, for the statistics tests, the browser
test and its screenshots (synthetic: no real person).

Last year (``year_of_work(...).year``), in the municipality:
- 12 applications received on 10 March, without a dwelling (2 need wheelchair
  access), all granted on 1 April; 5 received on 5 September, at risk of losing
  the dwelling, all refused on 1 October. 17 received, 17 decisions.
- 6 of the granted households accepted an offer on 15 June; one of them was a
  tenant of a municipal dwelling when it applied (a transfer). 6 still wait at the
  end of the year, both wheelchair users among them.
- Dwellings today: the 6 let ones (2 bedrooms, owned), 3 vacant one-room flats in
  Lade (owned, 1 bedroom, wheelchair accessible), 2 leased from a private landlord
  (3 bedrooms, let), 1 co-op share (2 bedrooms, vacant), 1 sold.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    LegalBasis,
    Situation,
)
from boligtorg.core.models import Municipality, User
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import Area, DispositionForm, DwellingStatus


@dataclass(frozen=True)
class YearOfWork:
    year: int
    granted: list[Application]
    refused: list[Application]


def _decide(application: Application, outcome: str, day: datetime.date, by: User) -> Decision:
    basis, _created = LegalBasis.objects.get_or_create(
        country=application.municipality.country,
        code="boligsosial-6",
        defaults={"title": "§ 6"},
    )
    return Decision.objects.create(
        application=application,
        outcome=outcome,
        reasons="Syntetisk.",
        legal_basis=basis,
        decided_on=day,
        received_on=day,
        letter_language="nb",
        decided_by=by,
    )


def year_of_work(municipality: Municipality, caseworker: User) -> YearOfWork:
    year = timezone.localdate().year - 1
    d = lambda month, day: datetime.date(year, month, day)  # noqa: E731
    lade = Area.objects.get_or_create(municipality=municipality, name="Lade")[0]
    granted = [
        ApplicationFactory(
            municipality=municipality,
            status=ApplicationStatus.DECIDED,
            situation=Situation.WITHOUT_DWELLING,
            received_on=d(3, 10),
            min_bedrooms=2,
            needs_wheelchair_access=i >= 10,
            wanted_areas="Lade" if i % 2 else "",
        )
        for i in range(12)
    ]
    for application in granted:
        _decide(application, DecisionOutcome.GRANTED, d(4, 1), caseworker)
    refused = [
        ApplicationFactory(
            municipality=municipality,
            status=ApplicationStatus.DECIDED,
            situation=Situation.AT_RISK,
            received_on=d(9, 5),
        )
        for _ in range(5)
    ]
    for application in refused:
        _decide(application, DecisionOutcome.REFUSED, d(10, 1), caseworker)
    # The first allocated household was a municipal tenant when it applied.
    LeaseFactory(
        municipality=municipality,
        household=granted[0].household,
        start=d(1, 1) - datetime.timedelta(days=400),
        end=d(12, 31),
    )
    for application in granted[:6]:
        home = DwellingFactory(municipality=municipality, status=DwellingStatus.LET, bedrooms=2)
        Offer.objects.create(
            municipality=municipality,
            dwelling=home,
            application=application,
            status=OfferStatus.ACCEPTED,
            offered_on=d(6, 1),
            deadline=d(6, 8),
            answered_on=d(6, 15),
        )
    for _ in range(3):
        DwellingFactory(
            municipality=municipality, area=lade, bedrooms=1, wheelchair_accessible=True
        )
    for _ in range(2):
        DwellingFactory(
            municipality=municipality,
            bedrooms=3,
            status=DwellingStatus.LET,
            disposition_form=DispositionForm.LEASED,
        )
    DwellingFactory(municipality=municipality, disposition_form=DispositionForm.CO_OP_SHARE)
    DwellingFactory(municipality=municipality, status=DwellingStatus.SOLD)
    return YearOfWork(year=year, granted=granted, refused=refused)
