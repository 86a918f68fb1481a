"""Demo data: Trondheim's start-loan guideline in two versions, modelled on Malvik's
(seed 002: payment remarks do not exclude by themselves, every benefit counts as
fixed income, Husbanken's floating rate, up to 20 years fixed, up to eight years
without instalments in special cases, 30 years at full financing), and the usual
delegation of decision authority. Invented case references; loaded by
``boligtorg.core.demo`` after the cases (Mona the manager decides them)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from boligtorg.core.models import Country, Municipality, Role, User
from boligtorg.core.permissions import Actor

from ..models import DecisionAuthority, StartLoanGuideline
from ..services.guideline import decision_authority_add, guideline_version_add

INCOME_2024 = (
    "2. Inntekt. Alle typer trygd og stønader regnes som fast inntekt når betjeningsevnen vurderes."
)
INCOME_2026 = (
    f"{INCOME_2024} Som veiledende grense prioriteres husstander med inntekt etter skatt "
    "under 600 000 kr i året; grensen er ikke absolutt."
)


def _text(income: str) -> str:
    return "\n\n".join(
        (
            "Retningslinjer for startlån og tilskudd til etablering (demo)",
            "1. Formål. Startlån skal hjelpe husstander med langvarige problemer med å "
            "finansiere bolig til å skaffe seg og beholde en egnet bolig. Målet er at flest "
            "mulig skal kunne eie egen bolig.",
            income,
            "3. Betalingsanmerkninger. Anmerkninger utelukker ikke søkeren; de vektlegges i "
            "vurderingen av om husstanden kan betjene lånet.",
            "4. Vilkår. Lånet følger Husbankens flytende rente; fastrente i inntil 20 år kan "
            "velges. Nedbetalingstiden er som hovedregel 30 år ved full finansiering, inntil "
            "50 år i særlige tilfeller. Avdragsfrihet i inntil åtte år kan gis i særlige "
            "tilfeller.",
            "5. Tilskudd. Tilskudd til etablering brukes sammen med økonomisk rådgivning når "
            "lengre nedbetalingstid ikke er nok.",
            "Retningslinjene veileder skjønnet; hver søknad vurderes individuelt (forskrift "
            "om lån fra Husbanken § 9-1).",
        )
    )


VERSIONS = (
    {
        "valid_from": datetime.date(2024, 3, 1),
        "adopted_on": datetime.date(2024, 2, 14),
        "case_reference": "PS 18/24 (demo)",
        "text": _text(INCOME_2024),
    },
    {
        "valid_from": datetime.date(2026, 1, 1),
        "adopted_on": datetime.date(2025, 12, 10),
        "case_reference": "PS 142/25 (demo)",
        "text": _text(INCOME_2026),
        "income_cap": Decimal(600_000),
    },
)
TERMS = {"fifty_years": "special_cases", "fixed_rate": "generally", "deferral": "special_cases"}


def load(municipality: Municipality, caseworker: User) -> int:  # noqa: ARG001
    """Create the guideline and the delegation when the municipality has neither;
    return how many rows were made. Norway only (start loans are Husbanken's)."""
    if municipality.country != Country.NORWAY:
        return 0
    if StartLoanGuideline.objects.filter(municipality=municipality).exists():
        return 0
    if DecisionAuthority.objects.filter(municipality=municipality).exists():
        return 0
    mona = Actor(
        user=User.objects.get(username="mona"),
        municipality=municipality,
        roles=frozenset({Role.MANAGER}),
    )
    for version in VERSIONS:
        guideline_version_add(actor=mona, **TERMS, **version)
    # The usual delegation: the loan officer up to 2 000 000 kr in loan and 200 000 kr
    # in grant; above that the manager (no row: any amount).
    decision_authority_add(
        actor=mona,
        role=Role.LOAN_OFFICER,
        max_loan=Decimal(2_000_000),
        max_grant=Decimal(200_000),
        valid_from=datetime.date(2026, 1, 1),
    )
    return len(VERSIONS) + 1
