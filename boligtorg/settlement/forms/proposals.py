"""Forms of the persons proposed for settlement: the list's filters, registering a
household with its persons (rows of a formset; empty rows are left out), its
details, the answer (accept or decline), the consent and one person. The rules are
in the services; the forms only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Gender, HouseholdRelation
from boligtorg.core.forms import DateInput, DesignsystemetMixin
from boligtorg.core.models import Country

from ..models import DeclineReason, ProposalSource, ProposalStatus
from ..services.proposals import DETAIL_FIELDS

PERSON_ROWS = 4
# Fields a Norwegian distribution list has and a Danish placement does not, and the
# reverse: each country's form shows only its own.
NORWEGIAN_ONLY = ("residence_permit_on",)
DANISH_ONLY = ("decided_on", "consented_from")


class ProposalFilterForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(label=_("Search by name or reference"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    year = forms.TypedChoiceField(label=_("Year received"), required=False, coerce=int)
    minors = forms.BooleanField(label=_("Unaccompanied minors only"), required=False)

    def __init__(
        self, *args: Any, source: str, years: list[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *ProposalStatus.choices]
        self.fields["source"].choices = [
            ("", _("All")),
            (source, dict(ProposalSource.choices)[source]),
        ]
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years or []]]
        self.fields["minors"].widget.attrs["class"] = "ds-checkbox"


class ProposalDetailsForm(DesignsystemetMixin, forms.Form):
    """The household's details and needs: registering and editing."""

    list_reference = forms.CharField(
        label=_("List or case reference"),
        max_length=100,
        required=False,
        help_text=_("IMDi's distribution list, e.g. IMDi-2026-11."),
    )
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    decided_on = forms.DateField(
        label=_("Placement decided (visitering)"), required=False, widget=DateInput()
    )
    consented_from = forms.DateField(
        label=_("Earlier takeover agreed from"),
        required=False,
        widget=DateInput(),
        help_text=_("Only with the person's consent (integrationsloven § 4, stk. 2)."),
    )
    residence_permit_on = forms.DateField(
        label=_("Residence permit granted"), required=False, widget=DateInput()
    )
    unaccompanied_minor = forms.BooleanField(label=_("Unaccompanied minor"), required=False)
    bedrooms_needed = forms.IntegerField(label=_("Bedrooms needed"), min_value=1, max_value=10)
    needs_accessible = forms.BooleanField(label=_("Needs an accessible dwelling"), required=False)
    location_needs = forms.CharField(
        label=_("Location needs (school, treatment, work)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    languages = forms.CharField(label=_("Languages"), required=False, max_length=200)
    education_and_work = forms.CharField(
        label=_("Education and work"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reception_centre = forms.CharField(label=_("Reception centre"), required=False, max_length=200)
    contact = forms.CharField(
        label=_("Contact at the reception centre"), required=False, max_length=200
    )
    health_needs = forms.CharField(
        label=_("Health and care needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A special category: kept only with the person's consent."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, country: str, health: bool = True, version: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in DANISH_ONLY if country == Country.NORWAY else NORWEGIAN_ONLY:
            del self.fields[name]
        if country == Country.DENMARK:
            self.fields["decided_on"].required = True
            self.fields["list_reference"].help_text = _(
                "The Immigration Service's case, e.g. US-2026-0101."
            )
            for name in ("reception_centre", "contact", "languages", "education_and_work"):
                del self.fields[name]
        if not health:
            del self.fields["health_needs"]
        if not version:
            del self.fields["version"]
        for name in ("unaccompanied_minor", "needs_accessible"):
            self.fields[name].widget.attrs["class"] = "ds-checkbox"

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in DETAIL_FIELDS if name in data}


class ProposalRegisterForm(ProposalDetailsForm):
    consent_on = forms.DateField(
        label=_("Consent to share the mapping given"),
        required=False,
        widget=DateInput(),
        help_text=_("Needed before health needs are recorded."),
    )


class ProposedPersonForm(DesignsystemetMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    national_id = forms.CharField(label=_("National id or D number"), required=False, max_length=20)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN, required=False
    )
    relation = forms.ChoiceField(
        label=_("Relation"), choices=[("", _("Choose")), *HouseholdRelation.choices], required=False
    )
    # The proposal's version when the page was opened (edits only).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, country: str = Country.NORWAY, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if country == Country.DENMARK:
            self.fields["national_id"].label = _("CPR number")
            self.fields["first_name"].help_text = _(
                "The advance notice has no names: leave empty until the decision."
            )

    def person(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "first_name": data.get("first_name", ""),
            "last_name": data.get("last_name", ""),
            "national_id": data.get("national_id", ""),
            "date_of_birth": data.get("date_of_birth"),
            "gender": data.get("gender") or Gender.UNKNOWN,
            "relation": data.get("relation", ""),
        }


class BasePersonFormSet(forms.BaseFormSet):
    def persons(self) -> list[dict[str, Any]]:
        """The rows filled in, in order; empty rows are left out."""
        return [form.person() for form in self.forms if form.has_changed() and form.is_valid()]


PersonFormSet = forms.formset_factory(
    ProposedPersonForm, formset=BasePersonFormSet, extra=PERSON_ROWS, max_num=20
)


class AcceptForm(DesignsystemetMixin, forms.Form):
    answered_on = forms.DateField(label=_("Answered"), widget=DateInput())
    expected_arrival_on = forms.DateField(label=_("Expected arrival"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class DeclineForm(DesignsystemetMixin, forms.Form):
    answered_on = forms.DateField(label=_("Answered"), widget=DateInput())
    reason = forms.ChoiceField(
        label=_("Reason for declining"),
        choices=[("", _("Choose the reason")), *DeclineReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Declining, explained"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for the reason “other”."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsentForm(DesignsystemetMixin, forms.Form):
    consent_on = forms.DateField(
        label=_("Consent to share the mapping given"), required=False, widget=DateInput()
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(DesignsystemetMixin, forms.Form):
    note = forms.CharField(label=_("Why (who withdrew it)"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)
