"""Reminders: what the daily jobs create, what users see in the app, and the
e-mail sent through Django's mail backend (console in development).

``notify`` is the one way to create a reminder. The notification's unique
constraint (kind, object, day) makes it idempotent, so a job run twice on a day
creates and e-mails each reminder once.

Reminders are current when read: ``reminders_refresh`` runs the reminder jobs
(``core.daily.REMINDER_JOBS``) for today in a collecting mode, where ``notify``
only gathers what it would make, and stores the actor's missing ones without
e-mail. The nightly run then only e-mails what is not e-mailed yet."""

from __future__ import annotations

import datetime
import logging
from contextvars import ContextVar

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

# While set, ``notify`` appends the reminder it would make here instead.
_collected: ContextVar[list[Notification] | None] = ContextVar("reminders", default=None)
# While set, the reminder jobs read only this municipality's rows (a user's read).
_scope: ContextVar[int | None] = ContextVar("reminder_scope", default=None)


def scoped(queryset: QuerySet, field: str = "municipality") -> QuerySet:  # type: ignore[type-arg]
    """A reminder job's rows: all of them at night, only the reader's municipality's
    when a user's read computes the reminders (``computed_reminders``). ``field`` is
    the path to the municipality (``"pk"`` for municipalities themselves)."""
    municipality_id = _scope.get()
    if municipality_id is None:
        return queryset
    return queryset.filter(**{field: municipality_id})


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
    was made before (then it is e-mailed if it never was and is still unread:
    made when a user read their reminders, or the mail server was down)."""
    collected = _collected.get()
    if collected is not None:
        collected.append(
            Notification(
                municipality_id=municipality.pk,
                recipient_id=recipient.pk if recipient else None,
                kind=kind,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                due_on=due_on,
                message=str(message)[:300],
                link=link,
            )
        )
        return None
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
            if notification.emailed_at is None and notification.read_at is None:
                _email_later(notification)
            return None
        audit_record(actor=None, action=AuditAction.CREATE, obj=notification)
    _email_later(notification)
    return notification


def _email_later(notification: Notification) -> None:
    recipient = notification.recipient
    if recipient is not None and recipient.email:
        # After the commit: a reminder rolled back with its transaction is not sent.
        transaction.on_commit(lambda: _email(notification, recipient))


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


def computed_reminders(
    today: datetime.date, municipality: Municipality | None = None
) -> list[Notification]:
    """What the reminder jobs would make today, unsaved: for one municipality, or for
    every municipality when none is given."""
    from django.utils.module_loading import import_string

    from .daily import REMINDER_JOBS

    collected: list[Notification] = []
    token = _collected.set(collected)
    scope = _scope.set(municipality.pk if municipality is not None else None)
    try:
        for path in REMINDER_JOBS:
            import_string(path)(today)
    finally:
        _scope.reset(scope)
        _collected.reset(token)
    return collected


def reminders_refresh(*, actor: Actor, today: datetime.date | None = None) -> int:
    """Store the actor's reminders that are due from the data today but not made
    yet (the nightly run e-mails them later); how many were stored. At most once
    per request: the menu and the page both read the reminders."""
    require_role(actor)
    today = today or timezone.localdate()
    # The actor lives for one request; remember on it that this day is done.
    if actor.municipality is None or vars(actor).get("_reminders_refreshed") == today:
        return 0
    vars(actor)["_reminders_refreshed"] = today
    mine = [
        reminder
        for reminder in computed_reminders(today, actor.municipality)
        if reminder.municipality_id == actor.municipality.pk
        and reminder.recipient_id == actor.user.pk
    ]
    if not mine:
        return 0
    existing = set(
        Notification.objects.filter(
            municipality=actor.municipality,
            kind__in={r.kind for r in mine},
            object_id__in={r.object_id for r in mine},
        ).values_list("kind", "object_type", "object_id", "due_on")
    )
    stored = 0
    for reminder in mine:
        key = (reminder.kind, reminder.object_type, reminder.object_id, reminder.due_on)
        if key in existing:
            continue
        existing.add(key)
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                municipality_id=reminder.municipality_id,
                kind=reminder.kind,
                object_type=reminder.object_type,
                object_id=reminder.object_id,
                due_on=reminder.due_on,
                defaults={
                    "recipient_id": reminder.recipient_id,
                    "message": reminder.message,
                    "link": reminder.link,
                },
            )
            if created:
                audit_record(actor=None, action=AuditAction.CREATE, obj=notification)
                stored += 1
    return stored


def notification_list(*, actor: Actor, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's reminders in the current municipality, unread first, then by
    due day (soonest first). Call ``reminders_refresh`` first for reminders made
    from today's data."""
    require_role(actor)
    notifications = Notification.objects.filter(
        municipality=actor.municipality, recipient=actor.user
    )
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("read_at", "due_on", "id")


def unread_count(*, actor: Actor) -> int:
    """The actor's open reminders, current from today's data. Kept on the actor
    for the rest of the request: the menu shows it (``core.context_processors``)."""
    reminders_refresh(actor=actor)
    count = notification_list(actor=actor, unread_only=True).count()
    vars(actor)["_reminders_open"] = count
    return count


def notification_mark_read(*, actor: Actor, pk: int) -> Notification:
    require_role(actor)
    notification = get_for_actor(Notification.objects.filter(recipient=actor.user), actor, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: Actor) -> int:
    return notification_list(actor=actor, unread_only=True).update(read_at=timezone.now())
