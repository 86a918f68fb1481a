from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FoundDwelling, SearchOutcome

DATE = forms.DateInput(attrs={"type": "date"})


class SearchOpenForm(forms.Form):
    needs = forms.CharField(label=_("Needs"), required=False, widget=forms.Textarea)
    max_rent = forms.DecimalField(label=_("Can pay per month"), required=False)
    opened_on = forms.DateField(label=_("Opened"), required=False, widget=DATE)


class FoundForm(forms.Form):
    address = forms.CharField(label=_("Address"), required=False)
    landlord_name = forms.CharField(label=_("Landlord"), required=False)
    monthly_rent = forms.DecimalField(label=_("Rent per month"), required=False)
    advertised_where = forms.CharField(label=_("Advertised where"), required=False)


class ViewingForm(forms.Form):
    dwelling = forms.ModelChoiceField(label=_("Dwelling"), queryset=FoundDwelling.objects.none())
    viewed_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    accompanied_by = forms.CharField(label=_("Who went along"), required=False)

    def __init__(self, *args, search=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["dwelling"].queryset = FoundDwelling.objects.filter(search=search)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", "—"), *[c for c in SearchOutcome.choices if c[0] != SearchOutcome.OPEN]],
    )
    outcome_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    followup_needed = forms.BooleanField(
        label=_("Follow-up needed after moving in"), required=False
    )
