"""Forms of the finance settings: the municipality's own rates and price limits."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput

from ..models import RateName
from .cases import kroner


class RateForm(DesignsystemetMixin, forms.Form):
    name = forms.ChoiceField(label=_("Rate"), choices=RateName.choices)
    percent = forms.DecimalField(
        label=_("Percent"), max_digits=6, decimal_places=3, min_value=0, max_value=100
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


class PriceLimitForm(DesignsystemetMixin, forms.Form):
    area = forms.CharField(
        label=_("Area"),
        max_length=100,
        required=False,
        help_text=_("Empty for the whole municipality."),
    )
    household_size = forms.IntegerField(
        label=_("Household size"),
        min_value=1,
        max_value=20,
        help_text=_("The limit applies from this size up to the next row's."),
    )
    max_price = kroner(_("Highest price"), required=True)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
