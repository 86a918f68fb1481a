"""URLs of the follow-up module's career pages; joined into ``followup.urls``."""

from django.urls import URLPattern, path

from .views import career as views

urlpatterns: list[URLPattern] = [
    path("career/case/<int:application_id>/", views.case_career, name="case_career"),
    path(
        "career/case/<int:application_id>/lease/<int:lease_id>/transition/",
        views.transition_mark,
        name="transition_mark",
    ),
    path(
        "career/case/<int:application_id>/lease/<int:lease_id>/assessment/",
        views.transition_assess,
        name="transition_assess",
    ),
    path(
        "career/case/<int:application_id>/lease/<int:lease_id>/end-review/",
        views.lease_end_review,
        name="lease_end_review",
    ),
    path("career/person/<int:person_id>/", views.housing_career, name="housing_career"),
    path("career/person/<int:person_id>/tenures/new/", views.tenure_create, name="tenure_create"),
    path(
        "conditions/decision/<int:decision_id>/",
        views.decision_conditions,
        name="decision_conditions",
    ),
    path("conditions/<int:condition_id>/review/", views.condition_review, name="condition_review"),
]
