"""The pages of the persons proposed for settlement as Kari (caseworker, Trondheim),
Anders (allocation member: reads, no health), Per (auditor: no access) and Sven
(caseworker, Skanderborg: another municipality, another country)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from boligtorg.cases.models import HouseholdRelation
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.settlement import responsibility_date

from ..models import Proposal, ProposalSource, ProposalStatus
from .factories import ProposalFactory, ProposedPersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def kari_client(client, kari):
    client.force_login(kari)
    client.cookies["django_language"] = "en"
    return client


def _person_rows(rows):
    data = {
        "persons-TOTAL_FORMS": "4",
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "0",
        "persons-MAX_NUM_FORMS": "20",
    }
    for index in range(4):
        data[f"persons-{index}-gender"] = "unknown"
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"persons-{index}-{key}"] = value
    return data


def _register_data(**extra):
    return {
        "list_reference": "IMDi-2026-11",
        "received_on": (TODAY() - 5 * DAY).isoformat(),
        "bedrooms_needed": "1",
        "languages": "Somali",
        **_person_rows(
            [
                {
                    "first_name": "Amina",
                    "last_name": "Warsame",
                    "date_of_birth": "1992-04-02",
                    "relation": "main",
                },
                {
                    "first_name": "Hodan",
                    "last_name": "Warsame",
                    "date_of_birth": "2020-09-09",
                    "relation": "child",
                },
            ]
        ),
        **extra,
    }


def test_kari_registers_a_proposal_with_its_persons_in_one_form(kari_client):
    response = kari_client.post(reverse("settlement:proposal_create"), _register_data())
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("settlement:proposal_detail", args=[proposal.pk])
    assert proposal.source == ProposalSource.DISTRIBUTION_LIST
    assert sorted(proposal.persons.values_list("first_name", flat=True)) == ["Amina", "Hodan"]


def test_the_register_form_names_every_error_and_keeps_what_was_typed(kari_client):
    data = _register_data(received_on=(TODAY() + DAY).isoformat(), bedrooms_needed="1")
    data["persons-1-relation"] = "main"
    data["persons-0-last_name"] = ""
    response = kari_client.post(reverse("settlement:proposal_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date received cannot be in the future." in page
    assert "Person 1: give the first and last name." in page
    assert "Exactly one person is the main person of the household." in page
    assert 'value="Amina"' in page and 'value="Somali"' in page
    assert not Proposal.objects.exists()


def test_the_list_filters_searches_sorts_and_audits_each_page(kari_client, kari, trondheim):
    minor = ProposedPersonFactory(
        proposal__municipality=trondheim,
        proposal__unaccompanied_minor=True,
        proposal__list_reference="IMDi-M",
        first_name="Yonas",
    ).proposal
    adult = ProposedPersonFactory(
        proposal__municipality=trondheim, proposal__list_reference="IMDi-A", first_name="Leyla"
    ).proposal
    url = reverse("settlement:proposal_list")
    page = kari_client.get(url).content.decode()
    assert "IMDi-M" in page and "IMDi-A" in page
    page = kari_client.get(url, {"minors": "on"}).content.decode()
    assert "IMDi-M" in page and "IMDi-A" not in page
    page = kari_client.get(url, {"q": "leyla"}).content.decode()
    assert "IMDi-A" in page and "IMDi-M" not in page
    page = kari_client.get(url, {"status": "accepted"}).content.decode()
    assert "No proposed household matches the filter." in page
    page = kari_client.get(url, {"sort": "reference"}).content.decode()
    assert page.index("IMDi-A") < page.index("IMDi-M")
    events = AuditEvent.objects.filter(action=AuditAction.LIST, actor=kari)
    assert events.count() == 5
    first = events.order_by("pk").first()
    assert sorted(first.changes["ids"]) == sorted([str(minor.pk), str(adult.pk)])


def test_the_export_is_audited_and_formula_safe(kari_client, trondheim):
    ProposedPersonFactory(
        proposal__municipality=trondheim,
        proposal__list_reference="=HYPERLINK(1)",
        first_name="Amina",
    )
    response = kari_client.get(reverse("settlement:proposal_export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "Amina" in text
    response = kari_client.get(reverse("settlement:proposal_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "=HYPERLINK(1)" and sheet["A2"].data_type == "s"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2


def test_reading_a_proposal_is_audited(kari_client, kari, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    kari_client.get(reverse("settlement:proposal_detail", args=[proposal.pk]))
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor=kari,
        object_type="settlement.proposal",
        object_id=str(proposal.pk),
    ).exists()


def test_another_municipalitys_proposal_is_not_found(client, sven, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    client.force_login(sven)
    for name in ("proposal_detail", "proposal_edit", "proposal_withdraw", "proposed_person_add"):
        assert client.get(reverse(f"settlement:{name}", args=[proposal.pk])).status_code == 404
    response = client.post(
        reverse("settlement:proposal_accept", args=[proposal.pk]),
        {"accept-answered_on": TODAY().isoformat()},
    )
    assert response.status_code == 404


def test_the_auditor_without_a_settlement_role_is_refused(client, per):
    client.force_login(per)
    assert client.get(reverse("settlement:proposal_list")).status_code == 403


def test_kari_accepts_and_follows_the_link_to_the_housing_case(kari_client, kari, trondheim):
    proposal = ProposedPersonFactory(
        proposal__municipality=trondheim, proposal__list_reference="IMDi-2026-11"
    ).proposal
    response = kari_client.post(
        reverse("settlement:proposal_accept", args=[proposal.pk]),
        {
            "accept-answered_on": TODAY().isoformat(),
            "accept-expected_arrival_on": (TODAY() + 21 * DAY).isoformat(),
            "accept-version": "1",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    page = kari_client.get(reverse("settlement:proposal_detail", args=[proposal.pk])).content
    case_url = reverse("cases:detail", args=[proposal.application_id])
    assert case_url in page.decode()
    case_page = kari_client.get(case_url).content.decode()
    assert "From settlement:" in case_page and "IMDi-2026-11" in case_page
    assert reverse("settlement:proposal_detail", args=[proposal.pk]) in case_page


def test_a_case_page_without_a_proposal_shows_no_settlement_origin(kari_client, ole_case):
    page = kari_client.get(reverse("cases:detail", args=[ole_case.pk])).content.decode()
    assert "From settlement:" not in page


def test_a_wrong_answer_shows_every_error_on_the_page(kari_client, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    response = kari_client.post(
        reverse("settlement:proposal_decline", args=[proposal.pk]),
        {
            "decline-answered_on": (TODAY() + DAY).isoformat(),
            "decline-reason": "other",
            "decline-version": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "The answer cannot be dated in the future." in page
    assert "Explain the reason “other” in the note." in page


def test_a_stale_answer_tells_the_user_to_reload(kari_client, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    response = kari_client.post(
        reverse("settlement:proposal_accept", args=[proposal.pk]),
        {
            "accept-answered_on": TODAY().isoformat(),
            "accept-expected_arrival_on": TODAY().isoformat(),
            "accept-version": "7",
        },
    )
    assert "Someone else saved this proposal after you opened it." in response.content.decode()


def test_health_needs_are_hidden_without_consent_with_a_plain_reason(kari_client, trondheim):
    proposal = ProposedPersonFactory(
        proposal__municipality=trondheim, proposal__health_needs="Dialysis three times a week"
    ).proposal
    page = kari_client.get(reverse("settlement:proposal_detail", args=[proposal.pk])).content
    page = page.decode()
    assert "Dialysis" not in page
    assert "consent to share the mapping is not recorded" in page
    edit = kari_client.get(reverse("settlement:proposal_edit", args=[proposal.pk])).content
    assert b"Dialysis" not in edit and b'name="health_needs"' not in edit


def test_health_needs_are_shown_with_consent_to_the_caseworker(kari_client, trondheim):
    proposal = ProposedPersonFactory(
        proposal__municipality=trondheim,
        proposal__health_needs="Dialysis three times a week",
        proposal__consent_on=TODAY(),
    ).proposal
    page = kari_client.get(reverse("settlement:proposal_detail", args=[proposal.pk])).content
    assert b"Dialysis three times a week" in page


def test_health_needs_are_hidden_without_case_access_even_with_consent(client, anders, trondheim):
    proposal = ProposedPersonFactory(
        proposal__municipality=trondheim,
        proposal__health_needs="Dialysis three times a week",
        proposal__consent_on=TODAY(),
    ).proposal
    client.force_login(anders)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("settlement:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Dialysis" not in page
    assert "shown only to the settlement team" in page


def test_the_danish_responsibility_date_is_stored_and_shown_in_words(client, sven, skanderborg):
    decided = datetime.date(2027, 5, 15)
    proposal = ProposalFactory(
        municipality=skanderborg,
        source=ProposalSource.PLACEMENT,
        received_on=decided,
        decided_on=decided,
        responsible_from=responsibility_date(decided),
    )
    ProposedPersonFactory(proposal=proposal, first_name="", last_name="")
    client.force_login(sven)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("settlement:proposal_detail", args=[proposal.pk])).content.decode()
    assert (
        "The municipality is responsible from 1 July 2027 (end of the first whole month after "
        "the decision, integrationsloven § 4, stk. 2)." in " ".join(page.split())
    )
    assert "Create the housing case" in page
    assert "Not named yet" in page


def test_sven_registers_a_placement_and_the_date_is_computed(client, sven):
    client.force_login(sven)
    decided = TODAY() - 3 * DAY
    data = {
        "list_reference": "US-TEST",
        "received_on": (TODAY() - 10 * DAY).isoformat(),
        "decided_on": decided.isoformat(),
        "bedrooms_needed": "1",
        **_person_rows([{"date_of_birth": "1990-01-01", "relation": "main"}]),
    }
    response = client.post(reverse("settlement:proposal_create"), data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.source == ProposalSource.PLACEMENT
    assert proposal.responsible_from == responsibility_date(decided)


def test_the_create_case_button_refuses_without_names(client, sven, skanderborg):
    proposal = ProposalFactory(
        municipality=skanderborg, source=ProposalSource.PLACEMENT, decided_on=TODAY() - DAY
    )
    ProposedPersonFactory(proposal=proposal, first_name="", last_name="")
    client.force_login(sven)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("settlement:proposal_case_create", args=[proposal.pk]), follow=True
    )
    assert "The housing case needs every person" in response.content.decode()


def test_kari_adds_edits_and_removes_a_person(kari_client, kari_actor, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    kari_client.post(
        reverse("settlement:proposed_person_add", args=[proposal.pk]),
        {
            "first_name": "Omar",
            "last_name": "Ali",
            "date_of_birth": "2015-02-02",
            "gender": "male",
            "relation": HouseholdRelation.CHILD,
        },
    )
    child = proposal.persons.get(first_name="Omar")
    kari_client.post(
        reverse("settlement:proposed_person_edit", args=[child.pk]),
        {
            "first_name": "Omer",
            "last_name": "Ali",
            "date_of_birth": "2015-02-02",
            "gender": "male",
            "relation": HouseholdRelation.CHILD,
        },
    )
    child.refresh_from_db()
    assert child.first_name == "Omer"
    kari_client.post(
        reverse("settlement:proposed_person_remove", args=[child.pk]),
        {"version": str(Proposal.objects.get().version)},
    )
    assert proposal.persons.count() == 1


def test_the_list_costs_the_same_queries_for_more_proposals(
    kari_client, trondheim, django_assert_num_queries
):
    ProposedPersonFactory(proposal__municipality=trondheim)
    url = reverse("settlement:proposal_list")
    kari_client.get(url)
    # Session, user, membership, years, count, page, persons, audit.
    with django_assert_num_queries(8):
        kari_client.get(url)
    for _ in range(4):
        ProposedPersonFactory(proposal__municipality=trondheim)
    with django_assert_num_queries(8):
        kari_client.get(url)


def test_the_responsibility_date_reads_as_a_norwegian_date_in_bokmal(client, sven, skanderborg):
    decided = datetime.date(2027, 5, 15)
    proposal = ProposalFactory(
        municipality=skanderborg,
        source=ProposalSource.PLACEMENT,
        received_on=decided,
        decided_on=decided,
        responsible_from=responsibility_date(decided),
    )
    ProposedPersonFactory(proposal=proposal, first_name="", last_name="")
    client.force_login(sven)
    client.cookies["django_language"] = "nb"
    page = client.get(reverse("settlement:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Kommunen er ansvarlig fra 1. juli 2027" in page
    assert "Registrer forventet ankomst" in page
