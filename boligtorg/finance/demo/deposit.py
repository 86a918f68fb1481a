"""Synthetic demo data of Danish deposit loans (loaded by ``boligtorg.core.demo``):
one granted deposit loan in Skanderborg, registered and decided through the
services by Karen the loan officer with the default rules. An invented household
with a fictitious CPR number, never a real person. Norway has no deposit loans."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.identity import fictitious_national_id

from ..access import DEPOSIT_LOAN_COUNTRY
from ..models import DepositLoan
from ..services import deposit as services
from ..services.reference import reference_defaults_ensure


def load(municipality: Municipality, caseworker: User) -> int:  # noqa: ARG001
    """Create the granted deposit loan when the Danish municipality has none; return
    how many were made."""
    if municipality.country != DEPOSIT_LOAN_COUNTRY:
        return 0
    if DepositLoan.objects.filter(municipality=municipality).exists():
        return 0
    reference_defaults_ensure()
    karen = Actor(
        user=User.objects.get(username="karen"),
        municipality=municipality,
        roles=frozenset({Role.LOAN_OFFICER}),
    )
    today = timezone.localdate()
    loan = services.deposit_loan_register(
        actor=karen,
        national_id=fictitious_national_id(municipality.country, random.Random("deposit-demo")),  # noqa: S311
        first_name="Sofie",
        last_name="Holm",
        received_on=today - datetime.timedelta(days=12),
        dwelling_address="Sølystvej 14, 1. tv. (demo)",
        housing_organisation="Boligforeningen Sølyst (demo)",
        dwelling_kind="family_dwelling",
        deposit=Decimal(28_000),
        yearly_income=Decimal(310_000),
        children=2,
        disposable_means=Decimal(4_000),
    )
    services.deposit_loan_decide(
        actor=karen,
        loan=loan,
        outcome="granted",
        decided_on=today,
        reasons=(
            "Husstanden flytter ind i en almen familiebolig. Indkomsten er under grænsen "
            "med to børn, og ansøgerens egne midler dækker ikke indskuddet."
        ),
    )
    return 1
