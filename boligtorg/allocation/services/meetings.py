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
from boligtorg.housing.models import Dwelling

from .. import selectors
from ..access import MEETING_ROLES
from ..models import (
    AgendaItem,
    ItemOutcome,
    Meeting,
    MeetingStatus,
    Offer,
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

CHECK_LABELS = {
    rules.CheckCode.SIZE: _("Size of the household against the bedrooms"),
    rules.CheckCode.WHEELCHAIR: _("Wheelchair access"),
    rules.CheckCode.STEP_FREE: _("Ground floor or lift"),
    rules.CheckCode.PETS: _("Pets allowed"),
    rules.CheckCode.EXCLUDED_AREA: _("Not in an area the household avoids"),
    rules.CheckCode.RESERVED: _("Reserved for a target group"),
    rules.CheckCode.SHARED_HOUSE: _("Accepts a shared house"),
}


def _open(actor: Actor, meeting: Meeting) -> None:
    require_role(actor, *MEETING_ROLES)
    require_same_municipality(actor, meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise ValidationError(ERROR_CLOSED)


def still_open(meeting: Meeting) -> Meeting:
    """Inside the write's transaction: lock the meeting row and check again, so a
    change cannot land just after another member closed the meeting, nor two
    members close it at once. Returns the locked row."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.OPEN:
        raise ValidationError(ERROR_CLOSED)
    return locked


def _undecided(item: AgendaItem) -> None:
    if item.outcome:
        raise ValidationError(ERROR_ITEM_DECIDED)


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    held_on: datetime.date,
    title: str = "",
    members: Iterable[User] = (),
    notes: str = "",
) -> Meeting:
    """A meeting under the rule set valid on its date, with every dwelling ready for
    moving in (and not already offered) on its agenda."""
    require_role(actor, *MEETING_ROLES)
    rule_set = rule_set_for(actor.municipality, held_on)
    if rule_set is None:
        raise ValidationError(
            {
                "held_on": ERROR_NO_RULE_SET
                % {"date": formats.date_format(held_on, "SHORT_DATE_FORMAT")}
            }
        )
    meeting = Meeting.objects.create(
        municipality=actor.municipality,
        held_on=held_on,
        title=title.strip(),
        rule_set=rule_set,
        notes=notes.strip(),
        created_by=actor.user,
    )
    meeting.members.set(list(members) or [actor.user])
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, dwelling=dwelling)
        for dwelling in selectors.agenda_dwellings(actor.municipality)
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=meeting,
        changes={"held_on": [None, str(held_on)], "rule_set": [None, rule_set.pk]},
    )
    return meeting


@transaction.atomic
def agenda_add(*, actor: Actor, meeting: Meeting, dwelling: Dwelling) -> AgendaItem:
    _open(actor, meeting)
    require_same_municipality(actor, dwelling)
    if meeting.items.filter(dwelling=dwelling).exists():
        raise ValidationError(ERROR_ALREADY_ON_AGENDA)
    item = AgendaItem.objects.create(meeting=meeting, dwelling=dwelling)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=meeting, changes={"agenda": [None, dwelling.pk]}
    )
    return item


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
