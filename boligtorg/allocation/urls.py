"""The allocation app's URLs: the meeting pages and the rule sets."""

from . import views, views_rules

app_name = "allocation"

urlpatterns = [
    *views.urlpatterns,
    *views_rules.urlpatterns,
]
