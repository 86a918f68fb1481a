"""The allocation meeting: its agenda of vacant dwellings, locks and bans of
pairs, proposals of the solver, and the decision per dwelling (an offer or a
postponement). Every change is audited with who made it.

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, User
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain import allocation as rules
from boligtorg.domain import matching
from boligtorg.domain.lifecycle import ForbiddenTransition, check_meeting_transition
from boligtorg.housing.models import Dwelling

from .. import selectors
from ..access import MEETING_ROLES
from ..models import (
    AgendaItem,
    ItemOutcome,
    Meeting,
    MeetingStatus,
    Offer,
    OfferStatus,
    PairConstraint,
    PairKind,
    Proposal,
    ProposalPair,
)
from .offers import offer_create
from .rules import eligibility_rules, priority_rules, rule_set_for

ERROR_NO_RULE_SET = _(
    "No rule set is valid on %(date)s; a municipality administrator must make one first."
)
ERROR_CLOSED = _("The meeting is closed; nothing can be changed.")
ERROR_TAKE_OUT_REASON = _("Say why the dwelling is taken out.")
ERROR_ALREADY_ON_AGENDA = _("The dwelling is already on the agenda.")
ERROR_NOT_ON_AGENDA = _("The dwelling is not on this meeting's agenda.")
ERROR_NOT_WAITING = _("The household is not on the waiting list.")
ERROR_PAIR_EXISTS = _("This pair is already locked or forbidden.")
ERROR_LOCK_NOT_ELIGIBLE = _(
    "The household cannot be locked to this dwelling: it does not meet the rule “%(rule)s”."
)
ERROR_LOCK_DWELLING_TAKEN = _("Another household is already locked to this dwelling.")
ERROR_LOCK_HOUSEHOLD_TAKEN = _("The household is already locked to another dwelling.")
ERROR_LOCK_TAKEN_OUT = _("The dwelling is taken out of this meeting; put it back first.")
ERROR_ITEM_DECIDED = _("The meeting has already decided on this dwelling.")
ERROR_POSTPONE_NOTE = _("Say why the dwelling is postponed.")

ERROR_CANCELLED = _("The meeting is cancelled; nothing can be changed.")
ERROR_DATE_REQUIRED = _("Give the date of the meeting.")
ERROR_DATE_PAST = _("A new meeting cannot be dated before today.")
ERROR_NO_MEMBERS = _("Choose the members who take part in the meeting.")
ERROR_NOT_MEMBERS = _("Not a member of the allocation meeting here: %(names)s.")
ERROR_UNKNOWN_USERS = _("No user of this municipality has the id %(ids)s.")
ERROR_AGENDA_EMPTY = _("Choose at least one dwelling for the agenda.")
ERROR_DWELLING_NOT_FREE = _(
    "%(dwelling)s cannot go on the agenda: it is not ready for moving in or already "
    "has an offer awaiting an answer."
)
ERROR_DWELLING_RESERVED = _(
    "%(dwelling)s is reserved for the arrival of %(reference)s (settlement). Release "
    "the reservation first if the meeting is to offer it."
)
ERROR_DWELLING_HELD = _(
    "%(dwelling)s is already on the agenda of “%(meeting)s” on %(date)s. Decide it "
    "there, or cancel that meeting, first."
)
ERROR_NOTHING_TO_POSTPONE = _("Every dwelling on the agenda is already decided or taken out.")
ERROR_CANCEL_REASON = _("Say why the meeting is cancelled.")
ERROR_NOT_CANCELLABLE = _("Only an open meeting can be cancelled; this one is %(status)s.")
ERROR_CANCEL_OPEN_OFFERS = _(
    "The meeting has offered %(dwellings)s and the answer is still awaited. Withdraw "
    "the offer first, or close the meeting instead."
)
ERROR_CANCEL_ACCEPTED_OFFERS = _(
    "The meeting has let %(dwellings)s (an offer was accepted): close the meeting "
    "instead of cancelling it."
)

CHECK_LABELS = {
    rules.CheckCode.SIZE: _("Size of the household against the bedrooms"),
    rules.CheckCode.WHEELCHAIR: _("Wheelchair access"),
    rules.CheckCode.STEP_FREE: _("Ground floor or lift"),
    rules.CheckCode.PETS: _("Pets allowed"),
    rules.CheckCode.EXCLUDED_AREA: _("Not in an area the household avoids"),
    rules.CheckCode.RESERVED: _("Reserved for a target group"),
    rules.CheckCode.SHARED_HOUSE: _("Accepts a shared house"),
}


def _not_open(meeting: Meeting) -> ValidationError:
    if meeting.status == MeetingStatus.CANCELLED:
        return ValidationError(ERROR_CANCELLED)
    return ValidationError(ERROR_CLOSED)


def _open(actor: Actor, meeting: Meeting) -> None:
    require_role(actor, *MEETING_ROLES)
    require_same_municipality(actor, meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise _not_open(meeting)


def still_open(meeting: Meeting) -> Meeting:
    """Inside the write's transaction: lock the meeting row and check again, so a
    change cannot land just after another member closed the meeting, nor two
    members close it at once. Returns the locked row."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.OPEN:
        raise _not_open(locked)
    return locked


def _undecided(item: AgendaItem) -> None:
    if item.outcome:
        raise ValidationError(ERROR_ITEM_DECIDED)


def _short(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _agenda_errors(
    actor: Actor, dwellings: list[Dwelling], meeting: Meeting | None = None
) -> list[str]:
    """Why each dwelling cannot go on the agenda, if it cannot. The dwelling rows are
    locked first (in a fixed order), so two meetings taking the same dwelling at
    once queue here and the second sees the first one's agenda item."""
    require_same_municipality(actor, *dwellings)
    locked = list(
        Dwelling.objects.select_for_update().filter(pk__in=[d.pk for d in dwellings]).order_by("pk")
    )
    free = set(selectors.agenda_dwellings(actor.municipality).values_list("pk", flat=True))
    held = selectors.held_agenda_items(actor.municipality).filter(
        dwelling__in=[d.pk for d in locked]
    )
    if meeting is not None:
        held = held.exclude(meeting=meeting)
    holders = {item.dwelling_id: item.meeting for item in held.select_related("meeting")}
    reserved = dict(
        selectors.settlement_reservations()
        .filter(dwelling__in=[d.pk for d in locked])
        .values_list("dwelling_id", "proposal__list_reference")
    )
    errors = []
    for dwelling in locked:
        other = holders.get(dwelling.pk)
        if dwelling.pk in reserved:
            errors.append(
                ERROR_DWELLING_RESERVED
                % {"dwelling": dwelling, "reference": reserved[dwelling.pk] or "–"}
            )
        elif other is not None:
            errors.append(
                ERROR_DWELLING_HELD
                % {"dwelling": dwelling, "meeting": other, "date": _short(other.held_on)}
            )
        elif dwelling.pk not in free:
            errors.append(ERROR_DWELLING_NOT_FREE % {"dwelling": dwelling})
    return errors


def _member_errors(actor: Actor, members: list[User]) -> list[str]:
    if not members:
        return [ERROR_NO_MEMBERS]
    allowed = set(selectors.allocation_members(actor.municipality).values_list("pk", flat=True))
    outside = [m.get_full_name() or m.username for m in members if m.pk not in allowed]
    if outside:
        return [ERROR_NOT_MEMBERS % {"names": ", ".join(outside)}]
    return []


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    held_on: datetime.date | None,
    members: Iterable[User],
    dwellings: Iterable[Dwelling],
    title: str = "",
    notes: str = "",
) -> Meeting:
    """A meeting under the rule set valid on its date, with its members and the
    dwellings on its agenda. Every error at once, by field: the date (given, not
    before today, a rule set valid on it), the members (at least one, each in the
    allocation meeting here) and the agenda (at least one dwelling, each ready, not
    offered and not on another open meeting's agenda)."""
    require_role(actor, *MEETING_ROLES)
    members, dwellings = list(members), list(dwellings)
    errors: dict[str, list[str]] = {}
    rule_set = None
    if held_on is None:
        errors["held_on"] = [ERROR_DATE_REQUIRED]
    elif held_on < timezone.localdate():
        errors["held_on"] = [ERROR_DATE_PAST]
    else:
        rule_set = rule_set_for(actor.municipality, held_on)
        if rule_set is None:
            errors["held_on"] = [ERROR_NO_RULE_SET % {"date": _short(held_on)}]
    if member_errors := _member_errors(actor, members):
        errors["members"] = member_errors
    agenda_errors = _agenda_errors(actor, dwellings) if dwellings else [ERROR_AGENDA_EMPTY]
    if agenda_errors:
        errors["dwellings"] = agenda_errors
    if errors or held_on is None or rule_set is None:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        municipality=actor.municipality,
        held_on=held_on,
        title=title.strip(),
        rule_set=rule_set,
        notes=notes.strip(),
        created_by=actor.user,
    )
    meeting.members.set(members)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, dwelling=dwelling) for dwelling in dwellings
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=meeting,
        changes={
            "held_on": [None, str(held_on)],
            "rule_set": [None, rule_set.pk],
            "members": [None, sorted(m.pk for m in members)],
            "agenda": [None, sorted(d.pk for d in dwellings)],
        },
    )
    return meeting


@transaction.atomic
def agenda_add(*, actor: Actor, meeting: Meeting, dwelling: Dwelling) -> AgendaItem:
    _open(actor, meeting)
    require_same_municipality(actor, dwelling)
    still_open(meeting)
    if meeting.items.filter(dwelling=dwelling).exists():
        raise ValidationError(ERROR_ALREADY_ON_AGENDA)
    errors = _agenda_errors(actor, [dwelling], meeting)
    if errors:
        raise ValidationError(errors)
    item = AgendaItem.objects.create(meeting=meeting, dwelling=dwelling)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=meeting, changes={"agenda": [None, dwelling.pk]}
    )
    return item


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel an open meeting with a stated reason. Its undecided dwellings are free
    for the next meeting at once (only an open meeting holds its agenda). A meeting
    whose offer is still awaiting an answer, or has been accepted, is refused: the
    household has been told, and withdrawing an offer is a decision of its own
    (``offers.offer_withdraw``), not a side effect of a cancellation. Returns the
    cancelled meeting (a fresh row; the caller's object is left as it was)."""
    require_role(actor, *MEETING_ROLES)
    require_same_municipality(actor, meeting)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    try:
        check_meeting_transition(locked.status, MeetingStatus.CANCELLED)
    except ForbiddenTransition as exc:
        raise ValidationError(
            ERROR_NOT_CANCELLABLE % {"status": locked.get_status_display().lower()}
        ) from exc
    if not reason.strip():
        raise ValidationError({"reason": ERROR_CANCEL_REASON})
    offers = locked.offers.select_related("dwelling").order_by("pk")
    for status, message in (
        (OfferStatus.OPEN, ERROR_CANCEL_OPEN_OFFERS),
        (OfferStatus.ACCEPTED, ERROR_CANCEL_ACCEPTED_OFFERS),
    ):
        made = [str(offer.dwelling) for offer in offers if offer.status == status]
        if made:
            raise ValidationError(message % {"dwellings": ", ".join(made)})
    locked.status = MeetingStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancelled_by = actor.user
    locked.cancel_reason = reason.strip()
    locked.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={
            "status": [MeetingStatus.OPEN.value, MeetingStatus.CANCELLED.value],
            "cancel_reason": [None, locked.cancel_reason],
        },
    )
    return locked


@transaction.atomic
def agenda_take_out(*, actor: Actor, item: AgendaItem, reason: str) -> AgendaItem:
    """Take a dwelling out of this meeting's proposal (it stays on the agenda, marked)."""
    _open(actor, item.meeting)
    _undecided(item)
    if not reason.strip():
        raise ValidationError({"reason": ERROR_TAKE_OUT_REASON})
    still_open(item.meeting)
    item.taken_out, item.taken_out_reason = True, reason.strip()[:300]
    item.save(update_fields=["taken_out", "taken_out_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.meeting,
        changes={"taken_out": [None, item.dwelling_id], "reason": [None, item.taken_out_reason]},
    )
    return item


@transaction.atomic
def agenda_put_back(*, actor: Actor, item: AgendaItem) -> AgendaItem:
    _open(actor, item.meeting)
    _undecided(item)
    still_open(item.meeting)
    item.taken_out, item.taken_out_reason = False, ""
    item.save(update_fields=["taken_out", "taken_out_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.meeting,
        changes={"taken_out": [item.dwelling_id, None]},
    )
    return item


def _active_constraints(meeting: Meeting) -> Any:
    return meeting.constraints.filter(removed_at__isnull=True)


@transaction.atomic
def pair_constraint_add(
    *, actor: Actor, meeting: Meeting, kind: str, application: Application, dwelling: Dwelling
) -> PairConstraint:
    """Lock a household to a dwelling (the proposal must contain the pair) or forbid
    the pair. A lock must be possible: the dwelling on the agenda and not taken
    out, the household waiting and eligible, neither locked to another."""
    _open(actor, meeting)
    require_same_municipality(actor, application, dwelling)
    item = meeting.items.filter(dwelling=dwelling).first()
    if item is None:
        raise ValidationError(ERROR_NOT_ON_AGENDA)
    active = _active_constraints(meeting)
    if active.filter(application=application, dwelling=dwelling).exists():
        raise ValidationError(ERROR_PAIR_EXISTS)
    if kind == PairKind.LOCK:
        if item.taken_out:
            raise ValidationError(ERROR_LOCK_TAKEN_OUT)
        if active.filter(kind=PairKind.LOCK, dwelling=dwelling).exists():
            raise ValidationError(ERROR_LOCK_DWELLING_TAKEN)
        if active.filter(kind=PairKind.LOCK, application=application).exists():
            raise ValidationError(ERROR_LOCK_HOUSEHOLD_TAKEN)
        waiting = selectors.waiting_applications(meeting.municipality, meeting.held_on)
        found, _shown = selectors.candidates(
            meeting.municipality, meeting.held_on, waiting.filter(pk=application.pk)
        )
        if not found:
            raise ValidationError(ERROR_NOT_WAITING)
        dwelling = selectors.dwellings_with_details().get(pk=dwelling.pk)
        checks = rules.eligibility(
            found[0], selectors.vacancies([dwelling])[0], eligibility_rules(meeting.rule_set)
        )
        failed = [check for check in checks if not check.passed]
        if failed:
            raise ValidationError(ERROR_LOCK_NOT_ELIGIBLE % {"rule": CHECK_LABELS[failed[0].code]})
    still_open(meeting)
    constraint = PairConstraint.objects.create(
        meeting=meeting,
        kind=kind,
        application=application,
        dwelling=dwelling,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=meeting,
        changes={kind: [None, [application.number, dwelling.pk]]},
    )
    return constraint


@transaction.atomic
def pair_constraint_remove(*, actor: Actor, constraint: PairConstraint) -> None:
    _open(actor, constraint.meeting)
    still_open(constraint.meeting)
    constraint.removed_at = timezone.now()
    constraint.removed_by = actor.user
    constraint.save(update_fields=["removed_at", "removed_by"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=constraint.meeting,
        changes={constraint.kind: [[constraint.application.number, constraint.dwelling_id], None]},
    )


def item_offer(
    *, actor: Actor, item: AgendaItem, application: Application, offered_on: datetime.date
) -> Offer:
    """The meeting's decision for a dwelling: offer it to a household."""
    _open(actor, item.meeting)
    _undecided(item)
    with transaction.atomic():
        still_open(item.meeting)
        offer = offer_create(
            actor=actor,
            dwelling=item.dwelling,
            application=application,
            offered_on=offered_on,
            meeting=item.meeting,
        )
        item.outcome = ItemOutcome.OFFERED
        item.save(update_fields=["outcome"])
    return offer


@transaction.atomic
def item_postpone(*, actor: Actor, item: AgendaItem, note: str) -> AgendaItem:
    _open(actor, item.meeting)
    _undecided(item)
    if not note.strip():
        raise ValidationError({"note": ERROR_POSTPONE_NOTE})
    still_open(item.meeting)
    item.outcome, item.note = ItemOutcome.POSTPONED, note.strip()[:300]
    item.save(update_fields=["outcome", "note"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.meeting,
        changes={"postponed": [None, item.dwelling_id]},
    )
    return item


@transaction.atomic
def items_postpone_remaining(*, actor: Actor, meeting: Meeting, note: str) -> list[AgendaItem]:
    """Before closing: postpone every dwelling still undecided (not taken out) to a
    later meeting with one note, in one audit event. The meeting row is locked
    first, so an offer made at the same moment either lands before (and its
    dwelling is no longer undecided) or is refused after."""
    _open(actor, meeting)
    if not note.strip():
        raise ValidationError({"note": ERROR_POSTPONE_NOTE})
    locked = still_open(meeting)
    items = list(open_items(locked).select_related("dwelling").order_by("pk"))
    if not items:
        raise ValidationError(ERROR_NOTHING_TO_POSTPONE)
    text = note.strip()[:300]
    AgendaItem.objects.filter(pk__in=[item.pk for item in items]).update(
        outcome=ItemOutcome.POSTPONED, note=text
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"postponed": [None, [item.dwelling_id for item in items]], "note": [None, text]},
    )
    return items


# Proposals -----------------------------------------------------------------------

ERROR_NO_DWELLINGS = _(
    "There is no dwelling to match: every dwelling on the agenda is decided or taken out."
)
ERROR_NO_HOUSEHOLDS = _("There is no household on the waiting list.")
ERROR_NONE_ELIGIBLE = _(
    "No household on the waiting list is eligible for any dwelling on the agenda. "
    "The rules that stop them most often: %(rules)s."
)
INFEASIBLE_MESSAGES = {
    matching.InfeasibleCode.LOCK_UNKNOWN: _(
        "A locked household is no longer on the waiting list (it has an offer, is parked "
        "or its case changed). Remove the lock and solve again."
    ),
    matching.InfeasibleCode.LOCK_DWELLING_EXCLUDED: _(
        "A locked dwelling is taken out or already decided. Remove the lock and solve again."
    ),
    matching.InfeasibleCode.LOCK_FORBIDDEN: _("A pair is both locked and forbidden."),
    matching.InfeasibleCode.LOCK_NOT_ELIGIBLE: _(
        "A locked household is no longer eligible for its dwelling (the rules or the case "
        "changed). Remove the lock and solve again."
    ),
    matching.InfeasibleCode.LOCK_DWELLING_TWICE: _("Two households are locked to one dwelling."),
    matching.InfeasibleCode.LOCK_HOUSEHOLD_TWICE: _("One household is locked to two dwellings."),
    matching.InfeasibleCode.LOCK_EXCEEDS_CAP: _(
        "The locks place more households in %(area)s than its area cap allows. "
        "Remove a lock or change the cap."
    ),
}
COMPARED = ("optimal", "strict_priority", "greedy_by_rank", "first_come_first_served")
ENVY_KEPT = 50


def open_items(meeting: Meeting) -> Any:
    """Agenda items the proposal matches: not taken out, not yet decided."""
    return meeting.items.filter(taken_out=False, outcome=ItemOutcome.PENDING)


def _none_eligible_reasons(
    found: list[rules.Candidate], vacant: list[rules.Vacancy], eligibility: rules.EligibilityRules
) -> str:
    counts: dict[rules.CheckCode, int] = {}
    for candidate in found[:500]:
        for vacancy in vacant[:200]:
            for check in rules.eligibility(candidate, vacancy, eligibility):
                if not check.passed:
                    counts[check.code] = counts.get(check.code, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:3]
    return "; ".join(str(CHECK_LABELS[code]) for code, _count in ranked)


def _infeasible(exc: matching.Infeasible) -> ValidationError:
    message = INFEASIBLE_MESSAGES[exc.code]
    if exc.code == matching.InfeasibleCode.LOCK_EXCEEDS_CAP and exc.cap is not None:
        return ValidationError(message % {"area": exc.cap.area.title()})
    return ValidationError(message)


def _summary(problem: matching.Problem, solution: matching.Solution) -> dict[str, Any]:
    described = matching.outcome(problem, solution)
    return {
        "housed": described.housed,
        "total_points": described.total_points,
        "total_fit": described.total_fit,
        "objective": described.objective,
        "top_priority_left_out": described.top_priority_left_out,
        "justified_envy": described.justified_envy,
        "bound": solution.bound,
        "gap": solution.gap,
        "proven_optimal": solution.proven_optimal,
        # Only the optimal match searches its ties; True when its envy is proven least.
        "least_envy": solution.least_envy if solution.bound is not None else None,
        "solve_seconds": round(solution.solve_seconds, 4),
    }


def proposal_make(*, actor: Actor, meeting: Meeting) -> Proposal:
    """Solve the meeting's match under its rule set and keep the answer with its
    proof and, side by side, the optimal match, strict priority and the two
    baselines. Raises a ValidationError that explains an empty or impossible case."""
    _open(actor, meeting)
    rule_set = meeting.rule_set
    on = meeting.held_on
    found, _shown = selectors.candidates(meeting.municipality, on)
    items = list(open_items(meeting).select_related("dwelling"))
    dwellings = selectors.dwellings_with_details().filter(pk__in=[i.dwelling_id for i in items])
    vacant = selectors.vacancies(dwellings)
    if not vacant:
        raise ValidationError(ERROR_NO_DWELLINGS)
    if not found:
        raise ValidationError(ERROR_NO_HOUSEHOLDS)
    active = list(_active_constraints(meeting))
    eligibility = eligibility_rules(rule_set)
    try:
        problem = matching.build_problem(
            found,
            vacant,
            priority_rules(rule_set),
            eligibility,
            selectors.domain_caps(selectors.cap_uses(rule_set, on)),
            matching.Weights(points=rule_set.weight_points, fit=rule_set.weight_fit),
            on,
            locks=[(c.application_id, c.dwelling_id) for c in active if c.kind == PairKind.LOCK],
            forbids=[
                (c.application_id, c.dwelling_id) for c in active if c.kind == PairKind.FORBID
            ],
        )
    except matching.Infeasible as exc:
        raise _infeasible(exc) from exc
    if problem.n_pairs == 0:
        raise ValidationError(
            ERROR_NONE_ELIGIBLE % {"rules": _none_eligible_reasons(found, vacant, eligibility)}
        )
    solutions = matching.compare(problem)
    policy = matching.Policy(rule_set.policy)
    chosen = solutions[
        "strict_priority" if policy is matching.Policy.STRICT_PRIORITY else "optimal"
    ]
    comparison: dict[str, Any] = {name: _summary(problem, solutions[name]) for name in COMPARED}
    envy = matching.justified_envy(problem, chosen)
    comparison["envy"] = [
        {"household": e.household, "dwelling": e.dwelling, "holder": e.holder, "locked": e.locked}
        for e in envy[:ENVY_KEPT]
    ]
    comparison["pairs"] = {"full": problem.n_pairs, "reduced": solutions["optimal"].reduced_pairs}
    locked = {
        (
            int(problem.household_ids[problem.pair_household[p]]),
            int(problem.dwelling_ids[problem.pair_dwelling[p]]),
        )
        for p in problem.locked
    }
    points = dict(zip(problem.household_ids.tolist(), problem.points.tolist(), strict=True))
    fits = {
        (
            int(problem.household_ids[problem.pair_household[p]]),
            int(problem.dwelling_ids[problem.pair_dwelling[p]]),
        ): int(problem.pair_fit[p])
        for p in chosen.pairs
    }
    with transaction.atomic():
        still_open(meeting)
        number = (meeting.proposals.aggregate(n=Max("number"))["n"] or 0) + 1
        proposal = Proposal.objects.create(
            meeting=meeting,
            number=number,
            policy=policy.value,
            objective=chosen.objective,
            bound=chosen.bound,
            gap=chosen.gap,
            proven_optimal=chosen.proven_optimal,
            method=chosen.method.value,
            households=problem.n_households,
            dwellings=problem.n_dwellings,
            build_seconds=problem.build_seconds,
            solve_seconds=chosen.solve_seconds,
            comparison=comparison,
            created_by=actor.user,
        )
        ProposalPair.objects.bulk_create(
            ProposalPair(
                proposal=proposal,
                dwelling_id=dwelling_id,
                application_id=household_id,
                points=points[household_id],
                fit=fits[(household_id, dwelling_id)],
                locked=(household_id, dwelling_id) in locked,
            )
            for dwelling_id, household_id in chosen.assignment.items()
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=proposal,
            changes={
                "policy": [None, policy.value],
                "objective": [None, chosen.objective],
                "pairs": [None, len(chosen.assignment)],
                "locks": [None, len(locked)],
            },
        )
    return proposal
