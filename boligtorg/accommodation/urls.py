from django.urls import path

from . import views

app_name = "accommodation"

urlpatterns = [
    path("", views.current, name="current"),
    path("figures/", views.figures, name="figures"),
    path("limits/new/", views.stay_limit_set, name="stay_limit_set"),
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/new/", views.provider_create, name="provider_create"),
    path(
        "providers/<int:accommodation_provider_id>/",
        views.provider_detail,
        name="provider_detail",
    ),
    path(
        "providers/<int:accommodation_provider_id>/agreements/new/",
        views.agreement_add,
        name="agreement_add",
    ),
    path(
        "providers/<int:accommodation_provider_id>/inspections/new/",
        views.inspection_add,
        name="inspection_add",
    ),
    path("placements/new/", views.placement_choose_case, name="placement_new"),
    path(
        "placements/new/<int:accommodation_application_id>/",
        views.placement_create,
        name="placement_create",
    ),
    path(
        "placements/<int:accommodation_placement_id>/end/",
        views.placement_end,
        name="placement_end",
    ),
]
