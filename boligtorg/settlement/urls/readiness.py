from django.urls import path

from ..views import readiness

urlpatterns = [
    path("arrivals/", readiness.arrivals, name="arrivals"),
    path(
        "arrivals/<int:settlement_proposal_id>/reserve/",
        readiness.reserve,
        name="reserve",
    ),
    path(
        "arrivals/<int:settlement_proposal_id>/settle/",
        readiness.settle,
        name="settle",
    ),
    path(
        "reservations/<int:reservation_id>/release/",
        readiness.release,
        name="reservation_release",
    ),
    path("forecast/", readiness.forecast, name="forecast"),
    path("temporary-residences/", readiness.residences, name="residences"),
    path("temporary-residences/new/", readiness.residence_add, name="residence_add"),
    path(
        "temporary-residences/<int:temporary_residence_id>/end/",
        readiness.residence_end,
        name="residence_end",
    ),
    path(
        "meetings/<int:meeting_id>/reserve/",
        readiness.meeting_reserve,
        name="meeting_reserve",
    ),
    path("minors/", readiness.minors, name="minors"),
    path(
        "minors/<int:settlement_proposal_id>/adult-dwelling/",
        readiness.adult_dwelling,
        name="adult_dwelling",
    ),
]
