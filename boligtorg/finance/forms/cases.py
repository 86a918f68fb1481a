"""Forms of the financing case: registering, the plan, economy lines, the
eligibility checklist, closing. The forms parse and keep what was typed; the rules
are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput

from ..models import EconomyKind, EligibilityQuestion, FinancingPurpose, Product


def kroner(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=0,
        min_value=0,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )


class PlanFields(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=[("", _("Choose the purpose")), *FinancingPurpose.choices]
    )
    product = forms.ChoiceField(label=_("Product"), choices=Product.choices)
    home_address = forms.CharField(label=_("Address of the home"), required=False, max_length=200)
    home_area = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=100,
        help_text=_("The area of the price limits; empty for the whole municipality."),
    )
    price = kroner(_("Price"))
    home_value = kroner(
        _("Value of the home"),
        help_text=_("The valuation, when refinancing or adapting a home already owned."),
    )
    costs = kroner(
        _("Purchase costs"), help_text=_("Document duty, registration fees and other costs.")
    )
    equity = kroner(_("Equity"))
    bank_loan = kroner(_("Bank loan"))
    bank_loan_monthly = kroner(
        _("Monthly payment on the bank loan"),
        help_text=_("Co-financing: the capacity test counts both loans."),
    )
    loan_applied = kroner(_("Start loan applied for"))
    grant_applied = kroner(_("Grant applied for"))

    def plan(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("costs", "equity", "bank_loan", "bank_loan_monthly"):
            data[name] = data.get(name) or 0
        for name in ("loan_applied", "grant_applied"):
            data[name] = data.get(name) or 0
        return {name: data[name] for name in PLAN_FIELD_NAMES}


PLAN_FIELD_NAMES = (
    "purpose",
    "product",
    "home_address",
    "home_area",
    "price",
    "home_value",
    "costs",
    "equity",
    "bank_loan",
    "bank_loan_monthly",
    "loan_applied",
    "grant_applied",
)


class RegisterForm(DesignsystemetMixin, PlanFields):
    national_id = forms.CharField(
        label=_("National identity number"),
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
    field_order = [
        "national_id",
        "first_name",
        "last_name",
        "date_of_birth",
        "received_on",
        *PLAN_FIELD_NAMES,
    ]


class PlanForm(DesignsystemetMixin, PlanFields):
    version = forms.IntegerField(widget=forms.HiddenInput)


class EconomyLineForm(DesignsystemetMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EconomyKind.choices)
    category = forms.CharField(label=_("What"), max_length=100)
    monthly_amount = kroner(_("Kroner per month"), required=True)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class EconomyAmountForm(DesignsystemetMixin, forms.Form):
    monthly_amount = kroner(_("Kroner per month"), required=True)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


ANSWERS = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]


class EligibilityForm(DesignsystemetMixin, forms.Form):
    """Every question of the checklist at once: an answer and its reason each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in EligibilityQuestion.choices:
            self.fields[f"{value}__answer"] = forms.ChoiceField(
                label=label, choices=ANSWERS, required=False
            )
            self.fields[f"{value}__reason"] = forms.CharField(
                label=_("Reason: %(question)s") % {"question": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{value}__answer"].widget.attrs["class"] = "ds-input"
            self.fields[f"{value}__reason"].widget.attrs["class"] = "ds-input"

    def pairs(self) -> list[tuple[str, Any, Any]]:
        return [
            (value, self[f"{value}__answer"], self[f"{value}__reason"])
            for value in EligibilityQuestion.values
        ]


class NoteForm(DesignsystemetMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoticeForm(DesignsystemetMixin, forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
