"""Forms of the finance settings: the municipality's own rates and price limits, its
start-loan guideline and its delegated decision authority."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput

from ..access import DECIDE_ROLES
from ..models import GuidelineUse, RateName
from .cases import kroner


class RateForm(DesignsystemetMixin, forms.Form):
    name = forms.ChoiceField(label=_("Rate"), choices=RateName.choices)
    percent = forms.DecimalField(
        label=_("Percent"), max_digits=6, decimal_places=3, min_value=0, max_value=100
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


class PriceLimitForm(DesignsystemetMixin, forms.Form):
    area = forms.CharField(
        label=_("Area"),
        max_length=100,
        required=False,
        help_text=_("Empty for the whole municipality."),
    )
    household_size = forms.IntegerField(
        label=_("Household size"),
        min_value=1,
        max_value=20,
        help_text=_("The limit applies from this size up to the next row's."),
    )
    max_price = kroner(_("Highest price"), required=True)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())


class GuidelineForm(DesignsystemetMixin, forms.Form):
    """A new version of the start-loan guideline. The settings that would bind the
    assessment are offered so that the service can say at the field why a guideline
    may not say so (forskrift om lån fra Husbanken § 9-1)."""

    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=100,
        help_text=_("The case number of the adoption, for example in the municipal council."),
    )
    income_cap = kroner(
        _("Income cap"),
        help_text=_(
            "The household's income after tax a year, as the economy counts it. Empty: "
            "no cap. A cap guides the assessment."
        ),
    )
    income_cap_absolute = forms.BooleanField(label=_("The income cap is absolute"), required=False)
    fifty_years = forms.ChoiceField(label=_("Terms up to 50 years"), choices=GuidelineUse.choices)
    fixed_rate = forms.ChoiceField(label=_("Fixed rate"), choices=GuidelineUse.choices)
    deferral = forms.ChoiceField(
        label=_("Years without instalments (up to 8)"), choices=GuidelineUse.choices
    )
    excludes_payment_remarks = forms.BooleanField(
        label=_("Payment remarks exclude the applicant"), required=False
    )
    excludes_municipal_debt = forms.BooleanField(
        label=_("Debt to the municipality excludes the applicant"), required=False
    )
    requires_citizenship = forms.BooleanField(
        label=_("Norwegian citizenship is required"), required=False
    )
    excludes_non_eea = forms.BooleanField(
        label=_("Origin outside the EEA excludes the applicant"), required=False
    )
    residence_years = forms.IntegerField(
        label=_("Years of residence in the municipality"),
        required=False,
        min_value=0,
        max_value=20,
        help_text=_("Empty or 0: no residence requirement."),
    )
    residence_exceptions = forms.CharField(
        label=_("Exceptions to the residence requirement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(
        label=_("The guideline's text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The text as adopted, or attach the document below."),
    )
    document = forms.FileField(
        label=_("The adopted document (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_document(self):  # noqa: ANN201
        document = self.cleaned_data.get("document")
        if document and not document.name.lower().endswith(".pdf"):
            raise forms.ValidationError(_("Attach the document as a PDF."))
        return document


class AuthorityForm(DesignsystemetMixin, forms.Form):
    """A role's delegated authority from a date: the largest start loan and grant it
    may decide (empty: no limit)."""

    role = forms.ChoiceField(
        label=_("Role"), choices=[(role.value, role.label) for role in DECIDE_ROLES]
    )
    max_loan = kroner(_("Largest start loan"), help_text=_("Empty: no limit."))
    max_grant = kroner(_("Largest grant"), help_text=_("Empty: no limit."))
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
