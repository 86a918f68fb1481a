"""URLs of the follow-up module's career pages; joined into ``followup.urls``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
