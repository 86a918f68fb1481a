"""The housing-career pages: who sees them, forms that keep what was typed, the
audit of every read, and the query counts of their selectors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.followup import selectors_career as selectors
from boligtorg.followup.factories_career import (
    DecisionConditionFactory,
    HousingTenureFactory,
    granted_decision,
    transition_case,
)
from boligtorg.followup.models import DecisionCondition, TenureKind, TransitionAssessment

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def case(trondheim, kari):
    return transition_case(trondheim, kari)


def _views(user, obj) -> int:
    return AuditEvent.objects.filter(
        actor=user,
        action=AuditAction.VIEW,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
    ).count()


def test_the_case_page_links_to_the_housing_career(client, kari, case):
    client.force_login(kari)
    response = client.get(reverse("cases:detail", args=[case[0].pk]))
    assert reverse("followup:case_career", args=[case[0].pk]) in response.content.decode()


def test_kari_sees_the_transition_lease_and_the_read_is_audited(client, kari, case):
    application, lease = case
    client.force_login(kari)
    response = client.get(reverse("followup:case_career", args=[application.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert str(lease.dwelling) in body
    assert reverse("followup:transition_assess", args=[application.pk, lease.pk]) in body
    assert _views(kari, application) == 1


def test_the_auditor_reads_but_gets_no_forms(client, per, case):
    application, lease = case
    client.force_login(per)
    response = client.get(reverse("followup:case_career", args=[application.pk]))
    assert response.status_code == 200
    assert "assessment/" not in response.content.decode()
    assert (
        client.get(
            reverse("followup:transition_assess", args=[application.pk, lease.pk])
        ).status_code
        == 403
    )


def test_a_follow_up_worker_outside_the_case_team_is_refused(client, trondheim, case):
    outsider = member("oline", trondheim, Role.FOLLOWUP_WORKER)
    client.force_login(outsider)
    assert client.get(reverse("followup:case_career", args=[case[0].pk])).status_code == 403
    person = case[0].applicant
    assert client.get(reverse("followup:housing_career", args=[person.pk])).status_code == 403


def test_sven_of_skanderborg_gets_404_for_trondheims_pages(client, sven, case):
    application, lease = case
    condition = DecisionConditionFactory(decision=granted_decision(application))
    client.force_login(sven)
    for url in (
        reverse("followup:case_career", args=[application.pk]),
        reverse("followup:decision_conditions", args=[granted_decision(application).pk]),
        reverse("followup:condition_review", args=[condition.pk]),
        reverse("followup:lease_end_review", args=[application.pk, lease.pk]),
        reverse("followup:housing_career", args=[application.applicant.pk]),
        reverse("followup:tenure_create", args=[application.applicant.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_lease_of_another_household_answers_404(client, kari, case, trondheim):
    from boligtorg.housing.factories import LeaseFactory

    other = LeaseFactory(municipality=trondheim)
    client.force_login(kari)
    url = reverse("followup:transition_assess", args=[case[0].pk, other.pk])
    assert client.get(url).status_code == 404


def test_a_condition_with_a_date_before_the_decision_keeps_what_was_typed(client, kari, case):
    decision = granted_decision(case[0])
    client.force_login(kari)
    url = reverse("followup:decision_conditions", args=[decision.pk])
    too_early = decision.decided_on - DAY
    response = client.post(url, {"text": "Ta imot oppfølging", "next_review_on": too_early})
    body = response.content.decode()
    assert response.status_code == 200
    assert "before the decision was made" in body
    assert "Ta imot oppfølging" in body
    assert not DecisionCondition.objects.exists()
    review_on = timezone.localdate() + 30 * DAY
    response = client.post(url, {"text": "Ta imot oppfølging", "next_review_on": review_on})
    assert response.status_code == 302
    assert DecisionCondition.objects.get().text == "Ta imot oppfølging"


def test_a_condition_is_reviewed_through_its_page(client, kari, case):
    condition = DecisionConditionFactory(decision=granted_decision(case[0]))
    client.force_login(kari)
    url = reverse("followup:condition_review", args=[condition.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"reviewed_on": timezone.localdate(), "outcome": "met", "notes": "Betalt hver måned."}
    )
    assert response.status_code == 302
    page = client.get(reverse("followup:decision_conditions", args=[condition.decision_id]))
    assert "Betalt hver måned." in page.content.decode()


def test_a_prolonged_step_without_a_new_end_is_named_at_its_field(client, kari, case):
    application, lease = case
    client.force_login(kari)
    url = reverse("followup:transition_assess", args=[application.pk, lease.pk])
    data = {
        "assessed_on": timezone.localdate(),
        "economy_score": 2,
        "neighbours_score": 3,
        "cleaning_score": 3,
        "daily_activity_score": 2,
        "network_score": 2,
        "next_step": "prolonged",
        "notes": "Trenger mer tid på økonomi.",
    }
    response = client.post(url, data)
    body = response.content.decode()
    assert 'id="id_prolonged_until_error"' in body or "needs the day the new period ends" in body
    assert "Trenger mer tid på økonomi." in body
    assert "The scores support: Permanent municipal dwelling." in body
    assert not TransitionAssessment.objects.exists()
    response = client.post(url, {**data, "next_step": "permanent"})
    assert response.status_code == 302
    assert TransitionAssessment.objects.get().next_step == "permanent"


def test_the_lease_end_review_renews_through_the_page(client, kari, case):
    application, lease = case
    client.force_login(kari)
    url = reverse("followup:lease_end_review", args=[application.pk, lease.pk])
    response = client.post(
        url, {"reviewed_on": timezone.localdate(), "choice": "renew", "reasons": "Bor godt."}
    )
    assert response.status_code == 302
    assert lease.renewal.start == lease.end + DAY


def test_the_housing_career_shows_both_dwellings_and_what_came_before(client, kari, case):
    application, lease = case
    person = application.applicant
    HousingTenureFactory(
        person=person,
        kind=TenureKind.TEMPORARY_SHELTER,
        started_on=lease.start - 200 * DAY,
        ended_on=lease.start - DAY,
        address="Midlertidig botilbud",
    )
    from boligtorg.housing.factories import LeaseFactory

    permanent = LeaseFactory(
        municipality=lease.municipality,
        household=application.household,
        start=lease.end + DAY,
        end=lease.end + 1000 * DAY,
    )
    client.force_login(kari)
    response = client.get(reverse("followup:housing_career", args=[person.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index(str(permanent.dwelling)) < body.index(str(lease.dwelling))
    assert body.index(str(lease.dwelling)) < body.index("Midlertidig botilbud")
    assert "Transition dwelling" in body and "Municipal dwelling" in body
    assert _views(kari, person) == 1


def test_a_tenure_ending_before_it_starts_keeps_what_was_typed(client, kari, case):
    person = case[0].applicant
    client.force_login(kari)
    url = reverse("followup:tenure_create", args=[person.pk])
    response = client.post(
        url,
        {
            "kind": "with_family",
            "started_on": "2024-06-01",
            "ended_on": "2024-05-01",
            "address": "Hos mor på Lade",
        },
    )
    body = response.content.decode()
    assert "cannot end before it starts" in body
    assert "Hos mor på Lade" in body


def test_the_case_career_reads_in_a_fixed_number_of_queries(django_assert_num_queries, case, kari):
    application, lease = case
    for _ in range(3):
        DecisionConditionFactory(decision=granted_decision(application))
    with django_assert_num_queries(7):
        career = selectors.case_career(application=application, today=timezone.localdate())
        for decision in career.decisions:
            for condition in decision.tracked_conditions.all():
                list(condition.reviews.all())
        assert [row.lease for row in career.leases] == [lease]


def test_a_persons_career_reads_in_a_fixed_number_of_queries(django_assert_num_queries, case):
    application, _lease = case
    person = application.applicant
    for n in range(3):
        HousingTenureFactory(
            person=person,
            started_on=datetime.date(2020, 1, 1) + n * 100 * DAY,
            ended_on=datetime.date(2020, 1, 1) + (n * 100 + 50) * DAY,
        )
    with django_assert_num_queries(4):
        entries = selectors.housing_career(person=person)
    assert len(entries) == 4
