"""Writes of the decision step: the officer's recommendation (innstilling), sending
it back, the decision by another person with delegated authority, the explanation
duty, and payouts (also in parts).

Sources: Husbanken's guidance for start loans (two persons: recommendation and
decision); forskrift om lån fra Husbanken ch. 8 (terms); finansavtaleloven § 5-1
(explanation duty before the agreement); forvaltningsloven §§ 24–25 (reasons).
Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.finance_lifecycle import FinancingStatus as Status
from boligtorg.domain.financing import (
    Answer,
    FiftyYearAnswers,
    fifty_year_conditions,
    grant_need,
)

from ..access import DECIDE_ROLES, WRITE_ROLES, require_same
from ..models import (
    DecisionOutcome,
    Explanation,
    FinancingCase,
    FinancingDecision,
    Payout,
)
from ..models.decisions import GRANTING_OUTCOMES
from ..selectors.authority import authority_shortfall
from ..selectors.eligibility import case_eligibility
from .cases import ERROR_STALE, transition

ERROR_NOT_ELIGIBLE = _(
    "A start loan needs the checklist to show the household eligible. %(summary)s"
)
ERROR_SAME_PERSON = _(
    "You recommended this case. The decision must be made by another person with "
    "delegated authority."
)
ERROR_NO_OPEN_ROUND = _("There is no recommendation waiting for a decision.")
ERROR_LOAN_AMOUNT = _("Give the amount of the start loan.")
ERROR_GRANT_AMOUNT = _("Give the amount of the grant.")
ERROR_NO_AMOUNTS = _("A refusal or advice grants no amounts.")
ERROR_REASONS = _("Write the facts and the main considerations the recommendation rests on.")
ERROR_HOW_TO_QUALIFY = _("A refusal says what would make the applicant qualify later.")
ERROR_CHILDREN = _(
    "The household has children: say how the children's best interests were weighed."
)
ERROR_DECIDED_FUTURE = _("The decision date cannot be after today.")
ERROR_DECIDED_BEFORE = _("The decision date cannot be before the recommendation.")
ERROR_RETURN_NOTE = _("Say what must be assessed again.")
ERROR_EXPLAINED_FUTURE = _("The date cannot be after today.")
ERROR_ADVICE_TEXT = _("Write the advice against the loan.")
ERROR_NOT_GRANTED = _("Only a granted loan or grant can be paid out.")
ERROR_PAYOUT_TOO_MUCH = _("This is more than what is left to pay out: %(left)s kr.")
ERROR_PAYOUT_EMPTY = _("Give the amount to pay out.")
ERROR_EXPLANATION_FIRST = _(
    "Record the explanation of the loan (finansavtaleloven § 5-1) before the loan is paid out."
)
ERROR_PAID_FUTURE = _("The payout date cannot be after today.")
ERROR_PAID_BEFORE = _("The payout date cannot be before the decision.")

# Forskrift om lån fra Husbanken § 8-1 and Husbanken's guidance: up to 30 years,
# 50 only with the four conditions recorded; up to 8 years without instalments.
ORDINARY_MAX_YEARS = 30
MAX_YEARS = 50
MAX_INTEREST_ONLY_YEARS = 8


def _has_children(case: FinancingCase, on: datetime.date) -> bool:
    """True when a member of the household is under 18 on ``on``."""
    return any(
        (on.year - m.person.date_of_birth.year)
        - ((on.month, on.day) < (m.person.date_of_birth.month, m.person.date_of_birth.day))
        < 18
        for m in case.household.members.select_related("person")
    )


LONG_TERM_FIELDS = (
    "permanently_low_income",
    "home_fits_long_term",
    "renting_unsuitable_or_dearer",
    "shorter_term_not_sound",
    "low_predictable_income",
)


def _long_term_errors(case: FinancingCase, conditions: dict[str, Any]) -> dict[str, str]:
    """The four conditions for more than 30 years (forskrift om lån fra Husbanken
    § 8-5), checked by the domain rule; errors keyed ``lt_<condition>``. Children in
    the household, or refinancing to keep the home (at risk), open the waivers."""

    def answer(name: str) -> Answer:
        given = conditions.get(name) or {}
        return Answer(given.get("answer"), str(given.get("reason") or ""))

    check = fifty_year_conditions(
        FiftyYearAnswers(
            **{name: answer(name) for name in LONG_TERM_FIELDS},
            has_children=_has_children(case, timezone.localdate()),
            home_at_risk=case.purpose == "refinance",
        )
    )
    if check.allowed:
        return {}
    return {f"lt_{name}": _(message) for name, message in check.missing.items()}


ERROR_GRANT_OVER_GAP = _(
    "The grant is more than the gap it must close: at most %(gap)s kr "
    "(price and costs less equity and the largest loan the household can carry)."
)


def _grant_errors(case: FinancingCase, fields: dict[str, Any]) -> dict[str, Any]:
    """The establishment grant's need test (Husbanken's guidance; domain
    ``grant_need``): permanently low income, a longer loan term considered first, and
    no more than the gap when the capacity can be computed. Errors keyed
    ``grant_<field>`` and ``grant_amount``."""
    from ..selectors.capacity import case_capacity

    answers = fields.get("grant_need_answers") or {}

    def answer(name: str) -> Answer:
        given = answers.get(name) or {}
        return Answer(given.get("answer"), str(given.get("reason") or ""))

    view = case_capacity(case=case, on=timezone.localdate())
    longest = max(
        (o.largest for o in view.options if o.method == "annuity" and not o.interest_only_years),
        default=None,
    )
    need = grant_need(
        price=Decimal(case.price or 0),
        costs=Decimal(case.costs),
        equity=Decimal(case.equity),
        largest_serviceable_loan=(longest or Decimal(0)) + Decimal(case.bank_loan),
        permanently_low_income=answer("permanently_low_income"),
        longer_term_considered=answer("longer_term_considered"),
    )
    errors: dict[str, Any] = {
        f"grant_{name}": _(message)
        for name, message in need.errors.items()
        if name != "grant"  # the gap is checked below, only where it can be computed
    }
    if longest is not None and case.price is not None and fields["grant_amount"] > need.gap:
        errors["grant_amount"] = ERROR_GRANT_OVER_GAP % {"gap": need.gap}
    if not 1 <= fields.get("grant_write_down_years", 20) <= 30:
        errors["grant_write_down_years"] = _("Write the grant down over 1 to 30 years.")
    return errors


def _recommendation_errors(case: FinancingCase, fields: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    outcome = fields["outcome"]
    loan = fields.get("loan_amount") or Decimal(0)
    grant = fields.get("grant_amount") or Decimal(0)
    if outcome in (DecisionOutcome.LOAN, DecisionOutcome.LOAN_AND_GRANT) and loan <= 0:
        errors["loan_amount"] = ERROR_LOAN_AMOUNT
    if outcome in (DecisionOutcome.GRANT, DecisionOutcome.LOAN_AND_GRANT) and grant <= 0:
        errors["grant_amount"] = ERROR_GRANT_AMOUNT
    if outcome in (DecisionOutcome.GRANT, DecisionOutcome.LOAN_AND_GRANT) and grant > 0:
        errors.update(_grant_errors(case, {**fields, "grant_amount": grant}))
    if outcome == DecisionOutcome.LOAN and grant:
        errors["grant_amount"] = ERROR_NO_AMOUNTS
    if outcome == DecisionOutcome.GRANT and loan:
        errors["loan_amount"] = ERROR_NO_AMOUNTS
    if outcome in (DecisionOutcome.REFUSED, DecisionOutcome.ADVICE) and (loan or grant):
        errors["loan_amount" if loan else "grant_amount"] = ERROR_NO_AMOUNTS
    if outcome in (DecisionOutcome.LOAN, DecisionOutcome.LOAN_AND_GRANT):
        view = case_eligibility(case.eligibility.all())
        if not view.eligible:
            errors["outcome"] = ERROR_NOT_ELIGIBLE % {
                "summary": " ".join([view.summary, *view.missing])
            }
    if not (fields.get("facts", "").strip() and fields.get("considerations", "").strip()):
        errors["facts" if not fields.get("facts", "").strip() else "considerations"] = ERROR_REASONS
    if outcome == DecisionOutcome.REFUSED:
        if not fields.get("how_to_qualify", "").strip():
            errors["how_to_qualify"] = ERROR_HOW_TO_QUALIFY
        if (
            _has_children(case, timezone.localdate())
            and not fields.get("children_interests", "").strip()
        ):
            errors["children_interests"] = ERROR_CHILDREN
    years = fields.get("years", ORDINARY_MAX_YEARS)
    if years > MAX_YEARS or years < 1:
        errors["years"] = _("The term is from 1 to 50 years.")
    elif years > ORDINARY_MAX_YEARS:
        errors.update(_long_term_errors(case, fields.get("long_term_conditions") or {}))
    if fields.get("periods_per_year", 12) not in (12, 4):
        errors["periods_per_year"] = _("Instalments are monthly (12) or quarterly (4).")
    if fields.get("due_day", 20) not in (1, 12, 20):
        errors["due_day"] = _("The due day is the 1st, 12th or 20th.")
    deferral = fields.get("interest_only_years", 0)
    if deferral > MAX_INTEREST_ONLY_YEARS or deferral >= years:
        errors["interest_only_years"] = _(
            "At most 8 years without instalments, and fewer than the term."
        )
    return errors


def financing_recommend(
    *, actor: Actor, case: FinancingCase, version: int, **fields: Any
) -> FinancingDecision:
    """The officer's recommendation: outcome, amounts, terms and reasons. The case
    waits for another person's decision."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    errors = _recommendation_errors(case, fields)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        if current.version != version:
            raise ValidationError(ERROR_STALE)
        transition(current, Status.RECOMMENDED)
        current.version = F("version") + 1
        current.save(update_fields=["status", "version"])
        current.refresh_from_db(fields=["version"])
        decision = FinancingDecision.objects.create(
            municipality=current.municipality,
            case=current,
            recommended_by=actor.user,
            **fields,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=decision,
            changes={
                "outcome": [None, decision.outcome],
                "loan_amount": [None, str(decision.loan_amount)],
                "grant_amount": [None, str(decision.grant_amount)],
            },
        )
    return decision


def _open_round(current: FinancingCase) -> FinancingDecision:
    decision = (
        FinancingDecision.objects.select_for_update()
        .filter(case=current, decided_by__isnull=True, returned_at__isnull=True)
        .first()
    )
    if decision is None:
        raise ValidationError(ERROR_NO_OPEN_ROUND)
    return decision


def financing_return(*, actor: Actor, case: FinancingCase, note: str) -> FinancingDecision:
    """The decision-maker sends the recommendation back for more assessment."""
    require_role(actor, *DECIDE_ROLES)
    require_same(actor, case)
    if not note.strip():
        raise ValidationError({"note": ERROR_RETURN_NOTE})
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        decision = _open_round(current)
        transition(current, Status.ASSESSING)
        current.version = F("version") + 1
        current.save(update_fields=["status", "version"])
        decision.returned_at = timezone.now()
        decision.return_note = note.strip()[:500]
        decision.save(update_fields=["returned_at", "return_note"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=decision,
            changes={"returned": [None, decision.return_note]},
        )
    return decision


def _require_authority(
    actor: Actor, case: FinancingCase, decision: FinancingDecision, on: datetime.date
) -> None:
    """Refuse a decider whose delegated authority in force on ``on`` does not cover
    the decision's amounts (``selectors.authority.authority_shortfall``)."""
    shortfall = authority_shortfall(actor=actor, decision=decision, on=on)
    if shortfall is not None:
        raise ValidationError(shortfall, code="authority")


def financing_decide(
    *, actor: Actor, case: FinancingCase, decided_on: datetime.date
) -> FinancingDecision:
    """Decide as recommended. The person who recommended may never decide (the
    database refuses it too), and the decider's delegated authority in force on
    ``decided_on`` must cover the amounts."""
    require_role(actor, *DECIDE_ROLES)
    require_same(actor, case)
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        decision = _open_round(current)
        if decision.recommended_by_id == actor.user.pk:
            raise PermissionDenied(ERROR_SAME_PERSON)
        errors: dict[str, Any] = {}
        if decided_on > timezone.localdate():
            errors["decided_on"] = ERROR_DECIDED_FUTURE
        elif decided_on < timezone.localtime(decision.recommended_at).date():
            errors["decided_on"] = ERROR_DECIDED_BEFORE
        if errors:
            raise ValidationError(errors)
        _require_authority(actor, current, decision, decided_on)
        transition(current, Status.DECIDED)
        current.version = F("version") + 1
        current.save(update_fields=["status", "version"])
        decision.decided_by = actor.user
        decision.decided_on = decided_on
        try:
            with transaction.atomic():
                decision.save(update_fields=["decided_by", "decided_on"])
        except IntegrityError as exc:  # the two-person constraint, raced
            raise PermissionDenied(ERROR_SAME_PERSON) from exc
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=decision,
            changes={"decided_on": [None, decided_on.isoformat()]},
        )
    return decision


EXPLANATION_TOPICS = (
    "rate_kind_explained",
    "term_and_plan_explained",
    "cost_against_rent_explained",
    "debt_after_sale_explained",
    "forced_sale_risk_explained",
)


def explanation_record(
    *,
    actor: Actor,
    case: FinancingCase,
    explained_on: datetime.date,
    advised_against: bool = False,
    advice_text: str = "",
    **topics: bool,
) -> Explanation:
    """Record which of the five topics of finansavtaleloven § 5-1 were explained, and
    any written advice against the loan (which is not a refusal)."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    errors: dict[str, Any] = {}
    if explained_on > timezone.localdate():
        errors["explained_on"] = ERROR_EXPLAINED_FUTURE
    if advised_against and not advice_text.strip():
        errors["advice_text"] = ERROR_ADVICE_TEXT
    if errors:
        raise ValidationError(errors)
    values = {name: bool(topics.get(name)) for name in EXPLANATION_TOPICS}
    with transaction.atomic():
        row, created = Explanation.objects.update_or_create(
            case=case,
            defaults={
                **values,
                "explained_on": explained_on,
                "advised_against": advised_against,
                "advice_text": advice_text.strip(),
                "recorded_by": actor.user,
            },
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=row,
            municipality=actor.municipality,
            changes={name: [None, value] for name, value in values.items()},
        )
    return row


def granted_decision(case: FinancingCase) -> FinancingDecision | None:
    return (
        FinancingDecision.objects.filter(case=case, decided_by__isnull=False)
        .order_by("-decided_on", "-pk")
        .first()
    )


def payout_record(
    *,
    actor: Actor,
    case: FinancingCase,
    loan_part: Decimal,
    grant_part: Decimal,
    paid_on: datetime.date,
) -> Payout:
    """Pay out a part or the rest of what was granted; when all is paid the case is
    paid out and can be handed to the loan servicer and closed."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        decision = granted_decision(current)
        if decision is None or decision.outcome not in GRANTING_OUTCOMES:
            raise ValidationError(ERROR_NOT_GRANTED)
        if current.status != Status.DECIDED:
            raise ValidationError(ERROR_NOT_GRANTED)
        paid = Payout.objects.filter(case=current).aggregate(
            loan=Sum("loan_part"), grant=Sum("grant_part")
        )
        loan_left = decision.loan_amount - (paid["loan"] or 0)
        grant_left = decision.grant_amount - (paid["grant"] or 0)
        errors: dict[str, Any] = {}
        if loan_part < 0 or loan_part > loan_left:
            errors["loan_part"] = ERROR_PAYOUT_TOO_MUCH % {"left": loan_left}
        if grant_part < 0 or grant_part > grant_left:
            errors["grant_part"] = ERROR_PAYOUT_TOO_MUCH % {"left": grant_left}
        if not errors and loan_part + grant_part <= 0:
            errors["loan_part"] = ERROR_PAYOUT_EMPTY
        if loan_part > 0:
            explanation = Explanation.objects.filter(case=current).first()
            if explanation is None or not explanation.complete:
                errors.setdefault("loan_part", ERROR_EXPLANATION_FIRST)
        if paid_on > timezone.localdate():
            errors["paid_on"] = ERROR_PAID_FUTURE
        elif decision.decided_on and paid_on < decision.decided_on:
            errors["paid_on"] = ERROR_PAID_BEFORE
        if errors:
            raise ValidationError(errors)
        payout = Payout.objects.create(
            municipality=current.municipality,
            case=current,
            decision=decision,
            loan_part=loan_part,
            grant_part=grant_part,
            paid_on=paid_on,
            recorded_by=actor.user,
        )
        if loan_part == loan_left and grant_part == grant_left:
            transition(current, Status.PAID_OUT)
            current.version = F("version") + 1
            current.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=payout,
            changes={"loan_part": [None, str(loan_part)], "grant_part": [None, str(grant_part)]},
        )
    return payout
