"""The planning module's URLs: each part (areas, programmes and action plans,
statistics and reports) keeps its own list."""

from django.urls import URLPattern

from . import urls_areas, urls_programmes, urls_statistics

app_name = "planning"

urlpatterns: list[URLPattern] = [
    *urls_areas.urlpatterns,
    *urls_programmes.urlpatterns,
    *urls_statistics.urlpatterns,
]
