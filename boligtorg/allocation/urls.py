"""The allocation app's URLs: the meeting pages, the rule sets and shared houses."""

from . import views, views_houses, views_rules

app_name = "allocation"

urlpatterns = [
    *views.urlpatterns,
    *views_rules.urlpatterns,
    *views_houses.urlpatterns,
]
