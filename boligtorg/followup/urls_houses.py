"""URLs of the follow-up module's houses pages; joined into ``followup.urls``."""

from django.urls import URLPattern, path

from .views import houses as views

urlpatterns: list[URLPattern] = [
    path("houses/", views.house_life_list, name="house_life_list"),
    path("houses/<int:house_id>/", views.house_detail, name="house_detail"),
    path("houses/<int:house_id>/contact/", views.contact_set, name="house_contact_set"),
    path(
        "houses/contacts/<int:house_contact_id>/end/",
        views.contact_end,
        name="house_contact_end",
    ),
    path(
        "houses/<int:house_id>/representative/",
        views.representative_set,
        name="house_representative_set",
    ),
    path(
        "houses/representatives/<int:house_representative_id>/end/",
        views.representative_end,
        name="house_representative_end",
    ),
    path("houses/<int:house_id>/cadence/", views.meeting_plan, name="house_meeting_plan"),
    path("houses/<int:house_id>/meetings/new/", views.meeting_create, name="house_meeting_create"),
    path(
        "houses/meetings/<int:resident_meeting_id>/",
        views.meeting_detail,
        name="house_meeting_detail",
    ),
    path(
        "houses/meetings/<int:resident_meeting_id>/edit/",
        views.meeting_edit,
        name="house_meeting_edit",
    ),
    path(
        "houses/meetings/<int:resident_meeting_id>/actions/new/",
        views.action_create,
        name="house_action_create",
    ),
    path(
        "houses/actions/<int:agreed_action_id>/edit/", views.action_edit, name="house_action_edit"
    ),
    path(
        "houses/actions/<int:agreed_action_id>/remove/",
        views.action_remove,
        name="house_action_remove",
    ),
    path("houses/<int:house_id>/rules/new/", views.rule_create, name="house_rule_create"),
    path("houses/rules/<int:house_rule_id>/edit/", views.rule_edit, name="house_rule_edit"),
    path("houses/rules/<int:house_rule_id>/retire/", views.rule_retire, name="house_rule_retire"),
    path("houses/<int:house_id>/dugnad/new/", views.task_create, name="house_task_create"),
    path("houses/dugnad/<int:dugnad_task_id>/edit/", views.task_edit, name="house_task_edit"),
    path("houses/dugnad/<int:dugnad_task_id>/done/", views.task_done, name="house_task_done"),
    path("houses/dugnad/<int:dugnad_task_id>/remove/", views.task_remove, name="house_task_remove"),
]
