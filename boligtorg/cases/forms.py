"""Forms of the case list, the new case, the application and household members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin, PlainSelect
from boligtorg.core.models import Membership, Role

from .models import (
    Application,
    ApplicationStatus,
    Household,
    HouseholdRelation,
    Person,
    Situation,
    TargetGroup,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


PERSON_FIELDS = (
    "first_name",
    "last_name",
    "national_id",
    "date_of_birth",
    "gender",
    "country_background",
    "phone",
    "email",
    "language",
)

APPLICATION_FORM_FIELDS = (
    "situation",
    "target_groups",
    "household_income",
    "min_bedrooms",
    "needs_wheelchair_access",
    "needs_ground_floor",
    "has_pets",
    "accepts_shared_house",
    "wanted_areas",
    "excluded_areas",
)


class PersonForm(DesignsystemetMixin, forms.ModelForm):
    """Person fields; validation of the national id is the service's (per country)."""

    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_("Taken from the national id when one is given."),
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def _post_clean(self) -> None:
        # The service validates against the municipality's country and uniqueness.
        pass


class ApplicationFieldsForm(DesignsystemetMixin, forms.ModelForm):
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = APPLICATION_FORM_FIELDS
        widgets = {"situation": forms.RadioSelect}

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(
            municipality=municipality, is_active=True
        )
        self.fields["household_income"].help_text = _("Before tax, all benefits included.")
        self.fields["min_bedrooms"].min_value = 0
        self.fields["min_bedrooms"].max_value = 10

    def _post_clean(self) -> None:
        # Constraints are checked by the service with full_clean.
        pass


class ApplicationEditForm(ApplicationFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class HouseholdMemberForm(PersonForm):
    relation = forms.ChoiceField(
        label=_("Relation to the main applicant"),
        choices=[c for c in HouseholdRelation.choices if c[0] != HouseholdRelation.MAIN_APPLICANT],
    )

    class Meta(PersonForm.Meta):
        fields = ("relation", *PERSON_FIELDS)


class SubmitForm(DesignsystemetMixin, forms.Form):
    received_on = forms.DateField(
        label=_("Date received"),
        widget=DateInput(),
        help_text=_("The day the municipality received the application; deadlines count from it."),
    )


class InterimNoticeForm(DesignsystemetMixin, forms.Form):
    """The interim notice (fvl. § 11 a): the service checks the dates and the reason,
    so every field is optional here and its messages land at the same names."""

    sent_on = forms.DateField(label=_("Date sent"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Why the case takes time"),
        help_text=_("Written in the letter to the applicant."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    expected_on = forms.DateField(
        label=_("Answer expected by"),
        help_text=_("The date the letter tells the applicant to expect a decision."),
        widget=DateInput(),
        required=False,
    )


class HouseholdAddressForm(DesignsystemetMixin, forms.ModelForm):
    """The household's postal address; the rules are the service's
    (``household_address_update``), so all errors come back in one round."""

    class Meta:
        model = Household
        fields = (
            "no_fixed_address",
            "address_care_of",
            "address_street",
            "address_postcode",
            "address_town",
        )
        labels = {"address_care_of": _("c/o or contact point")}

    def _post_clean(self) -> None:
        # The service validates the address against the municipality's country.
        pass


class CaseFilterForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Name, national id or case number"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ApplicationStatus.choices],
        widget=PlainSelect,
    )
    situation = forms.ChoiceField(
        label=_("Situation"),
        required=False,
        choices=[("", _("All")), *Situation.choices],
        widget=PlainSelect,
    )
    target_group = forms.ChoiceField(label=_("Target group"), required=False, widget=PlainSelect)
    caseworker = forms.TypedChoiceField(
        label=_("Caseworker"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    overdue = forms.BooleanField(label=_("Only overdue interim notices"), required=False)
    mine = forms.BooleanField(label=_("Only my open cases"), required=False)
    new = forms.BooleanField(label=_("Only given to me in the last 7 days"), required=False)

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plain values, not model instances: the form is built on every view of the
        # case list.
        groups = TargetGroup.objects.filter(municipality=municipality, is_active=True)
        self.fields["target_group"].choices = [("", _("All")), *groups.values_list("code", "name")]
        caseworkers = (
            Membership.objects.filter(
                municipality=municipality, is_active=True, roles__role=Role.CASEWORKER
            )
            .order_by("user__last_name", "user__first_name")
            .values_list("user_id", "user__first_name", "user__last_name", "user__username")
        )
        self.fields["caseworker"].choices = [
            ("", _("All")),
            *(
                (user_id, f"{first} {last}".strip() or username)
                for user_id, first, last, username in caseworkers
            ),
        ]
