"""Writes of the vulnerable-areas part: areas on the dwelling register's areas, the
all-or-nothing indicator import, criterion sets without overlaps, and the
coordination groups."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.housing.models import Area
from boligtorg.housing.services import ImportRejected
from boligtorg.planning.factories_areas import GroupMeetingFactory
from boligtorg.planning.models import AreaIndicator, CoordinationGroup, CriterionSet, PlanningArea
from boligtorg.planning.services import areas as services

pytestmark = pytest.mark.django_db

GOOD_FILE = (
    "area;year;residents;outside_work;convictions_ratio;basic_schooling;income_ratio;non_western\n"
    "Højvangen;2019;1200;45;2,1;65;50;55\n"
    "Højvangen;2020;1210;44;2,0;64;51;56\n"
).encode()


@pytest.fixture
def lise(skanderborg):
    """Lise the planner in Skanderborg."""
    return actor_for(member("lise", skanderborg, Role.PLANNER), skanderborg)


@pytest.fixture
def hoejvangen(lise):
    return services.area_create(
        actor=lise,
        name="Højvangen",
        housing_organisation="Skanderborg Andelsboligforening",
        department="afd. 3",
        addresses="Højvangen 1\n\n  Højvangen 3 ",
    )


def test_a_new_area_sits_on_the_dwelling_registers_area_with_a_steering_group_and_a_kuf(
    hoejvangen, skanderborg
):
    assert hoejvangen.area == Area.objects.get(municipality=skanderborg, name="Højvangen")
    assert hoejvangen.address_lines == ["Højvangen 1", "Højvangen 3"]
    assert set(
        CoordinationGroup.objects.filter(area=hoejvangen).values_list("kind", flat=True)
    ) == {
        "steering",
        "kuf",
    }
    assert AuditEvent.objects.filter(action="create", object_id=str(hoejvangen.pk)).exists()


def test_a_danish_municipalitys_first_area_brings_the_statutory_criterion_sets(hoejvangen):
    sets = CriterionSet.objects.filter(municipality=hoejvangen.municipality)
    assert sets.count() == 6
    assert services.criterion_sets_ensure(municipality=hoejvangen.municipality) == 0


def test_a_norwegian_municipality_gets_no_danish_criteria(trondheim):
    assert services.criterion_sets_ensure(municipality=trondheim) == 0


def test_an_existing_housing_area_is_reused_but_not_registered_twice(lise, skanderborg):
    Area.objects.create(municipality=skanderborg, name="Mølleparken")
    made = services.area_create(actor=lise, name="Mølleparken")
    assert made.area.name == "Mølleparken"
    with pytest.raises(ValidationError) as caught:
        services.area_create(actor=lise, name="Mølleparken")
    assert caught.value.message_dict["name"] == [
        str(services.ERROR_NAME_TAKEN % {"name": "Mølleparken"})
    ]


def test_a_boundary_that_is_not_geojson_is_refused_at_the_field(lise):
    with pytest.raises(ValidationError) as caught:
        services.area_create(actor=lise, name="Eskebækparken", boundary="[1, 2]")
    assert caught.value.message_dict == {"boundary": [str(services.ERROR_BOUNDARY)]}
    assert not PlanningArea.objects.exists()


def test_renaming_an_area_renames_the_dwelling_registers_area(lise, hoejvangen):
    services.area_update(actor=lise, planning_area=hoejvangen, name="Højvangen Nord")
    assert Area.objects.get(pk=hoejvangen.area_id).name == "Højvangen Nord"


def test_a_caseworker_cannot_register_an_area(sven, skanderborg):
    with pytest.raises(PermissionDenied):
        services.area_create(actor=actor_for(sven, skanderborg), name="Højvangen")


def test_deleting_an_area_keeps_the_housing_area(lise, hoejvangen):
    services.area_delete(actor=lise, planning_area=hoejvangen)
    assert not PlanningArea.objects.exists()
    assert Area.objects.filter(name="Højvangen").exists()


def test_an_indicator_file_is_imported_and_a_second_import_of_the_same_year_updates(
    lise, hoejvangen
):
    rows, errors = services.read_indicator_csv(GOOD_FILE)
    assert services.indicators_import(actor=lise, rows=rows, read_errors=errors) == (2, 0)
    changed = GOOD_FILE.replace(b"1210;44", b"1230;41")
    rows, errors = services.read_indicator_csv(changed)
    assert services.indicators_import(actor=lise, rows=rows, read_errors=errors) == (0, 1)
    row = AreaIndicator.objects.get(area=hoejvangen, year=2020)
    assert (row.residents, row.outside_work, row.convictions_ratio) == (1230, Decimal("41.0"), 2)


def test_a_file_with_bad_rows_names_every_row_and_column_and_writes_nothing(lise, hoejvangen):
    data = (
        "område;år;beboere;outside_work;non_western\n"
        "Højvangen;2019;1200;45;55\n"
        "Højvangen;20x9;1200;145;55\n"
        "Ukendt;2019;;45;55\n"
        "Højvangen;2019;1200;45;55\n"
    ).encode()
    rows, errors = services.read_indicator_csv(data)
    with pytest.raises(ImportRejected) as caught:
        services.indicators_import(actor=lise, rows=rows, read_errors=errors)
    assert [(e.line, e.column) for e in caught.value.errors] == [
        (3, "outside_work"),
        (3, "year"),
        (4, "area"),
        (4, "residents"),
        (5, "year"),
    ]
    assert caught.value.errors[-1].message == str(services.ERROR_TWICE % {"line": 2})
    assert not AreaIndicator.objects.exists()


def _set(**overrides):
    values = {
        "kind": "vulnerable",
        "name": "Udsat 2030",
        "valid_from": datetime.date(2030, 12, 1),
        "needed": 1,
        "criteria": [
            {"indicator": "residents", "comparison": "gte", "threshold": 1000, "required": True},
            {"indicator": "outside_work", "comparison": "gt", "threshold": 45},
        ],
    }
    return {**values, **overrides}


def test_a_criterion_set_overlapping_one_of_the_same_kind_is_refused_and_nothing_written(
    mette, skanderborg, hoejvangen
):
    admin = actor_for(mette, skanderborg)
    before = CriterionSet.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.criterion_set_create(actor=admin, **_set())
    assert caught.value.message_dict["valid_from"] == [
        str(
            services.ERROR_OVERLAP
            % {"name": "Udsat boligområde 2018– (2 of 4)", "start": "2018-12-01", "end": "…"}
        )
    ]
    assert CriterionSet.objects.count() == before


def test_a_criterion_set_after_the_current_one_ends_is_saved(mette, skanderborg):
    admin = actor_for(mette, skanderborg)
    services.criterion_set_create(
        actor=admin,
        **_set(valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2029, 12, 31)),
    )
    made = services.criterion_set_create(actor=admin, **_set())
    assert [c.indicator for c in made.criteria.all()] == ["residents", "outside_work"]


def test_ending_the_statutory_set_lets_its_successor_start_the_day_after(
    mette, skanderborg, hoejvangen
):
    """The law changes from 1 December 2030: the 2018 set ends on 30 November, the
    new one starts the next day, and the change is audited."""
    admin = actor_for(mette, skanderborg)
    current = CriterionSet.objects.get(municipality=skanderborg, kind="vulnerable", valid_to=None)
    services.criterion_set_end(
        actor=admin, criterion_set=current, valid_to=datetime.date(2030, 11, 30)
    )
    current.refresh_from_db()
    assert current.valid_to == datetime.date(2030, 11, 30)
    assert services.criterion_set_create(actor=admin, **_set()).valid_from == datetime.date(
        2030, 12, 1
    )
    event = AuditEvent.objects.get(action="update", object_id=str(current.pk))
    assert event.changes == {"valid_to": [None, "2030-11-30"]}


def test_a_last_day_overlapping_the_next_set_or_before_the_first_is_refused(
    mette, skanderborg, hoejvangen
):
    admin = actor_for(mette, skanderborg)
    first = CriterionSet.objects.get(
        municipality=skanderborg, kind="ghetto_list", valid_from__year=2010
    )
    with pytest.raises(ValidationError) as caught:
        services.criterion_set_end(
            actor=admin, criterion_set=first, valid_to=datetime.date(2014, 12, 31)
        )
    assert caught.value.message_dict["valid_to"] == [
        str(
            services.ERROR_OVERLAP
            % {"name": "Ghetto list 2013–2017 (3 of 5)", "start": "2013-12-01", "end": "2018-11-30"}
        )
    ]
    with pytest.raises(ValidationError) as caught:
        services.criterion_set_end(
            actor=admin, criterion_set=first, valid_to=datetime.date(2009, 12, 31)
        )
    assert caught.value.message_dict == {"valid_to": [str(services.ERROR_TO_BEFORE_FROM)]}
    first.refresh_from_db()
    assert first.valid_to == datetime.date(2013, 11, 30)


def test_a_caseworker_cannot_end_a_criterion_set(sven, skanderborg, hoejvangen):
    row = CriterionSet.objects.filter(municipality=skanderborg).first()
    with pytest.raises(PermissionDenied):
        services.criterion_set_end(
            actor=actor_for(sven, skanderborg),
            criterion_set=row,
            valid_to=datetime.date(2030, 1, 1),
        )


def test_a_set_cannot_need_more_criteria_than_it_counts(mette, skanderborg):
    with pytest.raises(ValidationError) as caught:
        services.criterion_set_create(actor=actor_for(mette, skanderborg), **_set(needed=2))
    assert caught.value.message_dict == {
        "needed": [str(services.ERROR_NEEDED_TOO_MANY % {"count": 1})]
    }


def test_a_manager_does_not_manage_criterion_sets(skanderborg):
    manager = actor_for(member("mona", skanderborg, Role.MANAGER), skanderborg)
    with pytest.raises(PermissionDenied):
        services.criterion_set_create(actor=manager, **_set())


def test_an_action_cannot_be_due_before_its_meeting(lise, hoejvangen):
    meeting = GroupMeetingFactory(group=hoejvangen.groups.get(kind="kuf"))
    with pytest.raises(ValidationError) as caught:
        services.meeting_action_create(
            actor=lise,
            meeting=meeting,
            text="Homework café",
            responsible="SSP",
            due_on=datetime.date(2025, 1, 1),
        )
    assert list(caught.value.message_dict) == ["due_on"]
    action = services.meeting_action_create(
        actor=lise, meeting=meeting, text="Homework café", responsible="SSP"
    )
    services.meeting_action_set_done(
        actor=lise, action=action, done=True, today=datetime.date(2025, 5, 1)
    )
    assert action.done_on == datetime.date(2025, 5, 1)
