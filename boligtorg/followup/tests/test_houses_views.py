"""The shared-house pages: who sees and changes what, forms that keep what was
typed, confirmations before destructive steps, audited reads, and the tenancy
walk over every houses URL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.core.testing.tenancy import MAKERS
from boligtorg.followup import urls_houses
from boligtorg.followup.factories_houses import (
    AgreedActionFactory,
    DugnadTaskFactory,
    HouseRuleFactory,
    ResidentMeetingFactory,
    shared_house_with_residents,
)
from boligtorg.followup.models import DugnadTask, HouseContact, HouseRule, ResidentMeeting

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def fatima(trondheim):
    return member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )


@pytest.fixture
def mona(trondheim):
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Dahl")


@pytest.fixture
def lade(trondheim):
    return shared_house_with_residents(trondheim)


def test_the_list_shows_each_house_with_its_next_meeting_and_overdue_state(client, kari, lade):
    house, _people = lade
    ResidentMeetingFactory(shared_house=house, held_on=TODAY - datetime.timedelta(days=50))
    client.force_login(kari)
    response = client.get(reverse("followup:house_life_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bofellesskap Lade" in body
    assert response.context["page"].object_list[0].state == "overdue"


def test_the_list_says_so_when_there_are_no_shared_houses(client, kari):
    client.force_login(kari)
    response = client.get(reverse("followup:house_life_list"))
    assert "bt-empty" in response.content.decode()


def test_the_house_page_shows_everything_and_its_read_is_audited(client, fatima, lade):
    house, (hala, _tekle, _yonas) = lade
    meeting = ResidentMeetingFactory(shared_house=house, minutes="Ingen klager.")
    meeting.attendees.add(hala)
    AgreedActionFactory(meeting=meeting, text="Kjøpe ny plenklipper")
    HouseRuleFactory(shared_house=house, text="Ro etter kl. 23.")
    DugnadTaskFactory(shared_house=house, task="Hekk")
    client.force_login(fatima)
    response = client.get(reverse("followup:house_detail", args=[house.pk]))
    body = response.content.decode()
    for text in ("Kjøpe ny plenklipper", "Ro etter kl. 23.", "Hekk", "Hala Haddad"):
        assert text in body
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="housing.sharedhouse", object_id=str(house.pk)
    ).exists()
    response = client.get(reverse("followup:house_meeting_detail", args=[meeting.pk]))
    assert "Ingen klager." in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="followup.residentmeeting"
    ).exists()


def test_an_empty_house_page_shows_empty_states(client, kari, trondheim):
    house, _people = shared_house_with_residents(trondheim, residents=())
    client.force_login(kari)
    body = client.get(reverse("followup:house_detail", args=[house.pk])).content.decode()
    assert body.count("bt-empty") == 3
    assert "Nobody has moved in yet" in body or "Ingen har flyttet inn" in body


def test_the_house_page_needs_few_queries_whatever_the_number_of_meetings(
    client, kari, lade, django_assert_max_num_queries
):
    house, people = lade
    for days in range(1, 6):
        meeting = ResidentMeetingFactory(
            shared_house=house, held_on=TODAY - datetime.timedelta(days=days * 30)
        )
        meeting.attendees.set(people)
        AgreedActionFactory(meeting=meeting)
        DugnadTaskFactory(shared_house=house, day=TODAY + datetime.timedelta(days=days))
    client.force_login(kari)
    url = reverse("followup:house_detail", args=[house.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_a_manager_reads_but_sees_no_edit_links_and_gets_403_on_forms(client, mona, lade):
    house, _people = lade
    client.force_login(mona)
    response = client.get(reverse("followup:house_detail", args=[house.pk]))
    assert response.status_code == 200
    assert reverse("followup:house_rule_create", args=[house.pk]) not in response.content.decode()
    assert client.get(reverse("followup:house_rule_create", args=[house.pk])).status_code == 403
    assert client.post(reverse("followup:house_rule_create", args=[house.pk])).status_code == 403


def test_an_auditor_may_not_read_the_minutes(client, per, lade):
    house, _people = lade
    client.force_login(per)
    assert client.get(reverse("followup:house_detail", args=[house.pk])).status_code == 403


def test_setting_the_contact_person_through_the_form(client, fatima, lade):
    house, _people = lade
    client.force_login(fatima)
    url = reverse("followup:house_contact_set", args=[house.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"user": fatima.pk, "from_date": TODAY.isoformat()})
    assert response.status_code == 302
    assert HouseContact.objects.get(shared_house=house).user == fatima


def test_a_meeting_with_an_error_keeps_what_was_typed(client, fatima, lade, ole):
    house, (hala, _tekle, _yonas) = lade
    client.force_login(fatima)
    client.cookies["django_language"] = "en"  # Accept-Language is ignored on purpose
    url = reverse("followup:house_meeting_create", args=[house.pk])
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url,
        {
            "held_on": tomorrow,
            "topics": "Vaskekjeller og hage",
            "minutes": "Langt referat",
            "attendees": [hala.pk],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["held_on"] == ["Record a meeting on or after the day it was held."]
    body = response.content.decode()
    assert "Vaskekjeller og hage" in body and "Langt referat" in body
    assert not ResidentMeeting.objects.exists()


def test_a_meeting_is_recorded_and_an_action_added(client, fatima, lade):
    house, (hala, tekle, _yonas) = lade
    client.force_login(fatima)
    response = client.post(
        reverse("followup:house_meeting_create", args=[house.pk]),
        {
            "held_on": TODAY.isoformat(),
            "topics": "Gangvask",
            "attendees": [hala.pk, tekle.pk],
            "staff_present": [fatima.pk],
        },
    )
    meeting = ResidentMeeting.objects.get()
    assert response.url == reverse("followup:house_meeting_detail", args=[meeting.pk])
    response = client.post(
        reverse("followup:house_action_create", args=[meeting.pk]),
        {"text": "Lage gangvaskliste", "responsible": "Hala", "due_on": ""},
    )
    assert response.status_code == 302
    assert meeting.actions.get().text == "Lage gangvaskliste"


def test_retiring_a_rule_asks_first_and_keeps_it(client, fatima, lade):
    house, _people = lade
    rule = HouseRuleFactory(shared_house=house)
    client.force_login(fatima)
    url = reverse("followup:house_rule_retire", args=[rule.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert rule.text in response.content.decode()
    assert client.post(url, {"retired_on": TODAY.isoformat()}).status_code == 302
    rule.refresh_from_db()
    assert rule.retired_on == TODAY
    assert HouseRule.objects.count() == 1


def test_a_dugnad_task_is_ticked_done_and_removed_after_confirmation(client, fatima, lade):
    house, _people = lade
    task = DugnadTaskFactory(shared_house=house)
    client.force_login(fatima)
    client.post(reverse("followup:house_task_done", args=[task.pk]), {"done": "1"})
    task.refresh_from_db()
    assert task.done
    url = reverse("followup:house_task_remove", args=[task.pk])
    assert client.get(url).status_code == 200
    assert DugnadTask.objects.exists()
    client.post(url)
    assert not DugnadTask.objects.exists()


def test_every_form_page_opens_for_a_follow_up_worker(client, fatima, trondheim):
    values = {
        name: MAKERS[name](trondheim)
        for name in {name for entry in urls_houses.urlpatterns for name in entry.pattern.converters}
    }
    client.force_login(fatima)
    for entry in urls_houses.urlpatterns:
        if entry.name == "house_task_done":
            continue
        url = reverse(
            f"followup:{entry.name}",
            kwargs={key: values[key] for key in entry.pattern.converters},
        )
        assert client.get(url).status_code == 200, url


def test_sven_gets_404_for_every_houses_url_of_trondheim(client, trondheim, skanderborg):
    """The project-wide walk (core/tests/test_tenancy.py) limited to these URLs."""
    values = {
        name: MAKERS[name](trondheim)
        for name in {name for entry in urls_houses.urlpatterns for name in entry.pattern.converters}
    }
    intruder = member("intruder", skanderborg, *Role.values)
    client.force_login(intruder)
    leaks = []
    for entry in urls_houses.urlpatterns:
        if not entry.pattern.converters:
            continue
        url = reverse(
            f"followup:{entry.name}",
            kwargs={key: values[key] for key in entry.pattern.converters},
        )
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status not in (403, 404, 405):
                leaks.append(f"{method.upper()} {url} -> {status}")
    assert not leaks, leaks
    body = client.get(reverse("followup:house_life_list")).content.decode()
    assert "Kontakt 5001" not in body
