import pytest
from django.urls import reverse

from boligtorg.core.factories import MembershipFactory
from boligtorg.core.models import AuditAction, AuditEvent, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def mona(trondheim, skanderborg):
    from boligtorg.core.factories import member

    user = member("mona", trondheim, Role.MANAGER, first_name="Mona")
    MembershipFactory(user=user, municipality=skanderborg, roles=[Role.AUDITOR])
    return user


def test_a_user_of_two_municipalities_sees_the_switch_and_starts_in_the_first(client, mona):
    client.force_login(mona)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'id="municipality-select"' in page
    assert "Skanderborg" in page and "Trondheim" in page
    # Alphabetical: Skanderborg before Trondheim; the roles shown are those held there.
    assert "Revisor" in page


def test_switching_changes_the_municipality_and_the_roles(client, mona, trondheim):
    client.force_login(mona)
    response = client.post(
        reverse("core:switch_municipality"), {"municipality": trondheim.pk, "next": "/"}
    )
    assert response.status_code == 302
    page = client.get(reverse("dashboard")).content.decode()
    assert "Leder" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.SWITCH_MUNICIPALITY, municipality=trondheim
    ).exists()


def test_nobody_can_switch_into_a_municipality_they_do_not_belong_to(client, kari, skanderborg):
    client.force_login(kari)
    response = client.post(reverse("core:switch_municipality"), {"municipality": skanderborg.pk})
    assert response.status_code == 403
    assert "Skanderborg" not in client.get(reverse("dashboard")).content.decode()


def test_a_user_of_one_municipality_gets_no_switch(client, kari):
    client.force_login(kari)
    assert 'id="municipality-select"' not in client.get(reverse("dashboard")).content.decode()


def test_an_open_redirect_after_switching_is_refused(client, mona, trondheim):
    client.force_login(mona)
    response = client.post(
        reverse("core:switch_municipality"),
        {"municipality": trondheim.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("dashboard")
