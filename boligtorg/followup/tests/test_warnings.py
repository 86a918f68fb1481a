"""Early warning: signals, the risk score of a tenancy, the warning list, the rent
ledger import and the eviction-prevention workflow."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.domain.risk import Level, Signal
from boligtorg.followup import selectors
from boligtorg.followup.factories import plan_for, visit_for
from boligtorg.followup.ledger import read_ledger_csv
from boligtorg.followup.models import ArrearsEntry, PreventionCase, RiskRules, VisitStatus
from boligtorg.followup.services import warnings as services
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.services import ImportRejected

TODAY = timezone.localdate


@pytest.fixture
def fatima(trondheim):
    return member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )


@pytest.fixture
def fatima_actor(fatima, trondheim):
    return actor_for(fatima, trondheim)


@pytest.fixture
def lease(trondheim):
    dwelling = DwellingFactory(
        municipality=trondheim, address="Elgeseter gate 3", unit_number="H0101"
    )
    return LeaseFactory(municipality=trondheim, dwelling=dwelling, rent=10000)


def _ledger(*rows: str) -> bytes:
    return ("address;unit_number;as_of;amount_owed\n" + "\n".join(rows) + "\n").encode()


def test_two_months_of_arrears_make_a_tenancy_high_risk_and_a_kept_payment_plan_lowers_it(
    lease, fatima_actor
):
    services.arrears_record(actor=fatima_actor, lease=lease, as_of=TODAY(), amount=Decimal(25000))
    before = selectors.tenancy_risk(lease=lease)

    case = services.prevention_open(actor=fatima_actor, lease=lease, opened_on=TODAY())
    services.prevention_update(
        actor=fatima_actor,
        case=case,
        version=case.version,
        contact_made_on=TODAY(),
        payment_plan_agreed_on=TODAY(),
        payment_plan_monthly=Decimal(2000),
    )
    after = selectors.tenancy_risk(lease=lease)

    assert (before.risk.score, before.risk.level) == (50, Level.HIGH)
    assert [c.signal for c in after.risk.contributions] == [Signal.ARREARS, Signal.PAYMENT_PLAN]
    assert (after.risk.score, after.risk.level) == (25, Level.WATCH)


def test_the_municipalitys_rules_set_the_weights(lease, fatima_actor, trondheim):
    RiskRules.objects.create(
        municipality=trondheim,
        valid_from=TODAY() - datetime.timedelta(days=10),
        points_per_month_in_arrears=40,
    )
    services.arrears_record(actor=fatima_actor, lease=lease, as_of=TODAY(), amount=Decimal(10000))

    assert selectors.tenancy_risk(lease=lease).risk.score == 40


def test_the_warning_list_puts_the_highest_risk_first_and_leaves_out_quiet_tenancies(
    trondheim, fatima, fatima_actor, django_assert_num_queries
):
    quiet = LeaseFactory(municipality=trondheim)
    owing = LeaseFactory(municipality=trondheim, rent=8000)
    complained = LeaseFactory(municipality=trondheim)
    ended = LeaseFactory(
        municipality=trondheim,
        start=TODAY() - datetime.timedelta(days=800),
        end=TODAY() - datetime.timedelta(days=5),
    )
    services.arrears_record(actor=fatima_actor, lease=owing, as_of=TODAY(), amount=Decimal(16000))
    services.arrears_record(
        actor=fatima_actor, lease=ended, as_of=TODAY() - datetime.timedelta(days=10), amount=9000
    )
    services.complaint_record(
        actor=fatima_actor,
        lease=complained,
        received_on=TODAY(),
        source="neighbour",
        summary="Noise",
    )
    missed = plan_for(municipality=trondheim, lease=complained)
    visit_for(missed, fatima, days_from_now=-3, status=VisitStatus.MISSED)

    services.risk_rules_for(trondheim, TODAY())  # the defaults, made on first use

    with django_assert_num_queries(3):
        rows = selectors.warning_list(actor=fatima_actor)
    with django_assert_num_queries(2):
        selectors.with_households(rows)

    assert [row.lease for row in rows] == [owing, complained]
    assert rows[0].risk.score == 40
    assert rows[1].risk.score == 20
    assert quiet not in [row.lease for row in rows]
    assert [row.lease for row in selectors.warning_list(actor=fatima_actor, level="high")] == []


def test_arrears_cannot_be_in_the_future_before_the_lease_or_negative(lease, fatima_actor):
    with pytest.raises(ValidationError) as exc:
        services.arrears_record(
            actor=fatima_actor,
            lease=lease,
            as_of=TODAY() + datetime.timedelta(days=1),
            amount=Decimal(-5),
        )

    assert set(exc.value.message_dict) == {"as_of", "amount"}
    assert not ArrearsEntry.objects.exists()


def test_the_rent_ledger_is_imported_all_or_nothing_with_every_bad_row_named(
    lease, fatima_actor, trondheim
):
    day = TODAY().isoformat()
    rows, errors = read_ledger_csv(
        _ledger(
            f"Elgeseter gate 3;H0101;{day};12000",
            f"Nowhere 1;H0101;{day};500",
            f"Elgeseter gate 3;H0101;{day};-1",
            "Elgeseter gate 3;H0101;yesterday;100",
        )
    )
    with pytest.raises(ImportRejected) as exc:
        services.arrears_import(actor=fatima_actor, rows=rows, read_errors=errors)

    assert [(e.line, e.column) for e in exc.value.errors] == [
        (3, "unit_number"),
        (4, "amount"),
        (4, "as_of"),
        (5, "as_of"),
    ]
    assert not ArrearsEntry.objects.exists()


def test_importing_the_same_ledger_twice_changes_nothing_the_second_time(lease, fatima_actor):
    rows, errors = read_ledger_csv(_ledger(f"elgeseter gate 3;h0101;{TODAY().isoformat()};12000"))

    assert errors == []
    assert services.arrears_import(actor=fatima_actor, rows=rows) == 1
    assert services.arrears_import(actor=fatima_actor, rows=rows) == 0
    assert ArrearsEntry.objects.get().amount == 12000


def test_a_ledger_day_without_a_lease_is_reported(lease, fatima_actor):
    before = (lease.start - datetime.timedelta(days=3)).isoformat()
    rows, _errors = read_ledger_csv(_ledger(f"Elgeseter gate 3;H0101;{before};100"))

    with pytest.raises(ImportRejected) as exc:
        services.arrears_import(actor=fatima_actor, rows=rows)

    assert [(e.line, e.column) for e in exc.value.errors] == [(2, "as_of")]


def test_the_import_page_shows_each_bad_row_and_writes_nothing(lease, fatima, client):
    client.force_login(fatima)
    upload = SimpleUploadedFile(
        "ledger.csv",
        _ledger(f"Elgeseter gate 3;H0101;{TODAY().isoformat()};abc", "Nowhere 9;H0101;;5"),
    )

    response = client.post(reverse("followup:arrears_import"), {"file": upload})

    assert response.status_code == 200
    assert [(e.line, e.column) for e in response.context["row_errors"]] == [
        (2, "amount_owed"),
        (3, "as_of"),
        (3, "unit_number"),
    ]
    assert not ArrearsEntry.objects.exists()


def test_only_one_prevention_case_is_open_per_tenancy(lease, fatima_actor):
    services.prevention_open(actor=fatima_actor, lease=lease, opened_on=TODAY())

    with pytest.raises(ValidationError):
        services.prevention_open(actor=fatima_actor, lease=lease, opened_on=TODAY())


def test_the_workflows_steps_are_checked_and_an_outcome_closes_the_case(lease, fatima_actor):
    case = services.prevention_open(
        actor=fatima_actor, lease=lease, opened_on=TODAY() - datetime.timedelta(days=20)
    )

    with pytest.raises(ValidationError) as exc:
        services.prevention_update(
            actor=fatima_actor,
            case=case,
            version=case.version,
            contact_made_on=TODAY() - datetime.timedelta(days=30),
            payment_plan_monthly=Decimal(0),
            referral="nav",
            outcome="cleared",
        )
    assert set(exc.value.message_dict) == {
        "contact_made_on",
        "payment_plan_monthly",
        "payment_plan_agreed_on",
        "referred_on",
        "closed_on",
    }

    closed = services.prevention_update(
        actor=fatima_actor,
        case=case,
        version=case.version,
        referral="nav",
        referred_on=TODAY(),
        outcome="cleared",
        closed_on=TODAY(),
    )
    assert closed.closed_on == TODAY()
    with pytest.raises(ValidationError):
        services.prevention_update(
            actor=fatima_actor, case=closed, version=closed.version, notes="late"
        )


def test_a_payment_plan_may_run_to_a_day_after_today_and_is_kept_until_then(lease, fatima_actor):
    case = services.prevention_open(
        actor=fatima_actor, lease=lease, opened_on=TODAY() - datetime.timedelta(days=5)
    )
    until = TODAY() + datetime.timedelta(days=365)

    saved = services.prevention_update(
        actor=fatima_actor,
        case=case,
        version=case.version,
        contact_made_on=TODAY() - datetime.timedelta(days=4),
        payment_plan_agreed_on=TODAY(),
        payment_plan_monthly=Decimal(1500),
        payment_plan_until=until,
    )

    assert saved.payment_plan_until == until
    assert saved.payment_plan_kept_on(until)
    assert not saved.payment_plan_kept_on(until + datetime.timedelta(days=1))


def test_a_step_that_happened_cannot_be_dated_after_today(lease, fatima_actor):
    case = services.prevention_open(actor=fatima_actor, lease=lease, opened_on=TODAY())
    tomorrow = TODAY() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as exc:
        services.prevention_update(
            actor=fatima_actor,
            case=case,
            version=case.version,
            contact_made_on=tomorrow,
            payment_plan_agreed_on=tomorrow,
            payment_plan_monthly=Decimal(1500),
            payment_plan_until=tomorrow + datetime.timedelta(days=90),
            payment_plan_broken_on=tomorrow,
            referral="nav",
            referred_on=tomorrow,
            outcome="cleared",
            closed_on=tomorrow,
        )

    in_future = [str(services.ERROR_IN_FUTURE)]
    assert exc.value.message_dict == {
        "contact_made_on": in_future,
        "payment_plan_agreed_on": in_future,
        "payment_plan_broken_on": in_future,
        "referred_on": in_future,
        "closed_on": in_future,
    }


def test_a_stale_prevention_form_is_refused(lease, fatima_actor):
    case = services.prevention_open(actor=fatima_actor, lease=lease, opened_on=TODAY())
    services.prevention_update(
        actor=fatima_actor, case=case, version=case.version, contact_made_on=TODAY()
    )

    with pytest.raises(ValidationError) as exc:
        services.prevention_update(actor=fatima_actor, case=case, version=case.version, notes="x")

    assert exc.value.messages == [str(services.ERROR_STALE)]
    assert PreventionCase.objects.get().notes == ""


def test_an_auditor_cannot_see_the_warning_list_and_a_manager_cannot_register_arrears(
    lease, trondheim, per
):
    manager = actor_for(member("mona", trondheim, Role.MANAGER), trondheim)

    with pytest.raises(PermissionDenied):
        selectors.warning_list(actor=actor_for(per, trondheim))
    with pytest.raises(PermissionDenied):
        services.arrears_record(actor=manager, lease=lease, as_of=TODAY(), amount=Decimal(1))
    assert selectors.warning_list(actor=manager) == []


def test_the_warning_pages_render_and_the_tenancy_read_is_audited(lease, fatima, client):
    case = PreventionCase.objects.create(
        municipality=lease.municipality, lease=lease, opened_on=TODAY()
    )
    client.force_login(fatima)

    for url in (
        reverse("followup:warning_list"),
        reverse("followup:warning_list") + "?level=high",
        reverse("followup:tenancy", args=[lease.pk]),
        reverse("followup:arrears_create", args=[lease.pk]),
        reverse("followup:complaint_create", args=[lease.pk]),
        reverse("followup:prevention_open", args=[lease.pk]),
        reverse("followup:prevention_edit", args=[case.pk]),
        reverse("followup:arrears_import"),
    ):
        assert client.get(url).status_code == 200, url
    assert AuditEvent.objects.filter(
        object_type="housing.lease", object_id=str(lease.pk), action="view", actor=fatima
    ).exists()


def test_the_dwelling_page_links_a_current_lease_to_its_early_warning(lease, kari, client):
    client.force_login(kari)

    page = client.get(reverse("housing:dwelling_detail", args=[lease.dwelling_id]))

    assert reverse("followup:tenancy", args=[lease.pk]) in page.content.decode()


def test_new_risk_rules_end_the_period_before_and_cannot_start_inside_it(trondheim, tone):
    admin = actor_for(tone, trondheim)
    first = services.risk_rules_for(trondheim, TODAY())
    weights = {field: getattr(first, field) for field in services.RULE_FIELDS}

    new = services.risk_rules_create(
        actor=admin, valid_from=TODAY(), **{**weights, "points_per_complaint": 15}
    )
    with pytest.raises(ValidationError) as exc:
        services.risk_rules_create(
            actor=admin, valid_from=TODAY(), **{**weights, "watch_from": 40, "high_from": 30}
        )

    first.refresh_from_db()
    assert first.valid_to == TODAY() - datetime.timedelta(days=1)
    assert services.risk_rules_for(trondheim, TODAY()) == new
    assert services.risk_rules_for(trondheim, TODAY() - datetime.timedelta(days=1)) == first
    assert set(exc.value.message_dict) == {"valid_from", "high_from"}


def test_a_follow_up_worker_reads_the_risk_rules_but_only_an_administrator_changes_them(
    trondheim, fatima, tone, client
):
    client.force_login(fatima)
    read = client.get(reverse("followup:risk_rules"))
    client.post(reverse("followup:risk_rules"), {"valid_from": TODAY().isoformat()})
    assert RiskRules.objects.filter(municipality=trondheim).count() == 1
    assert read.status_code == 200 and not read.context["can_edit"]

    client.force_login(tone)
    page = client.get(reverse("followup:risk_rules"))
    data = {**page.context["form"].initial, "valid_from": TODAY().isoformat()}
    data["points_per_missed_visit"] = 15
    saved = client.post(reverse("followup:risk_rules"), data)

    assert saved.status_code == 302
    assert services.risk_rules_for(trondheim, TODAY()).points_per_missed_visit == 15


def test_a_six_month_clause_counts_only_when_its_day_is_near(trondheim, fatima_actor):
    near = LeaseFactory(
        municipality=trondheim,
        six_month_clause=True,
        start=TODAY() - datetime.timedelta(days=160),
    )
    LeaseFactory(
        municipality=trondheim, six_month_clause=True, start=TODAY() - datetime.timedelta(days=700)
    )

    rows = selectors.warning_list(actor=fatima_actor)

    assert [(row.lease, [c.signal for c in row.risk.contributions]) for row in rows] == [
        (near, [Signal.SIX_MONTH_CLAUSE])
    ]


def test_each_page_of_the_warning_list_is_one_audit_event_with_the_tenancies_shown(
    lease, fatima, fatima_actor, client
):
    services.arrears_record(actor=fatima_actor, lease=lease, as_of=TODAY(), amount=Decimal(19000))
    client.force_login(fatima)

    page = client.get(reverse("followup:warning_list"), {"level": "watch"})

    [event] = AuditEvent.objects.filter(action="list")
    assert (event.actor, event.object_type, event.object_repr) == (
        fatima,
        "housing.lease",
        "early warning",
    )
    assert event.changes["query"] == {"level": "watch", "page": 1}
    shown = [str(row.lease.pk) for row in page.context["page"].object_list]
    assert event.changes["ids"] == shown == [str(lease.pk)]


@override_settings(BOLIGTORG_IMPORT_MAX_ROWS=2)
def test_a_ledger_over_the_row_limit_is_refused_at_its_field_and_nothing_is_written(
    lease, fatima, english
):
    english.force_login(fatima)
    day = TODAY().isoformat()
    upload = SimpleUploadedFile("ledger.csv", _ledger(*[f"Elgeseter gate 3;H0101;{day};10"] * 3))

    response = english.post(reverse("followup:arrears_import"), {"file": upload})

    assert response.status_code == 200
    assert "The file has more than 2 rows" in response.context["form"].errors["file"][0]
    assert not ArrearsEntry.objects.exists()
