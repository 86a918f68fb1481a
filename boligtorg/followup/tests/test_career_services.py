"""The housing career's writes: conditions and their reviews, transition periods and
assessments, the review at lease end, tenures recorded by hand."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.allocation.factories import granted_application
from boligtorg.cases.models import CaseEvent, DecisionOutcome, HouseholdMember
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.followup.factories_career import (
    DecisionConditionFactory,
    HousingTenureFactory,
    granted_decision,
    transition_case,
)
from boligtorg.followup.models import (
    ConditionOutcome,
    HousingTenure,
    LeaseEndChoice,
    NextStep,
    TenureKind,
    TransitionPeriod,
)
from boligtorg.followup.services import career as services
from boligtorg.housing.factories import LeaseFactory
from boligtorg.housing.models import Lease

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
DAY = datetime.timedelta(days=1)
FOUR = {
    "economy_score": 4,
    "neighbours_score": 4,
    "cleaning_score": 4,
    "daily_activity_score": 4,
    "network_score": 4,
}


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def fatima(trondheim):
    return member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")


@pytest.fixture
def case(trondheim, kari, fatima):
    """A case granted a transition dwelling, Fatima its coordinator, let from a week
    after the decision for 12 months."""
    application, lease = transition_case(trondheim, kari, coordinator=fatima)
    return application, lease


def _error(exc: pytest.ExceptionInfo, field: str) -> list[str]:
    return exc.value.message_dict[field]


# Conditions ---------------------------------------------------------------------


def test_kari_tracks_a_condition_of_a_granted_decision(kari_actor, case):
    application, _lease = case
    decision = granted_decision(application)
    review_on = timezone.localdate() + 30 * DAY
    condition = services.condition_create(
        actor=kari_actor,
        decision=decision,
        text=" Betale husleie i tide ",
        next_review_on=review_on,
    )
    assert condition.text == "Betale husleie i tide"
    assert condition.municipality == application.municipality
    assert CaseEvent.objects.filter(application=application, kind="condition_added").exists()
    assert AuditEvent.objects.filter(object_type="followup.decisioncondition").count() == 1


def test_a_refused_decision_has_no_conditions_to_track(kari_actor, case):
    decision = granted_decision(case[0])
    decision.outcome = DecisionOutcome.REFUSED
    with pytest.raises(ValidationError) as exc:
        services.condition_create(
            actor=kari_actor, decision=decision, text="x", next_review_on=timezone.localdate()
        )
    assert exc.value.messages == [str(services.ERROR_NOT_GRANTED)]


def test_a_condition_needs_its_text_and_a_review_date_after_the_decision(kari_actor, case):
    decision = granted_decision(case[0])
    with pytest.raises(ValidationError) as exc:
        services.condition_create(
            actor=kari_actor,
            decision=decision,
            text="  ",
            next_review_on=decision.decided_on - DAY,
        )
    assert _error(exc, "text") == [str(services.ERROR_CONDITION_REQUIRED)]
    assert "before the decision" in _error(exc, "next_review_on")[0]


def test_the_auditor_and_a_caseworker_of_another_municipality_cannot_add_conditions(
    case, per, trondheim, sven, skanderborg
):
    decision = granted_decision(case[0])
    for actor in (actor_for(per, trondheim), actor_for(sven, skanderborg)):
        with pytest.raises(PermissionDenied):
            services.condition_create(
                actor=actor, decision=decision, text="x", next_review_on=timezone.localdate()
            )


def test_the_coordinator_reviews_a_condition_and_the_next_review_moves_on(case, fatima, trondheim):
    application, _lease = case
    condition = DecisionConditionFactory(decision=granted_decision(application))
    today = timezone.localdate()
    review = services.condition_review_record(
        actor=actor_for(fatima, trondheim),
        condition=condition,
        reviewed_on=today,
        outcome=ConditionOutcome.PARTLY_MET,
        notes="Husleia kom en uke for sent i mars.",
        next_review_on=today + 60 * DAY,
    )
    condition.refresh_from_db()
    assert review.reviewed_by == fatima
    assert condition.next_review_on == today + 60 * DAY
    event = CaseEvent.objects.get(application=application, kind="condition_reviewed")
    assert "Partly met" in event.summary or "Delvis" in event.summary


def test_a_review_before_the_decision_or_in_the_future_is_refused(kari_actor, case):
    decision = granted_decision(case[0])
    condition = DecisionConditionFactory(decision=decision)
    for day, message in (
        (decision.decided_on - DAY, "before the decision"),
        (timezone.localdate() + DAY, str(services.ERROR_FUTURE)),
    ):
        with pytest.raises(ValidationError) as exc:
            services.condition_review_record(
                actor=kari_actor, condition=condition, reviewed_on=day, outcome="met"
            )
        assert message in _error(exc, "reviewed_on")[0]


def test_a_review_needs_an_outcome_and_a_next_review_after_it(kari_actor, case):
    condition = DecisionConditionFactory(decision=granted_decision(case[0]))
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.condition_review_record(
            actor=kari_actor,
            condition=condition,
            reviewed_on=today,
            outcome="",
            next_review_on=today,
        )
    assert _error(exc, "outcome") == [str(services.ERROR_CONDITION_OUTCOME)]
    assert _error(exc, "next_review_on") == [str(services.ERROR_NEXT_REVIEW_NOT_AFTER)]


# Transition periods and their assessment -----------------------------------------


def _assess(actor, application, lease, **fields):
    values = {"assessed_on": timezone.localdate(), "next_step": NextStep.PERMANENT, **FOUR}
    values.update(fields)
    return services.transition_assessment_make(
        actor=actor, application=application, lease=lease, **values
    )


def test_a_transition_decision_makes_its_lease_a_transition_period_to_assess(kari_actor, case):
    application, lease = case
    assessment = _assess(kari_actor, application, lease)
    assert assessment.period_ends_on == lease.end
    assert assessment.next_step == NextStep.PERMANENT
    assert CaseEvent.objects.filter(application=application, kind="transition_assessed").exists()


def test_an_ordinary_lease_is_not_assessed_until_it_is_marked(kari_actor, trondheim, kari):
    application = granted_application(trondheim, kari)
    lease = LeaseFactory(municipality=trondheim, household=application.household)
    with pytest.raises(ValidationError) as exc:
        _assess(kari_actor, application, lease)
    assert exc.value.messages == [str(services.ERROR_NOT_TRANSITION)]
    services.transition_period_mark(
        actor=kari_actor, application=application, lease=lease, ends_on=lease.end - 100 * DAY
    )
    assert _assess(kari_actor, application, lease).period_ends_on == lease.end - 100 * DAY


def test_a_transition_period_must_end_within_its_lease(kari_actor, case):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        services.transition_period_mark(
            actor=kari_actor, application=application, lease=lease, ends_on=lease.end + DAY
        )
    assert "within the lease" in _error(exc, "ends_on")[0]


def test_a_lease_of_another_household_is_refused(kari_actor, case, trondheim):
    application, _lease = case
    other = LeaseFactory(municipality=trondheim)
    with pytest.raises(PermissionDenied):
        _assess(kari_actor, application, other)


def test_a_step_the_scores_do_not_support_needs_its_reason(kari_actor, case):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        _assess(kari_actor, application, lease, next_step=NextStep.PURCHASE, economy_score=2)
    assert _error(exc, "notes") == [str(services.ERROR_STEP_NEEDS_REASON)]
    made = _assess(
        kari_actor,
        application,
        lease,
        next_step=NextStep.PURCHASE,
        economy_score=2,
        notes="Arv etter farens død dekker egenkapital og gir betjeningsevne.",
    )
    assert made.next_step == NextStep.PURCHASE


def test_a_prolonged_period_needs_a_new_end_after_the_current_one(kari_actor, case):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        _assess(kari_actor, application, lease, next_step=NextStep.PROLONGED)
    assert _error(exc, "prolonged_until") == [str(services.ERROR_PROLONGED_UNTIL_REQUIRED)]
    with pytest.raises(ValidationError) as exc:
        _assess(
            kari_actor, application, lease, next_step=NextStep.PROLONGED, prolonged_until=lease.end
        )
    assert "after the current end" in _error(exc, "prolonged_until")[0]


def test_prolonging_past_the_lease_renews_it_through_the_dwelling_register(kari_actor, case):
    application, lease = case
    until = lease.end + 180 * DAY
    assessment = _assess(
        kari_actor,
        application,
        lease,
        next_step=NextStep.PROLONGED,
        prolonged_until=until,
        cleaning_score=1,
    )
    renewal = Lease.objects.get(renewal_of=lease)
    assert assessment.renewal == renewal
    assert (renewal.start, renewal.end) == (lease.end + DAY, until)
    assert TransitionPeriod.objects.get(lease=renewal).ends_on == until
    assert AuditEvent.objects.filter(object_type="housing.lease", object_id=str(renewal.pk))


def test_prolonging_within_the_lease_moves_the_period_and_asks_for_a_new_assessment(
    kari_actor, trondheim, kari
):
    application = granted_application(trondheim, kari)
    lease = LeaseFactory(municipality=trondheim, household=application.household)
    services.transition_period_mark(
        actor=kari_actor, application=application, lease=lease, ends_on=lease.end - 400 * DAY
    )
    _assess(
        kari_actor,
        application,
        lease,
        next_step=NextStep.PROLONGED,
        prolonged_until=lease.end - 200 * DAY,
    )
    assert not Lease.objects.filter(renewal_of=lease).exists()
    assert TransitionPeriod.objects.get(lease=lease).ends_on == lease.end - 200 * DAY
    assert _assess(kari_actor, application, lease).period_ends_on == lease.end - 200 * DAY


def test_one_period_is_assessed_once(kari_actor, case):
    application, lease = case
    _assess(kari_actor, application, lease)
    with pytest.raises(ValidationError) as exc:
        _assess(kari_actor, application, lease)
    assert exc.value.messages == [str(services.ERROR_ALREADY_ASSESSED)]


def test_the_coordinator_cannot_prolong_past_the_lease_without_the_housing_office(
    case, fatima, trondheim
):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        _assess(
            actor_for(fatima, trondheim),
            application,
            lease,
            next_step=NextStep.PROLONGED,
            prolonged_until=lease.end + 90 * DAY,
        )
    assert _error(exc, "next_step") == [str(services.ERROR_HOUSING_ROLE)]
    assert not Lease.objects.filter(renewal_of=lease).exists()


# The review at lease end -----------------------------------------------------------


def _review(actor, application, lease, **fields):
    values = {
        "reviewed_on": timezone.localdate(),
        "choice": LeaseEndChoice.RENEW,
        "reasons": "Bor godt, betaler husleie.",
        **fields,
    }
    return services.lease_end_review_make(
        actor=actor, application=application, lease=lease, **values
    )


def test_renewing_at_lease_end_makes_a_new_lease_in_the_register(kari_actor, case):
    application, lease = case
    review = _review(kari_actor, application, lease)
    assert review.renewal.renewal_of == lease
    assert review.renewal.length_months == 36
    assert CaseEvent.objects.filter(application=application, kind="lease_end_reviewed").exists()


def test_moving_on_ends_the_lease_and_records_the_next_tenure_for_everyone(
    kari_actor, case, trondheim
):
    application, lease = case
    from boligtorg.cases.factories import PersonFactory

    child = PersonFactory(municipality=trondheim)
    HouseholdMember.objects.create(household=application.household, person=child, relation="child")
    review = _review(
        kari_actor,
        application,
        lease,
        choice=LeaseEndChoice.PRIVATE_RENT,
        address="Persaunvegen 12",
    )
    lease.refresh_from_db()
    assert lease.terminated_on == lease.end == review.moves_out_on
    tenures = HousingTenure.objects.filter(kind=TenureKind.PRIVATE_RENT)
    assert {t.person for t in tenures} == {application.applicant, child}
    assert {t.started_on for t in tenures} == {lease.end + DAY}
    assert {t.address for t in tenures} == {"Persaunvegen 12"}


def test_a_moving_day_outside_the_lease_is_refused_and_nothing_is_written(kari_actor, case):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        _review(
            kari_actor,
            application,
            lease,
            choice=LeaseEndChoice.PURCHASE,
            moves_out_on=lease.end + DAY,
        )
    assert "within the lease" in _error(exc, "moves_out_on")[0]
    lease.refresh_from_db()
    assert lease.terminated_on is None
    assert not HousingTenure.objects.exists()


def test_moving_on_into_an_overlapping_tenure_is_refused_and_the_lease_runs_on(kari_actor, case):
    application, lease = case
    HousingTenureFactory(
        person=application.applicant,
        kind=TenureKind.OWNERSHIP,
        started_on=lease.end - 10 * DAY,
        address="Byåsen",
    )
    with pytest.raises(ValidationError) as exc:
        _review(kari_actor, application, lease, choice=LeaseEndChoice.PURCHASE)
    assert "lived somewhere else" in _error(exc, "moves_out_on")[0]
    lease.refresh_from_db()
    assert lease.terminated_on is None


def test_the_end_of_a_lease_is_reviewed_once_and_needs_reasons(kari_actor, case):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        _review(kari_actor, application, lease, reasons=" ", choice="")
    assert _error(exc, "reasons") == [str(services.ERROR_REASONS_REQUIRED)]
    assert _error(exc, "choice") == [str(services.ERROR_LEASE_END_CHOICE)]
    _review(kari_actor, application, lease, choice=LeaseEndChoice.OTHER_MUNICIPAL)
    with pytest.raises(ValidationError):
        _review(kari_actor, application, lease)


def test_the_coordinator_asks_the_housing_office_to_renew(case, fatima, trondheim):
    application, lease = case
    with pytest.raises(ValidationError) as exc:
        _review(actor_for(fatima, trondheim), application, lease)
    assert _error(exc, "choice") == [str(services.ERROR_HOUSING_ROLE)]


# Tenures by hand ------------------------------------------------------------------


def test_kari_records_where_ole_lived_before_the_case(kari_actor, ole, ole_case):
    tenure = services.tenure_create(
        actor=kari_actor,
        person=ole,
        kind=TenureKind.TEMPORARY_SHELTER,
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2024, 6, 30),
        address=" Midlertidig botilbud ",
    )
    assert tenure.address == "Midlertidig botilbud"
    assert AuditEvent.objects.filter(object_type="followup.housingtenure").count() == 1


def test_a_tenure_ending_before_it_starts_or_overlapping_another_is_refused(
    kari_actor, ole, ole_case
):
    with pytest.raises(ValidationError) as exc:
        services.tenure_create(
            actor=kari_actor,
            person=ole,
            kind=TenureKind.WITH_FAMILY,
            started_on=datetime.date(2024, 6, 1),
            ended_on=datetime.date(2024, 5, 31),
        )
    assert _error(exc, "ended_on") == [str(services.ERROR_TENURE_END_BEFORE_START)]
    HousingTenureFactory(
        person=ole, started_on=datetime.date(2024, 1, 1), ended_on=datetime.date(2024, 6, 30)
    )
    with pytest.raises(ValidationError) as exc:
        services.tenure_create(
            actor=kari_actor,
            person=ole,
            kind=TenureKind.WITH_FAMILY,
            started_on=datetime.date(2024, 6, 30),
        )
    assert "Ole Hansen lived somewhere else then" in _error(exc, "started_on")[0]


def test_the_auditor_and_another_municipality_cannot_record_tenures(
    ole, ole_case, per, trondheim, sven, skanderborg
):
    for actor in (actor_for(per, trondheim), actor_for(sven, skanderborg)):
        with pytest.raises(PermissionDenied):
            services.tenure_create(
                actor=actor, person=ole, kind="institution", started_on=datetime.date(2024, 1, 1)
            )
