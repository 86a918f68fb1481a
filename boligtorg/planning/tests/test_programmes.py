"""Housing programmes (seed 004): Ingrid the planner maps persons, groups them,
adds projects with financing and reads the coverage; Kari the caseworker reads;
Sven of Skanderborg gets 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.planning import selectors_programmes as selectors
from boligtorg.planning.factories_programmes import (
    MappedPersonFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from boligtorg.planning.models import MappedPerson, ProgrammeNeed, Project
from boligtorg.planning.services import programmes as services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def ingrid(trondheim):
    return member("ingrid", trondheim, Role.PLANNER, first_name="Ingrid", last_name="Lie")


@pytest.fixture
def ingrid_actor(ingrid, trondheim):
    return actor_for(ingrid, trondheim)


@pytest.fixture
def programme(trondheim):
    return ProgrammeFactory(municipality=trondheim, name="Boligprogram 2026–2030")


def _project(actor, programme, **overrides):
    fields = {
        "name": "Klynge Lade",
        "kind": "build",
        "status": "planned",
        "year": 2028,
        "units": 5,
        "need_kind": "cluster",
        "cost": 10_000_000,
        "own_funds": 3_000_000,
        "investment_grant": 7_000_000,
        "loans": 0,
    }
    return services.project_create(actor=actor, programme=programme, **{**fields, **overrides})


def test_ingrid_adds_a_project_whose_financing_adds_up(ingrid_actor, programme):
    project = _project(ingrid_actor, programme)
    assert project.cost == project.own_funds + project.investment_grant + project.loans
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="planning.project")


def test_financing_that_falls_short_of_the_cost_is_refused_at_own_funds(ingrid_actor, programme):
    with pytest.raises(ValidationError) as caught:
        _project(ingrid_actor, programme, investment_grant=6_000_000)
    message = caught.value.message_dict["own_funds"][0]
    assert "1\u00a0000\u00a0000 kr short" in message
    assert not Project.objects.exists()


def test_the_project_form_splits_percentages_by_the_grorud_assumption(client, ingrid, programme):
    client.force_login(ingrid)
    url = reverse("planning:project_create", args=[programme.pk])
    form = {
        "name": "Kjøp Saupstad",
        "kind": "buy",
        "status": "planned",
        "year": "2027",
        "units": "2",
        "need_kind": "separate",
        "cost": "1000001",
        "entry": "percent",
        "own_funds": "30",
        "investment_grant": "70",
        "loans": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.own_funds, project.investment_grant, project.loans) == (300_000, 700_001, 0)


def test_percentages_that_do_not_add_up_keep_what_was_typed(client, ingrid, programme):
    client.force_login(ingrid)
    url = reverse("planning:project_create", args=[programme.pk])
    response = client.post(
        url,
        {
            "name": "Ombygging Ila",
            "kind": "convert",
            "status": "not_started",
            "year": "2029",
            "units": "4",
            "need_kind": "cluster",
            "cost": "8000000",
            "entry": "percent",
            "own_funds": "30",
            "investment_grant": "60",
            "loans": "0",
        },
    )
    assert response.status_code == 200
    assert "90 %" in response.content.decode()
    assert 'value="Ombygging Ila"' in response.content.decode()
    assert not Project.objects.exists()


def test_the_grorud_button_fills_in_30_and_70_percent_without_saving(client, ingrid, programme):
    client.force_login(ingrid)
    url = reverse("planning:project_create", args=[programme.pk])
    response = client.post(
        url, {"name": "Leie Byåsen", "entry": "amounts", "own_funds": "1", "grorud": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Leie Byåsen"' in body
    assert 'name="own_funds" value="30"' in body
    assert not Project.objects.exists()


def test_coverage_counts_done_and_planned_projects_against_the_mapped_need(ingrid_actor, programme):
    """Persons: 3 cluster in 2027 and 1 separate in 2026; projects: 5 cluster units
    planned in 2028, 1 separate not started in 2026. Cluster 2027: 0 of 3 (3 short);
    2028: 5 of 3. Separate: 0 of 1 in every year."""
    for n in range(3):
        MappedPersonFactory(programme=programme, pseudonym=f"C{n}", expected_year=2027)
    MappedPersonFactory(programme=programme, pseudonym="S", expected_year=2026, need="single_only")
    _project(ingrid_actor, programme)
    _project(
        ingrid_actor,
        programme,
        name="Enkel",
        need_kind="separate",
        status="not_started",
        units=1,
        year=2026,
        cost=0,
        own_funds=0,
        investment_grant=0,
    )
    coverage = selectors.coverage_of(programme)
    cluster = {c.year: (c.units, c.need, c.shortfall) for c in coverage.by_kind["cluster"]}
    assert cluster[2027] == (0, 3, 3)
    assert cluster[2028] == (5, 3, 0)
    assert {c.shortfall for c in coverage.by_kind["separate"]} == {1}


def test_a_manager_maps_a_person_from_a_case_and_a_planners_read_is_audited(
    client, ingrid, ingrid_actor, programme, trondheim
):
    case = ApplicationFactory(municipality=trondheim, status="submitted")
    mona = member("mona", trondheim, Role.MANAGER)
    person = services.mapped_person_add(
        actor=actor_for(mona, trondheim),
        programme=programme,
        pseudonym="AB",
        age_group="18-25",
        expected_year=2027,
        need="staffed",
        application=case,
        interests="Music, outdoors",
    )
    assert person.interests == "music, outdoors"
    client.force_login(ingrid)
    response = client.get(reverse("planning:mapped_person_list", args=[programme.pk]))
    assert response.status_code == 200
    # Ingrid the planner may not read the case: the link is not shown.
    assert reverse("cases:detail", args=[case.pk]) not in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="planning.housingprogramme"
    ).exists()


def test_a_manager_sees_the_case_link_of_a_mapped_person(client, trondheim, programme):
    mona = member("mona", trondheim, Role.MANAGER)
    case = ApplicationFactory(municipality=trondheim, status="submitted")
    MappedPersonFactory(programme=programme, application=case)
    client.force_login(mona)
    response = client.get(reverse("planning:mapped_person_list", args=[programme.pk]))
    assert reverse("cases:detail", args=[case.pk]) in response.content.decode()


def test_kari_the_caseworker_reads_the_programme_but_not_its_persons(client, kari, programme):
    # A hyphen cannot occur in a CSRF token, so the pseudonym is found only if shown.
    MappedPersonFactory(programme=programme, pseudonym="P-XY-7")
    client.force_login(kari)
    detail = client.get(reverse("planning:programme_detail", args=[programme.pk]))
    assert detail.status_code == 200
    assert "P-XY-7" not in detail.content.decode()
    assert (
        client.get(reverse("planning:mapped_person_list", args=[programme.pk])).status_code == 403
    )
    assert client.get(reverse("planning:programme_create")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=actor_for(kari, programme.municipality), name="X", first_year=2026, last_year=2030
        )


def test_sven_of_skanderborg_gets_404_for_trondheims_programme(client, skanderborg, programme):
    anne = member("anne", skanderborg, Role.PLANNER)
    client.force_login(anne)
    assert client.get(reverse("planning:programme_detail", args=[programme.pk])).status_code == 404


def test_a_pseudonym_taken_and_a_year_after_the_programme_are_named(ingrid_actor, programme):
    MappedPersonFactory(programme=programme, pseudonym="KL")
    with pytest.raises(ValidationError) as caught:
        services.mapped_person_add(
            actor=ingrid_actor,
            programme=programme,
            pseudonym="KL",
            age_group="18-25",
            expected_year=2031,
            need="cluster_ok",
        )
    errors = caught.value.message_dict
    assert errors["pseudonym"] == [str(services.ERROR_PSEUDONYM_TAKEN)]
    assert "ends in 2030" in errors["expected_year"][0]


def test_ingrid_groups_the_mapped_persons_and_accepts_the_proposal(client, ingrid, programme):
    """Five young music lovers (one needs services) and one who wants only a
    separate dwelling: a cluster with services of five and one separate dwelling."""
    for n in range(5):
        MappedPersonFactory(
            programme=programme,
            pseudonym=f"U{n}",
            interests="music",
            need="staffed" if n == 0 else "cluster_ok",
        )
    MappedPersonFactory(programme=programme, pseudonym="E", need="single_only", age_group="51-66")
    client.force_login(ingrid)
    url = reverse("planning:programme_grouping", args=[programme.pk])
    proposal = client.post(url, {"propose": "1"})
    body = proposal.content.decode()
    assert "Proven best" in body or "Bevist" in body or proposal.context["proposal"].groups
    encoded = proposal.context["proposal"].encoded
    accepted = client.post(url, {"accept": "1", "partition": encoded})
    assert accepted.status_code == 302
    kinds = sorted(ProgrammeNeed.objects.values_list("kind", "units"))
    assert kinds == [("separate", 1), ("with_services", 5)]
    assert MappedPerson.objects.filter(programme_need__isnull=True).count() == 0


def test_a_proposal_made_before_a_person_was_added_is_refused(ingrid_actor, programme):
    first = MappedPersonFactory(programme=programme)
    stale = selectors.decode_partition(f"|{first.pk}")
    MappedPersonFactory(programme=programme)
    with pytest.raises(ValidationError) as caught:
        services.programme_needs_accept(actor=ingrid_actor, programme=programme, partition=stale)
    assert caught.value.messages == [str(services.ERROR_GROUPING_STALE)]


def test_the_programme_page_takes_a_fixed_number_of_queries(
    client, ingrid, programme, django_assert_num_queries
):
    for n in range(4):
        MappedPersonFactory(programme=programme, pseudonym=f"Q{n}")
        ProjectFactory(programme=programme, name=f"P{n}")
    client.force_login(ingrid)
    url = reverse("planning:programme_detail", args=[programme.pk])
    client.get(url)
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    for n in range(4, 8):
        MappedPersonFactory(programme=programme, pseudonym=f"Q{n}")
        ProjectFactory(programme=programme, name=f"P{n}")
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_empty_lists_show_their_empty_state(client, ingrid, trondheim):
    client.force_login(ingrid)
    body = client.get(reverse("planning:programme_list")).content.decode()
    assert "bt-empty" in body
    assert reverse("planning:programme_create") in body


def test_deleting_a_programme_asks_first(client, ingrid, programme):
    client.force_login(ingrid)
    url = reverse("planning:programme_delete", args=[programme.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not type(programme).objects.exists()


# Mapped persons from cases -----------------------------------------------------------


@pytest.fixture
def mona(trondheim):
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Dahl")


@pytest.fixture
def lina_case(trondheim):
    """Lina Berg's case: born 1 March 2001, a shared house is acceptable, in work."""
    import datetime

    from boligtorg.cases.factories import HouseholdFactory, PersonFactory
    from boligtorg.cases.models import MappingInterview, TargetGroup

    lina = PersonFactory(
        municipality=trondheim,
        first_name="Lina",
        last_name="Berg",
        gender="female",
        date_of_birth=datetime.date(2001, 3, 1),
    )
    case = ApplicationFactory(
        municipality=trondheim,
        household=HouseholdFactory(municipality=trondheim, main=lina),
        status="submitted",
        accepts_shared_house=True,
    )
    case.target_groups.set(
        [TargetGroup.objects.create(municipality=trondheim, code="young", name="Unge")]
    )
    MappingInterview.objects.create(
        application=case,
        held_on=datetime.date(2026, 1, 10),
        interviewer=member("kåre", trondheim, Role.CASEWORKER),
        economy_score=3,
        neighbours_score=3,
        cleaning_score=3,
        daily_activity_score=3,
        network_score=3,
        in_work_or_education=True,
        health="Not to be copied",
    )
    return case


def test_a_manager_finds_a_case_by_name_and_maps_the_person_from_it(
    english, mona, programme, lina_case
):
    english.force_login(mona)
    search = english.get(
        reverse("planning:mapped_person_from_case", args=[programme.pk]), {"q": "Berg"}
    )
    assert list(search.context["page"].object_list) == [lina_case]
    url = reverse("planning:mapped_person_create", args=[programme.pk])
    form = english.get(url, {"case": lina_case.pk})
    initial = form.context["form"].initial
    assert initial["case_number"] == lina_case.number
    assert initial["gender"] == "female"
    assert initial["need"] == "cluster_ok"
    assert initial["interests"] == "work or education"
    assert initial["target_group"].code == "young"
    assert "pseudonym" not in initial
    body = form.content.decode()
    assert "Not to be copied" not in body
    assert reverse("cases:detail", args=[lina_case.pk]) in body
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.application", object_id=str(lina_case.pk)
    ).exists()
    posted = english.post(
        f"{url}?case={lina_case.pk}",
        {
            "case_number": lina_case.number,
            "pseudonym": "LB",
            "age_group": initial["age_group"],
            "gender": "female",
            "target_group": initial["target_group"].pk,
            "expected_year": 2027,
            "need": "cluster_ok",
            "interests": initial["interests"],
        },
    )
    assert posted.status_code == 302
    assert MappedPerson.objects.get(pseudonym="LB").application == lina_case
    again = english.get(
        reverse("planning:mapped_person_from_case", args=[programme.pk]), {"q": lina_case.number}
    )
    assert not again.context["page"].object_list


def test_the_age_group_is_the_persons_age_today_never_the_date_of_birth():
    import datetime

    born = datetime.date(2001, 3, 1)
    assert selectors.age_group_on(born, datetime.date(2027, 2, 28)) == "18-25"
    assert selectors.age_group_on(born, datetime.date(2027, 3, 1)) == "26-35"
    assert selectors.age_group_on(born, datetime.date(2070, 1, 1)) == "67+"


def test_ingrid_the_planner_finds_only_the_cases_of_her_case_team(
    client, ingrid, programme, lina_case
):
    from boligtorg.cases.models import TeamMember

    client.force_login(ingrid)
    url = reverse("planning:mapped_person_from_case", args=[programme.pk])
    assert not client.get(url, {"q": "Lina"}).context["page"].object_list
    create = reverse("planning:mapped_person_create", args=[programme.pk])
    assert client.get(create, {"case": lina_case.pk}).status_code == 403
    assert not AuditEvent.objects.filter(object_type="cases.application").exists()
    TeamMember.objects.create(application=lina_case, user=ingrid, service="Planning")
    assert list(client.get(url, {"q": "Lina"}).context["page"].object_list) == [lina_case]
    assert client.get(create, {"case": lina_case.pk}).status_code == 200


def test_an_empty_search_lists_no_cases(client, mona, programme, lina_case):
    client.force_login(mona)
    response = client.get(reverse("planning:mapped_person_from_case", args=[programme.pk]))
    assert response.status_code == 200
    assert not response.context["page"].object_list


def test_a_case_of_another_municipality_is_not_found(client, mona, programme, skanderborg):
    other = ApplicationFactory(municipality=skanderborg, status="submitted")
    client.force_login(mona)
    create = reverse("planning:mapped_person_create", args=[programme.pk])
    assert client.get(create, {"case": other.pk}).status_code == 404
    assert client.get(create, {"case": "x"}).status_code == 404


def test_ingrid_edits_a_person_a_manager_linked_without_seeing_or_losing_the_case(
    english, ingrid, programme, lina_case
):
    person = MappedPersonFactory(programme=programme, pseudonym="LB", application=lina_case)
    english.force_login(ingrid)
    url = reverse("planning:mapped_person_edit", args=[person.pk])
    page = english.get(url)
    body = page.content.decode()
    assert lina_case.number not in body
    assert "Linked to a housing case you may not read" in body
    saved = english.post(
        url,
        {
            "pseudonym": "LB2",
            "age_group": "18-25",
            "gender": "other",
            "expected_year": 2028,
            "need": "cluster_ok",
        },
    )
    assert saved.status_code == 302
    person.refresh_from_db()
    assert (person.pseudonym, person.application) == ("LB2", lina_case)


def test_a_case_already_mapped_is_named_at_the_case_number(english, mona, programme, lina_case):
    MappedPersonFactory(programme=programme, pseudonym="LB", application=lina_case)
    english.force_login(mona)
    response = english.post(
        reverse("planning:mapped_person_create", args=[programme.pk]),
        {
            "case_number": lina_case.number,
            "pseudonym": "LB-2",
            "age_group": "18-25",
            "gender": "other",
            "expected_year": 2027,
            "need": "cluster_ok",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["case_number"] == [str(services.ERROR_CASE_TAKEN)]


def test_a_programme_cannot_end_before_its_mapped_persons_need_a_dwelling(ingrid_actor, programme):
    MappedPersonFactory(programme=programme, expected_year=2029)
    with pytest.raises(ValidationError) as caught:
        services.programme_update(
            actor=ingrid_actor, programme=programme, name="X", first_year=2026, last_year=2028
        )
    assert caught.value.message_dict["last_year"] == [
        "Mapped persons need a dwelling from 2029; the programme cannot end before that."
    ]
    services.programme_update(
        actor=ingrid_actor, programme=programme, name="X", first_year=2026, last_year=2029
    )
