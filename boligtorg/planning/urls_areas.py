"""URLs of the planning module's areas pages; joined into ``planning.urls``."""

from django.urls import URLPattern, path

from .views import areas as views

urlpatterns: list[URLPattern] = [
    path("areas/", views.area_list, name="area_list"),
    path("areas/new/", views.area_create, name="area_create"),
    path("areas/<int:planning_area_id>/", views.area_detail, name="area_detail"),
    path("areas/<int:planning_area_id>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:planning_area_id>/delete/", views.area_delete, name="area_delete"),
    path("areas/indicators/import/", views.indicator_import, name="indicator_import"),
    path("areas/criteria/", views.criterion_set_list, name="criterion_set_list"),
    path("areas/criteria/new/", views.criterion_set_create, name="criterion_set_create"),
    path("areas/criteria/defaults/", views.criterion_set_defaults, name="criterion_set_defaults"),
    path(
        "areas/criteria/<int:criterion_set_id>/",
        views.criterion_set_detail,
        name="criterion_set_detail",
    ),
    path(
        "areas/criteria/<int:criterion_set_id>/end/",
        views.criterion_set_end,
        name="criterion_set_end",
    ),
    path(
        "areas/groups/<int:coordination_group_id>/members/new/",
        views.group_member_create,
        name="group_member_create",
    ),
    path(
        "areas/members/<int:group_member_id>/remove/",
        views.group_member_remove,
        name="group_member_remove",
    ),
    path(
        "areas/groups/<int:coordination_group_id>/meetings/new/",
        views.group_meeting_create,
        name="group_meeting_create",
    ),
    path(
        "areas/meetings/<int:group_meeting_id>/",
        views.group_meeting_detail,
        name="group_meeting_detail",
    ),
    path(
        "areas/meetings/<int:group_meeting_id>/edit/",
        views.group_meeting_edit,
        name="group_meeting_edit",
    ),
    path(
        "areas/meetings/<int:group_meeting_id>/actions/new/",
        views.meeting_action_create,
        name="meeting_action_create",
    ),
    path(
        "areas/actions/<int:meeting_action_id>/done/",
        views.meeting_action_done,
        name="meeting_action_done",
    ),
]
