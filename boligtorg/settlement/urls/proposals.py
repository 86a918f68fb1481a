"""The pages of the persons proposed for settlement and the municipality's answer."""

from django.urls import URLPattern, path

from ..views import proposals as views

urlpatterns: list[URLPattern] = [
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/export/", views.proposal_export, name="proposal_export"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path(
        "proposals/<int:settlement_proposal_id>/",
        views.proposal_detail,
        name="proposal_detail",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/edit/",
        views.proposal_edit,
        name="proposal_edit",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/accept/",
        views.proposal_accept,
        name="proposal_accept",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/decline/",
        views.proposal_decline,
        name="proposal_decline",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/withdraw/",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/consent/",
        views.proposal_consent,
        name="proposal_consent",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/housing-case/",
        views.proposal_case_create,
        name="proposal_case_create",
    ),
    path(
        "proposals/<int:settlement_proposal_id>/persons/new/",
        views.proposed_person_add,
        name="proposed_person_add",
    ),
    path(
        "proposals/persons/<int:proposed_person_id>/edit/",
        views.proposed_person_edit,
        name="proposed_person_edit",
    ),
    path(
        "proposals/persons/<int:proposed_person_id>/remove/",
        views.proposed_person_remove,
        name="proposed_person_remove",
    ),
]
