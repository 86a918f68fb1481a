"""Forms of rent-to-own: the offer, a step of the pipeline, savings paid. They parse
and keep what was typed; the rules are in the services and the domain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput

from ..models import RentBasis, RentToOwnStatus
from .cases import kroner


class RentToOwnFilterForm(DesignsystemetMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Ongoing")), *RentToOwnStatus.choices],
    )


class OfferForm(DesignsystemetMixin, forms.Form):
    national_id = forms.CharField(
        label=_("National id of the household's main applicant"),
        required=False,
        max_length=20,
        help_text=_("Empty: the household that rents the dwelling now."),
    )
    price = kroner(_("Price fixed at the start"), required=True)
    start = forms.DateField(label=_("Start of the tenancy"), widget=DateInput())
    option_years = forms.TypedChoiceField(
        label=_("Option period"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("A purchase deadline instead")), (3, _("3 years")), (5, _("5 years"))],
    )
    purchase_deadline = forms.DateField(
        label=_("Purchase deadline"),
        required=False,
        widget=DateInput(),
        help_text=_("Only without an option period (e.g. buy within 6 years)."),
    )
    rent_basis = forms.ChoiceField(label=_("Rent basis"), choices=RentBasis.choices)
    monthly_rent = kroner(_("Monthly rent"), required=True)
    monthly_cost_rent = kroner(_("Monthly cost rent"), required=True)
    monthly_saving = kroner(_("Monthly saving requirement"))
    maintenance_duties = forms.CharField(
        label=_("Maintenance duties"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def terms(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("national_id")
        if data.get("monthly_saving") is None:
            data.pop("monthly_saving")
        return data


class StepForm(DesignsystemetMixin, forms.Form):
    """A step's day; ending needs a reason; the purchase may record other proceeds."""

    day = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args: Any, reason: bool = False, proceeds: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if reason:
            self.fields["reason"] = forms.CharField(
                label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
            )
        if proceeds:
            self.fields["sale_proceeds"] = kroner(
                _("Sale proceeds"),
                help_text=_("Empty: the price at exercise, which the household pays."),
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")


class SavingForm(DesignsystemetMixin, forms.Form):
    month = forms.DateField(
        label=_("Month"), widget=DateInput(), help_text=_("Any day of the month.")
    )
    amount = kroner(_("Amount paid"), required=True)
