import pytest
from django.core.management import call_command
from stdnum.dk import cpr
from stdnum.no import fodselsnummer

from boligtorg.core.demo import DEMO_USERS
from boligtorg.core.models import AuditEvent, Membership, MembershipRole, Municipality, Role, User

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Municipality.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        MembershipRole.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_demo_command_is_idempotent(capsys):
    call_command("boligtorg_demo")
    first = _counts()
    call_command("boligtorg_demo")
    assert _counts() == first
    assert "boligtorg-demo" in capsys.readouterr().out


def test_demo_data_has_both_municipalities_and_every_role_in_each():
    call_command("boligtorg_demo")
    trondheim = Municipality.objects.get(country="NO", code="5001")
    skanderborg = Municipality.objects.get(country="DK", code="746")
    for municipality in (trondheim, skanderborg):
        held = set(
            MembershipRole.objects.filter(membership__municipality=municipality).values_list(
                "role", flat=True
            )
        )
        assert held == set(Role.values)


def test_demo_users_have_valid_checksum_fictitious_national_ids():
    call_command("boligtorg_demo")
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        if demo.country == "NO":
            assert fodselsnummer.is_valid(user.national_id), user.username
            assert int(user.national_id[2:4]) > 40, "synthetic H-number expected"
        else:
            assert cpr.is_valid(user.national_id), user.username


def test_demo_passwords_are_hashed_not_stored():
    call_command("boligtorg_demo")
    user = User.objects.get(username="kari")
    assert "boligtorg-demo" not in user.password
    assert user.check_password("boligtorg-demo")
