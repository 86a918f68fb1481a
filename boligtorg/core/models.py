"""Municipalities, users, memberships with roles, and the append-only audit log."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.domain.identity import Country as DomainCountry
from boligtorg.domain.identity import is_valid_municipality_code


class Country(models.TextChoices):
    NORWAY = DomainCountry.NORWAY.value, _("Norway")
    DENMARK = DomainCountry.DENMARK.value, _("Denmark")


class Municipality(models.Model):
    """A kommune: the tenant. Every row that belongs to one carries this key."""

    name = models.CharField(_("name"), max_length=100)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(
        _("municipality number"),
        max_length=4,
        help_text=_("Norwegian kommunenummer (4 digits) or Danish kommunekode (3 digits)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="municipality_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        if self.country and self.code and not is_valid_municipality_code(self.country, self.code):
            message = (
                _("A Norwegian municipality number has 4 digits.")
                if self.country == Country.NORWAY
                else _("A Danish municipality code has 3 digits.")
            )
            raise ValidationError({"code": message})


class User(AbstractUser):
    """A person who logs in: staff now, citizens through the portal later."""

    national_id = models.CharField(
        _("national identity number"),
        max_length=11,
        blank=True,
        help_text=_("Fødselsnummer/D-number (NO) or CPR (DK); used for ID-porten and MitID."),
    )
    # Set when an administrator sets the password (``services.user_set_password``);
    # ``PasswordChangeRequiredMiddleware`` then allows nothing but the change page until
    # the user has chosen a password of their own, which clears it.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~Q(national_id=""),
                name="user_unique_national_id",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PasswordResetRequest(models.Model):
    """One request for a password reset e-mail, kept for an hour to throttle them
    (``throttle.password_reset_allowed``). Holds the client's address and a digest
    of the e-mail address typed, never the address itself."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    client_address = models.CharField(_("client address"), max_length=45)
    email_digest = models.CharField(_("e-mail digest"), max_length=64)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.client_address}"


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    ALLOCATION_MEMBER = "allocation_member", _("Allocation meeting member")
    FOLLOWUP_WORKER = "followup_worker", _("Follow-up worker")
    LOAN_OFFICER = "loan_officer", _("Loan officer")
    PLANNER = "planner", _("Planner")
    MANAGER = "manager", _("Manager")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Municipality administrator")
    AUDITOR = "auditor", _("Auditor")


class Membership(models.Model):
    """A user's place in one municipality; the roles are rows of MembershipRole."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_unique_user_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality}"

    @property
    def role_values(self) -> list[str]:
        """Role values in the order of ``Role``; from ``held_roles`` (comma-joined, see
        ``selectors.membership_list_for_user``) or prefetched ``roles`` when present."""
        joined = getattr(self, "held_roles", None)
        held = set(joined.split(",")) if joined is not None else {r.role for r in self.roles.all()}
        return [value for value in Role.values if value in held]

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(value).label) for value in self.role_values]


class MembershipRole(models.Model):
    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="membership_role_unique"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed or searched")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    SWITCH_MUNICIPALITY = "switch_municipality", _("Switched municipality")


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are never updated.")

    def delete(self):
        raise AppendOnlyError("Audit events are never deleted.")


class AuditEvent(models.Model):
    """Who did what to which object, when, in which request. Append-only: the
    application refuses update and delete, and on PostgreSQL a trigger does too.

    Foreign keys carry no database constraint and never cascade, so that removing
    a user or a municipality can never touch the trail.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "-at"], name="audit_municipality_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are never deleted.")


class Notification(models.Model):
    """A reminder for a user (or, without a recipient, for everyone working on the
    object) created by ``manage.py boligtorg_daily``. The unique constraint makes
    the job idempotent: the same reminder for the same object and day is made once."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.ForeignKey(
        User,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=50)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    due_on = models.DateField(_("due on"))
    message = models.CharField(_("message"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-due_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "object_type", "object_id", "due_on"],
                name="notification_once_per_object_and_day",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "object_type", "object_id"]),
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self) -> str:
        return self.message
