"""Letters and case documents rendered to PDF with WeasyPrint from HTML templates.

A letter is written in the municipality's name and the applicant's language
(``Person.language``); the UI language of the caseworker who wrote it plays no part.
Rendering reads nothing from the network: the templates carry their own styles and
use the fonts installed on the server (DejaVu).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML

from boligtorg.core.models import Country
from boligtorg.domain.deadlines import APPEAL_WEEKS, appeal_deadline
from boligtorg.domain.lifecycle import short_lease_needs_reason

from .models import Appeal, Application, CaseEvent, Decision, Household, Person

# The body that rules on an appeal the municipality upholds: fvl. §28 (NO), and for
# Denmark retssikkerhedsloven §60 (Ankestyrelsen).
APPEAL_BODIES = {
    Country.NORWAY: _("the county governor (Statsforvalteren)"),
    Country.DENMARK: _("the National Social Appeals Board (Ankestyrelsen)"),
}


def render_pdf(template_name: str, context: dict[str, Any], language: str) -> bytes:
    """The template rendered in ``language`` and printed to PDF bytes."""
    with translation.override(language):
        html = render_to_string(template_name, {**context, "language": language})
    return HTML(string=html).write_pdf()


def person_household(person: Person) -> Household | None:
    """The household whose letters reach ``person``: the newest one they are the
    main applicant of, else the newest they belong to."""
    member = (
        person.household_members.select_related("household")
        .order_by(
            # The households the person is main applicant of first, then the newest.
            models.Case(models.When(relation="main", then=0), default=1),
            "-household__created_at",
        )
        .first()
    )
    return member.household if member else None


def person_address_lines(person: Person) -> list[str]:
    """The postal address lines of ``person``'s household for a letter's recipient
    block (``cases/letters/recipient.html``); empty when none is known."""
    household = person_household(person)
    return household.address_lines if household else []


def decision_letter_context(decision: Decision, application: Application) -> dict[str, Any]:
    municipality = application.municipality
    return {
        "decision": decision,
        "application": application,
        "applicant": application.applicant,
        "address_lines": application.household.address_lines,
        "municipality": municipality,
        "is_norway": municipality.country == Country.NORWAY,
        "appeal_deadline": appeal_deadline(decision.received_on, municipality.country),
        "appeal_weeks": APPEAL_WEEKS,
        "appeal_body": APPEAL_BODIES.get(municipality.country, APPEAL_BODIES[Country.NORWAY]),
        "short_lease": bool(
            decision.lease_months and short_lease_needs_reason(decision.lease_months)
        ),
    }


def decision_letter_pdf(decision: Decision, application: Application) -> bytes:
    """The decision letter (enkeltvedtak) with reasons, legal basis and appeal rights
    (fvl. §§24–27), in ``decision.letter_language``."""
    return render_pdf(
        "cases/letters/decision_letter.html",
        decision_letter_context(decision, application),
        decision.letter_language,
    )


def appeal_summary_pdf(
    appeal: Appeal, application: Application, *, on: datetime.date, language: str
) -> bytes:
    """The case summary sent with an upheld appeal to the appeal body (fvl. §33 fourth
    paragraph: the case documents go on with the municipality's view of the appeal)."""
    decisions = list(
        application.decisions.select_related("legal_basis", "decided_by").prefetch_related(
            "appeals"
        )
    )
    events = list(
        CaseEvent.objects.filter(application=application)
        .select_related("actor")
        .order_by("at", "id")
    )
    municipality = application.municipality
    return render_pdf(
        "cases/letters/appeal_summary.html",
        {
            "appeal": appeal,
            "application": application,
            "applicant": application.applicant,
            "municipality": municipality,
            "decisions": decisions,
            "events": events,
            "on": on,
            "appeal_body": APPEAL_BODIES.get(municipality.country, APPEAL_BODIES[Country.NORWAY]),
        },
        language,
    )


def interim_notice_letter_pdf(application: Application) -> bytes:
    """The interim notice (foreløpig svar, fvl. § 11 a third paragraph): the case
    cannot be answered within a month; why, and when an answer can be expected. In
    the applicant's language."""
    municipality = application.municipality
    return render_pdf(
        "cases/letters/interim_notice.html",
        {
            "application": application,
            "applicant": application.applicant,
            "address_lines": application.household.address_lines,
            "municipality": municipality,
            "caseworker": application.caseworker,
            "is_norway": municipality.country == Country.NORWAY,
        },
        application.applicant.language,
    )
