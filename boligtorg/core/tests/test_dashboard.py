import pytest
from django.urls import reverse

from boligtorg.core.factories import UserFactory, member
from boligtorg.core.models import Role

pytestmark = pytest.mark.django_db


def _page(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_kari_the_caseworker_sees_an_honest_empty_cases_panel(client, kari):
    page = _page(client, kari)
    assert "Ingen saker ennå." in page
    assert "Saksbehandler" in page
    # Not her work: no user administration, no audit log.
    assert reverse("core:member_list") not in page
    assert reverse("core:audit_list") not in page


def test_tone_the_administrator_sees_the_user_panel_and_menu(client, tone, kari):
    page = _page(client, tone)
    assert reverse("core:member_list") in page
    assert "Ingen saker ennå." not in page


def test_per_the_auditor_sees_the_latest_activity(client, per):
    page = _page(client, per)
    assert reverse("core:audit_list") in page


def test_a_manager_sees_the_panels_of_the_whole_office(client, trondheim):
    mona = member("mona", trondheim, Role.MANAGER)
    page = _page(client, mona)
    for title in ("Saker", "Ledige boliger", "Områder og planer"):
        assert title in page


def test_a_user_without_membership_is_told_to_ask_for_access(client):
    page = _page(client, UserFactory(username="nobody"))
    assert "kommuneadministrator" in page.lower()


def test_the_dashboard_has_a_skip_link_and_a_main_landmark(client, kari):
    page = _page(client, kari)
    assert 'href="#main"' in page
    assert '<main id="main"' in page


def test_karis_inbox_counts_her_open_cases_and_the_ones_new_to_her_not_her_colleagues(
    client, kari, trondheim
):
    import datetime

    from django.utils import timezone

    from boligtorg.cases.factories import ApplicationFactory
    from boligtorg.cases.models import CaseEvent

    colleague = member("ola", trondheim, Role.CASEWORKER)
    ApplicationFactory(municipality=trondheim, status="submitted", caseworker=kari)
    old = ApplicationFactory(municipality=trondheim, status="submitted", caseworker=colleague)
    old.created_at = timezone.now() - datetime.timedelta(days=30)
    old.coordinator = kari
    old.save()
    CaseEvent.objects.create(application=old, kind="coordinator", summary="Coordinator: Kari")
    ApplicationFactory(municipality=trondheim, status="closed", caseworker=kari)
    ApplicationFactory(municipality=trondheim, status="submitted", caseworker=colleague)
    client.cookies["django_language"] = "en"

    page = _page(client, kari)

    assert "2 open cases of mine" in page
    assert "2 cases given to me this week" in page


def test_a_coordinator_made_a_month_ago_is_not_new_to_her(client, kari, trondheim):
    import datetime

    from django.utils import timezone

    from boligtorg.cases.factories import ApplicationFactory
    from boligtorg.cases.models import CaseEvent

    case = ApplicationFactory(municipality=trondheim, status="submitted", coordinator=kari)
    case.created_at = timezone.now() - datetime.timedelta(days=30)
    case.save()
    CaseEvent.objects.create(
        application=case,
        kind="coordinator",
        summary="Coordinator: Kari",
        at=timezone.now() - datetime.timedelta(days=30),
    )
    client.cookies["django_language"] = "en"

    page = _page(client, kari)

    assert "1 open case of mine" in page
    assert "given to me this week" not in page
