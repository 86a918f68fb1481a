"""System administration (superusers): municipalities, user accounts, the audit
trail read-only. Municipality administrators manage their users in the app."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .audit import audit_record
from .models import AuditAction, AuditEvent, Membership, MembershipRole, Municipality, User
from .services import municipality_save


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "code", "is_active")
    list_filter = ("country", "is_active")
    search_fields = ("name", "code")

    def has_module_permission(self, request):  # noqa: ANN001, ANN201
        return request.user.is_superuser

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
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality", "is_active")
    list_filter = ("municipality", "is_active")
    search_fields = ("user__username", "user__last_name")
    inlines = [MembershipRoleInline]

    def save_model(self, request, obj, form, change):  # noqa: ANN001, ANN201
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.actor,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            obj=obj,
            changes={
                name: [str(form.initial.get(name)), str(form.cleaned_data.get(name))]
                for name in form.changed_data
            },
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (None, {"fields": ("national_id",)}))

    def save_model(self, request, obj, form, change):  # noqa: ANN001, ANN201
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.actor,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            obj=obj,
            changes={
                name: ["***", "***"] if "password" in name else [None, None]
                for name in form.changed_data
            },
        )


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
