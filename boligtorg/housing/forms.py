"""Forms of the dwelling register. They parse types only; the rules and their
messages live in ``services`` and come back to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin, PlainSelect
from boligtorg.core.imports import limits_help, upload_size_check

from .models import (
    DispositionForm,
    DwellingStatus,
    DwellingType,
    Feature,
    LandlordKind,
    SecurityKind,
)
from .selectors import household_label


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _any(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class HouseholdSearchForm(forms.Form):
    """The lease form's household search (``?household_query=``, ``?household=``): read
    through a form so that what the database cannot take (a NUL character) is refused
    naming the field, as every other search is."""

    household_query = forms.CharField(required=False, max_length=200, strip=False)
    household = forms.CharField(required=False, max_length=20)


class DwellingFilterForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Address or unit number"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_any(_("All statuses"), DwellingStatus.choices),
        widget=PlainSelect,
    )
    dwelling_type = forms.ChoiceField(
        label=_("Dwelling type"),
        required=False,
        choices=_any(_("All types"), DwellingType.choices),
        widget=PlainSelect,
    )
    min_bedrooms = forms.IntegerField(label=_("Bedrooms, at least"), required=False, min_value=0)
    min_area = forms.DecimalField(label=_("Area from (m²)"), required=False, min_value=0)
    max_area = forms.DecimalField(label=_("Area to (m²)"), required=False, min_value=0)
    disposition_form = forms.ChoiceField(
        label=_("Disposition form"),
        required=False,
        choices=_any(_("All disposition forms"), DispositionForm.choices),
        widget=PlainSelect,
    )
    accessible = forms.BooleanField(label=_("Wheelchair accessible only"), required=False)


class DwellingForm(DesignsystemetMixin, forms.Form):
    """A dwelling as Kobo describes it; grouped in the template."""

    unit_number = forms.CharField(
        label=_("Unit number"),
        max_length=10,
        help_text=_("Bruksenhetsnummer: H, U, L or K and four digits, e.g. H0101."),
    )
    address = forms.CharField(label=_("Address"), max_length=200)
    dwelling_type = forms.ChoiceField(label=_("Dwelling type"), choices=DwellingType.choices)
    bedrooms = forms.IntegerField(label=_("Bedrooms"))
    usable_area = forms.DecimalField(
        label=_("Usable area (BRA, m²)"), required=False, max_digits=6, decimal_places=1
    )
    floor = forms.IntegerField(
        label=_("Floor"), required=False, help_text=_("0 or negative for a basement.")
    )
    wheelchair_accessible = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    features = forms.MultipleChoiceField(
        label=_("Features"),
        required=False,
        choices=Feature.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    shared_house_name = forms.CharField(
        label=_("Shared house"),
        required=False,
        max_length=200,
        help_text=_("The name of the shared house or cluster, if the dwelling is part of one."),
    )
    area_name = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=100,
        help_text=_("The part of the municipality (bydel or neighbourhood) it lies in."),
    )
    reserved_for = forms.ModelMultipleChoiceField(
        label=_("Reserved for target groups"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when every household on the waiting list may be offered it."),
    )
    rent = forms.DecimalField(label=_("Monthly rent (NOK/DKK)"), max_digits=10, decimal_places=0)
    rent_to_own = forms.BooleanField(label=_("Rent-to-own potential"), required=False)
    fdv_id = forms.CharField(label=_("FDV id"), required=False, max_length=50)
    gnr = forms.IntegerField(label=_("Gnr"), required=False, min_value=1)
    bnr = forms.IntegerField(label=_("Bnr"), required=False, min_value=1)
    building = forms.CharField(label=_("Building"), required=False, max_length=100)
    disposition_form = forms.ChoiceField(
        label=_("Disposition form"), choices=DispositionForm.choices
    )
    landlord = forms.ModelChoiceField(
        label=_("Landlord"),
        required=False,
        queryset=None,
        help_text=_(
            "For a dwelling leased from a landlord or allocated by a housing organisation."
        ),
    )
    head_lease_start = forms.DateField(label=_("Contract start"), required=False, widget=DateInput)
    head_lease_end = forms.DateField(label=_("Contract end"), required=False, widget=DateInput)
    head_lease_rent = forms.DecimalField(
        label=_("Rent paid to the landlord"), required=False, max_digits=10, decimal_places=0
    )
    rent_guarantee = forms.DecimalField(
        label=_("Rent guarantee"), required=False, max_digits=10, decimal_places=0
    )
    co_op_name = forms.CharField(label=_("Co-op name"), required=False, max_length=200)
    co_op_units = forms.IntegerField(label=_("Units in the co-op"), required=False, min_value=1)
    co_op_statutes_allow_twenty_percent = forms.BooleanField(
        # xgettext:no-python-format
        label=_("The co-op's statutes allow public owners up to 20 % of the units"),
        help_text=_("Burettslagslova §4-3. Without it the limit is 10 % (and always one unit)."),
        required=False,
    )
    nomination_development = forms.CharField(
        label=_("Development (nomination right)"), required=False, max_length=200
    )

    DWELLING = (
        "unit_number",
        "address",
        "dwelling_type",
        "bedrooms",
        "usable_area",
        "floor",
        "wheelchair_accessible",
        "features",
        "shared_house_name",
        "area_name",
        "reserved_for",
        "rent",
        "rent_to_own",
        "fdv_id",
    )
    PROPERTY = ("gnr", "bnr", "building")
    DISPOSITION = (
        "disposition_form",
        "landlord",
        "head_lease_start",
        "head_lease_end",
        "head_lease_rent",
        "rent_guarantee",
        "co_op_name",
        "co_op_units",
        "co_op_statutes_allow_twenty_percent",
        "nomination_development",
    )

    def __init__(
        self, *args: Any, landlords: Any, target_groups: Any, creating: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["landlord"].queryset = landlords
        self.fields["reserved_for"].queryset = target_groups
        if creating:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[
                    (value, label)
                    for value, label in DwellingStatus.choices
                    if value not in (DwellingStatus.LET, DwellingStatus.SOLD)
                ],
                initial=DwellingStatus.READY,
            )
            self.fields["status"].widget.attrs["class"] = "ds-input"

    def group(self, names: tuple[str, ...]) -> list[Any]:
        return [self[name] for name in names if name in self.fields]

    def dwelling_fields(self) -> list[Any]:
        return self.group((*self.DWELLING, "status"))

    def property_fields(self) -> list[Any]:
        return self.group(self.PROPERTY)

    def disposition_fields(self) -> list[Any]:
        return self.group(self.DISPOSITION)


class DwellingStatusForm(DesignsystemetMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(v, label) for v, label in DwellingStatus.choices if v != DwellingStatus.LET],
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class HouseholdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return household_label(obj)


class LeaseForm(DesignsystemetMixin, forms.Form):
    """A lease. The tenant household is searched for (``household_query``) and
    chosen from what the search found; the choice is checked against every
    household a lease may name, not only those shown."""

    household_query = forms.CharField(
        label=_("Search for the tenant household"),
        required=False,
        max_length=100,
        help_text=_("Case number or a name in the household, e.g. 2025-00012 or Hansen."),
    )
    household = HouseholdChoiceField(
        label=_("Tenant household"),
        queryset=None,
        help_text=_("Case number and main applicant."),
        empty_label=_("Choose a household"),
        error_messages={
            "required": _("Search for the tenant household and choose it."),
            "invalid_choice": _(
                "This household cannot be chosen: a tenant household needs a case in "
                "this municipality that is submitted, under assessment, decided or appealed."
            ),
        },
    )
    start = forms.DateField(label=_("Start"), widget=DateInput)
    end = forms.DateField(
        label=_("End"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for the legal minimum of 3 years."),
    )
    short_lease_reason = forms.CharField(
        label=_("Reason for a lease shorter than 3 years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rent = forms.DecimalField(label=_("Monthly rent"), max_digits=10, decimal_places=0)
    security_kind = forms.ChoiceField(label=_("Deposit or guarantee"), choices=SecurityKind.choices)
    security_amount = forms.DecimalField(
        label=_("Amount"), required=False, max_digits=10, decimal_places=0
    )
    six_month_clause = forms.BooleanField(label=_("6-month clause"), required=False)
    three_party_agreement = forms.BooleanField(
        label=_("Three-party agreement with follow-up"), required=False
    )

    def __init__(
        self, *args: Any, households: Any, shown: Any, search_url: str, **kwargs: Any
    ) -> None:
        """``households``: those a lease may name; ``shown``: the few to offer;
        ``search_url``: where the page's script asks for others while one types."""
        kwargs.setdefault("initial", {}).setdefault("start", timezone.localdate())
        super().__init__(*args, **kwargs)
        query = self.fields["household_query"].widget
        query.input_type = "search"
        query.attrs.update(
            {
                "autocomplete": "off",
                "aria-controls": "id_household",
                # Posted with the form (and its CSRF token): a national id typed
                # here must not travel in a URL.
                "hx-post": search_url,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#id_household",
                "hx-include": "#id_household",
                "hx-swap": "innerHTML",
            }
        )
        field = self.fields["household"]
        field.queryset = households
        # The select offers what the search found, not every household there is.
        field.widget.choices = [("", field.empty_label)] + [
            (household.pk, household_label(household)) for household in shown
        ]


class LeaseRenewForm(DesignsystemetMixin, forms.Form):
    end = forms.DateField(
        label=_("New end"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for 3 years from the day after the current end."),
    )
    rent = forms.DecimalField(label=_("Monthly rent"), max_digits=10, decimal_places=0)
    short_lease_reason = forms.CharField(
        label=_("Reason for a lease shorter than 3 years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LeaseTerminateForm(DesignsystemetMixin, forms.Form):
    terminated_on = forms.DateField(label=_("Last day of the tenancy"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason for the termination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class LandlordForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=LandlordKind.choices)
    org_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=20,
        help_text=_("Norwegian organisation number (9 digits) or Danish CVR number (8 digits)."),
    )
    contact_person = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    allocation_every_nth = forms.IntegerField(
        label=_("Allocation right: every n-th vacancy"),
        initial=4,
        help_text=_(
            "Housing organisations (DK): the municipality allocates every n-th vacant "
            "dwelling. The law allows up to every 4th; Skanderborg has agreed every 6th."
        ),
    )


class VacancyReportForm(DesignsystemetMixin, forms.Form):
    count = forms.IntegerField(label=_("Vacancies reported"), initial=1)


class ImportForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (separated by ; or ,) or Excel (.xlsx), with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = limits_help(str(field.help_text))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        return upload_size_check(upload)
