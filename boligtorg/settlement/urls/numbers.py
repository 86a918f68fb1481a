"""The yearly numbers, the overview of the year's settlement and the figures."""

from django.urls import path

from ..views import figures, numbers

urlpatterns = [
    path("", numbers.overview, name="overview"),
    path("figures/", figures.figures, name="figures"),
    path("figures/export/", figures.figures_export, name="figures_export"),
    path("numbers/", numbers.target_list, name="target_list"),
    path("numbers/new/", numbers.target_create, name="target_create"),
    path("numbers/<int:settlement_target_id>/", numbers.target_detail, name="target_detail"),
    path(
        "numbers/<int:settlement_target_id>/change/",
        numbers.target_change,
        name="target_change",
    ),
    path(
        "numbers/<int:settlement_target_id>/document/",
        numbers.target_document,
        name="target_document",
    ),
]
