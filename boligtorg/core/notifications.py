"""Reminders: what the daily jobs create, what users see in the app, and the
e-mail sent through Django's mail backend (console in development).

``notify`` is the one way to create a reminder. The notification's unique
constraint (kind, object, day) makes it idempotent, so a job run twice on a day
creates and e-mails each reminder once."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import AuditAction, Municipality, Notification, User
from .permissions import Actor, get_for_actor, require_role

logger = logging.getLogger(__name__)


def notify(
    *,
    municipality: Municipality,
    kind: str,
    obj: Model,
    due_on: datetime.date,
    message: str,
    recipient: User | None,
    link: str = "",
) -> Notification | None:
    """Create the reminder unless it exists, and e-mail it to the recipient (when
    there is one with an address). Returns the new notification, or None when it
    was made before."""
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            municipality=municipality,
            kind=kind,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            due_on=due_on,
            defaults={"recipient": recipient, "message": str(message)[:300], "link": link},
        )
        if not created:
            return None
        audit_record(actor=None, action=AuditAction.CREATE, obj=notification)
    if recipient is not None and recipient.email:
        # After the commit: a reminder rolled back with its transaction is not sent.
        transaction.on_commit(lambda: _email(notification, recipient))
    return notification


def _email(notification: Notification, recipient: User) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = notification.message
        if notification.link:
            body += "\n\n" + settings.BOLIGTORG_BASE_URL.rstrip("/") + notification.link
        body += "\n\n" + _("You get this reminder from Boligtorg. Do not reply to this e-mail.")
        subject = _("Boligtorg reminder: %(message)s") % {"message": notification.message[:60]}
    # A mail server that is down must not stop the daily run; the reminder is
    # in the app either way, and emailed_at stays empty.
    try:
        send_mail(subject, body, None, [recipient.email])
    except OSError:
        logger.exception("Reminder %s could not be e-mailed", notification.pk)
        return
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def notification_list(*, actor: Actor, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's reminders in the current municipality, unread first, then by
    due day (soonest first)."""
    require_role(actor)
    notifications = Notification.objects.filter(
        municipality=actor.municipality, recipient=actor.user
    )
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("read_at", "due_on", "id")


def unread_count(*, actor: Actor) -> int:
    return notification_list(actor=actor, unread_only=True).count()


def notification_mark_read(*, actor: Actor, pk: int) -> Notification:
    require_role(actor)
    notification = get_for_actor(Notification.objects.filter(recipient=actor.user), actor, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: Actor) -> int:
    return notification_list(actor=actor, unread_only=True).update(read_at=timezone.now())
