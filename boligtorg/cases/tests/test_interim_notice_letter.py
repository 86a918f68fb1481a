"""The interim notice (forvaltningsloven § 11 a): recorded with why the case takes
time and when an answer is expected, and written as a letter in the applicant's
language, with a file name in the user's language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from boligtorg.cases.models import Application
from boligtorg.cases.services.applications import (
    ERROR_INTERIM_EXPECTED_BEFORE_SENT,
    ERROR_INTERIM_REASON,
    household_address_update,
)
from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
EXPECTED = TODAY + datetime.timedelta(days=45)
REASON = "We are waiting for the report from the health service."


def _post(client, application, **changes):
    data = {
        "sent_on": TODAY.isoformat(),
        "reason": REASON,
        "expected_on": EXPECTED.isoformat(),
        **changes,
    }
    return client.post(reverse("cases:interim_notice", args=[application.pk]), data)


def test_an_interim_notice_without_reason_or_with_an_early_answer_date_shows_both_errors(
    english, kari, ole_case
):
    english.force_login(kari)
    response = _post(
        english, ole_case, reason="", expected_on=(TODAY - datetime.timedelta(days=1)).isoformat()
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert str(ERROR_INTERIM_REASON) in page
    assert str(ERROR_INTERIM_EXPECTED_BEFORE_SENT) in page
    assert Application.objects.get(pk=ole_case.pk).interim_notice_sent_on is None


def test_the_interim_notice_letter_says_why_and_when_in_the_applicants_language(
    english, kari, ole_case, trondheim, tmp_path
):
    ole_case.applicant.language = "en"
    ole_case.applicant.save()
    household_address_update(
        actor=actor_for(kari, trondheim),
        application=ole_case,
        address_street="Kongens gate 12 B",
        address_postcode="7011",
        address_town="Trondheim",
    )
    english.force_login(kari)
    assert _post(english, ole_case).status_code == 302
    response = english.get(reverse("cases:interim_notice_letter", args=[ole_case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    with translation.override("en"):
        expected = formats.date_format(EXPECTED, "DATE_FORMAT")
    assert "Your application for a municipal dwelling: interim notice" in text
    assert "forvaltningsloven § 11 a" in text
    assert REASON in text
    assert f"We expect to decide your application by: {expected}" in text
    assert "Ole Hansen Kongens gate 12 B 7011 Trondheim" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_id=str(ole_case.pk), object_type__endswith="application"
    ).exists()


def test_the_interim_notice_file_name_is_in_bokmal_for_a_bokmal_user(client, kari, ole_case):
    client.force_login(kari)
    _post(client, ole_case)
    response = client.get(reverse("cases:interim_notice_letter", args=[ole_case.pk]))
    disposition = response["Content-Disposition"]
    assert f"filename*=utf-8''forel%C3%B8pig-svar-{ole_case.number}.pdf" in disposition


def test_there_is_no_interim_notice_letter_before_one_is_recorded_and_sven_gets_404(
    client, kari, sven, ole_case
):
    url = reverse("cases:interim_notice_letter", args=[ole_case.pk])
    client.force_login(kari)
    assert client.get(url).status_code == 404
    _post(client, ole_case)
    client.force_login(sven)
    assert client.get(url).status_code == 404
