"""Writes of the core app: municipalities, users and their roles, sessions.

Each service checks permission, validates, writes in one transaction and
records an audit event. Views, the admin and commands call these, never the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from .audit import audit_record, changed_fields
from .models import AuditAction, Membership, MembershipRole, Municipality, Role, User
from .permissions import Actor, require_role

ERROR_USERNAME_TAKEN = _("This user name is already taken.")
ERROR_NO_ROLES = _("Choose at least one role.")
ERROR_OWN_ADMIN_ROLE = _("You cannot remove your own administrator role.")
ERROR_DEACTIVATE_SELF = _("You cannot deactivate your own access.")
ERROR_NOT_MEMBER = _("You are not a member of that municipality.")
ERROR_SUPERUSER_ONLY = _("Only a system administrator can manage municipalities.")
ERROR_PASSWORD_SUPERUSER = _(
    "This user is a system administrator. Only a system administrator can set their password."
)
ERROR_PASSWORD_OTHER_MUNICIPALITY = _(
    "This user is also a member of a municipality where you are not an administrator. "
    "Only an administrator of every municipality the user belongs to can set their password; "
    "the user can reset it by e-mail from the login page."
)
ERROR_PASSWORD_SELF = _("Change your own password on the page Change password.")
# Letters and digits that cannot be mistaken for each other when read aloud or
# copied by hand (no 0/O, 1/l/I).
READABLE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _clean_roles(roles: Iterable[str]) -> list[str]:
    chosen = [value for value in Role.values if value in set(roles)]
    if not chosen:
        raise ValidationError({"roles": ERROR_NO_ROLES})
    return chosen


def _set_roles(membership: Membership, roles: list[str]) -> None:
    MembershipRole.objects.filter(membership=membership).exclude(role__in=roles).delete()
    held = set(MembershipRole.objects.filter(membership=membership).values_list("role", flat=True))
    MembershipRole.objects.bulk_create(
        MembershipRole(membership=membership, role=role) for role in roles if role not in held
    )


def municipality_save(
    *, actor: Actor, municipality: Municipality, changes: dict[str, list[object]] | None = None
) -> Municipality:
    """Create or update a municipality (system administrators only)."""
    if not actor.is_superuser:
        raise PermissionDenied(ERROR_SUPERUSER_ONLY)
    adding = municipality._state.adding
    municipality.full_clean()
    with transaction.atomic():
        municipality.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if adding else AuditAction.UPDATE,
            obj=municipality,
            municipality=municipality,
            changes=changes or {},
        )
    return municipality


def user_create_in_municipality(
    *,
    actor: Actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[str],
    password: str,
) -> Membership:
    """A municipality administrator creates a user with roles in their municipality.
    The initial password is the administrator's, so the user must change it at first
    login, as after ``user_set_password``."""
    require_role(actor, Role.MUNICIPALITY_ADMIN)
    chosen = _clean_roles(roles)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": ERROR_USERNAME_TAKEN})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        must_change_password=True,
    )
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    with transaction.atomic():
        user.save()
        membership = Membership.objects.create(user=user, municipality=actor.municipality)
        _set_roles(membership, chosen)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=membership,
            changes={"user": [None, username], "roles": [[], chosen]},
        )
    return membership


def membership_update(
    *,
    actor: Actor,
    membership: Membership,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[str],
) -> Membership:
    """Change a member's name, e-mail and roles in the actor's municipality."""
    require_role(actor, Role.MUNICIPALITY_ADMIN)
    if membership.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    chosen = _clean_roles(roles)
    if membership.user_id == actor.user.pk and Role.MUNICIPALITY_ADMIN not in chosen:
        raise ValidationError({"roles": ERROR_OWN_ADMIN_ROLE})
    user = membership.user
    before = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "roles": membership.role_values,
    }
    after = {"first_name": first_name, "last_name": last_name, "email": email, "roles": chosen}
    with transaction.atomic():
        user.first_name, user.last_name, user.email = first_name, last_name, email
        user.save(update_fields=["first_name", "last_name", "email"])
        _set_roles(membership, chosen)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=membership,
            changes=changed_fields(before, after),
        )
    return membership


def membership_set_active(*, actor: Actor, membership: Membership, active: bool) -> Membership:
    """Deactivate (or reactivate) a member's access to the actor's municipality.
    The user account stays, so the audit trail keeps its names."""
    require_role(actor, Role.MUNICIPALITY_ADMIN)
    if membership.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    if not active and membership.user_id == actor.user.pk:
        raise ValidationError(ERROR_DEACTIVATE_SELF)
    if membership.is_active == active:
        return membership
    with transaction.atomic():
        membership.is_active = active
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=membership,
            changes={"is_active": [not active, active]},
        )
    return membership


def password_generate() -> str:
    """A random password of four groups of four (``abcd-efgh-jkmn-pqrs``): 76 bits,
    easy to read out on the telephone, and accepted by the password validators."""
    return "-".join(get_random_string(4, READABLE_ALPHABET) for _group in range(4))


def user_password_settable_check(*, actor: Actor, membership: Membership) -> None:
    """Raise PermissionDenied (with the reason as its message) unless the actor may set
    the password of ``membership``'s user.

    The rule: the actor is a municipality administrator acting in the membership's
    municipality, and is an active administrator of *every* municipality the user is
    a member of (active or not: a membership without access can be restored, and the
    password would then open it). A password is one key to all of a user's
    municipalities, so an administrator of one of them alone may not change it.
    Never for a system administrator (superuser), nor for the actor's own account
    (that is the page Change password, which asks for the old password)."""
    require_role(actor, Role.MUNICIPALITY_ADMIN)
    if membership.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    user = membership.user
    if user.pk == actor.user.pk:
        raise PermissionDenied(ERROR_PASSWORD_SELF)
    if user.is_superuser:
        raise PermissionDenied(ERROR_PASSWORD_SUPERUSER)
    administered = MembershipRole.objects.filter(
        membership__user=actor.user,
        membership__is_active=True,
        role=Role.MUNICIPALITY_ADMIN,
    ).values("membership__municipality_id")
    elsewhere = Membership.objects.filter(user=user).exclude(municipality_id__in=administered)
    if elsewhere.exists():
        raise PermissionDenied(ERROR_PASSWORD_OTHER_MUNICIPALITY)


def user_set_password(
    *, actor: Actor, membership: Membership, password: str, generated: bool = False
) -> User:
    """An administrator sets a new password for a member (``user_password_settable_check``
    says who may). The user must change it at next login; their other sessions end,
    since the session hash follows the password. Audited without the password:
    that it was set, whether generated, and the forced change."""
    user_password_settable_check(actor=actor, membership=membership)
    user = membership.user
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from exc
    with transaction.atomic():
        was_forced = user.must_change_password
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=membership,
            changes={
                "password": ["***", "***"],
                "password_generated": [None, generated],
                "must_change_password": [was_forced, True],
            },
        )
    return user


def session_switch_municipality(*, actor: Actor, municipality_id: int) -> Municipality:
    """Validate a switch to another municipality the user is an active member of."""
    membership = (
        Membership.objects.filter(
            user=actor.user,
            municipality_id=municipality_id,
            is_active=True,
            municipality__is_active=True,
        )
        .select_related("municipality")
        .first()
    )
    if membership is None:
        raise PermissionDenied(ERROR_NOT_MEMBER)
    audit_record(
        actor=actor,
        action=AuditAction.SWITCH_MUNICIPALITY,
        municipality=membership.municipality,
        changes={
            "municipality": [
                actor.municipality.code if actor.municipality else None,
                membership.municipality.code,
            ]
        },
    )
    return membership.municipality


# System set-up (management commands): idempotent, no acting user. Each audits
# what it creates, and writes nothing when the row is already as asked.


def municipality_ensure(*, name: str, country: str, code: str) -> Municipality:
    municipality, created = Municipality.objects.get_or_create(
        country=country, code=code, defaults={"name": name}
    )
    if created:
        municipality.full_clean()
        audit_record(
            actor=None, action=AuditAction.CREATE, obj=municipality, municipality=municipality
        )
    return municipality


def user_ensure(
    *,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
    national_id: str = "",
    is_superuser: bool = False,
) -> User:
    """Create the user with ``password`` if missing; an existing user's password is
    left alone, so that a changed demo password survives ``./dev run``."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "national_id": national_id,
            "is_superuser": is_superuser,
            "is_staff": is_superuser,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=None, user=None, action=AuditAction.CREATE, obj=user)
    return user


def membership_ensure(
    *, user: User, municipality: Municipality, roles: Iterable[str]
) -> Membership:
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, municipality=municipality)
        missing = set(roles) - set(membership.roles.values_list("role", flat=True))
        MembershipRole.objects.bulk_create(
            MembershipRole(membership=membership, role=role) for role in sorted(missing)
        )
        if created or missing:
            audit_record(
                actor=None,
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                obj=membership,
                changes={"roles": [[], sorted(missing)]},
            )
    return membership
