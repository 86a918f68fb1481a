"""The offer letter (PDF, through the decision letters' ``render_pdf``), in the
applicant's language: the dwelling, its rent and the deposit, the answer deadline,
how to answer and what happens without an answer, to the household's postal address.

Sources: the offer (its answer deadline comes from the rule set's answer days,
``domain.offers`` says when an answer is late); husleieloven § 3-5 (a deposit of at
most six months' rent, NO). A Danish letter names no maximum: the lease states the
deposit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from boligtorg.cases.letters import render_pdf
from boligtorg.cases.models import Decision
from boligtorg.core.models import Country
from boligtorg.domain.offers import first_late_day
from boligtorg.housing.models import Feature

from .models import Offer

# The most a landlord may ask as a deposit, in months of rent (husleieloven § 3-5).
DEPOSIT_MONTHS_NORWAY = 6


def offer_letter_context(offer: Offer) -> dict[str, Any]:
    application = offer.application
    dwelling = offer.dwelling
    municipality = offer.municipality
    decision: Decision | None = application.decisions.order_by(
        "-decided_on", "-created_at", "-pk"
    ).first()
    return {
        "offer": offer,
        "dwelling": dwelling,
        "application": application,
        "applicant": application.applicant,
        "address_lines": application.household.address_lines,
        "municipality": municipality,
        "is_norway": municipality.country == Country.NORWAY,
        "contact": application.caseworker or offer.created_by,
        "lease_months": decision.lease_months if decision else None,
        "has_lift": Feature.LIFT in (dwelling.features or []),
        "late_from": first_late_day(offer.deadline),
        "deposit_months": DEPOSIT_MONTHS_NORWAY,
        "deposit_max": dwelling.rent * Decimal(DEPOSIT_MONTHS_NORWAY),
    }


def offer_letter_pdf(offer: Offer) -> bytes:
    """The letter that goes with the offer, in the applicant's language."""
    return render_pdf(
        "allocation/letters/offer.html",
        offer_letter_context(offer),
        offer.application.applicant.language,
    )
