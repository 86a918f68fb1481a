"""Which headers of a request to believe: only those set by a proxy we run.

A client can send any X-Forwarded-For or X-Request-ID it likes. Behind the load
balancer, REMOTE_ADDR is the balancer's address, and the balancer appends the
address it saw to X-Forwarded-For; so the headers are believed only when
REMOTE_ADDR is one of ``settings.BOLIGTORG_TRUSTED_PROXIES`` (addresses or networks,
empty by default: nothing is believed). Imports no models, so that logging and the
first middleware can use it before the app registry is ready."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    """Whether ``address`` is one of the configured proxies; False for anything that
    is not an IP address."""
    parsed = _address(address)
    if parsed is None:
        return False
    return any(
        parsed in ipaddress.ip_network(network, strict=False)
        for network in settings.BOLIGTORG_TRUSTED_PROXIES
    )


def request_from_trusted_proxy(request: HttpRequest) -> bool:
    return is_trusted_proxy(request.META.get("REMOTE_ADDR", ""))


def client_address(request: HttpRequest) -> str:
    """The address of the client: REMOTE_ADDR, unless that is a trusted proxy; then
    X-Forwarded-For read from the right (each proxy appends the address it saw),
    skipping our own proxies, so that addresses the client wrote in front of the
    header are never taken. Used by django-axes (``AXES_CLIENT_IP_CALLABLE``)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        if not is_trusted_proxy(hop):
            # A malformed hop was written by someone we do not trust: stop at the
            # last proxy rather than believe anything further left.
            return hop.strip() if _address(hop) is not None else remote
    return remote
