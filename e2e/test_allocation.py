"""A whole allocation meeting in a real Chromium, with axe-core on every page:
the rules, the waiting list, a new meeting, a proposal, one household's reasons,
a lock and a new proposal, an offer, its acceptance and the lease it drafts, a
postponement of what is left, closing the meeting with its minutes as a PDF, cancelling a second
meeting with a reason, and the statistics."""

import datetime
import subprocess

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from boligtorg.allocation.factories import granted_application, rule_set, shared_house_candidate
from boligtorg.allocation.models import Meeting, MeetingStatus, Offer, OfferStatus, PairConstraint
from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease, SharedHouse

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anders_runs_a_meeting_from_proposal_to_lease(page, live_server, trondheim, kari, tmp_path):
    today = timezone.localdate()
    member("anders", trondheim, Role.ALLOCATION_MEMBER, first_name="Anders", last_name="Berg")
    rule_set(trondheim, name="Tildelingsregler 2026")
    flat = DwellingFactory(
        municipality=trondheim, address="Kongens gate 1", unit_number="H0101", bedrooms=1
    )
    DwellingFactory(
        municipality=trondheim, address="Innherredsveien 5", unit_number="H0201", bedrooms=3
    )
    early = granted_application(trondheim, kari, received_on=today - datetime.timedelta(days=700))
    later = granted_application(trondheim, kari, received_on=today - datetime.timedelta(days=40))
    granted_application(trondheim, kari, adults=2, children=2, situation="at_risk")

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "anders", TEST_PASSWORD)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Allocation").click()
    expect(page.locator("h1")).to_have_text("Allocation meetings")
    assert_accessible(page, "allocation-meetings-empty")

    page.get_by_role("link", name="Rules").click()
    page.get_by_role("link", name="Tildelingsregler 2026").click()
    assert_accessible(page, "allocation-rules")
    page.get_by_role("link", name="Rule sets", exact=True).click()
    page.get_by_role("link", name="Reasons for declining an offer").click()
    expect(page.locator("h1")).to_have_text("Reasons for declining an offer")
    assert_accessible(page, "allocation-decline-reasons")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Allocation").click()
    page.get_by_role("link", name="Waiting list").click()
    expect(page.locator("table").first).to_contain_text(early.number)
    page.locator("summary").first.click()
    assert_accessible(page, "allocation-waiting-list")

    # A new meeting needs a date and its members; every error shows at once.
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="New meeting").click()
    page.fill("#id_title", "Boligmøte uke 48")
    assert_accessible(page, "allocation-meeting-new")
    page.get_by_role("button", name="Create meeting").click()
    expect(page.locator("form.bt-form")).to_contain_text("Give the date of the meeting.")
    expect(page.locator("form.bt-form")).to_contain_text("Choose the members who take part")
    assert_accessible(page, "allocation-meeting-new-errors")
    # Both ready dwellings are chosen for the agenda.
    page.fill("#id_held_on", today.isoformat())
    page.get_by_role("checkbox", name="Anders Berg").check()
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("2 dwellings on the agenda")

    # Propose: the household that waited longest gets the one-bedroom flat, proven optimal.
    page.get_by_role("button", name="Propose a match").click()
    expect(page.get_by_role("status").first).to_contain_text("Proposal 1")
    expect(page.locator("#proof-heading + p")).to_contain_text("Proven optimal")
    # In plain words first, with the technical proof behind a disclosure.
    expect(page.locator("#proof-heading + p")).to_contain_text(
        "No other distribution of these dwellings gives more points"
    )
    expect(page.locator("#proof-heading + p")).to_contain_text(
        "No household with more points is passed over"
    )
    proof = page.locator("#proof-details")
    expect(proof.get_by_text("the gap is 0")).to_be_hidden()
    proof.locator("summary").click()
    expect(proof).to_contain_text("the gap is 0")
    expect(proof).to_contain_text("Its proven minimum is 0.")
    row = page.locator("#agenda-heading + [role=region] table tr", has_text="Kongens gate 1 H0101")
    expect(row).to_contain_text(early.number)
    assert_accessible(page, "allocation-meeting-proposal")

    # Why? The flat's candidates, with points and the rules each meets.
    page.get_by_role("link", name="Kongens gate 1 H0101", exact=True).click()
    expect(page.locator("#eligible-heading")).to_have_text("2 eligible households")
    expect(page.locator("#ineligible-heading + [role=region] table")).to_contain_text(
        "Size of the household against the bedrooms"
    )
    assert_accessible(page, "allocation-candidates")

    # Lock the later household to the flat and solve again.
    page.get_by_role("row", name=later.number).get_by_role("button", name="Lock").click()
    expect(page.get_by_role("status").first).to_contain_text("Solve again to see the effect")
    page.get_by_role("button", name="Solve again").click()
    expect(row).to_contain_text(later.number)
    expect(row).to_contain_text("Locked")
    assert_accessible(page, "allocation-meeting-locked")

    # Decide: offer the flat to the locked household.
    row.get_by_role("button", name="Offer").click()
    expect(page.get_by_role("status").first).to_contain_text(f"offered to case {later.number}")
    offer = Offer.objects.get(dwelling=flat)
    assert offer.deadline == today + datetime.timedelta(days=7)

    # The household accepts: a lease is drafted in the dwelling register.
    row.get_by_role("link", name=f"Offered to {later.number}").click()
    assert_accessible(page, "allocation-offer")
    # The offer letter goes with the offer: the dwelling and the answer deadline.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download offer letter (PDF)").click()
    assert download_info.value.suggested_filename == f"offer-{later.number}.pdf"
    letter_path = tmp_path / "offer.pdf"
    download_info.value.save_as(letter_path)
    letter = " ".join(
        subprocess.run(  # noqa: S603
            ["pdftotext", str(letter_path), "-"],  # noqa: S607
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split()
    )
    assert flat.address in letter
    page.fill("#id_accept-lease_start", (today + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Register acceptance").click()
    expect(page.get_by_role("status").first).to_contain_text("A lease was drafted")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert Lease.objects.get(dwelling=flat).household == later.household
    page.get_by_role("link", name="Offers", exact=True).first.click()
    assert_accessible(page, "allocation-offers")

    # The other dwelling waits for a later meeting: the close page postpones every
    # undecided dwelling at once, with one note.
    page.get_by_role("navigation", name="Allocation").get_by_role("link", name="Meetings").click()
    page.get_by_role("row", name="Boligmøte uke 48").get_by_role("link").click()
    page.get_by_role("link", name="Close the meeting").click()
    expect(page.locator("h1")).to_have_text("Close Boligmøte uke 48")
    page.fill("#id_note", "Venter på nytt kjøkken")
    assert_accessible(page, "allocation-meeting-close-undecided")
    page.get_by_role("button", name="Postpone 1 dwelling").click()
    expect(page.get_by_role("status").first).to_contain_text("1 dwelling was postponed")

    # Close the meeting: a confirmation first, then the minutes are stored.
    assert_accessible(page, "allocation-meeting-close")
    page.get_by_role("button", name="Close the meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("The meeting is closed")
    expect(page.get_by_text("The meeting was closed")).to_be_visible()
    expect(page.get_by_role("button", name="Solve again")).to_have_count(0)
    assert Meeting.objects.get(title="Boligmøte uke 48").status == MeetingStatus.CLOSED
    assert_accessible(page, "allocation-meeting-closed")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the minutes (PDF)").click()
    path = tmp_path / "minutes.pdf"
    download_info.value.save_as(path)
    text = " ".join(
        subprocess.run(  # noqa: S603
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split()
    )
    with translation.override(settings.LANGUAGE_CODE):
        held_on = formats.date_format(today, "DATE_FORMAT")
        proven = gettext("Proven optimal")
    assert held_on in text and later.number in text and proven in text
    assert "Venter på nytt kjøkken" in text
    for person in (early.applicant, later.applicant):
        # The full name: a random surname alone may be the chair's ("Berg").
        assert f"{person.first_name} {person.last_name}" not in text
        assert person.national_id not in text

    # A second meeting for the postponed dwelling is cancelled with a reason; the
    # dwelling is free for the next one.
    page.goto(f"{live_server.url}/allocation/")
    page.get_by_role("link", name="New meeting").click()
    page.fill("#id_title", "Ekstramøte")
    page.fill("#id_held_on", (today + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("checkbox", name="Anders Berg").check()
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("1 dwellings on the agenda")
    page.get_by_role("link", name="Cancel the meeting").click()
    expect(page.locator("h1")).to_have_text("Cancel Ekstramøte")
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.locator("form.bt-form")).to_contain_text("This field is required.")
    page.fill("#id_reason", "Kjøkkenet blir ikke ferdig før neste møte.")
    assert_accessible(page, "allocation-meeting-cancel")
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("The meeting is cancelled")
    expect(page.get_by_text("Kjøkkenet blir ikke ferdig")).to_be_visible()
    expect(page.get_by_role("button", name="Offer")).to_have_count(0)
    expect(page.get_by_role("link", name="Cancel the meeting")).to_have_count(0)
    assert Meeting.objects.get(title="Ekstramøte").status == MeetingStatus.CANCELLED
    assert_accessible(page, "allocation-meeting-cancelled")

    # The statistics: the accepted offer came 40 days after the application.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Allocation").click()
    page.get_by_role("navigation", name="Allocation").get_by_role("link", name="Statistics").click()
    expect(page.locator("h1")).to_have_text("Allocation statistics")
    expect(page.locator("#times-heading + [role=region] table")).to_contain_text("40.0")
    expect(page.locator("#vacancy-heading + [role=region] table")).to_contain_text(
        "Kongens gate 1 H0101"
    )
    assert_accessible(page, "allocation-statistics")
    page.fill("#id_start", today.isoformat())
    page.fill("#id_end", (today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be before its start")
    assert_accessible(page, "allocation-statistics-error")


def test_anders_fills_a_shared_house_on_trondheims_model(page, live_server, trondheim, kari):
    """Seed 000: the house's roles from Trondheim's model, the proposal with its
    reasons, and the chosen locked in the open meeting; axe-core on each page."""
    member("anders", trondheim, Role.ALLOCATION_MEMBER, first_name="Anders", last_name="Berg")
    rule_set(trondheim, name="Tildelingsregler 2026")
    house = SharedHouse.objects.create(municipality=trondheim, name="Bofellesskap Lade")
    for unit in range(1, 6):
        DwellingFactory(
            municipality=trondheim,
            address="Ladeveien 12",
            unit_number=f"H02{unit:02d}",
            bedrooms=1,
            shared_house=house,
        )
    young = [("male", "Eritrea"), ("female", "Somalia"), ("male", "Afghanistan")]
    for n, (gender, country) in enumerate(young):
        shared_house_candidate(
            trondheim,
            kari,
            groups=("unaccompanied_minor", "refugee"),
            age=19,
            gender=gender,
            country=country,
            waited=300 - 10 * n,
        )
    for gender, country in (("female", "Syria"), ("male", "Eritrea")):
        shared_house_candidate(
            trondheim,
            kari,
            groups=("refugee",),
            age=35,
            gender=gender,
            country=country,
            waited=200,
            interested=True,
        )

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "anders", TEST_PASSWORD)
    page.goto(f"{live_server.url}/allocation/")
    page.get_by_role("link", name="New meeting").click()
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.get_by_role("checkbox", name="Anders Berg").check()
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("5 dwellings on the agenda")
    page.goto(f"{live_server.url}/allocation/")
    page.get_by_role("navigation", name="Allocation").get_by_role(
        "link", name="Shared houses"
    ).click()

    expect(page.locator("table")).to_contain_text("No roles yet")
    assert_accessible(page, "allocation-houses")

    page.get_by_role("link", name="Bofellesskap Lade").click()
    page.get_by_role("button", name="Use Trondheim's model").click()
    expect(page.get_by_role("status").first).to_contain_text("Trondheim's model")
    assert_accessible(page, "allocation-house")

    page.get_by_role("button", name="Propose residents").click()
    expect(page.locator("#composition-proof")).to_contain_text("Proven optimal")
    expect(page.get_by_role("table", name="Proposed residents and why each fits")).to_contain_text(
        "share this country background (at most 2)"
    )
    assert_accessible(page, "allocation-house-proposal")

    page.get_by_role("button", name="Lock them in").click()
    expect(page.get_by_role("status").first).to_contain_text("5 households were locked")
    assert PairConstraint.objects.filter(kind="lock", removed_at__isnull=True).count() == 5
