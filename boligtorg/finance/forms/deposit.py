"""Forms of the Danish deposit loan: registering the application, the decision
(with the facts the check reads, corrected where needed), payout and closing. The
rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput

from ..models import DepositLoanOutcome, DwellingKind
from .cases import kroner

FACT_FIELD_NAMES = ("dwelling_kind", "deposit", "yearly_income", "children", "disposable_means")


class FactFields(forms.Form):
    dwelling_kind = forms.ChoiceField(
        label=_("Kind of dwelling"),
        choices=[("", _("Choose the kind of dwelling")), *DwellingKind.choices],
    )
    deposit = kroner(_("Deposit (indskud)"), required=True)
    yearly_income = kroner(
        _("The household's yearly income"),
        required=True,
        help_text=_("Before tax, as the income limit counts it."),
    )
    children = forms.IntegerField(label=_("Children in the household"), min_value=0, initial=0)
    disposable_means = kroner(
        _("The applicant's disposable means"),
        help_text=_("Only the applicant's own means count (Ankestyrelsen 100-19)."),
    )

    def facts(self) -> dict:
        data = self.cleaned_data
        return {
            "dwelling_kind": data["dwelling_kind"],
            "deposit": data["deposit"],
            "yearly_income": data["yearly_income"],
            "children": data["children"] or 0,
            "disposable_means": data.get("disposable_means") or 0,
        }


class DepositRegisterForm(DesignsystemetMixin, FactFields):
    national_id = forms.CharField(
        label=_("CPR number"),
        required=False,
        max_length=20,
        help_text=_(
            "An applicant already registered is found by the number; otherwise give the "
            "name and date of birth below."
        ),
    )
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    dwelling_address = forms.CharField(label=_("Address of the dwelling"), max_length=200)
    housing_organisation = forms.CharField(label=_("Housing organisation"), max_length=200)
    field_order = [
        "national_id",
        "first_name",
        "last_name",
        "date_of_birth",
        "received_on",
        "dwelling_address",
        "housing_organisation",
        *FACT_FIELD_NAMES,
    ]


class DepositDecideForm(DesignsystemetMixin, FactFields):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DepositLoanOutcome.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Decided"), widget=DateInput())
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The facts and the rules the decision rests on; the letter quotes them."),
    )
    field_order = ["outcome", *FACT_FIELD_NAMES, "decided_on", "reasons"]


class DepositPayOutForm(DesignsystemetMixin, forms.Form):
    paid_out_on = forms.DateField(label=_("Paid out"), widget=DateInput())
