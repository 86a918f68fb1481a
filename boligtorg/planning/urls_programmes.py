"""URLs of the planning module's programmes pages; joined into ``planning.urls``."""

from django.urls import URLPattern, path

from .views import action_plans, programmes

urlpatterns: list[URLPattern] = [
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<int:programme_id>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<int:programme_id>/edit/", programmes.programme_edit, name="programme_edit"),
    path(
        "programmes/<int:programme_id>/delete/",
        programmes.programme_delete,
        name="programme_delete",
    ),
    path(
        "programmes/<int:programme_id>/persons/",
        programmes.mapped_person_list,
        name="mapped_person_list",
    ),
    path(
        "programmes/<int:programme_id>/persons/new/",
        programmes.mapped_person_create,
        name="mapped_person_create",
    ),
    path(
        "programmes/persons/<int:mapped_person_id>/",
        programmes.mapped_person_edit,
        name="mapped_person_edit",
    ),
    path(
        "programmes/persons/<int:mapped_person_id>/delete/",
        programmes.mapped_person_delete,
        name="mapped_person_delete",
    ),
    path(
        "programmes/<int:programme_id>/grouping/",
        programmes.programme_grouping,
        name="programme_grouping",
    ),
    path(
        "programmes/<int:programme_id>/projects/new/",
        programmes.project_create,
        name="project_create",
    ),
    path(
        "programmes/projects/<int:programme_project_id>/",
        programmes.project_edit,
        name="project_edit",
    ),
    path(
        "programmes/projects/<int:programme_project_id>/delete/",
        programmes.project_delete,
        name="project_delete",
    ),
    path("action-plans/", action_plans.action_plan_list, name="action_plan_list"),
    path("action-plans/new/", action_plans.action_plan_create, name="action_plan_create"),
    path(
        "action-plans/<int:action_plan_id>/",
        action_plans.action_plan_detail,
        name="action_plan_detail",
    ),
    path(
        "action-plans/<int:action_plan_id>/edit/",
        action_plans.action_plan_edit,
        name="action_plan_edit",
    ),
    path(
        "action-plans/<int:action_plan_id>/delete/",
        action_plans.action_plan_delete,
        name="action_plan_delete",
    ),
    path(
        "action-plans/<int:action_plan_id>/matrix/",
        action_plans.action_plan_matrix,
        name="action_plan_matrix",
    ),
    path(
        "action-plans/<int:action_plan_id>/goals/new/",
        action_plans.main_goal_create,
        name="main_goal_create",
    ),
    path(
        "action-plans/goals/<int:plan_goal_id>/",
        action_plans.main_goal_edit,
        name="main_goal_edit",
    ),
    path(
        "action-plans/goals/<int:plan_goal_id>/delete/",
        action_plans.main_goal_delete,
        name="main_goal_delete",
    ),
    path(
        "action-plans/goals/<int:plan_goal_id>/sub-goals/new/",
        action_plans.sub_goal_create,
        name="sub_goal_create",
    ),
    path(
        "action-plans/sub-goals/<int:sub_goal_id>/delete/",
        action_plans.sub_goal_delete,
        name="sub_goal_delete",
    ),
    path(
        "action-plans/<int:action_plan_id>/activities/new/",
        action_plans.activity_create,
        name="activity_create",
    ),
    path(
        "action-plans/activities/<int:plan_activity_id>/",
        action_plans.activity_edit,
        name="activity_edit",
    ),
    path(
        "action-plans/activities/<int:plan_activity_id>/delete/",
        action_plans.activity_delete,
        name="activity_delete",
    ),
    path(
        "action-plans/<int:action_plan_id>/reports/new/",
        action_plans.status_report_create,
        name="status_report_create",
    ),
    path(
        "action-plans/reports/<int:status_report_id>/",
        action_plans.status_report_detail,
        name="status_report_detail",
    ),
    path(
        "action-plans/reports/<int:status_report_id>/delete/",
        action_plans.status_report_delete,
        name="status_report_delete",
    ),
]
