"""Forms of the meeting, the offers and a household's priority."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.forms import DateInput
from boligtorg.core.forms import DesignsystemetMixin

from .models import OfferStatus, PairKind
from .services import offers as offer_services


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


class AnswerForm(DesignsystemetMixin, forms.Form):
    """An answer to ``offer``: the offer service's date rule runs with the form's own
    checks, so a page shows "required" on one field and "after today" on another in
    the same round."""

    answered_on = forms.DateField(
        label=_("Answered on"),
        widget=DateInput,
        help_text=_("From the day of the offer up to today."),
    )
    late_answer_reason = forms.CharField(
        label=_("Reason for the late answer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the answer came after the deadline."),
    )

    def __init__(self, *args: Any, offer: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        if self.offer is None or not cleaned.get("answered_on"):
            return cleaned
        errors = offer_services.offer_answer_errors(
            offer=self.offer,
            answered_on=cleaned["answered_on"],
            late_answer_reason=cleaned.get("late_answer_reason") or "",
            lease_start=cleaned.get("lease_start"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class AcceptForm(AnswerForm):
    lease_start = forms.DateField(
        label=_("Lease starts"), widget=DateInput, help_text=_("On or after the answer.")
    )
    six_month_clause = forms.BooleanField(label=_("6-month clause"), required=False)
    three_party_agreement = forms.BooleanField(
        label=_("Three-party agreement with follow-up"), required=False
    )


class DeclineForm(AnswerForm):
    reason = forms.ModelChoiceField(label=_("Reason for declining"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, reasons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = reasons

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.offer is not None and not cleaned.get("reason") and "reason" not in self.errors:
            # The service's rule, shown with the date checks in the same round.
            self.add_error("reason", offer_services.ERROR_REASON_REQUIRED)
        return cleaned


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
