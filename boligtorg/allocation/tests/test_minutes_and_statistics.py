"""Closing a meeting with its minutes as a PDF (read back with pdftotext), and the
allocation statistics on offers with known dates."""

import datetime
import subprocess

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from boligtorg.allocation.factories import granted_application, open_meeting
from boligtorg.allocation.models import (
    AgendaItem,
    DeclineReason,
    Meeting,
    MeetingStatus,
    Offer,
    OfferStatus,
)
from boligtorg.allocation.services import meetings, minutes
from boligtorg.allocation.statistics import default_period, offer_statistics
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditEvent, MembershipRole, Role
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import DwellingStatus, DwellingStatusChange


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - a fixed tool on a temp file
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return " ".join(result.stdout.decode().split())


def in_minutes_language(text: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(text)


@pytest.fixture
def meeting(anders_actor, rules_2000, flat, family_flat, single, family, today):
    for application, (first, last) in (
        (single, ("Ingrid", "Solbakken")),
        (family, ("Jon", "Aune")),
    ):
        application.applicant.first_name, application.applicant.last_name = first, last
        application.applicant.save()
    return open_meeting(anders_actor, today, title="Boligmøte uke 48")


@pytest.fixture
def decided(meeting, anders_actor, flat, family_flat, single, today):
    """The proposal made, the flat offered to the single adult, the family flat postponed."""
    meetings.proposal_make(actor=anders_actor, meeting=meeting)
    meetings.item_offer(
        actor=anders_actor,
        item=meeting.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    meetings.item_postpone(
        actor=anders_actor, item=meeting.items.get(dwelling=family_flat), note="Venter på maling"
    )
    return meeting


@pytest.fixture
def sven_in_the_meeting(sven):
    """Sven also sits in Skanderborg's allocation meeting."""
    MembershipRole.objects.create(membership=sven.memberships.get(), role=Role.ALLOCATION_MEMBER)
    return sven


# Closing and the minutes -----------------------------------------------------------------


def test_the_minutes_show_the_date_the_offered_case_and_the_proof_but_no_names(
    decided, anders_actor, single, family, today, tmp_path
):
    closed = minutes.meeting_close(actor=anders_actor, meeting=decided)

    assert closed.status == MeetingStatus.CLOSED and closed.closed_at is not None
    text = pdf_text(closed.minutes.read(), tmp_path)
    with translation.override(settings.LANGUAGE_CODE):
        held_on = formats.date_format(today, "DATE_FORMAT")
    assert held_on in text
    assert "Boligmøte uke 48" in text and "Trondheim" in text and "Anders Berg" in text
    assert single.number in text
    assert in_minutes_language("Proven optimal") in text
    assert "Venter på maling" in text
    assert in_minutes_language("Strict priority") in text  # the baselines' table
    for person in (single.applicant, family.applicant):
        # The full name: a random first or last name alone may be the chair's.
        assert f"{person.first_name} {person.last_name}" not in text
        assert person.national_id not in text
    assert in_minutes_language("Draft") not in text
    assert AuditEvent.objects.filter(
        object_type="allocation.meeting", object_id=str(decided.pk), action="update"
    ).exists()


def test_a_taken_out_dwelling_is_in_the_minutes_with_its_reason(
    meeting, anders_actor, flat, family_flat, single, today, tmp_path
):
    meetings.item_offer(
        actor=anders_actor,
        item=meeting.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    meetings.agenda_take_out(
        actor=anders_actor, item=meeting.items.get(dwelling=family_flat), reason="Vannskade"
    )
    closed = minutes.meeting_close(actor=anders_actor, meeting=meeting)
    text = pdf_text(closed.minutes.read(), tmp_path)
    assert "Vannskade" in text and single.number in text
    assert (
        in_minutes_language("The meeting made no proposal; every decision was made by hand.")
        in text
    )


def test_closing_is_refused_while_a_dwelling_is_undecided(
    meeting, anders_actor, flat, single, today
):
    meetings.item_offer(
        actor=anders_actor,
        item=meeting.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    with pytest.raises(ValidationError) as refused:
        minutes.meeting_close(actor=anders_actor, meeting=meeting)
    assert refused.value.messages == [str(minutes.ERROR_UNDECIDED % {"count": 1})]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN and not meeting.minutes


def test_closing_a_meeting_with_nothing_decided_says_how_many_are_left(meeting, anders_actor):
    with pytest.raises(ValidationError) as refused:
        minutes.meeting_close(actor=anders_actor, meeting=meeting)
    assert refused.value.messages == [str(minutes.ERROR_UNDECIDED % {"count": 2})]


def test_a_closed_meeting_refuses_a_new_proposal_and_every_other_change(
    decided, anders_actor, flat, family_flat
):
    minutes.meeting_close(actor=anders_actor, meeting=decided)
    decided.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        meetings.proposal_make(actor=anders_actor, meeting=decided)
    assert refused.value.messages == [str(meetings.ERROR_CLOSED)]
    item = decided.items.get(dwelling=family_flat)
    for change in (
        lambda: meetings.agenda_take_out(actor=anders_actor, item=item, reason="Feil"),
        lambda: meetings.agenda_put_back(actor=anders_actor, item=item),
        lambda: meetings.agenda_add(
            actor=anders_actor,
            meeting=decided,
            dwelling=DwellingFactory(municipality=decided.municipality),
        ),
        lambda: minutes.meeting_close(actor=anders_actor, meeting=decided),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.messages == [str(meetings.ERROR_CLOSED)]


def test_only_the_allocation_meeting_closes_a_meeting(decided, per, kari, trondheim):
    for user in (per, kari):
        with pytest.raises(PermissionDenied):
            minutes.meeting_close(actor=actor_for(user, trondheim), meeting=decided)


def test_a_member_of_another_municipality_cannot_close_the_meeting(
    decided, sven_in_the_meeting, skanderborg
):
    with pytest.raises(PermissionDenied):
        minutes.meeting_close(actor=actor_for(sven_in_the_meeting, skanderborg), meeting=decided)


def test_the_draft_minutes_of_an_open_meeting_say_draft_and_store_nothing(
    english, anders, meeting, tmp_path
):
    english.force_login(anders)
    response = english.get(reverse("allocation:meeting_minutes", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "minutes-draft-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content, tmp_path)
    assert in_minutes_language("Draft") in text
    assert in_minutes_language("Not decided") in text
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN and not meeting.minutes
    assert AuditEvent.objects.filter(
        object_type="allocation.meeting", object_id=str(meeting.pk), action="export"
    ).exists()


def test_a_member_closes_the_meeting_from_its_confirmation_page(
    english, anders, decided, single, tmp_path
):
    english.force_login(anders)
    url = reverse("allocation:meeting_close", args=[decided.pk])
    page = english.get(url).content.decode()
    assert "Every dwelling on the agenda is decided." in page and "Close the meeting" in page
    response = english.post(url, follow=True)
    page = response.content.decode()
    assert "The meeting is closed and its minutes are stored." in page
    assert "The meeting was closed" in page and "Download the minutes (PDF)" in page
    assert "Solve again" not in page and "Close the meeting" not in page
    download = english.get(reverse("allocation:meeting_minutes", args=[decided.pk]))
    assert download.status_code == 200
    assert single.number in pdf_text(b"".join(download.streaming_content), tmp_path)
    assert AuditEvent.objects.filter(
        object_type="allocation.meeting", object_id=str(decided.pk), action="export"
    ).exists()


def test_the_confirmation_page_lists_the_undecided_dwellings_and_offers_no_close_button(
    english, anders, meeting, flat, family_flat
):
    english.force_login(anders)
    url = reverse("allocation:meeting_close", args=[meeting.pk])
    page = english.get(url).content.decode()
    assert "2 dwellings are not decided yet" in page
    assert str(flat) in page and str(family_flat) in page
    assert '<button type="submit" class="ds-button">Close the meeting</button>' not in page
    response = english.post(url)
    assert "2 dwellings on the agenda are not decided yet." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN


def test_sven_of_another_municipality_gets_404_for_the_close_page_and_the_minutes(
    client, sven_in_the_meeting, decided
):
    client.force_login(sven_in_the_meeting)
    for url in (
        reverse("allocation:meeting_close", args=[decided.pk]),
        reverse("allocation:meeting_minutes", args=[decided.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("allocation:meeting_close", args=[decided.pk])).status_code == 404
    decided.refresh_from_db()
    assert decided.status == MeetingStatus.OPEN


def test_per_the_auditor_gets_403_on_close_but_may_read_the_minutes(
    client, per, anders_actor, decided
):
    client.force_login(per)
    url = reverse("allocation:meeting_close", args=[decided.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    minutes.meeting_close(actor=anders_actor, meeting=decided)
    assert client.get(reverse("allocation:meeting_minutes", args=[decided.pk])).status_code == 200


# Statistics -------------------------------------------------------------------------------

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def _on(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _offer(application, dwelling, offered_on, status, answered_on=None, reason=None):
    return Offer.objects.create(
        municipality=application.municipality,
        dwelling=dwelling,
        application=application,
        offered_on=offered_on,
        deadline=offered_on + datetime.timedelta(days=7),
        status=status,
        answered_on=answered_on,
        decline_reason=reason,
    )


@pytest.fixture
def known_offers(trondheim, skanderborg, kari, sven, rules_2000):
    """Offers with hand-picked dates in and around 2025; the expected figures are
    worked out by hand in the tests."""
    d = datetime.date
    too_far = DeclineReason.objects.create(municipality=trondheim, code="too_far", label="Too far")
    too_small = DeclineReason.objects.create(
        municipality=trondheim, code="too_small", label="Too small", unreasonable=True
    )
    dwellings = {name: DwellingFactory(municipality=trondheim) for name in "PQRSTXYZ"}

    a = granted_application(trondheim, kari, received_on=d(2025, 1, 1))
    b = granted_application(trondheim, kari, received_on=d(2024, 12, 1))
    c = granted_application(trondheim, kari, received_on=d(2025, 4, 1))
    e = granted_application(trondheim, kari, received_on=d(2025, 3, 1))
    dd = granted_application(trondheim, kari, received_on=d(2024, 6, 1))
    h = granted_application(trondheim, kari, received_on=d(2024, 6, 1))

    # A: first offer 1 Feb (31 days), two declines (4 and 2 days), then accepts X (7 days).
    _offer(a, dwellings["P"], d(2025, 2, 1), OfferStatus.DECLINED, d(2025, 2, 5), too_far)
    _offer(a, dwellings["Q"], d(2025, 2, 10), OfferStatus.DECLINED, d(2025, 2, 12), too_far)
    _offer(a, dwellings["X"], d(2025, 3, 1), OfferStatus.ACCEPTED, d(2025, 3, 8))
    # B: first offer 11 Jan (41 days), declined after 10 days.
    _offer(b, dwellings["R"], d(2025, 1, 11), OfferStatus.DECLINED, d(2025, 1, 21), too_small)
    # C: first offer 1 Jun (61 days), not answered yet.
    _offer(c, dwellings["S"], d(2025, 6, 1), OfferStatus.OPEN)
    # E: first offer 1 May (61 days), expired unanswered.
    _offer(e, dwellings["T"], d(2025, 5, 1), OfferStatus.EXPIRED, d(2025, 5, 9))
    # D: offered Y in December 2024, accepted 10 Jan 2025 (21 days).
    _offer(dd, dwellings["Y"], d(2024, 12, 20), OfferStatus.ACCEPTED, d(2025, 1, 10))
    # H: Y's previous let, long before the period.
    _offer(h, dwellings["Y"], d(2024, 11, 10), OfferStatus.ACCEPTED, d(2024, 11, 20))

    # X became ready twice; the last time before its offer counts: 15 Jan → 8 Mar = 52 days.
    for day in (d(2024, 11, 1), d(2025, 1, 15)):
        DwellingStatusChange.objects.create(
            dwelling=dwellings["X"],
            from_status=DwellingStatus.LET,
            to_status=DwellingStatus.READY,
            changed_at=_on(day),
        )
    # Y has no history: the first agenda after its previous let counts, 10 Dec → 10 Jan = 31.
    # X's agenda is ignored, its history wins.
    for held_on, dwelling in (
        (d(2024, 11, 1), "Y"),
        (d(2024, 12, 10), "Y"),
        (d(2025, 1, 20), "X"),
    ):
        meeting = Meeting.objects.create(
            municipality=trondheim, held_on=held_on, rule_set=rules_2000
        )
        AgendaItem.objects.create(meeting=meeting, dwelling=dwellings[dwelling])

    # Skanderborg's offers are not Trondheim's figures.
    other = granted_application(skanderborg, sven, received_on=d(2025, 1, 1))
    _offer(other, DwellingFactory(municipality=skanderborg), d(2025, 1, 2), OfferStatus.OPEN)
    return dwellings


def test_statistics_on_known_offer_dates(known_offers, kari_actor):
    figures = offer_statistics(actor=kari_actor, start=START, end=END)

    # First offers in 2025: A 31, B 41, C 61, E 61 days → median (41 + 61) / 2, mean 194 / 4.
    assert (figures.to_first_offer.count, figures.to_first_offer.median) == (4, 51)
    assert figures.to_first_offer.mean == pytest.approx(48.5)
    # Answers in 2025: 2, 4, 7, 10, 21 days → median 7, mean 44 / 5.
    assert (figures.to_answer.count, figures.to_answer.median) == (5, 7)
    assert figures.to_answer.mean == pytest.approx(8.8)
    assert [(r.code, r.count, r.unreasonable) for r in figures.declines] == [
        ("too_far", 2, False),
        ("too_small", 1, True),
    ]
    # Vacancies: X 52 days (from its status history), Y 31 days (from its agenda).
    assert [(v.dwelling_id, v.days, v.from_history) for v in figures.vacancies] == [
        (known_offers["X"].pk, 52, True),
        (known_offers["Y"].pk, 31, False),
    ]
    assert (figures.vacancy_days.median, figures.vacancy_days.mean) == (41.5, 41.5)
    # Offers made in 2025, by their status today (D's and H's were made in 2024).
    assert {row.status: row.count for row in figures.by_status} == {
        "open": 1,
        "accepted": 1,
        "declined": 3,
        "expired": 1,
        "withdrawn": 0,
    }
    assert figures.offers_made == 6 and not figures.is_empty


def test_statistics_of_a_quiet_period_are_empty(known_offers, kari_actor):
    quiet = offer_statistics(
        actor=kari_actor, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)
    )
    assert quiet.is_empty and quiet.to_first_offer.median is None and quiet.vacancies == []


def test_statistics_default_to_the_last_twelve_months(kari_actor, today):
    figures = offer_statistics(actor=kari_actor)
    assert (figures.start, figures.end) == default_period(today)
    assert default_period(datetime.date(2024, 2, 29)) == (
        datetime.date(2023, 3, 1),
        datetime.date(2024, 2, 29),
    )


def test_the_statistics_page_shows_the_figures_in_a_fixed_number_of_queries(
    english, per, known_offers, trondheim, kari, django_assert_num_queries
):
    english.force_login(per)
    url = reverse("allocation:statistics")
    period = {"start": START.isoformat(), "end": END.isoformat()}
    with django_assert_num_queries(8):
        page = english.get(url, period).content.decode()
    assert "51.0" in page and "48.5" in page and "8.8" in page and "41.5" in page
    assert "Too far" in page and "too_small" in page and str(known_offers["X"]) in page
    # Twice the offers, the same queries.
    for _ in range(5):
        extra = granted_application(trondheim, kari, received_on=datetime.date(2025, 1, 1))
        _offer(
            extra,
            DwellingFactory(municipality=trondheim),
            datetime.date(2025, 7, 1),
            OfferStatus.ACCEPTED,
            datetime.date(2025, 7, 3),
        )
    with django_assert_num_queries(8):
        english.get(url, period)


def test_the_statistics_page_says_when_there_is_nothing_to_count(english, per):
    english.force_login(per)
    page = english.get(reverse("allocation:statistics")).content.decode()
    assert "Nothing to count in this period" in page
    assert 'aria-current="page">Statistics' in page


def test_the_period_form_refuses_an_end_before_its_start_and_keeps_the_dates(english, per):
    english.force_login(per)
    response = english.get(
        reverse("allocation:statistics"), {"start": "2025-06-01", "end": "2025-05-01"}
    )
    page = response.content.decode()
    assert "The end of the period cannot be before its start." in page
    assert 'value="2025-06-01"' in page and 'value="2025-05-01"' in page
    assert "Waiting and answer times" not in page


def test_the_period_cannot_start_in_the_future(english, per, today):
    english.force_login(per)
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    page = english.get(reverse("allocation:statistics"), {"start": tomorrow}).content.decode()
    assert "The period cannot start after today." in page


def test_sven_sees_none_of_trondheims_figures(client, sven, known_offers):
    client.force_login(sven)
    page = client.get(
        reverse("allocation:statistics"), {"start": START.isoformat(), "end": END.isoformat()}
    ).content.decode()
    assert str(known_offers["X"]) not in page and "too_far" not in page


def test_minutes_whose_file_is_gone_answer_a_page_saying_so(english, anders, anders_actor, decided):
    minutes.meeting_close(actor=anders_actor, meeting=decided)
    decided.refresh_from_db()
    decided.minutes.storage.delete(decided.minutes.name)
    english.force_login(anders)
    response = english.get(reverse("allocation:meeting_minutes", args=[decided.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "The file of the minutes of the meeting of" in page
    assert reverse("allocation:meeting_detail", args=[decided.pk]) in page
    assert not AuditEvent.objects.filter(object_type="allocation.meeting", action="export").exists()
