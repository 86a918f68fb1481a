"""Case list, new case, case page, household members, submitting."""

urlpatterns: list = []
