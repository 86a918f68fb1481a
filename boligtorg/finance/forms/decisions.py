"""Forms of the recommendation, the decision, the explanation duty and payouts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.housing.forms import DateInput

from ..models import DecisionOutcome, LoanMethod, RateKind
from .cases import kroner

# Forskrift om lån fra Husbanken § 8-5: the four conditions for more than 30 years,
# and the low, predictable income that lets a family with children or a household at
# risk do without (a).
LONG_TERM_QUESTIONS = (
    ("permanently_low_income", _("(a) The income is permanently low")),
    ("home_fits_long_term", _("(b) The home fits the household for a long time")),
    ("renting_unsuitable_or_dearer", _("(c) Renting is unsuitable or dearer in the long run")),
    ("shorter_term_not_sound", _("(d) A shorter term is not financially sound")),
    (
        "low_predictable_income",
        _("A low, predictable income is documented (families with children, a home at risk)"),
    ),
)


# Husbanken's guidance on the establishment grant: needs-tested for a permanently low
# income, and a longer loan term is considered first.
GRANT_QUESTIONS = (
    ("permanently_low_income", _("The household has a permanently low income")),
    ("longer_term_considered", _("A longer loan term was considered first")),
)


def _text(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecommendationForm(DesignsystemetMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Recommendation"),
        choices=[("", _("Choose the recommendation")), *DecisionOutcome.choices],
    )
    loan_amount = kroner(_("Start loan"))
    grant_amount = kroner(_("Grant"))
    method = forms.ChoiceField(label=_("Repayment"), choices=LoanMethod.choices)
    years = forms.IntegerField(label=_("Term in years"), min_value=1, max_value=50, initial=30)
    interest_only_years = forms.IntegerField(
        label=_("Years without instalments"), min_value=0, max_value=8, initial=0
    )
    rate_kind = forms.ChoiceField(label=_("Interest rate"), choices=RateKind.choices)
    periods_per_year = forms.TypedChoiceField(
        label=_("Instalments"),
        coerce=int,
        choices=[(12, _("Monthly")), (4, _("Quarterly"))],
    )
    due_day = forms.TypedChoiceField(
        label=_("Due day"), coerce=int, choices=[(1, "1"), (12, "12"), (20, "20")], initial=20
    )
    fifty_year_reasons = _text(
        _("Why more than 30 years, in the letter's words"),
        _("Only for a term over 30 years; answer the conditions below too."),
    )
    grant_write_down_years = forms.IntegerField(
        label=_("The grant is written down over (years)"),
        min_value=1,
        max_value=30,
        initial=20,
        help_text=_("Given as a loan written down in equal yearly parts."),
    )
    promise_valid_until = forms.DateField(
        label=_("The promise holds until"), required=False, widget=DateInput()
    )
    conditions = _text(_("Conditions"))
    facts = _text(_("Facts"))
    considerations = _text(_("Main considerations"))
    how_to_qualify = _text(_("What would qualify later"), _("Required for a refusal."))
    children_interests = _text(
        _("The children's best interests"), _("Required for a refusal when there are children.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in LONG_TERM_QUESTIONS:
            self.fields[f"lt_{name}"] = forms.ChoiceField(
                label=label,
                choices=[("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))],
                required=False,
            )
            self.fields[f"lt_{name}_reason"] = forms.CharField(
                label=_("Reason: %(question)s") % {"question": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for field in (f"lt_{name}", f"lt_{name}_reason"):
                self.fields[field].widget.attrs["class"] = "ds-input"

        for name, label in GRANT_QUESTIONS:
            self.fields[f"grant_{name}"] = forms.ChoiceField(
                label=label,
                choices=[("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))],
                required=False,
            )
            self.fields[f"grant_{name}_reason"] = forms.CharField(
                label=_("Reason: %(question)s") % {"question": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for field in (f"grant_{name}", f"grant_{name}_reason"):
                self.fields[field].widget.attrs["class"] = "ds-input"

    def grant_pairs(self) -> list[tuple[Any, Any]]:
        return [
            (self[f"grant_{name}"], self[f"grant_{name}_reason"]) for name, _l in GRANT_QUESTIONS
        ]

    def long_term_pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"lt_{name}"], self[f"lt_{name}_reason"]) for name, _l in LONG_TERM_QUESTIONS]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        conditions = {}
        for name, _label in LONG_TERM_QUESTIONS:
            answer = data.pop(f"lt_{name}")
            reason = data.pop(f"lt_{name}_reason").strip()
            if answer or reason:
                conditions[name] = {
                    "answer": {"yes": True, "no": False}.get(answer),
                    "reason": reason,
                }
        data["long_term_conditions"] = conditions
        grant_answers = {}
        for name, _label in GRANT_QUESTIONS:
            answer = data.pop(f"grant_{name}")
            reason = data.pop(f"grant_{name}_reason").strip()
            if answer or reason:
                grant_answers[name] = {
                    "answer": {"yes": True, "no": False}.get(answer),
                    "reason": reason,
                }
        data["grant_need_answers"] = grant_answers
        data["loan_amount"] = data.get("loan_amount") or 0
        data["grant_amount"] = data.get("grant_amount") or 0
        return data


class DecideForm(DesignsystemetMixin, forms.Form):
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput())


class ExplanationForm(DesignsystemetMixin, forms.Form):
    explained_on = forms.DateField(label=_("Explained on"), widget=DateInput())
    rate_kind_explained = forms.BooleanField(label=_("Fixed or floating rate"), required=False)
    term_and_plan_explained = forms.BooleanField(label=_("Term and payment plan"), required=False)
    cost_against_rent_explained = forms.BooleanField(
        label=_("Monthly cost against today's rent"), required=False
    )
    debt_after_sale_explained = forms.BooleanField(
        label=_("Remaining debt after a sale"), required=False
    )
    forced_sale_risk_explained = forms.BooleanField(
        label=_("The risk of a forced sale"), required=False
    )
    advised_against = forms.BooleanField(
        label=_("Advised against the loan in writing"),
        required=False,
        help_text=_("Advice against the loan is not a refusal: the household may still take it."),
    )
    advice_text = _text(_("The advice"))


class PayoutForm(DesignsystemetMixin, forms.Form):
    loan_part = kroner(_("Start loan paid out"))
    grant_part = kroner(_("Grant paid out"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
