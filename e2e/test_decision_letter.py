"""A decision written in a real Chromium: the form with a mistake and after it, the
case page, the downloaded letter's text, and appeals; axe-core on every page."""

import subprocess

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect

from boligtorg.cases.models import Decision
from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.domain.deadlines import appeal_deadline

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page):
    page.select_option("#language-select", "en")
    page.locator("header button", has_text="Bytt språk").click()


def test_kari_writes_a_decision_and_downloads_the_letter(page, kari, ole_case, tmp_path):
    ole_case.applicant.language = "en"
    ole_case.applicant.save()
    log_in(page, "kari", TEST_PASSWORD)
    _english(page)
    page.goto(f"/cases/{ole_case.pk}/decisions/new/")
    expect(page.locator("h1")).to_contain_text("Write decision in case")
    assert_accessible(page, "decision-form")

    page.get_by_label("Granted").check()
    page.select_option("#id_dwelling_type", "transition")
    page.fill("#id_lease_months", "12")
    page.fill("#id_reasons", "The household has no dwelling.")
    page.select_option("#id_legal_basis", index=1)
    page.get_by_role("button", name="Make decision and write letter").click()
    # A short lease without a reason: the error at its field, the typing kept.
    expect(page.locator("#id_short_lease_reason_error")).to_be_visible()
    expect(page.locator("#id_reasons")).to_have_value("The household has no dwelling.")
    assert_accessible(page, "decision-form-error")

    page.fill("#id_short_lease_reason", "A transition dwelling to assess tenancy capacity.")
    page.get_by_role("button", name="Make decision and write letter").click()
    expect(page.get_by_role("link", name="Download letter (PDF)")).to_be_visible()
    assert_accessible(page, "case-with-decision")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download letter (PDF)").click()
    path = tmp_path / "letter.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode()
    decision = Decision.objects.get(application=ole_case)
    with translation.override("en"):
        deadline = formats.date_format(appeal_deadline(decision.received_on, "NO"), "DATE_FORMAT")
    flat = " ".join(text.split())
    assert "Ole Hansen" in flat
    assert "You are granted a municipal dwelling." in flat
    assert deadline in flat

    page.get_by_role("link", name="Register appeal").click()
    assert_accessible(page, "appeal-form")
    page.fill("#id_grounds", "I need a permanent home.")
    page.get_by_role("button", name="Register appeal").click()
    page.get_by_role("link", name="Reconsider").click()
    assert_accessible(page, "reconsider-form")
    page.get_by_label("Uphold the decision: send the appeal on").check()
    page.fill("#id_notes", "The decision stands.")
    page.get_by_role("button", name="Save reconsideration").click()
    expect(page.get_by_role("link", name="Case summary (PDF)")).to_be_visible()


def test_the_deadlines_list_is_accessible(page, kari, ole_case):
    log_in(page, "kari", TEST_PASSWORD)
    _english(page)
    page.get_by_role("link", name="Open the deadlines list").click()
    expect(page.locator("h1")).to_have_text("Deadlines")
    assert_accessible(page, "deadlines")


def test_kari_gives_a_no_fixed_address_and_previews_the_letter_with_it(
    page, kari, ole_case, tmp_path
):
    """The address page shows every error at once and keeps the typing; the case page
    shows the contact point; the decision form's preview names its errors as a save
    does, and with none the letter carries the contact point."""
    ole_case.applicant.language = "en"
    ole_case.applicant.save()
    log_in(page, "kari", TEST_PASSWORD)
    _english(page)
    page.goto(f"/cases/{ole_case.pk}/")
    page.get_by_role("link", name="Change postal address").click()
    expect(page.locator("h1")).to_have_text("Postal address")
    assert_accessible(page, "address-form")

    page.get_by_label("No fixed address").check()
    page.fill("#id_address_postcode", "70")
    page.get_by_role("button", name="Save address").click()
    expect(page.locator("#id_address_care_of_error")).to_be_visible()
    expect(page.locator("#id_address_postcode_error")).to_be_visible()
    expect(page.locator("#id_address_town_error")).to_be_visible()
    expect(page.locator("#id_address_postcode")).to_have_value("70")
    assert_accessible(page, "address-form-error")

    page.fill("#id_address_care_of", "NAV Midtbyen")
    page.fill("#id_address_street", "Postboks 2430")
    page.fill("#id_address_postcode", "7005")
    page.fill("#id_address_town", "Trondheim")
    page.get_by_role("button", name="Save address").click()
    expect(page.locator("address")).to_contain_text("c/o NAV Midtbyen")
    assert_accessible(page, "case-with-address")

    page.goto(f"/cases/{ole_case.pk}/decisions/new/")
    page.get_by_label("Refused").check()
    page.select_option("#id_legal_basis", index=1)
    page.get_by_role("button", name="Preview the letter").click()
    expect(page.locator("#id_reasons_error")).to_be_visible()
    assert_accessible(page, "decision-preview-error")
    assert not Decision.objects.filter(application=ole_case).exists()

    page.fill("#id_reasons", "The household has a dwelling.")
    preview = page.request.post(
        f"/cases/{ole_case.pk}/decisions/new/",
        form={
            "csrfmiddlewaretoken": page.locator(
                "#main input[name=csrfmiddlewaretoken]"
            ).input_value(),
            "outcome": "refused",
            "reasons": page.locator("#id_reasons").input_value(),
            "legal_basis": page.locator("#id_legal_basis").input_value(),
            "decided_on": page.locator("#id_decided_on").input_value(),
            "received_on": page.locator("#id_received_on").input_value(),
            "letter_language": "en",
            "preview": "1",
        },
    )
    assert preview.headers["content-type"] == "application/pdf"
    path = tmp_path / "preview.pdf"
    path.write_bytes(preview.body())
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "c/o NAV Midtbyen" in " ".join(text.split())
    assert not Decision.objects.filter(application=ole_case).exists()
