"""URLs of the planning module's programmes pages; joined into ``planning.urls``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
