"""Forms of follow-up plans, visits and early warning. Validation of the rules is
in the services; the forms parse and keep what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin, UserChoiceField
from boligtorg.core.imports import limits_help, upload_size_check
from boligtorg.housing.forms import DateInput

from .models import GoalArea, Progress, Visit, VisitKind, VisitStatus
from .models.warnings import ComplaintSource, PreventionCase, RiskRules


class PlanForm(DesignsystemetMixin, forms.Form):
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())
    lease = forms.ModelChoiceField(
        label=_("Lease followed up"), queryset=None, required=False, empty_label=_("No lease yet")
    )
    summary = forms.CharField(
        label=_("What the household wants to achieve"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, leases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lease"].queryset = leases  # type: ignore[attr-defined]


class GoalForm(DesignsystemetMixin, forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=GoalArea.choices)
    # Required by the service, which reports every missing field at once.
    description = forms.CharField(
        label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    actions = forms.CharField(
        label=_("Actions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    responsible_service = forms.CharField(
        label=_("Responsible service"), max_length=100, required=False
    )
    responsible = UserChoiceField(
        label=_("Responsible person"), queryset=None, required=False, empty_label=_("Nobody named")
    )
    next_review_on = forms.DateField(label=_("First review"), widget=DateInput())

    def __init__(self, *args: Any, team: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team  # type: ignore[attr-defined]
        self.fields["area"].choices = areas  # type: ignore[attr-defined]


class ReviewForm(DesignsystemetMixin, forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())
    progress = forms.ChoiceField(label=_("Progress"), choices=Progress.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_review_on = forms.DateField(
        label=_("Next review"),
        widget=DateInput(),
        required=False,
        help_text=_("Not needed when the goal is achieved."),
    )


class VisitForm(DesignsystemetMixin, forms.Form):
    planned_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    worker = UserChoiceField(label=_("Worker"), queryset=None)
    notes = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = colleagues  # type: ignore[attr-defined]


RECORD_CHOICES = [
    (VisitStatus.DONE, VisitStatus.DONE.label),
    (VisitStatus.MISSED, _("Missed: the household was not there")),
    (VisitStatus.CANCELLED, VisitStatus.CANCELLED.label),
]


class VisitRecordForm(DesignsystemetMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"), choices=RECORD_CHOICES, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Short note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"notes": visit.notes})
        super().__init__(*args, **kwargs)


class ArrearsForm(DesignsystemetMixin, forms.Form):
    as_of = forms.DateField(label=_("As of"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Rent owed (NOK/DKK)"),
        decimal_places=0,
        max_digits=10,
        help_text=_("0 when the arrears are cleared."),
    )


class ComplaintForm(DesignsystemetMixin, forms.Form):
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    source = forms.ChoiceField(label=_("From"), choices=ComplaintSource.choices)
    summary = forms.CharField(label=_("What it is about"), max_length=300)


class PreventionOpenForm(DesignsystemetMixin, forms.Form):
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PreventionForm(DesignsystemetMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PreventionCase
        fields = [
            "contact_made_on",
            "payment_plan_agreed_on",
            "payment_plan_monthly",
            "payment_plan_until",
            "payment_plan_broken_on",
            "referral",
            "referred_on",
            "outcome",
            "closed_on",
            "notes",
        ]
        widgets = {
            "contact_made_on": DateInput(),
            "payment_plan_agreed_on": DateInput(),
            "payment_plan_until": DateInput(),
            "payment_plan_broken_on": DateInput(),
            "referred_on": DateInput(),
            "closed_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self) -> None:
        # The service validates and writes; the model's own checks would run on a
        # half-updated instance here.
        pass


class LedgerUploadForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=_("Rent ledger (CSV)"),
        help_text=_("Columns: address, unit_number, as_of (YYYY-MM-DD) and amount_owed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = limits_help(str(field.help_text))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        upload_size_check(upload)
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."))
        return upload


class RiskRulesForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = RiskRules
        fields = [
            "valid_from",
            "points_per_month_in_arrears",
            "arrears_months_cap",
            "payment_plan_relief_percent",
            "points_per_complaint",
            "points_per_missed_visit",
            "window_days",
            "points_clause_due",
            "clause_due_days",
            "watch_from",
            "high_from",
        ]
        widgets = {"valid_from": DateInput()}

    def _post_clean(self) -> None:
        # The service checks the periods and thresholds, with the other periods in view.
        pass
