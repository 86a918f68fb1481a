"""Forms of the rental pages; the rules are the services' (errors put back at the field)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..models import ClaimStatus, GuaranteeKind, Landlord, LandlordKind

DATE = forms.DateInput(attrs={"type": "date"})


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


class GuaranteeFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), ("in_force", _("In force")), ("ended", _("Ended"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *GuaranteeKind.choices]
    )


class LandlordForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *LandlordKind.choices]
    )
    org_number = forms.CharField(label=_("Organisation number"), required=False)
    contact_name = forms.CharField(label=_("Contact name"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    contact_person = forms.ModelChoiceField(
        label=_("Municipality's contact person"),
        required=False,
        queryset=get_user_model().objects.none(),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    def __init__(self, *args, municipality=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = (
            get_user_model()
            .objects.filter(memberships__municipality=municipality, memberships__is_active=True)
            .order_by("first_name", "last_name")
        )
        self.fields["contact_person"].label_from_instance = lambda u: (
            u.get_full_name() or u.username
        )


class DwellingForm(forms.Form):
    address = forms.CharField(label=_("Address"), required=False)
    bedrooms = forms.IntegerField(label=_("Bedrooms"), required=False)
    monthly_rent = forms.DecimalField(label=_("Rent per month"), required=False)
    available_from = forms.DateField(label=_("Available from"), required=False, widget=DATE)


class CaseChooserForm(forms.Form):
    number = forms.CharField(label=_("Case number"), required=False)


class GuaranteeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *GuaranteeKind.choices]
    )
    landlord = forms.ModelChoiceField(
        label=_("Landlord"), required=False, queryset=Landlord.objects.none()
    )
    amount = forms.DecimalField(label=_("Amount"), required=False)
    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=DATE)
    lease_address = forms.CharField(label=_("Lease address"), required=False)

    def __init__(self, *args, municipality=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["landlord"].queryset = Landlord.objects.filter(municipality=municipality)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended"), required=False, widget=DATE)


class ClaimForm(forms.Form):
    received_on = forms.DateField(label=_("Received"), required=False, widget=DATE)
    amount_claimed = forms.DecimalField(label=_("Amount claimed"), required=False)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        widget=forms.RadioSelect,
        choices=[(ClaimStatus.PAID, _("Pay")), (ClaimStatus.REFUSED, _("Refuse"))],
    )
    checked_on = forms.DateField(label=_("Checked"), required=False, widget=DATE)
    amount_paid = forms.DecimalField(label=_("Amount paid"), required=False)
    refusal_reason = forms.CharField(
        label=_("Reason for refusal"), required=False, widget=forms.Textarea
    )
