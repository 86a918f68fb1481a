"""Registering, editing and changing the status of dwellings; who may do it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from boligtorg.core.models import AuditEvent
from boligtorg.housing import services
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DispositionForm, Dwelling, DwellingStatus, SharedHouse

pytestmark = pytest.mark.django_db

VALID = {
    "unit_number": "h 0101",
    "address": "Elgeseter gate 12",
    "dwelling_type": "apartment",
    "bedrooms": 2,
    "usable_area": Decimal("54.5"),
    "rent": Decimal("9500"),
    "disposition_form": DispositionForm.OWNED,
}


def _messages(exc, field):
    return [str(m) for m in exc.value.message_dict[field]]


def test_kari_registers_a_dwelling_with_its_property_and_history(kari_actor):
    dwelling = services.dwelling_create(
        actor=kari_actor, gnr=412, bnr=86, building="Blokk A", shared_house_name="Klyngen", **VALID
    )
    assert dwelling.unit_number == "H0101"
    assert str(dwelling.property) == "412/86 Blokk A"
    assert dwelling.shared_house.name == "Klyngen"
    assert dwelling.status_changes.get().to_status == DwellingStatus.READY
    assert AuditEvent.objects.filter(object_type="housing.dwelling", action="create").count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"unit_number": "A101"}, "unit_number", services.ERROR_UNIT_NUMBER),
        ({"rent": Decimal("-1")}, "rent", services.ERROR_RENT_NEGATIVE),
        ({"bedrooms": 25}, "bedrooms", services.ERROR_BEDROOMS),
        ({"usable_area": Decimal("0")}, "usable_area", services.ERROR_AREA),
        (
            {"disposition_form": DispositionForm.LEASED},
            "landlord",
            services.ERROR_LANDLORD_REQUIRED,
        ),
        (
            {"disposition_form": DispositionForm.CO_OP_SHARE},
            "co_op_name",
            services.ERROR_CO_OP_REQUIRED,
        ),
        (
            {"disposition_form": DispositionForm.NOMINATION_RIGHT},
            "nomination_development",
            services.ERROR_DEVELOPMENT_REQUIRED,
        ),
    ],
)
def test_a_bad_dwelling_is_refused_with_a_message_at_the_field(kari_actor, change, field, message):
    with pytest.raises(ValidationError) as exc:
        services.dwelling_create(actor=kari_actor, **{**VALID, **change})
    assert _messages(exc, field) == [str(message)]
    assert not Dwelling.objects.exists()


def test_half_a_property_is_refused(kari_actor):
    with pytest.raises(ValidationError) as exc:
        services.dwelling_create(actor=kari_actor, gnr=412, **VALID)
    assert _messages(exc, "bnr") == [str(services.ERROR_PROPERTY_INCOMPLETE)]


def test_a_contract_ending_before_it_starts_is_refused(kari_actor, landlord):
    import datetime

    with pytest.raises(ValidationError) as exc:
        services.dwelling_create(
            actor=kari_actor,
            **{
                **VALID,
                "disposition_form": DispositionForm.LEASED,
                "landlord": landlord,
                "head_lease_start": datetime.date(2025, 1, 1),
                "head_lease_end": datetime.date(2024, 1, 1),
            },
        )
    assert _messages(exc, "head_lease_end") == [str(services.ERROR_CONTRACT_END)]


def test_the_same_unit_at_the_same_address_is_registered_once(kari_actor):
    services.dwelling_create(actor=kari_actor, **VALID)
    with pytest.raises(ValidationError) as exc:
        services.dwelling_create(actor=kari_actor, **VALID)
    assert _messages(exc, "unit_number") == [str(services.ERROR_UNIT_TAKEN)]


def test_per_the_auditor_may_not_register_a_dwelling(per_actor):
    with pytest.raises(PermissionDenied):
        services.dwelling_create(actor=per_actor, **VALID)


def test_a_landlord_of_another_municipality_is_refused(kari_actor, housing_organisation):
    with pytest.raises(PermissionDenied):
        services.dwelling_create(
            actor=kari_actor,
            **{
                **VALID,
                "disposition_form": DispositionForm.ALLOCATION_RIGHT,
                "landlord": housing_organisation,
            },
        )


def test_editing_a_dwelling_records_the_changed_fields(kari_actor, dwelling):
    services.dwelling_update(
        actor=kari_actor,
        dwelling=dwelling,
        **{**VALID, "unit_number": "H0101", "address": dwelling.address, "rent": Decimal("9900")},
    )
    event = AuditEvent.objects.filter(action="update", object_id=str(dwelling.pk)).get()
    assert event.changes["rent"] == ["9000", "9900"]


def test_a_status_change_is_kept_in_the_history(kari_actor, dwelling):
    services.dwelling_change_status(
        actor=kari_actor, dwelling=dwelling, status=DwellingStatus.MAINTENANCE, reason="New floor"
    )
    change = dwelling.status_changes.get()
    assert (change.from_status, change.to_status, change.reason) == (
        "ready",
        "maintenance",
        "New floor",
    )


def test_a_sold_dwelling_never_comes_back(kari_actor, dwelling):
    services.dwelling_change_status(actor=kari_actor, dwelling=dwelling, status=DwellingStatus.SOLD)
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        services.dwelling_change_status(
            actor=kari_actor, dwelling=dwelling, status=DwellingStatus.READY
        )
    assert "cannot become" in _messages(exc, "status")[0]


def test_let_is_set_by_a_lease_not_by_hand(kari_actor, dwelling):
    with pytest.raises(ValidationError) as exc:
        services.dwelling_change_status(actor=kari_actor, dwelling=dwelling, status="let")
    assert _messages(exc, "status") == [str(services.ERROR_STATUS_LET_BY_LEASE)]


def test_a_let_dwelling_with_a_current_lease_keeps_its_status(kari_actor, trondheim):
    lease = LeaseFactory(municipality=trondheim)
    with pytest.raises(ValidationError) as exc:
        services.dwelling_change_status(
            actor=kari_actor, dwelling=lease.dwelling, status=DwellingStatus.MAINTENANCE
        )
    assert _messages(exc, "status") == [str(services.ERROR_STATUS_ACTIVE_LEASE)]


def test_the_list_searches_by_address_and_unit_number(english, kari, trondheim):
    DwellingFactory(municipality=trondheim, address="Munkegata 1", unit_number="H0301")
    DwellingFactory(municipality=trondheim, address="Bakklandet 4", unit_number="U0101")
    english.force_login(kari)
    url = reverse("housing:dwelling_list")
    by_address = english.get(url, {"q": "munke"}).context["page"].object_list
    assert [d["address"] for d in by_address] == ["Munkegata 1"]
    by_unit = english.get(url, {"q": "u0101"}).context["page"].object_list
    assert [d["address"] for d in by_unit] == ["Bakklandet 4"]


def test_the_list_filters_by_status_type_rooms_area_access_and_disposition(
    english, kari, trondheim
):
    DwellingFactory(municipality=trondheim, address="A", bedrooms=1, usable_area=30)
    target = DwellingFactory(
        municipality=trondheim,
        address="B",
        bedrooms=3,
        usable_area=80,
        wheelchair_accessible=True,
        dwelling_type="terraced",
        disposition_form="co_op_share",
        co_op_name="Lade",
        co_op_units=40,
    )
    DwellingFactory(municipality=trondheim, address="C", bedrooms=3, status="maintenance")
    english.force_login(kari)
    response = english.get(
        reverse("housing:dwelling_list"),
        {
            "status": "ready",
            "dwelling_type": "terraced",
            "min_bedrooms": 2,
            "min_area": 70,
            "max_area": 90,
            "accessible": "on",
            "disposition_form": "co_op_share",
        },
    )
    assert [d["pk"] for d in response.context["page"].object_list] == [target.pk]


def test_the_list_sorts_by_rent_descending(english, kari, trondheim):
    for rent in (7000, 9000, 8000):
        DwellingFactory(municipality=trondheim, rent=rent)
    english.force_login(kari)
    page = english.get(reverse("housing:dwelling_list"), {"sort": "-rent"}).context["page"]
    assert [d["rent"] for d in page.object_list] == [9000, 8000, 7000]


def test_a_row_of_the_list_links_the_dwelling_and_names_its_house_type_and_status(
    english, kari, trondheim
):
    house = SharedHouse.objects.create(municipality=trondheim, name="Klyngen")
    dwelling = DwellingFactory(
        municipality=trondheim,
        address="Munkegata 1",
        shared_house=house,
        wheelchair_accessible=True,
        dwelling_type="terraced",
        status=DwellingStatus.MAINTENANCE,
    )
    english.force_login(kari)
    html = english.get(reverse("housing:dwelling_list")).content.decode()
    url = reverse("housing:dwelling_detail", args=[dwelling.pk])
    assert f'<a class="ds-link" href="{url}">Munkegata 1</a>' in html
    assert '<span class="bt-muted">Klyngen</span>' in html
    assert "Terraced house" in html and ">Wheelchair</span>" in html
    status = '<span class="ds-tag" data-size="sm" data-color="warning">Under maintenance</span>'
    assert status in html


def test_the_list_is_paginated_and_says_so_when_empty(english, kari, trondheim, settings):
    settings.PAGE_SIZE = 3
    english.force_login(kari)
    empty = english.get(reverse("housing:dwelling_list")).content.decode()
    assert "No dwellings registered yet." in empty
    for _ in range(5):
        DwellingFactory(municipality=trondheim)
    second = english.get(reverse("housing:dwelling_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 2


def test_the_list_runs_a_fixed_number_of_queries(
    client, kari, trondheim, django_assert_max_num_queries
):
    house = SharedHouse.objects.create(municipality=trondheim, name="Klyngen")
    for n in range(30):
        DwellingFactory(municipality=trondheim, shared_house=house if n % 2 else None)
    client.force_login(kari)
    client.get(reverse("housing:dwelling_list"))  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get(reverse("housing:dwelling_list"), {"sort": "-bedrooms"})
    assert response.status_code == 200


def test_sven_in_skanderborg_gets_404_for_a_trondheim_dwelling(client, sven, dwelling):
    client.force_login(sven)
    assert client.get(reverse("housing:dwelling_detail", args=[dwelling.pk])).status_code == 404


def test_per_may_read_the_register_but_not_open_the_forms(client, per, dwelling):
    client.force_login(per)
    assert client.get(reverse("housing:dwelling_detail", args=[dwelling.pk])).status_code == 200
    assert client.get(reverse("housing:dwelling_create")).status_code == 403
    assert client.post(reverse("housing:dwelling_edit", args=[dwelling.pk])).status_code == 403


def test_a_form_with_errors_comes_back_with_what_was_typed(english, kari, dwelling_post):
    english.force_login(kari)
    response = english.post(
        reverse("housing:dwelling_create"), {**dwelling_post, "unit_number": "X12", "rent": "-5"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert str(services.ERROR_UNIT_NUMBER) in page
    assert str(services.ERROR_RENT_NEGATIVE) in page
    assert 'value="Innherredsveien 7"' in page
    assert 'value="X12"' in page
    assert not Dwelling.objects.exists()


def test_anders_registers_a_dwelling_through_the_form(english, anders, dwelling_post):
    english.force_login(anders)
    response = english.post(reverse("housing:dwelling_create"), dwelling_post)
    dwelling = Dwelling.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("housing:dwelling_detail", args=[dwelling.pk])
    assert dwelling.features == ["lift", "pets_allowed"]
    page = english.get(response["Location"]).content.decode()
    assert "Innherredsveien 7, H0201" in page
    assert 'aria-label="You are here:"' in page


def test_the_edit_form_shows_the_dwelling_and_saves_changes(english, kari, dwelling, dwelling_post):
    english.force_login(kari)
    url = reverse("housing:dwelling_edit", args=[dwelling.pk])
    assert 'value="Elgeseter gate 10"' in english.get(url).content.decode()
    post = {**dwelling_post, "address": dwelling.address, "unit_number": "H0101", "rent": "9100"}
    post.pop("status")
    assert english.post(url, post).status_code == 302
    dwelling.refresh_from_db()
    assert dwelling.rent == 9100


def test_co_op_shares_above_ten_percent_are_warned_about(english, kari, trondheim, dwelling_post):
    for n in range(1, 3):
        DwellingFactory(
            municipality=trondheim,
            disposition_form="co_op_share",
            co_op_name="Lade borettslag",
            co_op_units=20,
            unit_number=f"H010{n}",
        )
    english.force_login(kari)
    post = {
        **dwelling_post,
        "disposition_form": "co_op_share",
        "co_op_name": "Lade borettslag",
        "co_op_units": "20",
    }
    page = english.post(reverse("housing:dwelling_create"), post, follow=True).content.decode()
    assert "holds 3 of 20 units in Lade borettslag" in page


def test_one_unit_of_a_co_op_of_five_is_not_warned_about(english, kari, dwelling_post):
    english.force_login(kari)
    post = {
        **dwelling_post,
        "disposition_form": "co_op_share",
        "co_op_name": "Moholt borettslag",
        "co_op_units": "5",
    }
    page = english.post(reverse("housing:dwelling_create"), post, follow=True).content.decode()
    assert "Moholt borettslag" in page
    assert "The municipality holds" not in page
    assert "10 %, and always one unit (burettslagslova §4-2)" in page


def test_three_of_twenty_are_allowed_where_the_statutes_allow_twenty_percent(
    english, kari, trondheim, dwelling_post
):
    for n in range(1, 3):
        DwellingFactory(
            municipality=trondheim,
            disposition_form="co_op_share",
            co_op_name="Lade borettslag",
            co_op_units=20,
            unit_number=f"H010{n}",
        )
    english.force_login(kari)
    post = {
        **dwelling_post,
        "disposition_form": "co_op_share",
        "co_op_name": "Lade borettslag",
        "co_op_units": "20",
        "co_op_statutes_allow_twenty_percent": "on",
    }
    page = english.post(reverse("housing:dwelling_create"), post, follow=True).content.decode()
    assert "The municipality holds" not in page
    assert "20 % (the co-op's statutes, burettslagslova §4-3)" in page


def test_the_status_page_changes_status(english, kari, dwelling):
    english.force_login(kari)
    url = reverse("housing:dwelling_status", args=[dwelling.pk])
    response = english.post(url, {"status": "maintenance", "reason": "Painting"})
    assert response.status_code == 302
    dwelling.refresh_from_db()
    assert dwelling.status == "maintenance"
