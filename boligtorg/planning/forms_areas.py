"""Forms of the vulnerable-areas pages. They check the shape of the input; the
rules (a name not taken, GeoJSON, no overlapping criterion sets) are the
services'."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.core.imports import limits_help, upload_size_check

from .models import ComparisonChoice, CriterionKind, IndicatorChoice
from .services.areas import indicator_max_rows


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


_DATE_ERRORS = {"required": _("Give the date."), "invalid": _("Give a valid date.")}


class AreaFilterForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Name, housing organisation, department or address."),
    )


class AreaForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("The area's name in the dwelling register; a new name makes a new area there."),
        error_messages={"required": _("Write the area's name.")},
    )
    housing_organisation = forms.CharField(
        label=_("Housing organisation"), max_length=200, required=False
    )
    department = forms.CharField(
        label=_("Department"),
        max_length=200,
        required=False,
        help_text=_("The housing organisation's department (afdeling), e.g. afd. 12."),
    )
    addresses = forms.CharField(
        label=_("Addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One street address per line."),
    )
    boundary = forms.CharField(
        label=_("Boundary (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: the area's outline as GeoJSON, e.g. a Polygon."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndicatorImportForm(DesignsystemetMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (separated by ; or ,) with a header row, one area and year per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
        error_messages={"required": _("Choose the file to import.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = limits_help(str(field.help_text), indicator_max_rows())

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        upload_size_check(upload)
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."))
        return upload


class CriterionSetForm(DesignsystemetMixin, forms.Form):
    """A set's facts, then for each indicator an optional criterion: how the figure
    compares with a threshold, and whether it must hold."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices)
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Name the set.")}
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=DateInput, error_messages=_DATE_ERRORS
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty while the rule is in force."),
        error_messages=_DATE_ERRORS,
    )
    needed = forms.IntegerField(
        label=_("Criteria needed"),
        min_value=0,
        max_value=10,
        initial=2,
        help_text=_("How many of the criteria that are not required must be met, e.g. 2 of 4."),
    )
    consecutive_years = forms.IntegerField(
        label=_("Consecutive years"),
        min_value=1,
        max_value=20,
        required=False,
        help_text=_("Only for a transformation area: the years in a row as its base kind."),
    )
    based_on = forms.ChoiceField(
        label=_("Based on"),
        required=False,
        choices=[("", _("—")), *CriterionKind.choices],
        help_text=_("Only for a transformation area."),
    )
    source = forms.CharField(
        label=_("Legal source"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The section of the law and where its text was read."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in IndicatorChoice.choices:
            self.fields[f"{value}_comparison"] = forms.ChoiceField(
                label=_("%(indicator)s: comparison") % {"indicator": label},
                required=False,
                choices=[("", _("Not a criterion")), *ComparisonChoice.choices],
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            self.fields[f"{value}_threshold"] = forms.DecimalField(
                label=_("%(indicator)s: threshold") % {"indicator": label},
                required=False,
                max_digits=8,
                decimal_places=2,
                min_value=Decimal(0),
                widget=forms.NumberInput(attrs={"class": "ds-input", "step": "0.01"}),
            )
            self.fields[f"{value}_required"] = forms.BooleanField(
                label=_("%(indicator)s: must hold") % {"indicator": label},
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "ds-input"}),
            )

    @property
    def criterion_rows(self) -> list[tuple[str, Any, Any, Any]]:
        return [
            (label, self[f"{v}_comparison"], self[f"{v}_threshold"], self[f"{v}_required"])
            for v, label in IndicatorChoice.choices
        ]

    @property
    def fact_fields(self) -> list[Any]:
        names = ("kind", "name", "valid_from", "valid_to", "needed", "consecutive_years")
        return [self[name] for name in (*names, "based_on", "source")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for value, _label in IndicatorChoice.choices:
            comparison = data.get(f"{value}_comparison")
            if comparison and data.get(f"{value}_threshold") is None:
                self.add_error(f"{value}_threshold", _("Give the threshold of this criterion."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        criteria = [
            {
                "indicator": value,
                "comparison": data[f"{value}_comparison"],
                "threshold": data[f"{value}_threshold"],
                "required": data[f"{value}_required"],
            }
            for value, _label in IndicatorChoice.choices
            if data.get(f"{value}_comparison")
        ]
        return {
            "kind": data["kind"],
            "name": data["name"],
            "valid_from": data["valid_from"],
            "valid_to": data.get("valid_to"),
            "needed": data.get("needed") or 0,
            "consecutive_years": data.get("consecutive_years"),
            "based_on": data.get("based_on") or "",
            "source": data.get("source", ""),
            "criteria": criteria,
        }

    @classmethod
    def initial_from(cls, row: Any) -> dict[str, Any]:
        """The form's initial values copied from an existing set ``row``, to start
        its successor: the same rule, valid from the day after ``row`` ends."""
        initial: dict[str, Any] = {
            "kind": row.kind,
            "name": row.name,
            "needed": row.needed,
            "consecutive_years": row.consecutive_years,
            "based_on": row.based_on,
            "source": row.source,
        }
        if row.valid_to:
            initial["valid_from"] = row.valid_to + datetime.timedelta(days=1)
        for criterion in row.criteria.all():
            initial[f"{criterion.indicator}_comparison"] = criterion.comparison
            initial[f"{criterion.indicator}_threshold"] = criterion.threshold.normalize()
            initial[f"{criterion.indicator}_required"] = criterion.required
        return initial


class CriterionSetEndForm(DesignsystemetMixin, forms.Form):
    valid_to = forms.DateField(
        label=_("Last day of validity"),
        widget=DateInput,
        error_messages=_DATE_ERRORS,
        help_text=_(
            "The set classifies the lists published up to this day; a new set of the "
            "same kind can start the day after."
        ),
    )


class GroupMemberForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Write the member's name.")}
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("E.g. the municipality's department, the housing organisation, the police."),
    )
    role = forms.CharField(
        label=_("Role in the group"),
        max_length=100,
        required=False,
        help_text=_("E.g. chair, secretary, observer."),
    )


class GroupMeetingForm(DesignsystemetMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput, error_messages=_DATE_ERRORS)
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class MeetingActionForm(DesignsystemetMixin, forms.Form):
    text = forms.CharField(
        label=_("Agreed action"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what was agreed.")},
    )
    responsible = forms.CharField(
        label=_("Responsible"),
        max_length=200,
        error_messages={"required": _("Name who is responsible.")},
    )
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=DateInput, error_messages=_DATE_ERRORS
    )
