"""Pages and reads of the vulnerable-areas part: who sees and who writes, the list,
an area's classification history, the need-based intensity with suppression,
the import page and the criterion sets."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.followup.models import FollowUpPlan
from boligtorg.planning import selectors_areas as selectors
from boligtorg.planning.factories_areas import AreaIndicatorFactory
from boligtorg.planning.models import AreaIndicator
from boligtorg.planning.services import areas as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def lise_user(skanderborg):
    return member("lise", skanderborg, Role.PLANNER)


@pytest.fixture
def lise(lise_user, skanderborg):
    return actor_for(lise_user, skanderborg)


@pytest.fixture
def hoejvangen(lise):
    area = services.area_create(actor=lise, name="Højvangen", housing_organisation="SAB")
    for year in range(2019, 2024):
        AreaIndicatorFactory(area=area, year=year)
    return area


def test_a_caseworker_reads_the_area_but_gets_403_on_its_forms(client, sven, hoejvangen):
    client.force_login(sven)
    assert client.get(reverse("planning:area_detail", args=[hoejvangen.pk])).status_code == 200
    assert client.get(reverse("planning:area_edit", args=[hoejvangen.pk])).status_code == 403
    assert client.get(reverse("planning:indicator_import")).status_code == 403


def test_a_user_of_trondheim_gets_404_for_a_skanderborg_area(client, kari, hoejvangen):
    client.force_login(kari)
    assert client.get(reverse("planning:area_detail", args=[hoejvangen.pk])).status_code == 404


def test_the_list_shows_the_latest_classification_and_searches(client, lise_user, hoejvangen):
    client.force_login(lise_user)
    page = client.get(reverse("planning:area_list")).content.decode()
    assert "Højvangen" in page and "omdannelsesområde" in page
    empty = client.get(reverse("planning:area_list"), {"q": "Nowhere"}).content.decode()
    assert "No areas match the search." in empty


def test_the_list_is_empty_with_a_way_to_register_the_first_area(client, lise_user):
    client.force_login(lise_user)
    page = client.get(reverse("planning:area_list")).content.decode()
    assert "No areas registered yet." in page and reverse("planning:area_create") in page


def test_the_area_page_shows_each_years_classification_and_the_criteria_met(
    client, lise_user, hoejvangen
):
    """Five years 2019–2023 as a parallelsamfund: 2023 is an omdannelsesområde."""
    client.force_login(lise_user)
    page = client.get(reverse("planning:area_detail", args=[hoejvangen.pk])).content.decode()
    assert "In 2023 the area is classified as: Transformation area (omdannelsesområde)." in page
    assert 'id="criteria-2019"' in page and "5 consecutive years of 5 needed." in page


def test_the_history_read_takes_a_fixed_number_of_queries(
    django_assert_num_queries, lise, hoejvangen
):
    with django_assert_num_queries(3):
        history = selectors.area_history(actor=lise, planning_area=hoejvangen)
    assert [row.year for row in history] == [2023, 2022, 2021, 2020, 2019]
    assert history[0].headline == "transformation"


def test_the_list_rows_take_three_queries_for_any_number_of_areas(
    django_assert_num_queries, lise, hoejvangen
):
    other = services.area_create(actor=lise, name="Mølleparken")
    AreaIndicatorFactory(area=other, year=2023, non_western=10)
    areas = list(selectors.area_list(actor=lise))
    with django_assert_num_queries(3):
        rows = selectors.area_rows(actor=lise, areas=areas)
    assert [(r.area.name, r.latest.headline) for r in rows] == [
        ("Højvangen", "transformation"),
        ("Mølleparken", "vulnerable"),
    ]


def test_need_based_intensity_suppresses_counts_below_five(
    django_assert_num_queries, lise, hoejvangen
):
    from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory
    from boligtorg.housing.factories import DwellingFactory, LeaseFactory

    municipality = hoejvangen.municipality
    for number in range(6):
        household = HouseholdFactory(municipality=municipality)
        dwelling = DwellingFactory(
            municipality=municipality, area=hoejvangen.area, unit_number=f"H01{number:02d}"
        )
        lease = LeaseFactory(
            municipality=municipality,
            dwelling=dwelling,
            household=household,
            start=datetime.date(2024, 1, 1),
            end=datetime.date(2027, 1, 1),
        )
        application = ApplicationFactory(
            municipality=municipality,
            household=household,
            status="submitted",
            received_on=datetime.date(2024, 2, 1),
        )
        if number < 2:
            FollowUpPlan.objects.create(
                municipality=municipality,
                application=application,
                lease=lease,
                started_on=datetime.date(2024, 3, 1),
            )
    with django_assert_num_queries(5):
        rows = selectors.area_intensity(
            actor=lise, planning_area=hoejvangen, today=datetime.date(2025, 6, 1)
        )
    assert [(r.year, r.households_with_cases, r.followup_plans) for r in rows] == [
        (2025, "6", "<5"),
        (2024, "6", "<5"),
        (2023, "<5", "<5"),
        (2022, "<5", "<5"),
    ]


def test_importing_a_file_with_a_bad_row_shows_it_and_writes_nothing(client, lise_user, hoejvangen):
    client.force_login(lise_user)
    AreaIndicator.objects.all().delete()
    bad = SimpleUploadedFile(
        "figures.csv", "area;year;residents\nHøjvangen;2024;1200\nHøjvangen;2024;x\n".encode()
    )
    page = client.post(reverse("planning:indicator_import"), {"file": bad}).content.decode()
    assert "Nothing was imported: 1 row has errors." in page
    assert "Write a number, e.g. 54.5." in page
    assert not AreaIndicator.objects.exists()
    good = SimpleUploadedFile("figures.csv", "area;year;residents\nHøjvangen;2024;1200\n".encode())
    response = client.post(reverse("planning:indicator_import"), {"file": good})
    assert response.status_code == 302
    assert AreaIndicator.objects.get().residents == 1200


def test_the_create_form_keeps_what_was_typed_on_an_error(client, lise_user, hoejvangen):
    client.force_login(lise_user)
    page = client.post(
        reverse("planning:area_create"),
        {"name": "Højvangen", "department": "afd. 7", "boundary": ""},
    ).content.decode()
    assert "Højvangen is already registered as a planning area." in page
    assert 'value="afd. 7"' in page


def test_deleting_asks_first(client, lise_user, hoejvangen):
    client.force_login(lise_user)
    url = reverse("planning:area_delete", args=[hoejvangen.pk])
    assert "Delete Højvangen?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert client.get(reverse("planning:area_detail", args=[hoejvangen.pk])).status_code == 404


def test_an_overlapping_criterion_set_is_refused_on_the_form(client, mette, hoejvangen):
    client.force_login(mette)
    page = client.post(
        reverse("planning:criterion_set_create"),
        {
            "kind": "prevention",
            "name": "Forebyggelse 2025",
            "valid_from": "2025-01-01",
            "needed": "1",
            "outside_work_comparison": "gt",
            "outside_work_threshold": "30",
        },
    ).content.decode()
    assert "The validity overlaps “Forebyggelsesområde 2021– (2 of 4)”" in page
    assert 'value="Forebyggelse 2025"' in page


def test_the_criterion_set_page_names_its_legal_source(client, sven, hoejvangen):
    client.force_login(sven)
    row = hoejvangen.municipality and selectors.criterion_set_list(
        actor=actor_for(sven, hoejvangen.municipality)
    ).get(kind="prevention")
    page = client.get(reverse("planning:criterion_set_detail", args=[row.pk])).content.decode()
    assert "Almenboligloven § 61 b" in page


def test_a_set_is_ended_on_its_page_and_copied_into_its_successor(client, mette, hoejvangen):
    client.force_login(mette)
    row = selectors.criterion_set_list(actor=actor_for(mette, hoejvangen.municipality)).get(
        kind="prevention"
    )
    end_url = reverse("planning:criterion_set_end", args=[row.pk])
    assert (
        end_url
        in client.get(reverse("planning:criterion_set_detail", args=[row.pk])).content.decode()
    )
    refused = client.post(end_url, {"valid_to": "2020-01-01"}).content.decode()
    assert "The last day cannot be before the first day." in refused
    assert 'value="2020-01-01"' in refused
    response = client.post(end_url, {"valid_to": "2029-11-30"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.valid_to == datetime.date(2029, 11, 30)
    copy = client.get(reverse("planning:criterion_set_create") + f"?from={row.pk}").content.decode()
    assert 'value="2029-12-01"' in copy  # the successor starts the day after
    assert 'value="Forebyggelsesområde 2021– (2 of 4)"' in copy
    assert 'value="65"' in copy  # the income threshold carried over


def test_a_caseworker_cannot_end_a_set(client, sven, hoejvangen):
    client.force_login(sven)
    row = selectors.criterion_set_list(actor=actor_for(sven, hoejvangen.municipality)).first()
    assert client.get(reverse("planning:criterion_set_end", args=[row.pk])).status_code == 403


def test_the_dashboard_panel_counts_the_areas(client, lise_user, hoejvangen):
    client.force_login(lise_user)
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 area registered" in page and "Transformation area" in page


@override_settings(BOLIGTORG_IMPORT_MAX_ROWS=2)
def test_an_indicator_file_over_the_row_limit_is_refused_at_its_field(
    client, lise_user, hoejvangen
):
    client.force_login(lise_user)
    AreaIndicator.objects.all().delete()
    rows = "area;year;residents\n" + "".join(f"Højvangen;{y};1200\n" for y in (2022, 2023, 2024))
    response = client.post(
        reverse("planning:indicator_import"),
        {"file": SimpleUploadedFile("figures.csv", rows.encode())},
    )
    assert response.status_code == 200
    assert "Split it into files of at most 2 rows" in response.context["form"].errors["file"][0]
    assert not AreaIndicator.objects.exists()


def test_an_indicator_file_is_held_to_the_indicator_imports_own_lower_limit(
    client, lise_user, hoejvangen, monkeypatch
):
    monkeypatch.setattr(services, "INDICATOR_MAX_ROWS", 2)
    client.force_login(lise_user)
    AreaIndicator.objects.all().delete()
    rows = "area;year;residents\n" + "".join(f"Højvangen;{y};1200\n" for y in (2022, 2023, 2024))
    response = client.post(
        reverse("planning:indicator_import"),
        {"file": SimpleUploadedFile("figures.csv", rows.encode())},
    )
    assert "Split it into files of at most 2 rows" in response.context["form"].errors["file"][0]
    assert not AreaIndicator.objects.exists()
