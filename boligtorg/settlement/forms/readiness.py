"""Forms of a dwelling ready on the day of arrival. They parse and keep what was
typed; the rules (conflicts, § 12, leases) are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput


class ReserveForm(DesignsystemetMixin, forms.Form):
    dwelling = forms.ModelChoiceField(label=_("Dwelling"), queryset=None)  # type: ignore[arg-type]
    ready_on = forms.DateField(
        label=_("Ready from"),
        widget=DateInput(),
        help_text=_("The day the dwelling can be moved into, at the latest the arrival."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, dwellings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dwelling"].queryset = dwellings  # type: ignore[attr-defined]


class ReleaseForm(DesignsystemetMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the reservation released?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SettleForm(DesignsystemetMixin, forms.Form):
    arrived_on = forms.DateField(label=_("Arrived"), widget=DateInput())
    lease_start = forms.DateField(label=_("Lease starts"), widget=DateInput())
    lease_months = forms.IntegerField(
        label=_("Lease length (months)"),
        required=False,
        min_value=1,
        help_text=_("Empty: 36 months, the Tenancy Act's minimum for a municipal landlord."),
    )
    rent = forms.DecimalField(
        label=_("Monthly rent"),
        required=False,
        min_value=0,
        decimal_places=0,
        help_text=_("Empty: the dwelling's rent."),
    )
    short_lease_reason = forms.CharField(
        label=_("Reason for a lease shorter than 3 years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TemporaryResidenceForm(DesignsystemetMixin, forms.Form):
    proposal = forms.ModelChoiceField(label=_("Placement"), queryset=None)  # type: ignore[arg-type]
    address = forms.CharField(label=_("Address"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=None,  # type: ignore[arg-type]
        help_text=_(
            "Never an area on the year's list of vulnerable housing areas "
            "(integrationsloven § 12, stk. 2)."
        ),
    )
    from_on = forms.DateField(label=_("From"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, proposals: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals  # type: ignore[attr-defined]
        self.fields["proposal"].label_from_instance = _arrival_label  # type: ignore[attr-defined]
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class ResidenceEndForm(DesignsystemetMixin, forms.Form):
    to_on = forms.DateField(label=_("Moved out on"), widget=DateInput())


class AdultDwellingForm(DesignsystemetMixin, forms.Form):
    adult_dwelling_on = forms.DateField(
        label=_("Moved to an adult dwelling on"), widget=DateInput()
    )


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class MeetingReserveForm(DesignsystemetMixin, forms.Form):
    """The allocation meeting reserves an agenda dwelling for a named arrival."""

    proposal = forms.ModelChoiceField(label=_("Arrival"), queryset=None)  # type: ignore[arg-type]
    dwelling = forms.ModelChoiceField(label=_("Dwelling on the agenda"), queryset=None)  # type: ignore[arg-type]
    ready_on = forms.DateField(label=_("Ready from"), widget=DateInput())

    def __init__(self, *args: Any, proposals: Any, dwellings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals  # type: ignore[attr-defined]
        self.fields["proposal"].label_from_instance = _arrival_label  # type: ignore[attr-defined]
        self.fields["dwelling"].queryset = dwellings  # type: ignore[attr-defined]


def _arrival_label(proposal: Any) -> str:
    """The reference, and the expected arrival when there is one."""
    reference = proposal.list_reference or f"#{proposal.pk}"
    day = proposal.expected_arrival_on
    return f"{reference} ({day:%d.%m.%Y})" if day else reference
