"""URLs of the planning module's statistics pages; joined into ``planning.urls``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
