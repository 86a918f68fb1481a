import datetime

from django.urls import reverse
from django.utils import timezone

from boligtorg.accommodation.models import Placement, StayLimit
from boligtorg.core.models import AuditEvent

from .factories import family_case, granted, provider

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def test_the_list_of_who_stays_now_is_empty_at_first(english, kari):
    english.force_login(kari)
    response = english.get(reverse("accommodation:current"))
    assert response.status_code == 200
    assert "No one is in temporary accommodation now." in response.content.decode()


def test_a_family_past_the_limit_is_warned_with_the_nights_so_far(english, kari, trondheim):
    StayLimit.objects.create(
        municipality=trondheim,
        valid_from=TODAY - 400 * DAY,
        nights=90,
        nights_with_children=0,
        created_by=kari,
    )
    case = family_case(trondheim, kari)
    Placement.objects.create(
        municipality=trondheim,
        application=case,
        provider=provider(trondheim, kari, children=True),
        starts_on=TODAY - 12 * DAY,
        price_per_night=650,
        decision=granted(case, kari),
        created_by=kari,
    ).members.set(case.household.members.all())
    english.force_login(kari)
    response = english.get(reverse("accommodation:current"))
    page = response.content.decode()
    assert case.number in page
    assert '<td class="bt-number">12</td>' in page
    assert "Past the limit of 0 nights" in page
    assert AuditEvent.objects.filter(object_type="accommodation.placement", action="list").exists()


def test_a_provider_form_with_errors_shows_them_all_at_once(english, kari):
    english.force_login(kari)
    response = english.post(
        reverse("accommodation:provider_create"),
        {"name": "", "address": "", "org_number": "12"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "address", "org_number"}


def test_the_provider_page_shows_its_agreements_and_empty_inspections(english, kari, trondheim):
    made = provider(trondheim, kari)
    english.force_login(kari)
    response = english.get(reverse("accommodation:provider_detail", args=[made.pk]))
    page = response.content.decode()
    assert "Own room with a lock" in page
    assert "No inspections yet." in page


def test_a_placement_is_made_from_the_case_number(english, kari, trondheim, ole_case):
    made = provider(trondheim, kari)
    decision = granted(ole_case, kari)
    english.force_login(kari)
    response = english.get(reverse("accommodation:placement_new"), {"number": ole_case.number})
    url = reverse("accommodation:placement_create", args=[ole_case.pk])
    assert response.url == url
    response = english.post(
        url,
        {
            "provider": made.pk,
            "starts_on": TODAY.isoformat(),
            "members": [m.pk for m in ole_case.household.members.all()],
            "decision": decision.pk,
        },
    )
    assert response.status_code == 302
    assert Placement.objects.get(application=ole_case).provider == made


def test_another_municipalitys_provider_page_is_not_found(english, sven, kari, trondheim):
    made = provider(trondheim, kari)
    english.force_login(sven)
    response = english.get(reverse("accommodation:provider_detail", args=[made.pk]))
    assert response.status_code == 404


def test_a_stay_limit_form_with_errors_shows_them_all_at_once_then_saves(english, kari, trondheim):
    english.force_login(kari)
    url = reverse("accommodation:stay_limit_set")
    response = english.post(url, {"valid_from": "", "nights": "-1", "nights_with_children": ""})
    assert set(response.context["form"].errors) == {"valid_from", "nights", "nights_with_children"}
    response = english.post(
        url, {"valid_from": TODAY.isoformat(), "nights": "90", "nights_with_children": "0"}
    )
    assert response.status_code == 302
    assert StayLimit.objects.get(municipality=trondheim).nights_with_children == 0


def test_ending_a_placement_takes_it_off_the_list_of_who_stays_now(english, kari, trondheim):
    case = family_case(trondheim, kari, children=0)
    placement = Placement.objects.create(
        municipality=trondheim,
        application=case,
        provider=provider(trondheim, kari),
        starts_on=TODAY - 3 * DAY,
        price_per_night=650,
        decision=granted(case, kari),
        created_by=kari,
    )
    english.force_login(kari)
    url = reverse("accommodation:placement_end", args=[placement.pk])
    response = english.post(url, {"ends_on": (TODAY - 4 * DAY).isoformat()})
    assert set(response.context["form"].errors) == {"ends_on"}
    english.post(url, {"ends_on": (TODAY - DAY).isoformat(), "reason": "Got a flat"})
    response = english.get(reverse("accommodation:current"))
    assert "No one is in temporary accommodation now." in response.content.decode()
