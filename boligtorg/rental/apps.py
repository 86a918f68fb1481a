from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RentalConfig(AppConfig):
    name = "boligtorg.rental"
    label = "rental"
    verbose_name = _("Private rental market")
