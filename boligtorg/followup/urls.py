"""The follow-up module's URLs: plans, visits and early warning here; the shared
houses' and the housing career's pages in their own lists."""

from django.urls import URLPattern, path

from . import urls_career, urls_houses
from .views import plans, warnings

app_name = "followup"

urlpatterns: list[URLPattern] = [
    path("", plans.agenda, name="agenda"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("cases/<int:application_id>/plan/", plans.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/goals/new/", plans.goal_create, name="goal_create"),
    path("plans/<int:plan_id>/visits/new/", plans.visit_create, name="visit_create"),
    path("goals/<int:goal_id>/review/", plans.goal_review, name="goal_review"),
    path("visits/<int:visit_id>/record/", plans.visit_record, name="visit_record"),
    path("warnings/", warnings.warning_list, name="warning_list"),
    path("warnings/import/", warnings.arrears_import, name="arrears_import"),
    path("warnings/rules/", warnings.risk_rules, name="risk_rules"),
    path("tenancies/<int:lease_id>/", warnings.tenancy, name="tenancy"),
    path("tenancies/<int:lease_id>/arrears/", warnings.arrears_create, name="arrears_create"),
    path(
        "tenancies/<int:lease_id>/complaints/new/",
        warnings.complaint_create,
        name="complaint_create",
    ),
    path(
        "tenancies/<int:lease_id>/prevention/new/",
        warnings.prevention_open,
        name="prevention_open",
    ),
    path("prevention/<int:prevention_id>/", warnings.prevention_edit, name="prevention_edit"),
    *urls_houses.urlpatterns,
    *urls_career.urlpatterns,
]
