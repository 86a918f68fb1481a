"""Writes of rent-to-own (leie til eie): offering an agreement on a dwelling with
rent-to-own potential, each step of its pipeline (the domain's transition table),
the savings the household pays in, and the purchase, which opens the household's
financing case with the figures filled in and sells the dwelling out of the municipal
stock (the housing app's ``dwelling_sell``) in the same transaction.

Error messages are the module's ``ERROR_`` constants (the terms' own errors are the
domain's, translated here); tests assert them verbatim. Every write is audited.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Household
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.financing.rent_to_own import (
    AgreementTerms,
    OptionStatus,
    RentBasis,
    agreement_errors,
    check_rent_to_own_transition,
    option_expiry,
    option_status,
)
from boligtorg.domain.financing.rent_to_own import RentToOwnStatus as Status
from boligtorg.domain.lifecycle import ForbiddenTransition
from boligtorg.housing import services as housing
from boligtorg.housing.models import Dwelling, DwellingStatus, Lease

from ..access import WRITE_ROLES, require_same
from ..models import (
    OPEN_RENT_TO_OWN_STATUSES,
    FinancingCase,
    FinancingPurpose,
    RentToOwnAgreement,
    RentToOwnSaving,
    RentToOwnStatus,
)
from ..selectors.rent_to_own import agreement_terms, figures_on, savings_paid
from . import cases as case_services

ERROR_NO_POTENTIAL = _("This dwelling has no rent-to-own potential in the register.")
ERROR_DWELLING_SOLD = _("This dwelling has been sold and is no longer municipal.")
ERROR_DWELLING_TAKEN = _("This dwelling already has an open rent-to-own agreement.")
ERROR_HOUSEHOLD_TAKEN = _("This household already has an open rent-to-own agreement.")
ERROR_TRANSITION = _("An agreement that is %(current)s cannot become %(target)s.")
ERROR_DATE_FUTURE = _("The date cannot be after today.")
ERROR_DATE_BEFORE_OFFER = _("The date cannot be before the offer.")
ERROR_OPTION_EXPIRED = _("The option expired on %(day)s: the household can no longer buy.")
ERROR_END_REASON = _("Say why the agreement ends.")
ERROR_SAVING_AMOUNT = _("The amount must be more than zero.")
ERROR_SAVING_MONTH = _("Savings are paid from the start of the tenancy up to this month.")
ERROR_SAVING_TWICE = _("Savings for this month are already recorded.")
ERROR_SAVING_NOT_OPEN = _("Savings are recorded while the agreement runs.")
ERROR_PROCEEDS_NEGATIVE = _("The proceeds cannot be negative.")

# The purchase: the tenant's lease ends the day before and the dwelling is sold.
SALE_REASON = _("Rent-to-own: sold to the tenant household")


def _status_label(status: str) -> str:
    return str(RentToOwnStatus(status).label).lower()


def _running_lease(dwelling: Dwelling, household: Household, on: datetime.date) -> Lease | None:
    return (
        Lease.objects.filter(housing.running_from(on), dwelling=dwelling, household=household)
        .order_by("start")
        .first()
    )


def rent_to_own_offer(
    *,
    actor: Actor,
    dwelling: Dwelling,
    household: Household,
    price: Decimal,
    start: datetime.date,
    rent_basis: str,
    monthly_rent: Decimal,
    monthly_cost_rent: Decimal,
    maintenance_duties: str,
    monthly_saving: Decimal = Decimal(0),
    option_years: int | None = None,
    purchase_deadline: datetime.date | None = None,
    offered_on: datetime.date | None = None,
) -> RentToOwnAgreement:
    """Offer a household a rent-to-own agreement on a dwelling with rent-to-own
    potential (the Kobo field). The terms are checked by the domain's
    ``agreement_errors`` (all errors at once, named by field); a dwelling or a
    household has one open agreement at a time."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, dwelling)
    require_same(actor, household)
    offered_on = offered_on or timezone.localdate()
    terms = AgreementTerms(
        price=price,
        start=start,
        rent_basis=RentBasis(rent_basis),
        monthly_rent=monthly_rent,
        monthly_cost_rent=monthly_cost_rent,
        monthly_saving=monthly_saving,
        maintenance_duties=maintenance_duties,
        option_years=option_years,
        purchase_deadline=purchase_deadline,
    )
    errors: dict[str, Any] = {
        name: _(message)  # noqa: INT001 - the domain's gettext_noop messages
        for name, message in agreement_errors(terms).items()
    }
    if offered_on > timezone.localdate():
        errors["offered_on"] = ERROR_DATE_FUTURE
    with transaction.atomic():
        locked = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
        if not locked.rent_to_own:
            errors["dwelling"] = ERROR_NO_POTENTIAL
        elif locked.status == DwellingStatus.SOLD:
            errors["dwelling"] = ERROR_DWELLING_SOLD
        elif RentToOwnAgreement.objects.filter(
            dwelling=locked, status__in=OPEN_RENT_TO_OWN_STATUSES
        ).exists():
            errors["dwelling"] = ERROR_DWELLING_TAKEN
        if RentToOwnAgreement.objects.filter(
            household=household, status__in=OPEN_RENT_TO_OWN_STATUSES
        ).exists():
            errors["household"] = ERROR_HOUSEHOLD_TAKEN
        if errors:
            raise ValidationError(errors)
        try:
            with transaction.atomic():
                agreement = RentToOwnAgreement.objects.create(
                    municipality=actor.municipality,
                    dwelling=locked,
                    household=household,
                    lease=_running_lease(locked, household, offered_on),
                    price=price,
                    start=start,
                    option_years=option_years,
                    purchase_deadline=purchase_deadline,
                    rent_basis=rent_basis,
                    monthly_rent=monthly_rent,
                    monthly_cost_rent=monthly_cost_rent,
                    monthly_saving=monthly_saving,
                    maintenance_duties=maintenance_duties.strip(),
                    offered_on=offered_on,
                    created_by=actor.user,
                )
        except IntegrityError as exc:
            # Another officer offered the household an agreement at the same moment.
            raise ValidationError({"household": ERROR_HOUSEHOLD_TAKEN}) from exc
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=agreement,
            changes={
                "dwelling": [None, locked.pk],
                "household": [None, household.pk],
                "price": [None, str(price)],
            },
        )
    return agreement


def _locked(actor: Actor, agreement: RentToOwnAgreement) -> RentToOwnAgreement:
    require_role(actor, *WRITE_ROLES)
    require_same(actor, agreement)
    return RentToOwnAgreement.objects.select_for_update().get(pk=agreement.pk)


def _check_day(current: RentToOwnAgreement, day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: ERROR_DATE_FUTURE})
    if day < current.offered_on:
        raise ValidationError({field: ERROR_DATE_BEFORE_OFFER})


def _move(
    actor: Actor,
    current: RentToOwnAgreement,
    target: Status,
    **fields: Any,
) -> RentToOwnAgreement:
    """Move the locked agreement along the domain's table, set ``fields``, save and
    audit; a forbidden step is a ValidationError naming both statuses."""
    try:
        check_rent_to_own_transition(current.status, target)
    except ForbiddenTransition as exc:
        raise ValidationError(
            {
                "status": ERROR_TRANSITION
                % {"current": _status_label(current.status), "target": _status_label(target)}
            }
        ) from exc
    before = current.status
    current.status = target.value
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=["status", *fields])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=current,
        changes={
            "status": [before, current.status],
            **{name: [None, str(value)] for name, value in fields.items()},
        },
    )
    return current


def rent_to_own_sign(
    *, actor: Actor, agreement: RentToOwnAgreement, signed_on: datetime.date
) -> RentToOwnAgreement:
    """The household has signed the agreement: the option is granted."""
    with transaction.atomic():
        current = _locked(actor, agreement)
        _check_day(current, signed_on, "signed_on")
        return _move(actor, current, Status.SIGNED, signed_on=signed_on)


def rent_to_own_start_renting(
    *, actor: Actor, agreement: RentToOwnAgreement, renting_on: datetime.date
) -> RentToOwnAgreement:
    """The tenancy runs: the household rents the dwelling (the housing office
    registers the lease; it is linked here when it is found)."""
    with transaction.atomic():
        current = _locked(actor, agreement)
        _check_day(current, renting_on, "renting_on")
        lease = current.lease or _running_lease(current.dwelling, current.household, renting_on)
        return _move(actor, current, Status.RENTING, renting_on=renting_on, lease=lease)


def rent_to_own_request_purchase(
    *, actor: Actor, agreement: RentToOwnAgreement, requested_on: datetime.date
) -> RentToOwnAgreement:
    """The household asks to buy, within the option (``option_status``)."""
    with transaction.atomic():
        current = _locked(actor, agreement)
        _check_day(current, requested_on, "requested_on")
        terms = agreement_terms(current)
        if option_status(terms, requested_on, soon_months=0) == OptionStatus.EXPIRED:
            raise ValidationError(
                {"requested_on": ERROR_OPTION_EXPIRED % {"day": option_expiry(terms).isoformat()}}
            )
        return _move(actor, current, Status.PURCHASE_REQUESTED, purchase_requested_on=requested_on)


def rent_to_own_resume_renting(
    *, actor: Actor, agreement: RentToOwnAgreement
) -> RentToOwnAgreement:
    """The financing was refused while the option is open: back to renting."""
    with transaction.atomic():
        current = _locked(actor, agreement)
        return _move(actor, current, Status.RENTING, purchase_requested_on=None)


def rent_to_own_end(
    *,
    actor: Actor,
    agreement: RentToOwnAgreement,
    reason: str,
    ended_on: datetime.date,
    defaulted: bool = False,
) -> RentToOwnAgreement:
    """End the agreement with a reason: ended (declined, the option lapsed, the
    household moved) or, when the municipality ends it for unpaid rent or broken
    duties, defaulted."""
    if not reason.strip():
        raise ValidationError({"reason": ERROR_END_REASON})
    with transaction.atomic():
        current = _locked(actor, agreement)
        _check_day(current, ended_on, "ended_on")
        return _move(
            actor,
            current,
            Status.DEFAULTED if defaulted else Status.ENDED,
            ended_on=ended_on,
            end_reason=reason.strip()[:500],
        )


def rent_to_own_saving_record(
    *, actor: Actor, agreement: RentToOwnAgreement, month: datetime.date, amount: Decimal
) -> RentToOwnSaving:
    """Record the savings the household paid in for one month (once a month, from
    the start month up to this month, while the agreement runs)."""
    month = month.replace(day=1)
    errors: dict[str, Any] = {}
    if amount <= 0:
        errors["amount"] = ERROR_SAVING_AMOUNT
    with transaction.atomic():
        current = _locked(actor, agreement)
        if current.status not in (Status.SIGNED, Status.RENTING, Status.PURCHASE_REQUESTED):
            raise ValidationError(ERROR_SAVING_NOT_OPEN)
        if not current.start.replace(day=1) <= month <= timezone.localdate().replace(day=1):
            errors["month"] = ERROR_SAVING_MONTH
        elif RentToOwnSaving.objects.filter(agreement=current, month=month).exists():
            errors["month"] = ERROR_SAVING_TWICE
        if errors:
            raise ValidationError(errors)
        saving = RentToOwnSaving.objects.create(
            agreement=current, month=month, amount=amount, recorded_by=actor.user
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=saving,
            municipality=current.municipality,
            changes={"month": [None, month.isoformat()], "amount": [None, str(amount)]},
        )
    return saving


def rent_to_own_purchase(
    *,
    actor: Actor,
    agreement: RentToOwnAgreement,
    purchased_on: datetime.date,
    sale_proceeds: Decimal | None = None,
) -> RentToOwnAgreement:
    """The household buys. In one transaction: the financing case is opened for the
    household with the figures filled in (domain ``purchase_price``: the price at
    exercise, what the household saved as equity, the rest applied for as a start
    loan), the dwelling leaves the municipal stock (``housing.dwelling_sell``: the
    tenancy ends the day before the sale), and the proceeds are recorded (by
    default the price at exercise)."""
    if sale_proceeds is not None and sale_proceeds < 0:
        raise ValidationError({"sale_proceeds": ERROR_PROCEEDS_NEGATIVE})
    with transaction.atomic():
        current = _locked(actor, agreement)
        _check_day(current, purchased_on, "purchased_on")
        check_status = current.status
        try:
            check_rent_to_own_transition(check_status, Status.PURCHASED)
        except ForbiddenTransition as exc:
            raise ValidationError(
                {
                    "status": ERROR_TRANSITION
                    % {
                        "current": _status_label(check_status),
                        "target": _status_label(Status.PURCHASED),
                    }
                }
            ) from exc
        figures = figures_on(current, purchased_on)
        equity = min(savings_paid(current), figures.price_at_exercise)
        case: FinancingCase = case_services.financing_case_open(
            actor=actor,
            household=current.household,
            purpose=FinancingPurpose.BUY_FULL,
            received_on=purchased_on,
            home_address=str(current.dwelling),
            price=figures.price_at_exercise,
            equity=equity,
            loan_applied=figures.price_at_exercise - equity,
        )
        try:
            housing.dwelling_sell(
                actor=actor,
                dwelling=current.dwelling,
                sold_on=purchased_on,
                reason=str(SALE_REASON),
                buyer=current.household,
            )
        except ValidationError as exc:
            raise ValidationError(
                {
                    "purchased_on" if key == "sold_on" else key: value
                    for key, value in exc.message_dict.items()
                }
                if hasattr(exc, "error_dict")
                else exc.messages
            ) from exc
        proceeds = figures.price_at_exercise if sale_proceeds is None else sale_proceeds
        return _move(
            actor,
            current,
            Status.PURCHASED,
            purchased_on=purchased_on,
            financing_case=case,
            sale_proceeds=proceeds,
        )
