"""The lease form's tenant household: searched for by case number or name among
the households a lease may name, chosen, and checked again when saved."""

import pytest
from django.urls import reverse

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.housing import selectors
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease

pytestmark = pytest.mark.django_db

LEASE_POST = {
    "start": "2025-03-01",
    "rent": "9000",
    "security_kind": "deposit",
    "security_amount": "27000",
}


@pytest.fixture
def kari_draft(trondheim):
    """A household whose case is still a draft: no tenant yet."""
    person = PersonFactory(municipality=trondheim, first_name="Ola", last_name="Hansen")
    household = HouseholdFactory(municipality=trondheim, main=person)
    return ApplicationFactory(municipality=trondheim, household=household, status="draft")


def _found(actor, search, **kwargs):
    return [h.pk for h in selectors.household_search(actor=actor, search=search, **kwargs)]


def test_a_household_is_found_by_case_number_or_by_names_in_it(kari_actor, ole_case):
    household = ole_case.household.pk
    assert _found(kari_actor, ole_case.number) == [household]
    assert _found(kari_actor, ole_case.number.split("-")[1].lstrip("0")) == [household]
    assert _found(kari_actor, "hansen") == [household]
    assert _found(kari_actor, "Ole Hansen") == [household]
    assert _found(kari_actor, "Ole Berg") == []


def test_drafts_households_without_a_case_and_other_municipalities_are_not_found(
    kari_actor, sven_actor, ole_case, kari_draft, other_household
):
    assert _found(kari_actor, "Hansen") == [ole_case.household.pk]
    assert _found(kari_actor, "") == [ole_case.household.pk]
    assert _found(sven_actor, "Hansen") == []
    assert _found(sven_actor, ole_case.number) == []


def test_the_chosen_household_stays_first_and_the_list_is_limited(kari_actor, trondheim):
    cases = [ApplicationFactory(municipality=trondheim, status="submitted") for _ in range(4)]
    oldest = cases[0].household.pk
    found = _found(kari_actor, "", chosen=str(oldest), limit=2)
    assert found[0] == oldest
    assert len(found) == 3
    assert _found(kari_actor, "", limit=2) == [cases[3].household.pk, cases[2].household.pk]


def test_the_search_asks_a_fixed_number_of_queries(
    kari_actor, trondheim, django_assert_num_queries
):
    for _ in range(5):
        ApplicationFactory(municipality=trondheim, status="submitted")
    with django_assert_num_queries(4):
        assert len(_found(kari_actor, "", chosen="1")) == 5


def test_the_options_follow_the_search_box(english, kari, dwelling, ole_case, kari_draft):
    english.force_login(kari)
    url = reverse("housing:lease_households", args=[dwelling.pk])
    page = english.post(url, {"household_query": "Hansen"}).content.decode()
    assert f'<option value="{ole_case.household.pk}">{ole_case.number} – Ole Hansen' in page
    assert "Ola Hansen" not in page
    assert "1 household found." in page
    assert 'hx-swap-oob="true"' in page


def test_a_user_of_another_municipality_gets_404_for_the_options(client, sven, dwelling):
    client.force_login(sven)
    url = reverse("housing:lease_households", args=[dwelling.pk])
    assert client.post(url, {"household_query": "Hansen"}).status_code == 404


def test_per_may_not_search_households_to_let_to(client, per, dwelling):
    client.force_login(per)
    assert client.post(reverse("housing:lease_households", args=[dwelling.pk])).status_code == 403


def test_without_javascript_search_shows_the_households_and_keeps_what_was_typed(
    english, kari, dwelling, ole_case, kari_draft
):
    english.force_login(kari)
    url = reverse("housing:lease_create", args=[dwelling.pk])
    response = english.post(
        url, {**LEASE_POST, "household_query": "Hansen", "six_month_clause": "on", "search": "1"}
    )
    page = response.content.decode()
    assert f"{ole_case.number} – Ole Hansen" in page
    assert "Ola Hansen" not in page
    assert 'value="Hansen"' in page
    assert 'id="id_six_month_clause" checked' in page
    assert "Please correct the following" not in page
    assert not Lease.objects.exists()


def test_a_household_that_may_not_be_named_is_refused_at_the_field(
    english, kari, dwelling, kari_draft
):
    english.force_login(kari)
    url = reverse("housing:lease_create", args=[dwelling.pk])
    response = english.post(
        url, {**LEASE_POST, "household_query": "Ola", "household": kari_draft.household.pk}
    )
    form = response.context["form"]
    assert form.errors["household"] == [
        "This household cannot be chosen: a tenant household needs a case in this "
        "municipality that is submitted, under assessment, decided or appealed."
    ]
    assert 'value="Ola"' in response.content.decode()
    assert not Lease.objects.exists()


def test_a_household_of_another_municipality_is_refused_at_the_field(
    english, kari, dwelling, skanderborg
):
    theirs = ApplicationFactory(municipality=skanderborg, status="submitted")
    english.force_login(kari)
    url = reverse("housing:lease_create", args=[dwelling.pk])
    response = english.post(url, {**LEASE_POST, "household": theirs.household.pk})
    assert "household" in response.context["form"].errors
    assert not Lease.objects.exists()


def test_no_household_chosen_asks_to_search_and_choose(english, kari, trondheim):
    english.force_login(kari)
    dwelling = DwellingFactory(municipality=trondheim)
    response = english.post(reverse("housing:lease_create", args=[dwelling.pk]), LEASE_POST)
    assert response.context["form"].errors["household"] == [
        "Search for the tenant household and choose it."
    ]


def test_enter_with_a_search_typed_and_no_household_chosen_searches(
    english, kari, dwelling, ole_case
):
    """Enter submits the form's default button, Register lease; with a search typed
    and nothing chosen the user meant to search, so the households are shown and
    nothing is checked or saved."""
    english.force_login(kari)
    url = reverse("housing:lease_create", args=[dwelling.pk])
    page = english.post(url, {**LEASE_POST, "household_query": "Hansen"}).content.decode()
    assert f"{ole_case.number} – Ole Hansen" in page
    assert "Search for the tenant household and choose it." not in page
    assert not Lease.objects.exists()


def test_the_default_button_of_the_lease_form_registers_the_lease(english, kari, dwelling):
    """The first submit button in the form is the one Enter presses."""
    english.force_login(kari)
    page = english.get(reverse("housing:lease_create", args=[dwelling.pk])).content.decode()
    form = page[page.index('<form method="post"') :]
    first = form[form.index("<button") : form.index("</button>")]
    assert 'name="search"' not in first and "Register lease" in first


def test_the_household_search_is_posted_never_sent_in_a_url(
    client, kari, dwelling, ole_case, kari_draft
):
    client.force_login(kari)
    url = reverse("housing:lease_households", args=[dwelling.pk])
    national_id = ole_case.applicant.national_id
    assert client.get(url, {"household_query": national_id}).status_code == 405
    form = client.get(reverse("housing:lease_create", args=[dwelling.pk])).content.decode()
    assert f'hx-post="{url}"' in form
    assert "hx-get" not in form


def test_each_household_search_is_one_audit_event_with_the_households_shown(
    client, kari, dwelling, ole_case, kari_draft
):
    client.force_login(kari)
    url = reverse("housing:lease_households", args=[dwelling.pk])
    client.post(url, {"household_query": "Hansen"})
    [event] = AuditEvent.objects.filter(action=AuditAction.LIST)
    assert (event.actor, event.object_type) == (kari, "cases.household")
    assert event.changes["query"] == {"household_query": "Hansen"}
    assert event.changes["ids"] == [str(ole_case.household_id)]


def test_a_nul_in_the_household_search_answers_400_naming_the_field(client, kari, dwelling):
    client.force_login(kari)
    url = reverse("housing:lease_households", args=[dwelling.pk])
    response = client.post(url, {"household_query": "Han\x00sen"})
    assert response.status_code == 400
    assert "household_query" in response.content.decode()


def test_a_nul_in_the_posted_household_search_is_a_form_error(english, kari, dwelling):
    english.force_login(kari)
    url = reverse("housing:lease_create", args=[dwelling.pk])
    response = english.post(url, {**LEASE_POST, "household_query": "Han\x00sen", "search": "1"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Lease.objects.exists()
