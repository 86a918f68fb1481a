import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.accommodation.models import Placement
from boligtorg.accommodation.services import (
    agreement_add,
    inspection_add,
    placement_create,
    placement_end,
    provider_create,
    stay_limit_set,
)
from boligtorg.accommodation.services.placements import (
    ERROR_DECISION_NEEDED,
    ERROR_NO_AGREEMENT,
    ERROR_NOT_FOR_CHILDREN,
)
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditEvent

from .factories import adult_members, family_case, granted, provider

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def messages(exc):
    return {field: [str(m) for m in msgs] for field, msgs in exc.value.message_dict.items()}


def test_a_provider_is_registered_and_audited(kari_actor):
    made = provider_create(
        actor=kari_actor, name="Nidaros Camping", address="Leirvegen 3", org_number="987 654 321"
    )
    assert made.org_number == "987654321"
    assert AuditEvent.objects.filter(
        object_type="accommodation.provider", object_id=str(made.pk), action="create"
    ).exists()


def test_a_provider_without_name_or_address_and_with_a_bad_org_number_gets_every_error(
    kari_actor,
):
    with pytest.raises(ValidationError) as exc:
        provider_create(actor=kari_actor, name=" ", address="", org_number="12x")
    assert set(exc.value.message_dict) == {"name", "address", "org_number"}


def test_an_agreement_version_may_not_overlap_the_one_in_force(kari_actor, kari, trondheim):
    made = provider(trondheim, kari)
    with pytest.raises(ValidationError) as exc:
        agreement_add(
            actor=kari_actor,
            provider=made,
            valid_from=TODAY,
            standard="Better",
            price_per_night=Decimal(700),
        )
    assert "valid_from" in exc.value.message_dict


def test_an_agreement_with_every_field_wrong_gets_every_error_at_once(kari_actor, kari, trondheim):
    made = provider(trondheim, kari, valid_to=TODAY - 30 * DAY)
    with pytest.raises(ValidationError) as exc:
        agreement_add(
            actor=kari_actor,
            provider=made,
            valid_from=TODAY,
            valid_to=TODAY - DAY,
            standard="",
            price_per_night=Decimal(-1),
        )
    assert set(exc.value.message_dict) == {"valid_to", "standard", "price_per_night"}


def test_an_inspection_cannot_be_in_the_future_and_needs_a_result(kari_actor, kari, trondheim):
    made = provider(trondheim, kari)
    with pytest.raises(ValidationError) as exc:
        inspection_add(actor=kari_actor, provider=made, inspected_on=TODAY + DAY, result="")
    assert set(exc.value.message_dict) == {"inspected_on", "result"}
    inspection_add(actor=kari_actor, provider=made, inspected_on=TODAY, result="approved")
    assert made.inspections.count() == 1


def test_a_household_is_placed_on_a_granting_decision_at_the_agreement_price(
    kari_actor, kari, trondheim, ole_case
):
    made = provider(trondheim, kari)
    placement = placement_create(
        actor=kari_actor,
        application=ole_case,
        provider=made,
        starts_on=TODAY,
        members=ole_case.household.members.all(),
        decision=granted(ole_case, kari),
    )
    assert placement.price_per_night == Decimal("650.00")
    assert AuditEvent.objects.filter(
        object_type="accommodation.placement", object_id=str(placement.pk)
    ).exists()


def test_a_placement_without_a_decision_is_refused_unless_an_emergency_the_same_night(
    kari_actor, kari, trondheim, ole_case
):
    made = provider(trondheim, kari)
    members = ole_case.household.members.all()
    with pytest.raises(ValidationError) as exc:
        placement_create(
            actor=kari_actor, application=ole_case, provider=made, starts_on=TODAY, members=members
        )
    assert messages(exc) == {"decision": [str(ERROR_DECISION_NEEDED)]}
    with pytest.raises(ValidationError) as exc:
        placement_create(
            actor=kari_actor,
            application=ole_case,
            provider=made,
            starts_on=TODAY - DAY,
            members=members,
            emergency=True,
        )
    assert set(exc.value.message_dict) == {"starts_on"}
    placement = placement_create(
        actor=kari_actor,
        application=ole_case,
        provider=made,
        starts_on=TODAY,
        members=members,
        emergency=True,
    )
    assert placement.emergency and placement.decision is None


def test_no_placement_with_a_provider_whose_agreement_is_not_in_force_on_its_dates(
    kari_actor, kari, trondheim, ole_case
):
    made = provider(trondheim, kari, valid_to=TODAY + 10 * DAY)
    with pytest.raises(ValidationError) as exc:
        placement_create(
            actor=kari_actor,
            application=ole_case,
            provider=made,
            starts_on=TODAY,
            ends_on=TODAY + 20 * DAY,
            members=ole_case.household.members.all(),
            decision=granted(ole_case, kari),
        )
    assert messages(exc) == {"provider": [str(ERROR_NO_AGREEMENT)]}


def test_a_family_with_children_is_never_placed_with_a_provider_not_approved_for_children(
    kari_actor, kari, trondheim
):
    case = family_case(trondheim, kari)
    made = provider(trondheim, kari, children=False)
    with pytest.raises(ValidationError) as exc:
        placement_create(
            actor=kari_actor,
            application=case,
            provider=made,
            starts_on=TODAY,
            members=case.household.members.all(),
            decision=granted(case, kari),
        )
    assert messages(exc) == {"provider": [str(ERROR_NOT_FOR_CHILDREN)]}
    # The adults alone may stay there; with a provider approved for children, all may.
    placement_create(
        actor=kari_actor,
        application=case,
        provider=made,
        starts_on=TODAY,
        ends_on=TODAY + DAY,
        members=adult_members(case),
        decision=case.decisions.get(),
    )
    approved = provider(trondheim, kari, name="Familiehuset", children=True)
    placement_create(
        actor=kari_actor,
        application=case,
        provider=approved,
        starts_on=TODAY + 2 * DAY,
        members=case.household.members.all(),
        decision=case.decisions.get(),
    )
    assert Placement.objects.filter(application=case).count() == 2


def test_every_placement_error_is_given_at_once(kari_actor, kari, trondheim, ole_case):
    other = family_case(trondheim, kari)
    with pytest.raises(ValidationError) as exc:
        placement_create(
            actor=kari_actor,
            application=ole_case,
            provider=None,
            starts_on=TODAY,
            ends_on=TODAY - DAY,
            price_per_night=Decimal(-5),
            members=other.household.members.all(),
            decision=granted(other, kari),
        )
    assert set(exc.value.message_dict) == {
        "provider",
        "ends_on",
        "price_per_night",
        "members",
        "decision",
    }


def test_a_placement_cannot_use_another_municipalitys_provider(
    kari_actor, sven, skanderborg, ole_case, kari
):
    theirs = provider(skanderborg, sven)
    with pytest.raises(PermissionDenied):
        placement_create(
            actor=kari_actor,
            application=ole_case,
            provider=theirs,
            starts_on=TODAY,
            members=ole_case.household.members.all(),
            decision=granted(ole_case, kari),
        )


def test_a_placement_ends_once_and_not_before_it_began(kari_actor, kari, trondheim, ole_case):
    made = provider(trondheim, kari)
    placement = placement_create(
        actor=kari_actor,
        application=ole_case,
        provider=made,
        starts_on=TODAY - 5 * DAY,
        members=ole_case.household.members.all(),
        decision=granted(ole_case, kari),
    )
    with pytest.raises(ValidationError) as exc:
        placement_end(actor=kari_actor, placement=placement, ends_on=TODAY - 6 * DAY)
    assert set(exc.value.message_dict) == {"ends_on"}
    placement_end(actor=kari_actor, placement=placement, ends_on=TODAY, reason="Got a flat")
    placement.refresh_from_db()
    assert placement.ends_on == TODAY
    with pytest.raises(ValidationError):
        placement_end(actor=kari_actor, placement=placement, ends_on=TODAY)


def test_stay_limits_are_dated_and_one_per_day(kari_actor):
    stay_limit_set(actor=kari_actor, valid_from=TODAY, nights=90, nights_with_children=0)
    with pytest.raises(ValidationError) as exc:
        stay_limit_set(actor=kari_actor, valid_from=TODAY, nights=-1, nights_with_children=None)
    assert set(exc.value.message_dict) == {"valid_from", "nights", "nights_with_children"}


def test_a_manager_may_not_write(mona, trondheim):
    with pytest.raises(PermissionDenied):
        provider_create(actor=actor_for(mona, trondheim), name="X", address="Y")
