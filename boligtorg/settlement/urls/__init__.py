"""The settlement pages, one module per area: the yearly numbers and figures, the
persons proposed and their answers, and the dwellings made ready."""

from . import numbers, proposals, readiness

app_name = "settlement"

urlpatterns = [*numbers.urlpatterns, *proposals.urlpatterns, *readiness.urlpatterns]
