from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccommodationConfig(AppConfig):
    name = "boligtorg.accommodation"
    label = "accommodation"
    verbose_name = _("Temporary accommodation")
