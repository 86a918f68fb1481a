"""The cases app's URLs: each views module of an area contributes its patterns."""

from .views import applications, decisions, team

app_name = "cases"

urlpatterns = [
    *applications.urlpatterns,
    *team.urlpatterns,
    *decisions.urlpatterns,
]
