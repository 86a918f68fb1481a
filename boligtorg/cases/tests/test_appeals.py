"""Appeals: registered on time or flagged late (never refused), reconsidered by the
municipality (reversed → a new decision; upheld → sent on with a case summary)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.models import Appeal, AppealStatus, Application, Decision, LegalBasis
from boligtorg.cases.services import decisions as services
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.deadlines import appeal_deadline

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


def _decide(actor, application, *, decided_on=TODAY, received_on=None, outcome="refused"):
    return services.decision_make(
        actor=actor,
        application=application,
        outcome=outcome,
        reasons="The household can rent privately.",
        legal_basis=LegalBasis.objects.get(country="NO", code="boligsosial-6"),
        decided_on=decided_on,
        received_on=received_on or decided_on,
        dwelling_type="ordinary",
        lease_months=36,
        letter_language="en",
    )


@pytest.fixture
def decision(kari_actor, ole_case):
    return _decide(kari_actor, ole_case)


@pytest.fixture
def early_decision(kari_actor, ole_case):
    """A decision the applicant received long enough ago for its deadline to pass."""
    Application.objects.filter(pk=ole_case.pk).update(received_on=TODAY - 60 * DAY)
    ole_case.refresh_from_db()
    return _decide(kari_actor, ole_case, decided_on=TODAY - 50 * DAY)


def _register(actor, decision, received_on=TODAY, grounds="I have nowhere to live."):
    return services.appeal_register(
        actor=actor, decision=decision, received_on=received_on, grounds=grounds
    )


def _reconsider(actor, appeal, outcome, notes="Considered again.", on=TODAY):
    return services.appeal_reconsider(
        actor=actor, appeal=appeal, outcome=outcome, notes=notes, on=on
    )


def test_an_appeal_within_the_deadline_is_registered_and_the_case_becomes_appealed(
    kari_actor, ole_case, decision
):
    appeal = _register(kari_actor, decision)
    ole_case.refresh_from_db()
    assert ole_case.status == "appealed"
    assert appeal.is_late is False
    assert appeal.status == AppealStatus.PENDING
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="cases.appeal", object_id=str(appeal.pk)
    ).exists()
    assert ole_case.events.filter(kind="status_appealed").exists()


def test_an_appeal_on_the_last_day_is_on_time_and_the_next_day_is_late(
    kari_actor, ole_case, early_decision
):
    deadline = appeal_deadline(early_decision.received_on, "NO")
    assert deadline < TODAY
    on_time = _register(kari_actor, early_decision, received_on=deadline)
    assert on_time.is_late is False
    Appeal.objects.all().delete()
    Application.objects.filter(pk=ole_case.pk).update(status="decided")
    early_decision.application.status = "decided"
    late = _register(kari_actor, early_decision, received_on=deadline + DAY)
    assert late.is_late is True
    ole_case.refresh_from_db()
    assert ole_case.status == "appealed"


def test_a_deadline_on_a_weekend_moves_to_monday(kari_actor, ole_case):
    # A decision received on a Saturday: three weeks later is a Saturday too.
    saturday = TODAY - datetime.timedelta(days=(TODAY.weekday() - 5) % 7 + 35)
    Application.objects.filter(pk=ole_case.pk).update(received_on=saturday - 10 * DAY)
    ole_case.refresh_from_db()
    decision = _decide(kari_actor, ole_case, decided_on=saturday)
    deadline = appeal_deadline(saturday, "NO")
    assert deadline.weekday() < 5 and deadline > saturday + datetime.timedelta(weeks=3)
    appeal = _register(kari_actor, decision, received_on=deadline)
    assert appeal.is_late is False


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"grounds": " "}, "grounds", services.ERROR_GROUNDS_REQUIRED),
        ({"received_on": None}, "received_on", services.ERROR_APPEAL_DATE_REQUIRED),
        ({"received_on": TODAY + DAY}, "received_on", services.ERROR_APPEAL_FUTURE),
        ({"received_on": TODAY - DAY}, "received_on", services.ERROR_APPEAL_BEFORE_DECISION),
    ],
)
def test_each_rule_of_an_appeal_names_its_field(
    kari_actor, ole_case, decision, changes, field, message
):
    with pytest.raises(ValidationError) as caught:
        _register(kari_actor, decision, **changes)
    assert caught.value.message_dict[field] == [str(message)]
    ole_case.refresh_from_db()
    assert ole_case.status == "decided"


def test_a_second_appeal_waits_for_the_first_to_be_reconsidered(kari_actor, decision):
    _register(kari_actor, decision)
    decision.application.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        _register(kari_actor, decision)
    assert caught.value.messages == [str(services.ERROR_NOT_APPEALABLE)]


def test_only_the_latest_decision_can_be_appealed(kari_actor, ole_case, decision):
    appeal = _register(kari_actor, decision)
    _reconsider(kari_actor, appeal, AppealStatus.REVERSED)
    ole_case.refresh_from_db()
    _decide(kari_actor, ole_case, outcome="granted")
    old = Decision.objects.get(pk=decision.pk)
    with pytest.raises(ValidationError) as caught:
        _register(kari_actor, old)
    assert caught.value.messages == [str(services.ERROR_NOT_LATEST_DECISION)]


def test_a_reversed_appeal_leads_to_a_new_decision_and_the_case_is_decided_again(
    kari_actor, ole_case, decision
):
    appeal = _register(kari_actor, decision)
    appeal = _reconsider(kari_actor, appeal, AppealStatus.REVERSED)
    assert (appeal.status, appeal.reconsidered_on, appeal.sent_to_governor_on) == (
        "reversed",
        TODAY,
        None,
    )
    assert not appeal.summary
    ole_case.refresh_from_db()
    assert ole_case.status == "appealed"
    second = _decide(kari_actor, ole_case, outcome="granted")
    ole_case.refresh_from_db()
    assert ole_case.status == "decided"
    assert list(ole_case.decisions.all()) == [second, decision]


def test_no_new_decision_while_the_appeal_is_pending(kari_actor, ole_case, decision):
    _register(kari_actor, decision)
    ole_case.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        _decide(kari_actor, ole_case, outcome="granted")
    assert caught.value.messages == [str(services.ERROR_APPEAL_NOT_REVERSED)]


def test_an_upheld_appeal_is_sent_on_with_a_case_summary(kari_actor, ole_case, decision):
    appeal = _reconsider(kari_actor, _register(kari_actor, decision), AppealStatus.UPHELD)
    assert appeal.sent_to_governor_on == TODAY
    assert appeal.summary.read().startswith(b"%PDF")
    ole_case.refresh_from_db()
    assert ole_case.status == "appealed"
    assert ole_case.events.filter(kind="appeal_upheld").exists()
    update = AuditEvent.objects.get(
        action=AuditAction.UPDATE, object_type="cases.appeal", object_id=str(appeal.pk)
    )
    assert update.changes["status"] == ["pending", "upheld"]


def test_an_appeal_is_reconsidered_once(kari_actor, decision):
    appeal = _reconsider(kari_actor, _register(kari_actor, decision), AppealStatus.UPHELD)
    with pytest.raises(ValidationError) as caught:
        _reconsider(kari_actor, appeal, AppealStatus.REVERSED)
    assert caught.value.messages == [str(services.ERROR_ALREADY_RECONSIDERED)]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"outcome": "pending"}, "outcome", services.ERROR_RECONSIDER_OUTCOME),
        ({"notes": ""}, "notes", services.ERROR_NOTES_REQUIRED),
        ({"on": None}, "on", services.ERROR_RECONSIDER_DATE_REQUIRED),
        ({"on": TODAY + DAY}, "on", services.ERROR_RECONSIDER_FUTURE),
        ({"on": TODAY - DAY}, "on", services.ERROR_RECONSIDER_BEFORE_APPEAL),
    ],
)
def test_each_rule_of_a_reconsideration_names_its_field(
    kari_actor, decision, changes, field, message
):
    appeal = _register(kari_actor, decision)
    arguments = {"outcome": AppealStatus.UPHELD, **changes}
    with pytest.raises(ValidationError) as caught:
        _reconsider(kari_actor, appeal, **arguments)
    assert caught.value.message_dict[field] == [str(message)]
    appeal.refresh_from_db()
    assert appeal.status == "pending"


def test_per_the_auditor_cannot_register_or_reconsider(per, trondheim, kari_actor, decision):
    per_actor = actor_for(per, trondheim)
    with pytest.raises(PermissionDenied):
        _register(per_actor, decision)
    appeal = _register(kari_actor, decision)
    with pytest.raises(PermissionDenied):
        _reconsider(per_actor, appeal, AppealStatus.UPHELD)


# The pages


def test_kari_registers_a_late_appeal_through_the_form_and_is_told_it_is_late(
    client, kari, ole_case, early_decision
):
    client.force_login(kari)
    client.cookies["django_language"] = "en"
    url = reverse("cases:appeal_create", args=[early_decision.pk])
    response = client.post(
        url, {"received_on": TODAY.isoformat(), "grounds": "I did not get the letter."}, follow=True
    )
    assert Appeal.objects.get().is_late is True
    assert "flagged late" in response.content.decode()


def test_an_appeal_form_without_grounds_keeps_the_date_and_names_the_field(client, kari, decision):
    client.force_login(kari)
    client.cookies["django_language"] = "en"
    url = reverse("cases:appeal_create", args=[decision.pk])
    response = client.post(url, {"received_on": TODAY.isoformat(), "grounds": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["grounds"] == [str(services.ERROR_GROUNDS_REQUIRED)]
    assert f'value="{TODAY.isoformat()}"' in response.content.decode()


def test_reversing_through_the_form_leads_to_the_new_decision_form(
    client, kari, kari_actor, ole_case, decision
):
    appeal = _register(kari_actor, decision)
    client.force_login(kari)
    url = reverse("cases:appeal_reconsider", args=[appeal.pk])
    data = {"outcome": "reversed", "notes": "New information.", "on": TODAY.isoformat()}
    response = client.post(url, data)
    assert response["Location"] == reverse("cases:decision_create", args=[ole_case.pk])
    assert client.get(response["Location"]).status_code == 200


def test_the_case_summary_downloads_as_a_pdf_and_is_audited(client, per, kari_actor, decision):
    appeal = _reconsider(kari_actor, _register(kari_actor, decision), AppealStatus.UPHELD)
    client.force_login(per)
    response = client.get(reverse("cases:appeal_summary", args=[appeal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="cases.appeal", object_id=str(appeal.pk)
    ).exists()


def test_per_the_auditor_gets_403_on_appeal_writes(client, per, kari_actor, decision):
    client.force_login(per)
    assert client.get(reverse("cases:appeal_create", args=[decision.pk])).status_code == 403
    appeal = _register(kari_actor, decision)
    url = reverse("cases:appeal_reconsider", args=[appeal.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"outcome": "upheld", "notes": "x"}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == "pending"


def test_sven_gets_404_on_trondheim_appeals(client, sven, kari_actor, decision):
    appeal = _reconsider(kari_actor, _register(kari_actor, decision), AppealStatus.UPHELD)
    client.force_login(sven)
    assert client.get(reverse("cases:appeal_reconsider", args=[appeal.pk])).status_code == 404
    assert client.get(reverse("cases:appeal_summary", args=[appeal.pk])).status_code == 404
    assert client.post(reverse("cases:appeal_create", args=[decision.pk])).status_code == 404


def test_a_case_summary_whose_file_is_gone_answers_a_page_saying_so(
    english, per, kari_actor, decision
):
    appeal = _reconsider(kari_actor, _register(kari_actor, decision), AppealStatus.UPHELD)
    appeal.summary.storage.delete(appeal.summary.name)
    english.force_login(per)
    response = english.get(reverse("cases:appeal_summary", args=[appeal.pk]))
    assert response.status_code == 404
    number = decision.application.number
    assert f"The file of the case summary of the appeal in case {number}" in (
        response.content.decode()
    )
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
