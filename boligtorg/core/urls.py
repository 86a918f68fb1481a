from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("users/", views.member_list, name="member_list"),
    path("users/new/", views.member_create, name="member_create"),
    path("users/<int:membership_id>/", views.member_edit, name="member_edit"),
    path("users/<int:membership_id>/access/", views.member_set_active, name="member_set_active"),
    path("users/<int:membership_id>/password/", views.member_password, name="member_password"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export/", views.audit_list_export, name="audit_export"),
    path("municipality/switch/", views.switch_municipality, name="switch_municipality"),
    path("search/", views.search, name="search"),
    path("reminders/", views.notification_list, name="notification_list"),
    path("reminders/read/", views.notification_read_all, name="notification_read_all"),
    path(
        "reminders/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
]
