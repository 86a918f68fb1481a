"""The dates of an answer to an offer (issue 23, item 1): an answer lies between the
offer and today, a late answer needs a reason, a lease cannot start before the answer,
and every problem is shown at once, at its field."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from boligtorg.allocation.factories import granted_application
from boligtorg.allocation.models import DeclineReason, Offer, OfferStatus
from boligtorg.allocation.services import offers, rules
from boligtorg.cases.factories import HouseholdFactory
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditEvent
from boligtorg.housing import services as housing_services
from boligtorg.housing.models import Lease

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
D = datetime.date


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def _fields(caught) -> dict[str, list[str]]:
    return {
        field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()
    }


def _date(day: datetime.date) -> str:
    return day.strftime("%m/%d/%Y")


@pytest.fixture
def offer(anders_actor, rules_2000, flat, single, today):
    """Offered today; the answer is due in 7 days."""
    return offers.offer_create(
        actor=anders_actor, dwelling=flat, application=single, offered_on=today
    )


@pytest.fixture
def overdue_offer(anders_actor, rules_2000, flat, single, today):
    """Offered 10 days ago; the deadline passed 3 days ago and the daily job has not run."""
    return offers.offer_create(
        actor=anders_actor, dwelling=flat, application=single, offered_on=today - 10 * DAY
    )


@pytest.fixture
def size(trondheim):
    rules.decline_reasons_ensure(municipality=trondheim)
    return DeclineReason.objects.get(municipality=trondheim, code="size")


def _accept(actor, offer, answered_on, lease_start, **kwargs):
    return offers.offer_accept(
        actor=actor, offer=offer, answered_on=answered_on, lease_start=lease_start, **kwargs
    )


def _still_open(offer):
    offer.refresh_from_db()
    return offer.status == OfferStatus.OPEN and not Lease.objects.exists()


# Accepting ------------------------------------------------------------------------


def test_an_acceptance_dated_after_today_is_refused(kari_actor, offer, today):
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, offer, today + DAY, today + 14 * DAY)
    assert _fields(caught) == {"answered_on": [str(offers.ERROR_ANSWER_AFTER_TODAY)]}
    assert _still_open(offer)


def test_an_acceptance_dated_before_the_offer_is_refused(kari_actor, offer, today):
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, offer, today - DAY, today + 14 * DAY)
    assert _fields(caught) == {"answered_on": [str(offers.ERROR_ANSWER_BEFORE_OFFER)]}
    assert _still_open(offer)


def test_an_acceptance_after_the_deadline_needs_the_reason_it_is_taken_late(
    kari_actor, overdue_offer, today
):
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, overdue_offer, today, today + 14 * DAY, late_answer_reason="  ")
    deadline = _date(overdue_offer.deadline)
    assert _fields(caught) == {
        "late_answer_reason": [
            f"The answer came after the deadline ({deadline}); give the reason it is taken late."
        ]
    }
    assert _still_open(overdue_offer)
    _accept(
        kari_actor,
        overdue_offer,
        today,
        today + 14 * DAY,
        late_answer_reason=" The letter came back; reached by phone. ",
    )
    overdue_offer.refresh_from_db()
    assert overdue_offer.status == OfferStatus.ACCEPTED
    assert overdue_offer.late_answer_reason == "The letter came back; reached by phone."
    event = AuditEvent.objects.filter(object_type="allocation.offer", action="update").get()
    assert event.changes["late_answer_reason"] == [None, overdue_offer.late_answer_reason]


def test_an_answer_in_time_keeps_no_late_reason(kari_actor, offer, today):
    _accept(kari_actor, offer, today, today, late_answer_reason="Not needed")
    offer.refresh_from_db()
    assert (offer.status, offer.late_answer_reason) == (OfferStatus.ACCEPTED, "")


def test_a_lease_cannot_start_before_the_answer(kari_actor, offer, today):
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, offer, today, today - DAY)
    assert _fields(caught) == {
        "lease_start": [f"The lease cannot start before the answer ({_date(today)})."]
    }
    assert _still_open(offer)


def test_every_problem_with_an_acceptance_is_raised_at_once(kari_actor, overdue_offer, today):
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, overdue_offer, today - DAY, today - 20 * DAY)
    assert set(_fields(caught)) == {"late_answer_reason", "lease_start"}
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, overdue_offer, today + DAY, today - 20 * DAY)
    assert set(_fields(caught)) == {"answered_on", "lease_start"}
    assert _still_open(overdue_offer)


def test_a_lease_start_that_overlaps_another_lease_is_named_at_the_lease_start(
    kari_actor, offer, flat, trondheim, today
):
    housing_services.lease_register(
        actor=kari_actor,
        dwelling=flat,
        household=HouseholdFactory(municipality=trondheim),
        start=today + 30 * DAY,
    )
    with pytest.raises(ValidationError) as caught:
        _accept(kari_actor, offer, today, today + 60 * DAY)
    assert set(_fields(caught)) == {"lease_start"}
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_an_auditor_is_refused_before_the_dates_are_read(per, trondheim, offer, today):
    with pytest.raises(PermissionDenied):
        _accept(actor_for(per, trondheim), offer, today + DAY, today - DAY)


def test_a_lease_from_an_acceptance_on_the_leap_day_ends_on_the_last_day_of_february(
    anders_actor, kari_actor, trondheim, kari, flat, today, rules_2000
):
    application = granted_application(trondheim, kari, lease_months=12)
    application.decisions.update(short_lease_reason="Avklaringsbolig")
    offer = offers.offer_create(
        actor=anders_actor, dwelling=flat, application=application, offered_on=today
    )
    _accept(kari_actor, offer, today, D(2028, 2, 29))
    lease = Lease.objects.get(dwelling=flat)
    assert (lease.start, lease.end) == (D(2028, 2, 29), D(2029, 2, 28))


# Declining ------------------------------------------------------------------------


def test_a_decline_dated_after_today_is_refused_with_the_missing_reason(kari_actor, offer, today):
    with pytest.raises(ValidationError) as caught:
        offers.offer_decline(actor=kari_actor, offer=offer, answered_on=today + DAY, reason=None)
    assert _fields(caught) == {
        "answered_on": [str(offers.ERROR_ANSWER_AFTER_TODAY)],
        "reason": [str(offers.ERROR_REASON_REQUIRED)],
    }
    assert _still_open(offer)


def test_a_late_decline_needs_the_reason_it_is_taken_late(kari_actor, overdue_offer, size, today):
    with pytest.raises(ValidationError) as caught:
        offers.offer_decline(actor=kari_actor, offer=overdue_offer, answered_on=today, reason=size)
    assert set(_fields(caught)) == {"late_answer_reason"}
    offers.offer_decline(
        actor=kari_actor,
        offer=overdue_offer,
        answered_on=today,
        reason=size,
        late_answer_reason="Away on a course until yesterday",
    )
    overdue_offer.refresh_from_db()
    assert overdue_offer.status == OfferStatus.DECLINED
    assert overdue_offer.late_answer_reason == "Away on a course until yesterday"


# The page ---------------------------------------------------------------------------


def test_the_page_shows_every_problem_of_an_acceptance_at_its_field(
    english, kari, overdue_offer, today
):
    english.force_login(kari)
    response = english.post(
        reverse("allocation:offer_detail", args=[overdue_offer.pk]),
        {
            "answer": "accept",
            "accept-answered_on": today.isoformat(),
            "accept-lease_start": (today - 5 * DAY).isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["accept_form"].errors
    assert set(errors) == {"late_answer_reason", "lease_start"}
    page = response.content.decode()
    assert "give the reason it is taken late" in page
    assert "The lease cannot start before the answer" in page
    assert _still_open(overdue_offer)


def test_the_page_shows_a_missing_field_and_an_impossible_date_in_the_same_round(
    english, kari, offer, today
):
    english.force_login(kari)
    url = reverse("allocation:offer_detail", args=[offer.pk])
    tomorrow = (today + DAY).isoformat()
    accept = english.post(url, {"answer": "accept", "accept-answered_on": tomorrow})
    errors = accept.context["accept_form"].errors
    assert set(errors) == {"answered_on", "lease_start"}  # lease_start: required
    assert errors["answered_on"] == [str(offers.ERROR_ANSWER_AFTER_TODAY)]
    decline = english.post(url, {"answer": "decline", "decline-answered_on": tomorrow})
    assert decline.context["decline_form"].errors == {
        "answered_on": [str(offers.ERROR_ANSWER_AFTER_TODAY)],
        "reason": [str(offers.ERROR_REASON_REQUIRED)],
    }
    assert _still_open(offer)


def test_the_page_shows_the_reason_for_a_late_answer(
    english, kari, kari_actor, overdue_offer, today
):
    _accept(kari_actor, overdue_offer, today, today + DAY, late_answer_reason="Reached by phone")
    english.force_login(kari)
    page = english.get(reverse("allocation:offer_detail", args=[overdue_offer.pk])).content.decode()
    assert "Reason for the late answer" in page and "Reached by phone" in page


def test_a_late_acceptance_with_its_reason_is_registered_from_the_page(
    english, kari, overdue_offer, today
):
    english.force_login(kari)
    english.post(
        reverse("allocation:offer_detail", args=[overdue_offer.pk]),
        {
            "answer": "accept",
            "accept-answered_on": today.isoformat(),
            "accept-late_answer_reason": "Reached by phone",
            "accept-lease_start": (today + 14 * DAY).isoformat(),
        },
    )
    offer = Offer.objects.get(pk=overdue_offer.pk)
    assert (offer.status, offer.late_answer_reason) == (OfferStatus.ACCEPTED, "Reached by phone")
