"""The allocation app's URLs: the meeting pages, the rule sets and shared houses."""

from .views import houses, meetings, offers, rules, statistics, waiting

app_name = "allocation"

urlpatterns = [
    *meetings.urlpatterns,
    *waiting.urlpatterns,
    *offers.urlpatterns,
    *statistics.urlpatterns,
    *rules.urlpatterns,
    *houses.urlpatterns,
]
