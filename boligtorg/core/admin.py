"""System administration (superusers): municipalities, user accounts, memberships,
the audit trail read-only. Municipality administrators manage their users in the app."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .audit import audit_record
from .models import AuditAction, AuditEvent, Membership, MembershipRole, Municipality, User
from .services import municipality_save

admin.site.site_header = _("Boligtorg system administration")
admin.site.site_title = _("Boligtorg system administration")


def _changed_fields(message: object) -> dict[str, object]:
    """What the admin's structured change message says changed: fields by label
    (the admin does not give their values) and inline rows added or deleted."""
    changes: dict[str, object] = {}
    for entry in message if isinstance(message, list) else []:
        for kind, detail in entry.items():
            name = str(detail.get("name", ""))
            for label in detail.get("fields", []):
                changes[f"{name} {label}".strip()] = None
            if kind == "added" and not detail.get("fields"):
                changes[name] = [None, str(detail.get("object", ""))]
            elif kind == "deleted":
                changes[name] = [str(detail.get("object", "")), None]
    return changes


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete the admin logs (including the separate password
    page and the inline rows) is also written to Boligtorg's audit trail."""

    def log_addition(self, request, obj, message):  # noqa: ANN001, ANN201
        audit_record(actor=request.actor, action=AuditAction.CREATE, obj=obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):  # noqa: ANN001, ANN201
        audit_record(
            actor=request.actor,
            action=AuditAction.UPDATE,
            obj=obj,
            changes=_changed_fields(message),
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):  # noqa: ANN001, ANN201
        for obj in queryset:
            audit_record(actor=request.actor, action=AuditAction.DELETE, obj=obj)
        return super().log_deletions(request, queryset)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    """Writes go through ``municipality_save``, which audits them itself."""

    list_display = ("name", "country", "code", "is_active")
    list_filter = ("country", "is_active")
    search_fields = ("name", "code")

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False  # deactivate instead: every row of the municipality points here

    def save_model(self, request, obj, form, change):  # noqa: ANN001, ANN201
        changes = {
            name: [form.initial.get(name), form.cleaned_data.get(name)]
            for name in form.changed_data
        }
        municipality_save(actor=request.actor, municipality=obj, changes=changes)


class MembershipRoleInline(admin.TabularInline):
    model = MembershipRole
    extra = 1


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "municipality", "is_active")
    list_filter = ("municipality", "is_active")
    search_fields = ("user__username", "user__last_name")
    readonly_fields = ("created_at",)
    inlines = [MembershipRoleInline]

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False  # set "active" off instead, so the audit trail keeps its meaning


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (None, {"fields": ("national_id",)}))


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_username", "action", "object_type", "object_repr", "request_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "object_repr", "request_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):  # noqa: ANN001, ANN201
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001, ANN201
        return False
