"""Shared-house composition (seed 000): a house's roles and caps as data, the
proposal of who fills its free units, and locking the chosen in a meeting."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boligtorg.allocation.factories import open_meeting, shared_house_candidate
from boligtorg.allocation.models import HouseSlot, PairConstraint, PairKind
from boligtorg.allocation.selectors_houses import slot_attributes
from boligtorg.allocation.services import composition as services
from boligtorg.cases.models import HouseholdMember, HouseholdRelation, MappingInterview
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus, SharedHouse

pytestmark = pytest.mark.django_db


@pytest.fixture
def tone(trondheim):
    return member("tone", trondheim, Role.MUNICIPALITY_ADMIN, Role.ALLOCATION_MEMBER)


@pytest.fixture
def tone_actor(tone, trondheim):
    return actor_for(tone, trondheim)


@pytest.fixture
def house(trondheim):
    """Five one-bedroom units in one shared house, all ready for moving in."""
    made = SharedHouse.objects.create(municipality=trondheim, name="Bofellesskap Lade")
    for number in range(1, 6):
        DwellingFactory(
            municipality=trondheim,
            address="Ladeveien 5",
            unit_number=f"H01{number:02d}",
            bedrooms=1,
            shared_house=made,
        )
    return made


@pytest.fixture
def candidates(trondheim, kari, today, rules_2000):
    """Five young unaccompanied refugees and three adult refugees. The young with the
    most waiting time are three boys from Eritrea; the cap of two per country
    keeps one of them out."""
    young = [
        ("male", "Eritrea", 900),
        ("male", "Eritrea", 890),
        ("male", "Eritrea", 880),
        ("female", "Somalia", 300),
        ("male", "Afghanistan", 100),
    ]
    adults = [
        ("female", "Syria", 600, True),
        ("male", "Eritrea", 500, True),
        ("female", "Syria", 400, False),  # not interested in young people: not a role model
    ]
    made = {}
    for i, (gender, country, waited) in enumerate(young):
        made[f"young{i}"] = shared_house_candidate(
            trondheim,
            kari,
            groups=("unaccompanied_minor", "refugee"),
            age=19,
            gender=gender,
            country=country,
            waited=waited,
        )
    for i, (gender, country, waited, interested) in enumerate(adults):
        made[f"adult{i}"] = shared_house_candidate(
            trondheim,
            kari,
            groups=("refugee",),
            age=34,
            gender=gender,
            country=country,
            waited=waited,
            interested=interested,
        )
    return made


def test_the_trondheim_model_fills_three_young_and_two_role_models_within_the_caps(
    tone_actor, house, candidates, today
):
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)
    proposal = services.house_compose(actor=tone_actor, house=house, on=today)

    result = proposal.result
    assert result.status == "optimal"
    assert result.objective == result.bound
    by_slot = {}
    for choice in result.chosen:
        by_slot.setdefault(proposal.slots[choice.slot].label, set()).add(choice.person_id)
    young_label, adult_label = (row[0] for row in services.TRONDHEIM_MODEL)
    # Only two adults are interested in young people: both are role models, one of
    # them from Eritrea. With at most two of one country, only one of the three
    # long-waiting Eritrean boys fits; the girl from Somalia and the boy from
    # Afghanistan fill the other young units.
    assert by_slot[adult_label] == {candidates["adult0"].pk, candidates["adult1"].pk}
    eritrean_boys = {candidates[f"young{i}"].pk for i in range(3)}
    assert len(by_slot[young_label] & eritrean_boys) == 1
    assert {candidates["young3"].pk, candidates["young4"].pk} <= by_slot[young_label]
    assert result.diversity == 2 + 4  # two genders; Eritrea, Somalia, Afghanistan, Syria


def test_the_proposal_is_the_best_of_every_legal_filling(tone_actor, house, candidates, today):
    """Brute force over all fillings of the five units from the eligible candidates:
    none that keeps the rules has more points than the solver's."""
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)
    proposal = services.house_compose(actor=tone_actor, house=house, on=today)
    people = [p.person for p in proposal.candidates]
    young_slot, adult_slot = (
        next(s for s in proposal.slots.values() if s.label == row[0])
        for row in services.TRONDHEIM_MODEL
    )

    def admits(slot, person):
        return (
            slot_attributes(slot) <= person.attributes
            and (slot.min_age is None or person.age >= slot.min_age)
            and (slot.max_age is None or person.age <= slot.max_age)
        )

    best = None
    for young in itertools.combinations([p for p in people if admits(young_slot, p)], 3):
        rest = [p for p in people if p not in young and admits(adult_slot, p)]
        for adults in itertools.combinations(rest, 2):
            house_people = young + adults
            if max(sum(q.gender == p.gender for q in house_people) for p in house_people) > 3:
                continue
            if max(sum(q.country == p.country for q in house_people) for p in house_people) > 2:
                continue
            total = sum(p.points for p in house_people)
            best = total if best is None else max(best, total)
    assert proposal.result.objective == best


def test_a_resident_counts_toward_the_country_cap(tone_actor, house, candidates, today, trondheim):
    """An Eritrean adult already lives in the house: only one more Eritrean fits."""
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)
    unit = house.dwellings.order_by("unit_number").first()
    unit.status = DwellingStatus.LET
    unit.save()
    lease = LeaseFactory(municipality=trondheim, dwelling=unit)
    resident = HouseholdMember.objects.get(
        household=lease.household, relation=HouseholdRelation.MAIN_APPLICANT
    ).person
    resident.country_background = "Eritrea"
    resident.gender = "male"
    resident.save()

    proposal = services.house_compose(actor=tone_actor, house=house, on=today)

    assert len(proposal.residents) == 1
    assert sum(proposal.free_units.values()) == 4
    chosen = {c.person_id for c in proposal.result.chosen}
    eritreans = [
        p for p in proposal.candidates if p.person.id in chosen and p.person.country == "eritrea"
    ]
    assert len(eritreans) == 1


def test_too_few_role_models_is_explained_not_solved(tone_actor, house, candidates, today):
    MappingInterview.objects.filter(application=candidates["adult1"]).update(
        interest_in_young_people=False
    )
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)

    proposal = services.house_compose(actor=tone_actor, house=house, on=today)

    assert proposal.result.status == "infeasible"
    (cause,) = proposal.result.infeasibilities
    assert cause.code == "too_few_eligible"
    assert (cause.needed, cause.best) == (2, 1)


def test_a_household_that_does_not_accept_a_shared_house_is_no_candidate(
    tone_actor, house, candidates, today, trondheim, kari
):
    refuses = shared_house_candidate(
        trondheim,
        kari,
        groups=("unaccompanied_minor", "refugee"),
        age=19,
        gender="female",
        country="Sudan",
        waited=2000,
        accepts=False,
    )
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)
    proposal = services.house_compose(actor=tone_actor, house=house, on=today)
    assert refuses.pk not in {p.application_id for p in proposal.candidates}


def test_a_house_without_roles_says_so(tone_actor, house, today):
    with pytest.raises(ValidationError) as error:
        services.house_compose(actor=tone_actor, house=house, on=today)
    assert error.value.messages == [str(services.ERROR_NO_RULES)]


def test_roles_cannot_hold_more_units_than_the_house_has(tone_actor, house):
    services.house_slot_add(actor=tone_actor, house=house, label="Ung", count=4)
    with pytest.raises(ValidationError) as error:
        services.house_slot_add(actor=tone_actor, house=house, label="Voksen", count=2)
    assert error.value.message_dict["count"] == [
        str(services.ERROR_SLOT_TOO_MANY % {"slots": 6, "units": 5})
    ]


def test_a_caseworker_cannot_change_a_house_s_roles(kari_actor, house):
    with pytest.raises(PermissionDenied):
        services.house_slot_add(actor=kari_actor, house=house, label="Ung", count=1)


def test_locking_the_chosen_puts_them_in_the_open_meeting(tone_actor, house, candidates, today):
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)
    meeting = open_meeting(tone_actor, today)
    proposal = services.house_compose(actor=tone_actor, house=house, on=today)
    chosen = [c.person_id for c in proposal.result.chosen]
    applications = [a for a in candidates.values() if a.pk in chosen]

    found, made = services.house_lock_chosen(
        actor=tone_actor, house=house, applications=applications
    )

    assert (found, made) == (meeting, 5)
    locks = PairConstraint.objects.filter(meeting=meeting, kind=PairKind.LOCK)
    assert set(locks.values_list("application_id", flat=True)) == set(chosen)
    assert set(locks.values_list("dwelling__shared_house", flat=True)) == {house.pk}


def test_locking_without_an_open_meeting_says_so(tone_actor, house, candidates):
    with pytest.raises(ValidationError) as error:
        services.house_lock_chosen(
            actor=tone_actor, house=house, applications=[candidates["young0"]]
        )
    assert error.value.messages == [str(services.ERROR_NO_MEETING)]


# Pages


def test_the_house_page_proposes_residents_with_reasons_and_audits_it(
    client, tone, house, candidates, english
):
    client.force_login(tone)
    client.post(reverse("allocation:house_trondheim_model", args=[house.pk]))
    response = client.post(reverse("allocation:house_compose", args=[house.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Proven optimal" in page
    assert candidates["young0"].number in page
    assert "share this country background (at most 2)" in page
    assert AuditEvent.objects.filter(
        action="view", object_type__endswith="sharedhouse", object_id=str(house.pk)
    ).exists()


def test_the_house_list_shows_units_and_roles(client, tone, house, english):
    client.force_login(tone)
    response = client.get(reverse("allocation:house_list"))
    assert response.status_code == 200
    assert "Bofellesskap Lade" in response.content.decode()
    assert "No roles yet" in response.content.decode()


def test_a_bad_role_keeps_what_was_typed_and_names_the_field(client, tone, house, english):
    client.force_login(tone)
    response = client.post(
        reverse("allocation:slot_create", args=[house.pk]),
        {"label": "Rollemodell", "count": "2", "min_age": "30", "max_age": "21"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["max_age"] == [str(services.ERROR_SLOT_AGES)]
    assert 'value="Rollemodell"' in response.content.decode()
    assert not HouseSlot.objects.exists()


def test_removing_a_role_asks_first(client, tone, tone_actor, house, english):
    slot = services.house_slot_add(actor=tone_actor, house=house, label="Ung", count=3)
    client.force_login(tone)
    url = reverse("allocation:slot_remove", args=[slot.pk])
    assert "Remove the role Ung" in client.get(url).content.decode()
    assert HouseSlot.objects.filter(pk=slot.pk).exists()
    client.post(url)
    assert not HouseSlot.objects.filter(pk=slot.pk).exists()


def test_another_municipality_s_administrator_gets_404(client, skanderborg, house, tone_actor):
    slot = services.house_slot_add(actor=tone_actor, house=house, label="Ung", count=3)
    mette = member("mette", skanderborg, Role.MUNICIPALITY_ADMIN, Role.ALLOCATION_MEMBER)
    client.force_login(mette)
    assert client.get(reverse("allocation:house_detail", args=[house.pk])).status_code == 404
    assert client.post(reverse("allocation:house_compose", args=[house.pk])).status_code == 404
    assert client.get(reverse("allocation:slot_remove", args=[slot.pk])).status_code == 404


def test_per_the_auditor_reads_but_cannot_propose_or_change_roles(client, per, house):
    client.force_login(per)
    assert client.get(reverse("allocation:house_detail", args=[house.pk])).status_code == 200
    assert client.post(reverse("allocation:house_compose", args=[house.pk])).status_code == 403
    assert client.get(reverse("allocation:slot_create", args=[house.pk])).status_code == 403


def test_a_resident_whose_case_still_waits_is_not_also_a_candidate(
    tone_actor, house, candidates, today, trondheim
):
    """A lease registered by hand leaves the case on the waiting list: the person
    lives in the house and is counted once, as a resident."""
    services.house_rules_use_trondheim_model(actor=tone_actor, house=house)
    unit = house.dwellings.order_by("unit_number").first()
    unit.status = DwellingStatus.LET
    unit.save()
    resident = candidates["adult0"]
    LeaseFactory(municipality=trondheim, dwelling=unit, household=resident.household)

    proposal = services.house_compose(actor=tone_actor, house=house, on=today)

    assert [p.application_id for p in proposal.residents] == [resident.pk]
    assert resident.pk not in {p.application_id for p in proposal.candidates}
    assert resident.pk not in {c.person_id for c in proposal.result.chosen}


def test_trondheims_model_is_offered_only_while_the_house_has_no_roles(
    client, tone, tone_actor, house, english
):
    client.force_login(tone)
    url = reverse("allocation:house_detail", args=[house.pk])
    assert "Use Trondheim's model" in client.get(url).content.decode()
    services.house_slot_add(actor=tone_actor, house=house, label="Ung", count=3)
    assert "Use Trondheim's model" not in client.get(url).content.decode()
