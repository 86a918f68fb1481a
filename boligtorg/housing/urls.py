from django.urls import path

from . import views

app_name = "housing"

urlpatterns = [
    path("", views.dwelling_list, name="dwelling_list"),
    path("new/", views.dwelling_create, name="dwelling_create"),
    path("<int:dwelling_id>/", views.dwelling_detail, name="dwelling_detail"),
    path("<int:dwelling_id>/edit/", views.dwelling_edit, name="dwelling_edit"),
    path("<int:dwelling_id>/status/", views.dwelling_status, name="dwelling_status"),
    path("<int:dwelling_id>/leases/new/", views.lease_create, name="lease_create"),
    path("<int:dwelling_id>/leases/households/", views.lease_households, name="lease_households"),
    path("leases/<int:lease_id>/renew/", views.lease_renew, name="lease_renew"),
    path("leases/<int:lease_id>/terminate/", views.lease_terminate, name="lease_terminate"),
    path("leases/expiring/", views.lease_expiry_list, name="lease_expiry_list"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("import/", views.dwelling_import, name="dwelling_import"),
    path("export/", views.dwelling_export, name="dwelling_export"),
    path("landlords/", views.landlord_list, name="landlord_list"),
    path("landlords/new/", views.landlord_create, name="landlord_create"),
    path("landlords/<int:landlord_id>/edit/", views.landlord_edit, name="landlord_edit"),
    path(
        "landlords/<int:landlord_id>/vacancies/",
        views.landlord_vacancies,
        name="landlord_vacancies",
    ),
]
