"""The cases app's URLs: each views module of an area contributes its patterns."""

from .views import applications

app_name = "cases"

urlpatterns = [
    *applications.urlpatterns,
]
