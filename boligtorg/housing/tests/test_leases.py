"""Letting a dwelling: three years by default, no overlaps, renewal and termination."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.housing import services
from boligtorg.housing.models import DwellingStatus, Lease

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH_2025 = D(2025, 3, 1)


def _messages(exc, field):
    return [str(m) for m in exc.value.message_dict[field]]


def _let(actor, dwelling, household, start=MARCH_2025, **kwargs):
    return services.lease_register(
        actor=actor, dwelling=dwelling, household=household, start=start, **kwargs
    )


def test_a_lease_runs_three_years_by_default_and_lets_the_dwelling(
    kari_actor, dwelling, ole_household, english_messages
):
    lease = _let(kari_actor, dwelling, ole_household)
    assert (lease.start, lease.end, lease.length_months) == (D(2025, 3, 1), D(2028, 2, 29), 36)
    assert lease.rent == dwelling.rent
    dwelling.refresh_from_db()
    assert dwelling.status == DwellingStatus.LET
    assert dwelling.status_changes.get().reason == "Lease registered"


def test_a_lease_from_the_leap_day_runs_to_the_last_day_of_february_three_years_on(
    kari_actor, dwelling, ole_household
):
    lease = _let(kari_actor, dwelling, ole_household, start=D(2028, 2, 29))
    assert (lease.end, lease.length_months) == (D(2031, 2, 28), 36)


def test_a_renewal_from_the_leap_day_ends_on_the_last_day_of_february(
    kari_actor, dwelling, ole_household
):
    lease = _let(
        kari_actor,
        dwelling,
        ole_household,
        start=D(2027, 2, 28),
        end=D(2028, 2, 28),
        short_lease_reason="Transition dwelling with follow-up",
    )
    renewal = services.lease_renew(actor=kari_actor, lease=lease)
    assert (renewal.start, renewal.end) == (D(2028, 2, 29), D(2031, 2, 28))


def test_a_shorter_lease_needs_a_reason(kari_actor, dwelling, ole_household):
    with pytest.raises(ValidationError) as exc:
        _let(kari_actor, dwelling, ole_household, end=D(2026, 2, 28))
    assert _messages(exc, "short_lease_reason") == [str(services.ERROR_SHORT_LEASE_REASON)]
    lease = _let(
        kari_actor,
        dwelling,
        ole_household,
        end=D(2026, 2, 28),
        short_lease_reason="Transition dwelling with follow-up",
    )
    assert lease.length_months == 12


def test_an_end_before_the_start_is_refused(kari_actor, dwelling, ole_household):
    with pytest.raises(ValidationError) as exc:
        _let(kari_actor, dwelling, ole_household, end=D(2025, 2, 1))
    assert _messages(exc, "end") == [str(services.ERROR_END_BEFORE_START)]


def test_a_negative_rent_is_refused(kari_actor, dwelling, ole_household):
    with pytest.raises(ValidationError) as exc:
        _let(kari_actor, dwelling, ole_household, rent=Decimal("-100"))
    assert _messages(exc, "rent") == [str(services.ERROR_RENT_NEGATIVE)]


def test_a_lease_overlapping_another_is_refused_and_says_when_it_can_start(
    kari_actor, dwelling, ole_household, other_household
):
    _let(kari_actor, dwelling, ole_household)
    with pytest.raises(ValidationError) as exc:
        _let(kari_actor, dwelling, other_household, start=D(2028, 2, 29))
    expected = services.ERROR_LEASE_OVERLAP % {
        "start": services._date(D(2025, 3, 1)),
        "end": services._date(D(2028, 2, 29)),
        "next": services._date(D(2028, 3, 1)),
    }
    assert _messages(exc, "start") == [expected]
    assert Lease.objects.count() == 1
    assert _let(kari_actor, dwelling, other_household, start=D(2028, 3, 1))


def test_the_database_refuses_an_end_before_the_start(dwelling, ole_household):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.create(
            municipality=dwelling.municipality,
            dwelling=dwelling,
            household=ole_household,
            start=D(2025, 1, 1),
            end=D(2024, 1, 1),
            rent=1,
        )


def test_the_database_refuses_a_negative_rent(dwelling, ole_household):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.create(
            municipality=dwelling.municipality,
            dwelling=dwelling,
            household=ole_household,
            start=D(2025, 1, 1),
            end=D(2026, 1, 1),
            rent=-1,
        )


def test_a_dwelling_under_maintenance_cannot_be_let(
    kari_actor, dwelling, ole_household, english_messages
):
    services.dwelling_change_status(actor=kari_actor, dwelling=dwelling, status="maintenance")
    with pytest.raises(ValidationError) as exc:
        _let(kari_actor, dwelling, ole_household)
    assert "cannot be let" in exc.value.messages[0]


def test_a_household_of_another_municipality_is_refused(kari_actor, dwelling, skanderborg):
    with pytest.raises(PermissionDenied):
        _let(kari_actor, dwelling, HouseholdFactory(municipality=skanderborg))


def test_per_the_auditor_may_not_let_a_dwelling(per_actor, dwelling, ole_household):
    with pytest.raises(PermissionDenied):
        _let(per_actor, dwelling, ole_household)


def test_a_renewal_starts_the_day_after_and_keeps_the_clauses(kari_actor, dwelling, ole_household):
    lease = _let(kari_actor, dwelling, ole_household, six_month_clause=True)
    renewal = services.lease_renew(actor=kari_actor, lease=lease)
    assert (renewal.start, renewal.end) == (D(2028, 3, 1), D(2031, 2, 28))
    assert renewal.six_month_clause and renewal.renewal_of == lease
    with pytest.raises(ValidationError) as exc:
        services.lease_renew(actor=kari_actor, lease=lease)
    assert exc.value.messages == [str(services.ERROR_ALREADY_RENEWED)]


def test_termination_needs_a_reason_and_a_day_within_the_lease(
    kari_actor, dwelling, ole_household, english_messages
):
    lease = _let(kari_actor, dwelling, ole_household)
    with pytest.raises(ValidationError) as exc:
        services.lease_terminate(
            actor=kari_actor, lease=lease, terminated_on=D(2026, 1, 31), reason=" "
        )
    assert _messages(exc, "reason") == [str(services.ERROR_TERMINATION_REASON)]
    with pytest.raises(ValidationError) as exc:
        services.lease_terminate(
            actor=kari_actor, lease=lease, terminated_on=D(2030, 1, 1), reason="Moved"
        )
    assert "within the lease" in _messages(exc, "terminated_on")[0]


def test_terminating_a_lease_that_has_ended_frees_the_dwelling(
    kari_actor, dwelling, ole_household, english_messages
):
    today = timezone.localdate()
    lease = _let(kari_actor, dwelling, ole_household, start=today - datetime.timedelta(days=100))
    services.lease_terminate(
        actor=kari_actor,
        lease=lease,
        terminated_on=today - datetime.timedelta(days=1),
        reason="Bought a flat with a start loan",
    )
    dwelling.refresh_from_db()
    assert dwelling.status == DwellingStatus.READY
    assert dwelling.status_changes.first().reason == "Lease terminated"


def test_a_termination_later_keeps_the_dwelling_let_until_then(kari_actor, dwelling, ole_household):
    today = timezone.localdate()
    lease = _let(kari_actor, dwelling, ole_household, start=today - datetime.timedelta(days=100))
    services.lease_terminate(
        actor=kari_actor,
        lease=lease,
        terminated_on=today + datetime.timedelta(days=30),
        reason="Moving",
    )
    dwelling.refresh_from_db()
    assert dwelling.status == DwellingStatus.LET


def test_kari_lets_a_dwelling_through_the_form(english, kari, dwelling, ole_case):
    english.force_login(kari)
    url = reverse("housing:lease_create", args=[dwelling.pk])
    page = english.get(url).content.decode()
    assert f"{ole_case.number} – Ole Hansen" in page
    response = english.post(
        url,
        {
            "household": ole_case.household.pk,
            "start": "2025-03-01",
            "end": "2026-02-28",
            "rent": "9000",
            "security_kind": "deposit",
            "security_amount": "27000",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200, "a short lease without a reason comes back"
    assert str(services.ERROR_SHORT_LEASE_REASON) in page
    assert 'value="27000"' in page
    response = english.post(
        url,
        {
            "household": ole_case.household.pk,
            "start": "2025-03-01",
            "end": "2026-02-28",
            "short_lease_reason": "Transition dwelling",
            "rent": "9000",
            "security_kind": "deposit",
            "security_amount": "27000",
            "three_party_agreement": "on",
        },
    )
    assert response.status_code == 302
    assert Lease.objects.get().three_party_agreement


def test_the_terminate_page_asks_before_it_terminates(english, kari, dwelling, ole_household):
    lease = Lease.objects.create(
        municipality=dwelling.municipality,
        dwelling=dwelling,
        household=ole_household,
        start=timezone.localdate() - datetime.timedelta(days=10),
        end=timezone.localdate() + datetime.timedelta(days=1000),
        rent=9000,
    )
    english.force_login(kari)
    url = reverse("housing:lease_terminate", args=[lease.pk])
    page = english.get(url).content.decode()
    assert "Terminate the lease of" in page
    lease.refresh_from_db()
    assert lease.terminated_on is None
    response = english.post(url, {"terminated_on": str(timezone.localdate()), "reason": ""})
    assert str(services.ERROR_TERMINATION_REASON) in response.content.decode()
    english.post(url, {"terminated_on": str(timezone.localdate()), "reason": "Moved away"})
    lease.refresh_from_db()
    assert lease.termination_reason == "Moved away"


def test_the_renew_page_renews(english, kari, kari_actor, dwelling, ole_household):
    lease = _let(kari_actor, dwelling, ole_household)
    english.force_login(kari)
    response = english.post(reverse("housing:lease_renew", args=[lease.pk]), {"rent": "9200"})
    assert response.status_code == 302
    assert Lease.objects.get(renewal_of=lease).rent == 9200


def test_the_expiring_leases_list_is_one_audit_event_with_the_leases_shown(client, kari, trondheim):
    from boligtorg.core.models import AuditEvent
    from boligtorg.housing.factories import LeaseFactory

    today = timezone.localdate()
    ending = LeaseFactory(
        municipality=trondheim,
        start=today - datetime.timedelta(days=1000),
        end=today + datetime.timedelta(days=30),
    )
    client.force_login(kari)
    client.get(reverse("housing:lease_expiry_list"))
    [event] = AuditEvent.objects.filter(action="list")
    assert (event.actor, event.object_type, event.object_repr) == (
        kari,
        "housing.lease",
        "expiring leases",
    )
    assert event.changes["ids"] == [str(ending.pk)]
