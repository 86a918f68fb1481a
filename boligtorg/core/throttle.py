"""Login throttling: django-axes with two limits instead of one; and the throttle
of password reset e-mails (at the end).

``AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]`` makes axes
count failed logins per address and per user name at an address, but it compares
both counts with the one ``AXES_FAILURE_LIMIT``. A municipal office sits behind one
NAT address, where a few dozen colleagues mistyping their passwords in a quarter of
an hour is ordinary, so the address gets a higher limit of its own,
``BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT``, while a user name at an address keeps the
low one. Counting per user name *and* address means that a stranger elsewhere who
knows a colleague's name locks out only himself.

axes asks its handler for "the failures" and locks when they reach
``AXES_FAILURE_LIMIT`` (``is_locked`` before a login, ``user_login_failed`` after a
failure); this handler answers with the count of whichever lock is nearer, so both
places stay axes' own code (``AXES_HANDLER`` is axes' documented extension point).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from .models import PasswordResetRequest

ADDRESS_ONLY = "ip_address"


@dataclass(frozen=True)
class Lock:
    """What the lock-out page says: whether the whole address is locked (rather
    than one name at it), and when the next try may succeed."""

    address_wide: bool
    retry_at: datetime | None


@dataclass(frozen=True)
class _Count:
    address_wide: bool
    limit: int
    attempts: QuerySet[AccessAttempt]

    @property
    def failures(self) -> int:
        return self.attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressAndUserLockoutHandler(AxesDatabaseHandler):
    """The database handler of axes with a separate, higher limit for the lock on an
    address alone; every other lockout parameter uses ``AXES_FAILURE_LIMIT``."""

    def _counts(self, request: HttpRequest, credentials: dict | None) -> list[_Count]:
        limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        return [
            _Count(
                address_wide=parameter == ADDRESS_ONLY,
                limit=(
                    settings.BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT
                    if parameter == ADDRESS_ONLY
                    else limit
                ),
                attempts=matching,
            )
            for parameter, matching in zip(parameters, attempts, strict=True)
        ]

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The failures counted against ``AXES_FAILURE_LIMIT``: that limit minus the
        fewest tries left under any lock, so the answer reaches the limit exactly
        when one of the locks is reached (the address after
        ``BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT`` failures of any names, a name at
        the address after ``AXES_FAILURE_LIMIT``)."""
        tries_left = min(
            count.limit - count.failures for count in self._counts(request, credentials)
        )
        return get_failure_limit(request, credentials) - tries_left

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """After a successful login, forget the failures of this name at this
        address only. axes would forget every failure from the address too, so
        that anyone holding one valid account could reset the address limit
        between guesses at other names."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count

    def lock(self, request: HttpRequest, credentials: dict | None = None) -> Lock:
        """The lock that holds ``request`` back: the name's at this address if that
        is reached, else the address's. The retry time is the last failure counted
        plus the cool-off (an upper bound for the address, whose older failures
        may expire first)."""
        counts = self._counts(request, credentials)
        reached = [count for count in counts if count.failures >= count.limit]
        held_by = min(reached or counts, key=lambda count: count.address_wide)
        last = held_by.attempts.aggregate(last=Max("attempt_time"))["last"]
        cool_off = get_cool_off(request)
        retry_at = last + cool_off if last and cool_off else None
        return Lock(address_wide=held_by.address_wide, retry_at=retry_at)


# Password reset e-mails (``views.PasswordResetView``). axes counts failed logins, and
# a reset request neither fails nor succeeds, so these are counted in a table of their
# own, shared by every worker: per client address (higher, for an office behind one
# NAT address) and per e-mail address typed, whether or not a user has it, so that the
# answer "too many" says nothing about which addresses exist.
PASSWORD_RESET_WINDOW = timedelta(hours=1)


def _email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def password_reset_allowed(*, client_address: str, email: str) -> bool:
    """Count one reset request from ``client_address`` for ``email`` and say whether
    it may be answered with an e-mail: False once the address has asked
    ``BOLIGTORG_PASSWORD_RESET_ADDRESS_LIMIT`` times, or anyone has asked for
    ``email`` ``BOLIGTORG_PASSWORD_RESET_EMAIL_LIMIT`` times, in the last hour.
    Refused requests count too, so hammering does not reopen the window."""
    now = timezone.now()
    since = now - PASSWORD_RESET_WINDOW
    PasswordResetRequest.objects.filter(at__lt=since).delete()
    digest = _email_digest(email)
    recent = PasswordResetRequest.objects.filter(at__gte=since)
    by_address = recent.filter(client_address=client_address).count()
    by_email = recent.filter(email_digest=digest).count()
    PasswordResetRequest.objects.create(at=now, client_address=client_address, email_digest=digest)
    return (
        by_address < settings.BOLIGTORG_PASSWORD_RESET_ADDRESS_LIMIT
        and by_email < settings.BOLIGTORG_PASSWORD_RESET_EMAIL_LIMIT
    )
