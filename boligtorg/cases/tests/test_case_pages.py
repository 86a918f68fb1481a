import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import (
    ApplicationFactory,
    ConsentFactory,
    HouseholdFactory,
    PersonFactory,
)
from boligtorg.cases.models import Application, HouseholdMember, Person, TargetGroup
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _new_case_data(**overrides):
    data = {
        "person-first_name": "Ole",
        "person-last_name": "Hansen",
        "person-national_id": "",
        "person-date_of_birth": "1990-04-01",
        "person-gender": "male",
        "person-language": "nb",
        "application-situation": "without_dwelling",
        "application-min_bedrooms": "1",
        "application-household_income": "250000",
    }
    data.update(overrides)
    return data


def test_kari_registers_a_new_case_in_one_form(client, kari, trondheim):
    target_groups_ensure(municipality=trondheim)
    refugee = TargetGroup.objects.get(municipality=trondheim, code="refugee")
    client.force_login(kari)
    response = client.post(
        reverse("cases:create"), _new_case_data(**{"application-target_groups": [refugee.pk]})
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[application.pk])
    assert application.applicant.last_name == "Hansen"
    assert list(application.target_groups.all()) == [refugee]
    assert application.caseworker == kari


def test_an_invalid_national_id_is_shown_at_the_field_and_nothing_is_lost(english, kari):
    english.force_login(kari)
    response = english.post(
        reverse("cases:create"), _new_case_data(**{"person-national_id": "01019912345"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "id_person-national_id_error" in page
    assert "not a valid national identity number" in page
    assert 'value="Hansen"' in page
    assert 'value="250000"' in page
    assert not Person.objects.exists()
    assert not Application.objects.exists()


def test_the_case_page_is_audited_as_a_read(client, kari, ole_case):
    client.force_login(kari)
    response = client.get(reverse("cases:detail", args=[ole_case.pk]))
    assert response.status_code == 200
    assert "Ole" in response.content.decode()
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.VIEW, object_type="cases.application", object_id=str(ole_case.pk)
        ).count()
        == 1
    )


def test_sven_gets_404_for_a_trondheim_case(client, sven, ole_case):
    client.force_login(sven)
    assert client.get(reverse("cases:detail", args=[ole_case.pk])).status_code == 404


def test_the_case_list_searches_names_numbers_and_ids(client, kari, trondheim, ole_case):
    liv = PersonFactory(municipality=trondheim, first_name="Liv", last_name="Berg")
    other = ApplicationFactory(
        municipality=trondheim, household=HouseholdFactory(municipality=trondheim, main=liv)
    )
    client.force_login(kari)
    # A name is found by its words in any order, also as the list writes it.
    queries = ("Hansen", "Ole Hansen", "hansen ole", "Hansen, Ole", "ole han")
    for query in (*queries, ole_case.number, ole_case.applicant.national_id):
        # The search box posts (a national id stays out of the URL).
        page = client.post(reverse("cases:list"), {"q": query}, follow=True)
        numbers = [a["number"] for a in page.context["page"].object_list]
        assert numbers == [ole_case.number], query
    assert other.number not in numbers
    # Every word must match: "Ole Berg" is neither Ole Hansen nor Liv Berg.
    assert not client.get(reverse("cases:list"), {"q": "Ole Berg"}).context["page"].object_list


def test_the_case_list_finds_a_case_number_by_its_start_or_any_part(client, kari, trondheim):
    first, second, later = (
        ApplicationFactory(municipality=trondheim, number=number)
        for number in ("2026-00041", "2026-00042", "2026-00142")
    )
    ApplicationFactory(municipality=trondheim, number="2025-00042")
    client.force_login(kari)

    def found(query):
        page = client.get(reverse("cases:list"), {"q": query}).context["page"]
        return sorted(row["number"] for row in page.object_list)

    assert found("2026-0004") == [first.number, second.number]
    assert found("2026-00142") == [later.number]
    assert found("00042") == ["2025-00042", second.number]
    assert found("42") == ["2025-00042", second.number, later.number]


def test_the_case_list_names_the_main_applicant_last_name_first(client, kari, trondheim):
    liv = PersonFactory(municipality=trondheim, first_name="Liv", last_name="Berg")
    case = ApplicationFactory(
        municipality=trondheim, household=HouseholdFactory(municipality=trondheim, main=liv)
    )
    assert case.applicant_name == "Berg, Liv"
    client.force_login(kari)
    response = client.get(reverse("cases:list"))
    assert "<td>Berg, Liv</td>" in response.content.decode()


def test_the_case_list_filters_overdue_interim_notices(client, kari, trondheim):
    today = timezone.localdate()
    late = ApplicationFactory(
        municipality=trondheim, status="submitted", received_on=today - datetime.timedelta(days=60)
    )
    ApplicationFactory(municipality=trondheim, status="submitted", received_on=today)
    ApplicationFactory(
        municipality=trondheim,
        status="submitted",
        received_on=today - datetime.timedelta(days=60),
        interim_notice_sent_on=today - datetime.timedelta(days=20),
    )
    client.force_login(kari)
    page = client.get(reverse("cases:list"), {"overdue": "on"})
    assert [a["number"] for a in page.context["page"].object_list] == [late.number]


def test_the_case_list_shows_only_this_municipality(client, sven, ole_case, skanderborg):
    mine = ApplicationFactory(municipality=skanderborg)
    client.force_login(sven)
    numbers = [a["number"] for a in client.get(reverse("cases:list")).context["page"].object_list]
    assert numbers == [mine.number]


def test_the_case_list_query_count_does_not_grow_with_the_page(
    client, kari, trondheim, django_assert_max_num_queries
):
    for _ in range(30):
        ApplicationFactory(municipality=trondheim, caseworker=kari)
    client.force_login(kari)
    # session, user, memberships with their roles, target groups, caseworkers,
    # count, page, the audit event of the page
    with django_assert_max_num_queries(8):
        response = client.get(reverse("cases:list"))
    assert len(response.context["page"].object_list) == 25


def test_a_stale_edit_is_refused_with_a_message_and_the_form_kept(english, kari, ole_case):
    english.force_login(kari)
    url = reverse("cases:edit", args=[ole_case.pk])
    data = {
        "version": ole_case.version,
        "situation": "at_risk",
        "min_bedrooms": "3",
    }
    assert english.post(url, data).status_code == 302
    response = english.post(url, {**data, "min_bedrooms": "4"})
    assert response.status_code == 200
    assert "Someone else saved this application" in response.content.decode()
    assert 'value="4"' in response.content.decode()
    assert Application.objects.get(pk=ole_case.pk).min_bedrooms == 3


def test_kari_adds_a_child_to_the_household(client, kari, ole_case):
    client.force_login(kari)
    response = client.post(
        reverse("cases:member_add", args=[ole_case.pk]),
        {
            "relation": "child",
            "first_name": "Lille",
            "last_name": "Hansen",
            "date_of_birth": "2018-06-01",
            "gender": "female",
            "language": "nb",
        },
    )
    assert response.status_code == 302
    member = HouseholdMember.objects.get(household=ole_case.household, relation="child")
    assert member.person.first_name == "Lille"


def test_a_draft_is_registered_as_received(client, kari, trondheim):
    draft = ApplicationFactory(municipality=trondheim, caseworker=kari)
    ConsentFactory(person=draft.applicant, recorded_by=kari)
    client.force_login(kari)
    response = client.post(
        reverse("cases:submit", args=[draft.pk]), {"received_on": str(timezone.localdate())}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_closing_a_case_asks_first(client, kari, ole_case):
    client.force_login(kari)
    url = reverse("cases:close", args=[ole_case.pk])
    assert client.get(url).status_code == 200
    ole_case.refresh_from_db()
    assert ole_case.status == "submitted"
    client.post(url)
    ole_case.refresh_from_db()
    assert ole_case.status == "closed"


def test_per_the_auditor_reads_but_cannot_edit(client, per, ole_case):
    client.force_login(per)
    assert client.get(reverse("cases:detail", args=[ole_case.pk])).status_code == 200
    assert client.get(reverse("cases:edit", args=[ole_case.pk])).status_code == 403
    assert client.post(reverse("cases:close", args=[ole_case.pk])).status_code == 403


def test_a_person_of_another_municipality_cannot_be_seen_through_search(client, sven, trondheim):
    PersonFactory(municipality=trondheim, last_name="Secretsen")
    client.force_login(sven)
    response = client.get(reverse("cases:list"), {"q": "Secretsen"})
    assert list(response.context["page"].object_list) == []
    assert ">Secretsen<" not in response.content.decode()
