"""Forms of the housing-career pages. They only parse; the rules (which dates fit,
which next step needs a reason) are the service's, and its messages land at the
same field names (``add_service_errors``)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.forms import DateInput
from boligtorg.cases.models import Score
from boligtorg.core.forms import DesignsystemetMixin

from .models import ConditionOutcome, LeaseEndChoice, NextStep, TenureKind
from .services import career as services

DATE_REQUIRED = {"required": services.ERROR_DATE_REQUIRED}


def _date_field(label: str | Promise, *, required: bool = True, **kwargs: object) -> forms.Field:
    return forms.DateField(
        label=label, widget=DateInput(), required=required, error_messages=DATE_REQUIRED, **kwargs
    )


def _notes(label: str | Promise, help_text: str | Promise = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _score_field(label: str | Promise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": services.ERROR_SCORE, "invalid_choice": services.ERROR_SCORE},
    )


def in_three_months() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=91)


class ConditionForm(DesignsystemetMixin, forms.Form):
    text = forms.CharField(
        label=_("Condition"),
        help_text=_(
            "One agreed condition, for example «pay the rent on time» or «accept follow-up visits»."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    next_review_on = _date_field(_("First review"), initial=in_three_months)


class ConditionReviewForm(DesignsystemetMixin, forms.Form):
    reviewed_on = _date_field(_("Reviewed on"), initial=timezone.localdate)
    outcome = forms.ChoiceField(
        label=_("Is the condition kept?"),
        choices=ConditionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": services.ERROR_CONDITION_OUTCOME},
    )
    notes = _notes(_("Notes"), _("What was agreed, and what helps to keep the condition."))
    next_review_on = _date_field(
        _("Next review"),
        required=False,
        help_text=_("Leave empty when the condition needs no more reviews."),
    )


class TransitionPeriodForm(DesignsystemetMixin, forms.Form):
    ends_on = _date_field(
        _("The transition period ends"),
        help_text=_("Within the lease. The assessment of tenancy capacity is due 60 days before."),
    )


class AssessmentForm(DesignsystemetMixin, forms.Form):
    assessed_on = _date_field(_("Assessed on"), initial=timezone.localdate)
    economy_score = _score_field(_("Economy and rent"))
    neighbours_score = _score_field(_("Neighbours"))
    cleaning_score = _score_field(_("Cleaning and upkeep"))
    daily_activity_score = _score_field(_("Daily activity"))
    network_score = _score_field(_("Network"))
    next_step = forms.ChoiceField(
        label=_("Next step"),
        choices=NextStep.choices,
        widget=forms.RadioSelect,
        error_messages={"required": services.ERROR_NEXT_STEP},
    )
    prolonged_until = _date_field(
        _("Prolonged until"),
        required=False,
        help_text=_(
            "Only when prolonged. After the lease's end, the lease is renewed until this day."
        ),
    )
    notes = _notes(
        _("Notes"),
        _("Needed when the scores do not support the chosen step: say why it is chosen."),
        rows=4,
    )


class LeaseEndReviewForm(DesignsystemetMixin, forms.Form):
    reviewed_on = _date_field(_("Reviewed on"), initial=timezone.localdate)
    choice = forms.ChoiceField(
        label=_("At the end of the lease"),
        choices=LeaseEndChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": services.ERROR_LEASE_END_CHOICE},
    )
    reasons = _notes(_("Reasons"), rows=4)
    new_end = _date_field(
        _("Renewed lease ends"),
        required=False,
        help_text=_("When renewed. Leave empty for 3 years; a shorter lease takes the reasons."),
    )
    moves_out_on = _date_field(
        _("Moving day"),
        required=False,
        help_text=_("When moving on. Leave empty for the last day of the lease."),
    )
    address = forms.CharField(
        label=_("New address"),
        required=False,
        max_length=200,
        help_text=_("When moving on to private rent or an own home."),
    )


class TenureForm(DesignsystemetMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Choose the kind")), *TenureKind.choices],
        error_messages={"required": services.ERROR_TENURE_KIND},
    )
    started_on = _date_field(_("From"))
    ended_on = _date_field(_("To"), required=False, help_text=_("Leave empty while it lasts."))
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    note = _notes(_("Note"))
