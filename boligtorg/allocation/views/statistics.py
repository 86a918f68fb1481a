"""The meeting's statistics for a period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from boligtorg.cases.forms import DateInput
from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.core.permissions import role_required

from .. import statistics as offer_stats
from ..access import READ_ROLES

ERROR_PERIOD_ORDER = gettext_lazy("The end of the period cannot be before its start.")
ERROR_PERIOD_FUTURE = gettext_lazy("The period cannot start after today.")


class PeriodForm(DesignsystemetMixin, forms.Form):
    """The period of the statistics: an empty end is today, an empty start 12 months
    before the end."""

    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        today = timezone.localdate()
        end = cleaned.get("end") or today
        start = cleaned.get("start") or offer_stats.default_period(end)[0]
        cleaned.update(start=start, end=end)
        if start > today:
            self.add_error("start", ERROR_PERIOD_FUTURE)
        elif end < start:
            self.add_error("end", ERROR_PERIOD_ORDER)
        return cleaned


@role_required(*READ_ROLES)
def statistics(request: HttpRequest) -> HttpResponse:
    """Waiting and answer times, decline reasons, vacancy days and offers by status:
    counts of offers and dwellings, never persons."""
    default_start, default_end = offer_stats.default_period(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"start": default_start, "end": default_end})
    figures = None
    if not form.is_bound:
        figures = offer_stats.offer_statistics(actor=request.actor)
    elif form.is_valid():
        figures = offer_stats.offer_statistics(
            actor=request.actor, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        )
    return render(request, "allocation/statistics.html", {"form": form, "figures": figures})


urlpatterns = [
    path("statistics/", statistics, name="statistics"),
]
