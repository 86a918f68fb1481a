import pytest
from django.test import override_settings
from django.urls import reverse

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.core.proxies import client_address, is_trusted_proxy

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _login_with_request_id(client, address):
    return client.post(
        reverse("login"),
        {"username": "kari", "password": TEST_PASSWORD},
        REMOTE_ADDR=address,
        headers={"x-request-id": "lb-1234567890"},
    )


def test_a_request_id_sent_by_a_client_is_not_stored_in_the_audit(client, kari):
    response = _login_with_request_id(client, "198.51.100.9")
    stored = AuditEvent.objects.get(action=AuditAction.LOGIN).request_id
    assert stored != "lb-1234567890"
    assert len(stored) == 32
    assert response["X-Request-ID"] == stored


@override_settings(BOLIGTORG_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_the_request_id_of_the_load_balancer_is_stored_in_the_audit(client, kari):
    response = _login_with_request_id(client, PROXY)
    assert response["X-Request-ID"] == "lb-1234567890"
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).request_id == "lb-1234567890"


@override_settings(BOLIGTORG_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_a_malformed_request_id_from_the_load_balancer_is_replaced(client):
    response = client.get(reverse("healthz"), REMOTE_ADDR=PROXY, headers={"x-request-id": "<x>"})
    assert len(response["X-Request-ID"]) == 32


def test_no_address_is_a_trusted_proxy_by_default():
    assert not is_trusted_proxy("127.0.0.1")
    assert not is_trusted_proxy("10.0.0.2")


@override_settings(BOLIGTORG_TRUSTED_PROXIES=["10.0.0.0/24", "2001:db8::1"])
def test_trusted_proxies_are_addresses_or_networks():
    assert is_trusted_proxy("10.0.0.200")
    assert is_trusted_proxy("2001:db8::1")
    assert not is_trusted_proxy("10.0.1.1")
    assert not is_trusted_proxy("not-an-address")


@override_settings(BOLIGTORG_TRUSTED_PROXIES=["10.0.0.0/24"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("198.51.100.9", "192.0.2.1", "198.51.100.9"),  # not from our proxy: header ignored
        (PROXY, "192.0.2.1", "192.0.2.1"),
        (PROXY, "192.0.2.1, 198.51.100.9", "198.51.100.9"),  # the client wrote the left one
        (PROXY, "198.51.100.9, 10.0.0.3", "198.51.100.9"),  # two of our proxies
        (PROXY, "", PROXY),  # the balancer's own health check
        (PROXY, "garbage", PROXY),
    ],
)
def test_the_client_address_is_read_from_the_right_past_our_proxies(rf, remote, forwarded, client):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client
