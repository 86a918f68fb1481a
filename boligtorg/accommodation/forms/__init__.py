"""Forms of the accommodation pages; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, DecisionOutcome

from ..models import InspectionResult, Provider

DATE = forms.DateInput(attrs={"type": "date"})


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    org_number = forms.CharField(label=_("Organisation number"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)


class AgreementForm(forms.Form):
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE, required=False)
    valid_to = forms.DateField(
        label=_("Valid to"), widget=DATE, required=False, help_text=_("Empty while it runs.")
    )
    standard = forms.CharField(label=_("Standard"), widget=forms.Textarea, required=False)
    house_rules = forms.CharField(label=_("House rules"), widget=forms.Textarea, required=False)
    price_per_night = forms.DecimalField(
        label=_("Price per night"), max_digits=8, decimal_places=2, required=False
    )
    approved_for_children = forms.BooleanField(label=_("Approved for children"), required=False)


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", "—"), *InspectionResult.choices], required=False
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class CaseChoiceForm(forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=20)


class PlacementForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Provider.objects.none(), required=False
    )
    address = forms.CharField(
        label=_("Address"), required=False, help_text=_("Room or unit, if not the provider's.")
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE, required=False)
    ends_on = forms.DateField(
        label=_("To"), widget=DATE, required=False, help_text=_("Empty while the household stays.")
    )
    price_per_night = forms.DecimalField(
        label=_("Price per night"),
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text=_("Empty: the price of the agreement."),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Who stays"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decision = forms.ModelChoiceField(
        label=_("Decision"),
        queryset=None,
        required=False,
        help_text=_(
            "The granting decision on the case, made in the case's decision flow. "
            "Empty only for an emergency placement the same night."
        ),
    )
    emergency = forms.BooleanField(label=_("Emergency the same night"), required=False)

    def __init__(self, *args, application: Application, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.filter(
            municipality_id=application.municipality_id
        )
        members = application.household.members.select_related("person")
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda m: (
            f"{m.person} ({m.get_relation_display()})"
        )
        self.fields["decision"].queryset = application.decisions.filter(
            outcome=DecisionOutcome.GRANTED
        )


class EndForm(forms.Form):
    ends_on = forms.DateField(label=_("Left on"), widget=DATE, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class PeriodForm(forms.Form):
    first = forms.DateField(label=_("From"), widget=DATE, required=False)
    last = forms.DateField(label=_("To"), widget=DATE, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("first") and data.get("last") and data["last"] < data["first"]:
            self.add_error("last", _("The end cannot be before the start."))
        return data


class StayLimitForm(forms.Form):
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE, required=False)
    nights = forms.IntegerField(label=_("Nights for everyone"), required=False)
    nights_with_children = forms.IntegerField(
        label=_("Nights for families with children"),
        required=False,
        help_text=_("0 means families with children are not placed at all."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)
