"""Forms of the meeting, the offers and a household's priority."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.forms import DateInput
from boligtorg.core.forms import DesignsystemetMixin

from .models import OfferStatus, PairKind


class MeetingForm(DesignsystemetMixin, forms.Form):
    """A new meeting. The date, the members and the agenda are required, but
    checked by the service (``meeting_create``) so that every error shows at once."""

    held_on = forms.DateField(label=_("Date of the meeting"), required=False, widget=DateInput)
    title = forms.CharField(label=_("Title"), required=False, max_length=150)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Those taking part in the meeting."),
    )
    dwellings = forms.ModelMultipleChoiceField(
        label=_("Dwellings on the agenda"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Dwellings ready for moving in, not offered and not on another open meeting's agenda."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, members: Any, dwellings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )
        self.fields["dwellings"].queryset = dwellings


class CancelMeetingForm(DesignsystemetMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the meeting and in the audit log."),
    )


class PairForm(DesignsystemetMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=PairKind.choices)
    application = forms.TypedChoiceField(label=_("Household"), coerce=int)
    dwelling = forms.TypedChoiceField(label=_("Dwelling"), coerce=int)

    def __init__(self, *args: Any, households: Any, dwellings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [("", "—"), *households]
        self.fields["dwelling"].choices = [("", "—"), *dwellings]


class ReasonForm(DesignsystemetMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class PostponeForm(DesignsystemetMixin, forms.Form):
    note = forms.CharField(label=_("Why is the dwelling postponed?"), max_length=300)


class PostponeRemainingForm(DesignsystemetMixin, forms.Form):
    note = forms.CharField(
        label=_("Why are they postponed?"),
        max_length=300,
        help_text=_("One note for every undecided dwelling; it is in the minutes."),
    )


class OfferFilterForm(DesignsystemetMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *OfferStatus.choices]
    )


class AcceptForm(DesignsystemetMixin, forms.Form):
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput)
    lease_start = forms.DateField(label=_("Lease starts"), widget=DateInput)
    six_month_clause = forms.BooleanField(label=_("6-month clause"), required=False)
    three_party_agreement = forms.BooleanField(
        label=_("Three-party agreement with follow-up"), required=False
    )


class DeclineForm(DesignsystemetMixin, forms.Form):
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput)
    reason = forms.ModelChoiceField(label=_("Reason for declining"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, reasons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = reasons


class AdjustForm(DesignsystemetMixin, forms.Form):
    points = forms.IntegerField(
        label=_("Adjustment in points"),
        min_value=-500,
        max_value=500,
        help_text=_("Positive or negative; 0 removes the adjustment. Replaces the previous one."),
    )
    reason = forms.CharField(label=_("Written reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ParkForm(DesignsystemetMixin, forms.Form):
    until = forms.DateField(label=_("Parked until"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class WaitingFilterForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(label=_("Search by name or case number"), required=False, max_length=100)
