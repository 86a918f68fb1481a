"""Forms of the running loan: the servicer's file of missed instalments, a missed
instalment by hand, and a change of terms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.core.imports import limits_help, upload_size_check
from boligtorg.housing.forms import DateInput

from ..models import RateKind, TermsChangeKind


def _amount(label: Any, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )


class MissedUploadForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=_("The servicer's file (CSV)"),
        help_text=_(
            "Columns: case_number, due_date (YYYY-MM-DD), amount_missed and reported_date."
        ),
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


class MissedInstalmentForm(DesignsystemetMixin, forms.Form):
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    amount = _amount(_("Amount missed"), required=True)
    reported_on = forms.DateField(label=_("Reported by the servicer on"), widget=DateInput())


class TermsChangeForm(DesignsystemetMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Change"), choices=[("", _("Choose the change")), *TermsChangeKind.choices]
    )
    period_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        help_text=_("For postponed instalments and interest added to the loan."),
    )
    period_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    interest_amount = _amount(_("Interest added to the loan (kr)"))
    new_years = forms.IntegerField(
        label=_("New term in years"), required=False, min_value=1, max_value=50
    )
    new_rate_kind = forms.ChoiceField(
        label=_("New interest rate"),
        required=False,
        choices=[("", "—"), *RateKind.choices],
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def change(self) -> dict[str, Any]:
        """The cleaned values as the service takes them."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "decided_on": data["decided_on"],
            "reason": data["reason"],
            "period_from": data.get("period_from"),
            "period_to": data.get("period_to"),
            "interest_amount": data.get("interest_amount"),
            "new_years": data.get("new_years"),
            "new_rate_kind": data.get("new_rate_kind") or "",
        }
