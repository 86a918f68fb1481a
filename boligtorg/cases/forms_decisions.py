"""Forms of decisions, appeals, reconsideration and the deadlines list.

The rules (what a granted decision needs, which dates fit) are the service's: the
fields here only parse, and the service's messages land at the same field names.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin

from .forms import DateInput
from .models import AppealStatus, DecisionOutcome, DwellingType, Language, LegalBasis
from .services import decisions as services

TEXTAREA = {"rows": 5}


def legal_bases_in_force(country: str, on: datetime.date) -> Any:
    return LegalBasis.objects.filter(country=country).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )


class DecisionForm(DesignsystemetMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": services.ERROR_OUTCOME},
    )
    dwelling_type = forms.ChoiceField(
        label=_("Type of dwelling"),
        choices=[("", _("Choose when granted")), *DwellingType.choices],
        required=False,
    )
    lease_months = forms.IntegerField(
        label=_("Length of the lease in months"),
        help_text=_("When granted. At least 36 months unless you give a reason below."),
        required=False,
        min_value=1,
        max_value=240,
    )
    short_lease_reason = forms.CharField(
        label=_("Reason for a lease shorter than 3 years"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        help_text=_("When granted: for example a cooperation agreement or follow-up."),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("The facts and the considerations the decision rests on."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    legal_basis = forms.ModelChoiceField(
        label=_("Legal basis"),
        queryset=LegalBasis.objects.none(),
        empty_label=_("Choose a legal basis"),
        error_messages={"required": services.ERROR_LEGAL_BASIS_REQUIRED},
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        widget=DateInput(),
        initial=timezone.localdate,
        error_messages={"required": services.ERROR_DECIDED_ON_REQUIRED},
    )
    received_on = forms.DateField(
        label=_("Received by the applicant"),
        help_text=_("The appeal deadline counts from this day."),
        widget=DateInput(),
        initial=timezone.localdate,
        error_messages={"required": services.ERROR_RECEIVED_ON_REQUIRED},
    )
    letter_language = forms.ChoiceField(label=_("Language of the letter"), choices=Language.choices)

    def __init__(self, *args: Any, country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].queryset = legal_bases_in_force(country, timezone.localdate())


class AppealForm(DesignsystemetMixin, forms.Form):
    received_on = forms.DateField(
        label=_("Appeal received"),
        widget=DateInput(),
        initial=timezone.localdate,
        error_messages={"required": services.ERROR_APPEAL_DATE_REQUIRED},
    )
    grounds = forms.CharField(
        label=_("Grounds of the appeal"),
        help_text=_("What the applicant wants changed, and why."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


class ReconsiderForm(DesignsystemetMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome of the reconsideration"),
        choices=[
            (AppealStatus.REVERSED, _("Reverse the decision: write a new decision")),
            (AppealStatus.UPHELD, _("Uphold the decision: send the appeal on")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": services.ERROR_RECONSIDER_OUTCOME},
    )
    notes = forms.CharField(
        label=_("Reasons for the reconsideration"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    on = forms.DateField(
        label=_("Date of the reconsideration"),
        widget=DateInput(),
        initial=timezone.localdate,
        error_messages={"required": services.ERROR_RECONSIDER_DATE_REQUIRED},
    )


class DeadlineFilterForm(DesignsystemetMixin, forms.Form):
    mine = forms.BooleanField(label=_("Only my cases"), required=False)
    due = forms.ChoiceField(
        label=_("Interim notices"),
        required=False,
        choices=[
            ("", _("Due within a week or overdue")),
            ("overdue", _("Overdue")),
            ("soon", _("Due within a week")),
        ],
    )
