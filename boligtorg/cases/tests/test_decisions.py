"""Writing a decision: its rules at their fields, the status it moves the case to,
the stored letter and its download, the timeline and the audit trail; Sven in
Skanderborg gets 404, Per the auditor 403 on writes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.models import Application, CaseEvent, Decision, LegalBasis
from boligtorg.cases.services import decisions as services
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def section_6():
    return LegalBasis.objects.get(country="NO", code="boligsosial-6")


def _fields(basis, **changes):
    fields = {
        "outcome": "granted",
        "reasons": "The household has no dwelling.",
        "legal_basis": basis,
        "decided_on": TODAY,
        "received_on": TODAY,
        "dwelling_type": "ordinary",
        "conditions": "",
        "lease_months": 36,
        "short_lease_reason": "",
        "letter_language": "",
    }
    return {**fields, **changes}


def _decide(actor, application, basis, **changes):
    return services.decision_make(actor=actor, application=application, **_fields(basis, **changes))


def _errors(actor, application, basis, **changes):
    with pytest.raises(ValidationError) as caught:
        _decide(actor, application, basis, **changes)
    return caught.value.message_dict


def _post_data(basis, **changes):
    data = _fields(basis, **changes)
    data["legal_basis"] = data["legal_basis"].pk if data["legal_basis"] else ""
    for key in ("decided_on", "received_on"):
        data[key] = data[key].isoformat() if data[key] else ""
    data["lease_months"] = "" if data["lease_months"] is None else data["lease_months"]
    data["letter_language"] = data["letter_language"] or "nb"
    return data


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


# The service


def test_kari_grants_oles_case_and_it_becomes_decided_with_a_letter(
    kari_actor, ole_case, section_6
):
    decision = _decide(kari_actor, ole_case, section_6)
    ole_case.refresh_from_db()
    assert ole_case.status == "decided"
    assert decision.decided_by == kari_actor.user
    assert decision.letter.name.endswith(".pdf")
    assert decision.letter.read().startswith(b"%PDF")
    assert decision.letter_language == ole_case.applicant.language


def test_a_decision_adds_to_the_timeline_and_the_audit_trail(kari_actor, ole_case, section_6):
    decision = _decide(kari_actor, ole_case, section_6)
    kinds = set(CaseEvent.objects.filter(application=ole_case).values_list("kind", flat=True))
    assert {"status_decided", "decision_letter"} <= kinds
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="cases.decision", object_id=str(decision.pk)
    )
    assert created.actor == kari_actor.user
    assert created.changes["outcome"] == [None, "granted"]
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE,
        object_type="cases.application",
        object_id=str(ole_case.pk),
        changes__status=["submitted", "decided"],
    ).exists()


def test_a_refusal_keeps_no_dwelling_details(kari_actor, ole_case, section_6):
    decision = _decide(
        kari_actor, ole_case, section_6, outcome="refused", conditions="x", lease_months=12
    )
    assert (decision.dwelling_type, decision.conditions, decision.lease_months) == ("", "", None)


def test_a_case_under_assessment_can_be_decided(kari_actor, ole_case, section_6):
    Application.objects.filter(pk=ole_case.pk).update(status="under_assessment")
    ole_case.refresh_from_db()
    _decide(kari_actor, ole_case, section_6)
    ole_case.refresh_from_db()
    assert ole_case.status == "decided"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"outcome": "maybe"}, "outcome", services.ERROR_OUTCOME),
        ({"reasons": ""}, "reasons", services.ERROR_REASONS_REQUIRED),
        ({"reasons": "   \n "}, "reasons", services.ERROR_REASONS_REQUIRED),
        (
            {"outcome": "refused", "reasons": " ", "dwelling_type": ""},
            "reasons",
            services.ERROR_REASONS_REQUIRED,
        ),
        ({"dwelling_type": ""}, "dwelling_type", services.ERROR_DWELLING_TYPE_REQUIRED),
        ({"lease_months": None}, "lease_months", services.ERROR_LEASE_REQUIRED),
        ({"lease_months": 0}, "lease_months", services.ERROR_LEASE_POSITIVE),
        ({"lease_months": 35}, "short_lease_reason", services.ERROR_SHORT_LEASE_REASON),
        (
            {"lease_months": 6, "short_lease_reason": "  "},
            "short_lease_reason",
            services.ERROR_SHORT_LEASE_REASON,
        ),
        ({"decided_on": TODAY + DAY, "received_on": TODAY + DAY}, "decided_on", None),
        ({"decided_on": None}, "decided_on", services.ERROR_DECIDED_ON_REQUIRED),
        ({"received_on": None}, "received_on", services.ERROR_RECEIVED_ON_REQUIRED),
        ({"received_on": TODAY - DAY}, "received_on", services.ERROR_RECEIVED_BEFORE_DECIDED),
        ({"legal_basis": None}, "legal_basis", services.ERROR_LEGAL_BASIS_REQUIRED),
        ({"letter_language": "sv"}, "letter_language", services.ERROR_LETTER_LANGUAGE),
    ],
)
def test_each_rule_of_a_decision_names_its_field(
    kari_actor, ole_case, section_6, changes, field, message
):
    errors = _errors(kari_actor, ole_case, section_6, **changes)
    expected = message or services.ERROR_DECIDED_FUTURE
    assert errors[field] == [str(expected)]
    ole_case.refresh_from_db()
    assert ole_case.status == "submitted"
    assert not Decision.objects.exists()


def test_a_lease_of_three_years_needs_no_reason(kari_actor, ole_case, section_6):
    assert _decide(kari_actor, ole_case, section_6, lease_months=36).short_lease_reason == ""


def test_a_decision_cannot_be_dated_before_the_application_was_received(
    kari_actor, ole_case, section_6
):
    before = ole_case.received_on - DAY
    errors = _errors(kari_actor, ole_case, section_6, decided_on=before, received_on=before)
    assert errors["decided_on"] == [
        str(services.ERROR_DECIDED_BEFORE_RECEIVED)
        % {"date": ole_case.received_on.strftime("%d.%m.%Y")}
    ]


def test_the_decision_may_be_dated_the_day_the_application_was_received(
    kari_actor, ole_case, section_6
):
    day = ole_case.received_on
    assert _decide(kari_actor, ole_case, section_6, decided_on=day, received_on=day).pk


def test_a_danish_legal_basis_is_refused_in_trondheim(kari_actor, ole_case):
    danish = LegalBasis.objects.get(country="DK", code="abl-59")
    errors = _errors(kari_actor, ole_case, danish)
    assert errors["legal_basis"] == [str(services.ERROR_LEGAL_BASIS_COUNTRY)]


def test_a_legal_basis_no_longer_in_force_is_refused(kari_actor, ole_case):
    repealed = LegalBasis.objects.create(
        country="NO", code="old", title="Old act", valid_to=TODAY - 30 * DAY
    )
    errors = _errors(kari_actor, ole_case, repealed)
    assert errors["legal_basis"] == [str(services.ERROR_LEGAL_BASIS_NOT_IN_FORCE)]


@pytest.mark.parametrize("status", ["draft", "decided", "closed"])
def test_a_case_that_is_not_open_cannot_be_decided(kari_actor, ole_case, section_6, status):
    Application.objects.filter(pk=ole_case.pk).update(status=status)
    ole_case.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        _decide(kari_actor, ole_case, section_6)
    assert caught.value.messages == [str(services.ERROR_NOT_DECIDABLE)]


def test_per_the_auditor_cannot_decide(per, trondheim, ole_case, section_6):
    with pytest.raises(PermissionDenied):
        _decide(actor_for(per, trondheim), ole_case, section_6)


def test_sven_cannot_decide_a_trondheim_case(sven, skanderborg, ole_case, section_6):
    with pytest.raises(PermissionDenied):
        _decide(actor_for(sven, skanderborg), ole_case, section_6)


# The pages


def test_the_decision_form_offers_the_legal_bases_of_norway_and_the_applicants_language(
    client, kari, ole_case
):
    ole_case.applicant.language = "en"
    ole_case.applicant.save()
    response = _english(client, kari).get(reverse("cases:decision_create", args=[ole_case.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert {basis.country for basis in form.fields["legal_basis"].queryset} == {"NO"}
    assert form["letter_language"].value() == "en"
    assert "Write decision in case" in response.content.decode()


def test_kari_writes_a_decision_through_the_form(client, kari, ole_case, section_6):
    url = reverse("cases:decision_create", args=[ole_case.pk])
    response = _english(client, kari).post(url, _post_data(section_6))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[ole_case.pk])
    assert Decision.objects.get(application=ole_case).outcome == "granted"


def test_a_wrong_decision_form_keeps_what_was_typed_and_names_each_field(
    client, kari, ole_case, section_6
):
    url = reverse("cases:decision_create", args=[ole_case.pk])
    data = _post_data(section_6, lease_months=12, reasons="", conditions="Weekly follow-up visits.")
    response = _english(client, kari).post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["short_lease_reason"] == [str(services.ERROR_SHORT_LEASE_REASON)]
    assert form.errors["reasons"] == [str(services.ERROR_REASONS_REQUIRED)]
    page = response.content.decode()
    assert "Weekly follow-up visits." in page
    assert 'id="id_reasons_error"' in page
    assert not Decision.objects.exists()


def test_the_decision_form_shows_its_own_and_the_services_errors_in_one_round(
    client, kari, ole_case, section_6
):
    """A missing legal basis (the form's rule) and a missing reason and short-lease
    reason (the service's rules) are all named after the first submit."""
    url = reverse("cases:decision_create", args=[ole_case.pk])
    data = _post_data(section_6, lease_months=12, reasons="")
    data["legal_basis"] = ""
    response = _english(client, kari).post(url, data)
    form = response.context["form"]
    assert form.errors["legal_basis"] == [str(services.ERROR_LEGAL_BASIS_REQUIRED)]
    assert form.errors["reasons"] == [str(services.ERROR_REASONS_REQUIRED)]
    assert form.errors["short_lease_reason"] == [str(services.ERROR_SHORT_LEASE_REASON)]
    assert not Decision.objects.exists()


def test_per_the_auditor_gets_403_on_the_decision_form(client, per, ole_case, section_6):
    client.force_login(per)
    url = reverse("cases:decision_create", args=[ole_case.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _post_data(section_6)).status_code == 403
    assert not Decision.objects.exists()


def test_sven_gets_404_on_trondheim_decisions(client, sven, kari_actor, ole_case, section_6):
    decision = _decide(kari_actor, ole_case, section_6)
    client.force_login(sven)
    assert client.get(reverse("cases:decision_create", args=[ole_case.pk])).status_code == 404
    assert client.get(reverse("cases:decision_letter", args=[decision.pk])).status_code == 404
    assert client.get(reverse("cases:appeal_create", args=[decision.pk])).status_code == 404


def test_the_letter_downloads_as_a_pdf_and_the_download_is_audited(
    client, kari, kari_actor, ole_case, section_6
):
    decision = _decide(kari_actor, ole_case, section_6)
    client.force_login(kari)
    response = client.get(reverse("cases:decision_letter", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        f'filename="vedtak-{ole_case.number}-{TODAY:%Y-%m-%d}.pdf"'
        in (response["Content-Disposition"])
    )
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="cases.decision", object_id=str(decision.pk)
    ).exists()


def test_per_the_auditor_may_read_the_letter(client, per, kari_actor, ole_case, section_6):
    decision = _decide(kari_actor, ole_case, section_6)
    client.force_login(per)
    assert client.get(reverse("cases:decision_letter", args=[decision.pk])).status_code == 200


def test_the_letter_is_not_served_from_media_url(client, kari, kari_actor, ole_case, section_6):
    decision = _decide(kari_actor, ole_case, section_6)
    client.force_login(kari)
    assert client.get(decision.letter.url).status_code == 404


def test_the_case_page_shows_the_decision_and_the_download_link(
    client, kari, kari_actor, ole_case, section_6
):
    decision = _decide(kari_actor, ole_case, section_6)
    response = _english(client, kari).get(reverse("cases:detail", args=[ole_case.pk]))
    page = response.content.decode()
    assert reverse("cases:decision_letter", args=[decision.pk]) in page
    assert reverse("cases:appeal_create", args=[decision.pk]) in page
    assert "Granted" in page
    assert reverse("cases:decision_create", args=[ole_case.pk]) not in page


def test_the_case_page_offers_a_decision_on_a_submitted_case_but_not_to_per(
    client, kari, per, ole_case
):
    url = reverse("cases:decision_create", args=[ole_case.pk])
    page = _english(client, kari).get(reverse("cases:detail", args=[ole_case.pk]))
    assert url in page.content.decode()
    client.force_login(per)
    page = client.get(reverse("cases:detail", args=[ole_case.pk]))
    assert url not in page.content.decode()


def test_a_letter_whose_file_is_gone_answers_a_page_saying_so_and_audits_no_export(
    english, kari, kari_actor, ole_case, section_6
):
    decision = _decide(kari_actor, ole_case, section_6)
    decision.letter.storage.delete(decision.letter.name)
    english.force_login(kari)
    response = english.get(reverse("cases:decision_letter", args=[decision.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "The document's file is missing" in page
    assert f"The file of the decision letter of {TODAY:%m/%d/%Y} in case {ole_case.number}" in page
    assert "Ask your municipality administrator or the IT support desk" in page
    assert reverse("cases:detail", args=[ole_case.pk]) in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
