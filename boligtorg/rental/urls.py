from django.urls import path

from . import views
from .views import search

app_name = "rental"

urlpatterns = [
    path("", views.landlord_list, name="landlord_list"),
    path("landlords/new/", views.landlord_create, name="landlord_create"),
    path("landlords/<int:rental_landlord_id>/", views.landlord_detail, name="landlord_detail"),
    path("guarantees/", views.guarantee_list, name="guarantee_list"),
    path("guarantees/new/", views.guarantee_create, name="guarantee_create"),
    path(
        "guarantees/<int:rental_guarantee_id>/",
        views.guarantee_detail,
        name="guarantee_detail",
    ),
    path("searches/", search.search_list, name="search_list"),
    path("searches/new/", search.search_open, name="search_open"),
    path("searches/<int:rental_search_id>/", search.search_detail, name="search_detail"),
]
