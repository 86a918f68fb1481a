"""Synthetic demo data of the private rental market for Trondheim ("5001"): ten
private landlords with a dwelling each (Kari as the municipality's contact person),
deposit and rent guarantees for the first cases of the demo, and one claim. Written
through the services by the demo caseworker. Names and addresses are invented."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.models import Application
from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor

from .. import services
from ..models import GuaranteeKind, Landlord, LandlordKind

TRONDHEIM = "5001"

LANDLORDS = [
    ("Bakklandet Utleie AS", LandlordKind.COMPANY, "Nedre Bakklandet 3", 2, 11500),
    ("Lade Eiendom AS", LandlordKind.COMPANY, "Ladeveien 14", 3, 14200),
    ("Ingrid Solberg", LandlordKind.PERSON, "Møllenberggata 9", 1, 8900),
    ("Nidelva Boliger AS", LandlordKind.COMPANY, "Kjøpmannsgata 40", 2, 12800),
    ("Ola Haugen", LandlordKind.PERSON, "Eidsvolls gate 6", 1, 8200),
    ("Byåsen Utleie AS", LandlordKind.COMPANY, "Byåsveien 120", 4, 17500),
    ("Tiller Hjem AS", LandlordKind.COMPANY, "Tillerbyen 2", 3, 13900),
    ("Marte Lien", LandlordKind.PERSON, "Innherredsveien 55", 2, 11000),
    ("Heimdal Eiendom AS", LandlordKind.COMPANY, "Heimdalsvegen 8", 2, 12100),
    ("Per Olav Strand", LandlordKind.PERSON, "Klostergata 21", 1, 9300),
]


def load(municipality: Municipality, caseworker: User) -> int:
    """Load Trondheim's landlords when it has none yet; how many landlords were written."""
    if (
        municipality.code != TRONDHEIM
        or Landlord.objects.filter(municipality=municipality).exists()
    ):
        return 0
    actor = Actor(user=caseworker, municipality=municipality, roles=frozenset({Role.CASEWORKER}))
    today = timezone.localdate()
    landlords = []
    for n, (name, kind, address, bedrooms, rent) in enumerate(LANDLORDS):
        landlord = services.landlord_create(
            actor,
            name=name,
            kind=kind,
            org_number=f"9{n:02d}123456" if kind == LandlordKind.COMPANY else "",
            contact_person=caseworker,
        )
        services.landlord_dwelling_add(
            actor, landlord, address=address, bedrooms=bedrooms, monthly_rent=Decimal(rent)
        )
        landlords.append((landlord, address, rent))
    cases = Application.objects.filter(municipality=municipality).select_related("household")
    guarantees = []
    for n, case in enumerate(cases.order_by("pk")[:4]):
        landlord, address, rent = landlords[n]
        starts_on = today - datetime.timedelta(days=300 - 60 * n)
        guarantees.append(
            services.guarantee_issue(
                actor,
                kind=GuaranteeKind.DEPOSIT if n % 2 == 0 else GuaranteeKind.RENT,
                household=case.household,
                application=case,
                landlord=landlord,
                amount=Decimal(rent * 3),
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=364),
                lease_address=address,
            )
        )
    if guarantees:
        services.claim_register(
            actor,
            guarantees[0],
            received_on=today - datetime.timedelta(days=10),
            amount_claimed=Decimal("9500"),
        )
    return len(landlords)
