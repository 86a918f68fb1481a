"""Previewing a decision letter before the decision is made: the PDF from the form's
current values, nothing written, and the same errors as a save."""

import pytest
from django.urls import reverse

from boligtorg.cases.models import Application, CaseEvent, Decision, LegalBasis
from boligtorg.cases.services.decisions import ERROR_REASONS_REQUIRED, ERROR_SHORT_LEASE_REASON
from boligtorg.cases.tests.test_decisions import _post_data
from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def section_6():
    return LegalBasis.objects.get(country="NO", code="boligsosial-6")


def _preview(client, application, data):
    url = reverse("cases:decision_create", args=[application.pk])
    return client.post(url, {**data, "preview": "1"})


def test_the_preview_shows_the_letter_from_the_form_and_writes_nothing(
    client, kari, ole_case, section_6, tmp_path
):
    client.force_login(kari)
    before = {
        "audit_creates": AuditEvent.objects.filter(action=AuditAction.CREATE).count(),
        "events": CaseEvent.objects.filter(application=ole_case).count(),
    }
    data = _post_data(section_6, reasons="Ole has been without a dwelling since May.")
    response = _preview(client, ole_case, data)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert f"vedtak-utkast-{ole_case.number}.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "Ole has been without a dwelling since May." in text
    assert "Ole Hansen" in text
    assert not Decision.objects.filter(application=ole_case).exists()
    assert AuditEvent.objects.filter(action=AuditAction.CREATE).count() == before["audit_creates"]
    assert CaseEvent.objects.filter(application=ole_case).count() == before["events"]
    assert Application.objects.get(pk=ole_case.pk).status == "submitted"


def test_a_preview_with_mistakes_shows_every_error_at_its_field_and_keeps_the_typing(
    english, kari, ole_case, section_6
):
    english.force_login(kari)
    data = _post_data(section_6, reasons="", lease_months=12, conditions="Follow-up weekly.")
    response = _preview(english, ole_case, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert str(ERROR_REASONS_REQUIRED) in page
    assert str(ERROR_SHORT_LEASE_REASON) in page
    assert "Follow-up weekly." in page
    assert not Decision.objects.filter(application=ole_case).exists()


def test_the_auditor_cannot_preview_and_sven_gets_404(client, per, sven, ole_case, section_6):
    data = _post_data(section_6)
    client.force_login(per)
    assert _preview(client, ole_case, data).status_code == 403
    client.force_login(sven)
    assert _preview(client, ole_case, data).status_code == 404
