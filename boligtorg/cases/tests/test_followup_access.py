"""Follow-up workers reach a case: assigned by the caseworker (notified), or on their
own request granted or refused by the coordinator; pickers list the fitting role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases import selectors_team
from boligtorg.cases.models import AccessRequest, AccessRequestStatus, TeamMember
from boligtorg.cases.services import team as services
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Notification, Role
from boligtorg.followup.models import FollowUpPlan
from boligtorg.followup.services import plans as plan_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def nina(trondheim):
    """Nina: a follow-up worker in Trondheim."""
    return member("nina", trondheim, Role.FOLLOWUP_WORKER, first_name="Nina", last_name="Dahl")


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


def _login(client, user):
    client.cookies["django_language"] = "en"
    client.force_login(user)


def test_kari_assigns_nina_who_joins_is_notified_and_starts_the_plan(
    client, kari_actor, ole_case, nina, trondheim
):
    _login(client, kari_actor.user)
    response = client.post(
        reverse("cases:followup_worker_assign", args=[ole_case.pk]), {"worker": nina.pk}
    )
    assert response.status_code == 302
    member_row = TeamMember.objects.get(application=ole_case, user=nina)
    assert member_row.service == "Oppfølging"
    notification = Notification.objects.get(recipient=nina, kind="followup_assigned")
    assert ole_case.number in notification.message
    assert notification.link == reverse("cases:detail", args=[ole_case.pk])
    assert AuditEvent.objects.filter(
        object_type="cases.application", changes__team=[None, "nina (Oppfølging)"]
    ).exists()

    _login(client, nina)
    assert client.get(reverse("core:notification_list")).content.decode().count(ole_case.number)
    assert client.get(reverse("followup:plan_create", args=[ole_case.pk])).status_code == 200
    plan = plan_services.plan_create(
        actor=actor_for(nina, trondheim), application=ole_case, started_on=timezone.localdate()
    )
    assert FollowUpPlan.objects.filter(pk=plan.pk, application=ole_case).exists()
    assert client.get(reverse("followup:plan_detail", args=[plan.pk])).status_code == 200


def test_the_followup_picker_lists_only_followup_workers_with_their_role(
    client, kari, ole_case, nina, per, tone, trondheim
):
    member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Berg")
    _login(client, kari)
    form = client.get(reverse("cases:team", args=[ole_case.pk])).context["followup_form"]
    choices = [label for value, label in form.fields["worker"].choices if value]
    assert choices == ["Nina Dahl (nina) – Follow-up worker"]


def test_team_and_coordinator_pickers_leave_out_auditors_and_administrators(
    client, kari, ole_case, nina, per, tone
):
    _login(client, kari)
    context = client.get(reverse("cases:team", args=[ole_case.pk])).context
    for form, name in (
        (context["member_form"], "user"),
        (context["coordinator_form"], "coordinator"),
    ):
        labels = [label for value, label in form.fields[name].choices if value]
        assert "Kari Nordmann (kari) – Caseworker" in labels
        assert "Nina Dahl (nina) – Follow-up worker" in labels
        assert not any("Per Vik" in label or "Tone Aas" in label for label in labels)


def test_the_service_refuses_assigning_someone_without_the_followup_role(kari_actor, ole_case, per):
    with pytest.raises(ValidationError) as error:
        services.followup_worker_assign(actor=kari_actor, application=ole_case, worker=per)
    assert "worker" in error.value.message_dict
    assert not TeamMember.objects.filter(application=ole_case).exists()


def test_nina_asks_kari_grants_and_nina_reads_the_case(client, kari, ole_case, nina):
    _login(client, nina)
    case_url = reverse("cases:detail", args=[ole_case.pk])
    assert client.get(case_url).status_code == 403
    page = client.get(reverse("cases:access_request", args=[ole_case.pk]))
    assert page.status_code == 200
    assert ole_case.number in page.content.decode()
    assert "Hansen" not in page.content.decode()
    client.post(reverse("cases:access_request", args=[ole_case.pk]), {"reason": "Referred by NAV"})
    request = AccessRequest.objects.get(application=ole_case, worker=nina)
    assert request.status == AccessRequestStatus.REQUESTED
    assert Notification.objects.filter(recipient=kari, kind="access_requested").exists()

    _login(client, kari)
    case_page = client.get(case_url).content.decode()
    assert "A follow-up worker asks for access to this case." in case_page
    client.post(reverse("cases:access_request_grant", args=[ole_case.pk, request.pk]))
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.GRANTED
    assert request.decided_by == kari
    assert TeamMember.objects.filter(application=ole_case, user=nina).exists()
    assert Notification.objects.filter(recipient=nina, kind="access_granted").exists()
    assert AuditEvent.objects.filter(object_type="cases.accessrequest").count() == 2

    _login(client, nina)
    assert client.get(case_url).status_code == 200


def test_a_refused_request_gives_no_access_and_tells_the_reason(client, kari, per, ole_case, nina):
    request = AccessRequest.objects.create(application=ole_case, worker=nina, reason="Asked")
    _login(client, kari)
    url = reverse("cases:access_request_refuse", args=[ole_case.pk, request.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    client.post(url, {"reason": "The household declined follow-up"})
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.REFUSED
    notification = Notification.objects.get(recipient=nina, kind="access_refused")
    assert "The household declined follow-up" in notification.message

    refusal = AuditEvent.objects.get(object_type="cases.accessrequest", object_id=str(request.pk))
    assert refusal.changes == {"status": ["requested", "refused"]}
    trail = selectors_team.case_audit_trail(
        actor=actor_for(per, ole_case.municipality), application=ole_case
    )
    assert refusal in trail

    _login(client, nina)
    assert client.get(reverse("cases:detail", args=[ole_case.pk])).status_code == 403
    page = client.get(reverse("cases:access_request", args=[ole_case.pk])).content.decode()
    assert "The household declined follow-up" in page


def test_a_followup_worker_of_another_municipality_gets_404(client, ole_case, skanderborg):
    ida = member("ida", skanderborg, Role.FOLLOWUP_WORKER)
    _login(client, ida)
    assert client.get(reverse("cases:access_request", args=[ole_case.pk])).status_code == 404
    response = client.post(reverse("cases:access_request", args=[ole_case.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert not AccessRequest.objects.exists()


def test_a_second_request_while_one_is_open_is_refused_with_a_message(ole_case, nina, trondheim):
    nina_actor = actor_for(nina, trondheim)
    services.access_request_create(actor=nina_actor, application=ole_case, reason="Referred")
    with pytest.raises(ValidationError) as error:
        services.access_request_create(actor=nina_actor, application=ole_case, reason="Again")
    assert error.value.message_dict == {"reason": [str(services.ERROR_REQUEST_OPEN)]}


def test_only_the_coordinator_decides_when_there_is_one(
    client, kari, per, sven, ole_case, nina, trondheim
):
    """With a coordinator, neither the caseworker, the auditor nor the worker may
    grant (403); another municipality's caseworker gets 404."""
    anne = member("anne", trondheim, Role.CASEWORKER)
    ole_case.coordinator = anne
    ole_case.save(update_fields=["coordinator"])
    request = AccessRequest.objects.create(application=ole_case, worker=nina, reason="Asked")
    grant = reverse("cases:access_request_grant", args=[ole_case.pk, request.pk])
    for user in (kari, nina, per):
        _login(client, user)
        assert client.post(grant).status_code == 403
    _login(client, sven)
    assert client.post(grant).status_code == 404
    with pytest.raises(PermissionDenied):
        services.access_request_grant(
            actor=actor_for(kari, trondheim), application=ole_case, request=request
        )
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.REQUESTED
    _login(client, anne)
    client.post(grant)
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.GRANTED


def test_the_waiting_list_shows_decided_cases_by_number_only(client, ole_case, nina):
    ole_case.status = "decided"
    ole_case.save(update_fields=["status"])
    _login(client, nina)
    page = client.get(reverse("cases:followup_waiting")).content.decode()
    assert ole_case.number in page
    assert "Hansen" not in page


def test_the_assign_form_speaks_bokmal(client, kari, ole_case, nina):
    client.force_login(kari)
    page = client.get(reverse("cases:team", args=[ole_case.pk])).content.decode()
    assert "Tildel oppfølgingsveileder" in page
    assert "Nina Dahl (nina) – Oppfølgingsveileder" in page
