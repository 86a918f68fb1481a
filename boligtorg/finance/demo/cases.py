"""Synthetic demo data of the finance module (loaded by ``boligtorg.core.demo``):
Trondheim's financing cases at every stage, made through the services by Lars the
loan officer and decided by Mona the manager. Invented households with fictitious
national ids, never real people. Denmark has no start loan: Skanderborg gets none
(its deposit loans come with their own module)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from boligtorg.core.models import Country, Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.identity import fictitious_national_id

from ..models import FinancingCase
from ..selectors.schedules import first_due_after
from ..services import cases as case_services
from ..services import decisions as decision_services
from ..services import servicer as servicer_services
from ..services.reference import finance_rate_set, reference_defaults_ensure

DAY = datetime.timedelta(days=1)
ECONOMY = (
    ("income", "Lønn etter skatt", 31_500),
    ("income", "Barnetrygd", 1_766),
    ("living", "Mat og drikke", 9_800),
    ("living", "Klær, hygiene og fritid", 4_900),
    ("living", "Husholdningsartikler og medier", 2_600),
    ("fixed", "Studielån", 1_400),
    ("fixed", "Barnehage", 1_500),
    ("maintenance", "Vedlikehold og fellesutgifter", 3_200),
)
ANSWERS = (
    ("no_bank_loan", True, "To banker har sagt nei til lån stort nok (brev i saken)."),
    ("long_term_problem", True, "Lav og stabil inntekt; ingen bedring ventet de neste fem år."),
    ("used_saving", True, "Har spart 75 000 kr på BSU over fire år."),
)
REASONS = {
    "facts": "Husstanden leier kommunal bolig og har lav, stabil inntekt. To banker har avslått.",
    "considerations": "Husstanden kan betjene lånet med styringsrenten + 2,5 prosentpoeng.",
}
# (first name, last name, purpose, the stage it reaches)
HOUSEHOLDS = (
    ("Hanne", "Strand", "buy_full", "received"),
    ("Omar", "Ali", "buy_top_up", "assessing"),
    ("Trine", "Moe", "buy_top_up", "recommended"),
    ("Erik", "Sæther", "buy_full", "decided"),
    ("Leila", "Karimi", "buy_top_up", "paid_out"),
    ("Nils", "Bakken", "refinance", "closed"),
    ("Randi", "Vold", "buy_full", "refused"),
    ("Petter", "Dahl", "buy_top_up", "withdrawn"),
)


def _actor(username: str, municipality: Municipality, role: str) -> Actor:
    return Actor(
        user=User.objects.get(username=username),
        municipality=municipality,
        roles=frozenset({role}),
    )


def load(municipality: Municipality, caseworker: User) -> int:  # noqa: ARG001
    """Create the cases when the municipality has none; return how many were made."""
    reference_defaults_ensure()
    if municipality.country != Country.NORWAY:
        return 0
    if FinancingCase.objects.filter(municipality=municipality).exists():
        return 0
    lars = _actor("lars", municipality, Role.LOAN_OFFICER)
    mona = _actor("mona", municipality, Role.MANAGER)
    finance_rate_set(
        actor=lars,
        name="floating_rate",
        valid_from=datetime.date(2026, 1, 1),
        percent=Decimal("5.2"),
        source="Demo figure, not Husbanken's rate: enter the rate Husbanken publishes.",
    )
    rng = random.Random(f"finance-demo:{municipality.code}")  # noqa: S311
    today = timezone.localdate()
    for n, (first, last, purpose, stage) in enumerate(HOUSEHOLDS):
        national_id = fictitious_national_id(municipality.country, rng)
        case = case_services.financing_case_register(
            actor=lars,
            national_id=national_id,
            first_name=first,
            last_name=last,
            purpose=purpose,
            received_on=today - (60 - 6 * n) * DAY,
            home_address=f"Ranheimsvegen {10 + n}",
            price=Decimal(3_200_000),
            costs=Decimal(85_000),
            equity=Decimal(85_000) if purpose == "buy_top_up" else Decimal(0),
            bank_loan=Decimal(2_200_000) if purpose == "buy_top_up" else Decimal(0),
            loan_applied=Decimal(1_000_000) if purpose == "buy_top_up" else Decimal(3_285_000),
        )
        if stage == "received":
            continue
        if stage == "withdrawn":
            case_services.financing_case_withdraw(
                actor=lars, case=case, note="Husstanden kjøpte med hjelp fra familien."
            )
            continue
        for kind, category, amount in ECONOMY:
            case_services.economy_line_add(
                actor=lars, case=case, kind=kind, category=category, monthly_amount=Decimal(amount)
            )
        for question, answer, reason in ANSWERS:
            case_services.eligibility_answer_set(
                actor=lars, case=case, question=question, answer=answer, reason=reason
            )
        if stage == "assessing":
            continue
        case.refresh_from_db()
        refused = stage == "refused"
        decision_services.financing_recommend(
            actor=lars,
            case=case,
            version=case.version,
            outcome="refused" if refused else "loan",
            loan_amount=Decimal(0) if refused else case.loan_applied,
            years=30,
            how_to_qualify="Søk igjen når gjelden er nedbetalt." if refused else "",
            **REASONS,
        )
        if stage == "recommended":
            continue
        decision_services.financing_decide(actor=mona, case=case, decided_on=today)
        if refused:
            case_services.financing_case_close(
                actor=lars, case=case, note="Avslag sendt; klagefristen er ute."
            )
            continue
        decision_services.explanation_record(
            actor=lars,
            case=case,
            explained_on=today,
            **dict.fromkeys(decision_services.EXPLANATION_TOPICS, True),
        )
        if stage == "decided":
            continue
        decision_services.payout_record(
            actor=lars,
            case=case,
            loan_part=case.loan_applied,
            grant_part=Decimal(0),
            paid_on=today,
        )
        if stage == "paid_out":
            # Payment problems from the start: three months of instalments postponed,
            # shown on the schedule (interest only, then re-levelled to the end date).
            first_due = first_due_after(today, case.decisions.get().due_day)
            servicer_services.terms_change_record(
                actor=lars,
                case=case,
                kind="deferral",
                decided_on=today,
                reason="Sykemeldt; avdragene utsettes i tre måneder.",
                period_from=first_due,
                period_to=add_months(first_due, 3) - datetime.timedelta(days=1),
            )
        if stage == "closed":
            servicer_services.handover_create(actor=lars)
            case_services.financing_case_close(
                actor=lars, case=case, note="Overlevert til låneforvalter."
            )
    return len(HOUSEHOLDS)
