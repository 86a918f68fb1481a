from django.urls import URLPattern

from . import urls_career, urls_houses

app_name = "followup"

urlpatterns: list[URLPattern] = [*urls_houses.urlpatterns, *urls_career.urlpatterns]
