"""Forms of housing programmes and action plans. They check the shape of the
input; the rules (financing adds up to the cost, an activity ends after it
starts, needs of the project's kind) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.domain import programme as rules

from .models import (
    AgeGroup,
    MainGoal,
    NeedKind,
    PersonNeed,
    ProgressStatus,
    ProjectKind,
    ProjectStatus,
    ReportKind,
)
from .models.programmes import Gender
from .services.programmes import ERROR_CASE_UNKNOWN

ERROR_SHARES = _("The shares add up to %(sum)s %%; they must add up to 100 %%.")
YEAR_ATTRS = {"inputmode": "numeric"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _year(label: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=2000, max_value=2100, widget=forms.NumberInput(YEAR_ATTRS), **kwargs
    )


def _kroner(label: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, **kwargs)


class ProgrammeForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    first_year = _year(_("First year"))
    last_year = _year(
        _("Last year"), help_text=_("A housing programme usually looks four to five years ahead.")
    )


class CaseSearchForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(
        label=_("Case number or name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class MappedPersonForm(DesignsystemetMixin, forms.Form):
    case_number = forms.CharField(
        label=_("Case number (optional)"),
        required=False,
        max_length=20,
        help_text=_("Link the person's housing case, or leave empty to map the person directly."),
    )
    pseudonym = forms.CharField(
        label=_("Initials or pseudonym"),
        max_length=20,
        help_text=_("Never the name: the programme is read by more people than the case."),
    )
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.OTHER)
    target_group = forms.ModelChoiceField(
        label=_("Target group"), queryset=None, required=False, empty_label=_("None chosen")
    )
    expected_year = _year(_("Needs a dwelling from (year)"))
    need = forms.ChoiceField(label=_("Need"), choices=PersonNeed.choices, widget=forms.RadioSelect)
    interests = forms.CharField(
        label=_("Interests and habits"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. music, outdoors, quiet evenings."),
    )
    avoid = forms.ModelMultipleChoiceField(
        label=_("Should not live with"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        cases: QuerySet,
        target_groups: QuerySet,
        others: QuerySet,
        kept_case: Any = None,
        **kwargs: Any,
    ) -> None:
        """``kept_case``: a linked case the actor may not read; its number is not
        shown and the link is kept as it is."""
        super().__init__(*args, **kwargs)
        self.cases = cases
        self.kept_case = kept_case
        self.fields["target_group"].queryset = target_groups
        self.fields["avoid"].queryset = others
        if not others.exists():
            del self.fields["avoid"]
        if kept_case is not None:
            del self.fields["case_number"]

    def clean_case_number(self) -> Any:
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        application = self.cases.filter(number=number).first()
        if application is None:
            raise forms.ValidationError(ERROR_CASE_UNKNOWN)
        return application

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["application"] = data.pop("case_number", None) or self.kept_case
        data["avoid"] = list(data.get("avoid") or [])
        return data


class ProjectForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    year = _year(_("Ready in (year)"))
    units = forms.IntegerField(label=_("Units"), min_value=1, max_value=500)
    need_kind = forms.ChoiceField(label=_("Dwellings for"), choices=NeedKind.choices)
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs covered"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost = _kroner(_("Cost (NOK)"))
    entry = forms.ChoiceField(
        label=_("Financing given as"),
        choices=[("percent", _("Percentages of the cost")), ("amounts", _("Amounts in NOK"))],
        widget=forms.RadioSelect,
        initial="percent",
    )
    own_funds = _kroner(_("Own funds"), initial=rules.GRORUD_SHARES[0])
    investment_grant = _kroner(_("Husbanken investment grant"), initial=rules.GRORUD_SHARES[1])
    loans = _kroner(_("Loans"), initial=rules.GRORUD_SHARES[2])

    def __init__(self, *args: Any, needs: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        if not needs.exists():
            del self.fields["needs"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parts = [data.get(name) for name in ("own_funds", "investment_grant", "loans")]
        if data.get("entry") == "percent" and None not in parts and data.get("cost") is not None:
            if sum(parts) != 100:
                self.add_error("own_funds", ERROR_SHARES % {"sum": sum(parts)})
            else:
                split = rules.split_by_shares(data["cost"], parts)
                data["own_funds"], data["investment_grant"], data["loans"] = split
        return data

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("entry")
        data["needs"] = list(data.get("needs") or [])
        return data


class ActionPlanForm(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    vision = forms.CharField(
        label=_("Vision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: everyone has a safe and good place to live."),
    )
    first_year = _year(_("First year"))
    last_year = _year(_("Last year"))


class GoalForm(DesignsystemetMixin, forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=500, widget=forms.Textarea({"rows": 2}))


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ActivityForm(DesignsystemetMixin, forms.Form):
    goal = GoalChoiceField(label=_("Main goal"), queryset=None)
    sub_goal = GoalChoiceField(
        label=_("Sub-goal"), queryset=None, required=False, empty_label=_("None")
    )
    name = forms.CharField(
        label=_("Activity"),
        max_length=300,
        help_text=_("What will we do to reach the goal?"),
    )
    expected_result = forms.CharField(
        label=_("Expected result"), widget=forms.Textarea(attrs={"rows": 2})
    )
    cost = _kroner(_("Cost estimate (NOK)"), required=False)
    funding = forms.CharField(label=_("Source of funding"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("To"), widget=DateInput)
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    responsible = forms.CharField(label=_("Responsible"), max_length=200)
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one focus area.")},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        goals: QuerySet[MainGoal],
        sub_goals: QuerySet,
        focus_areas: QuerySet,
        target_groups: QuerySet,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["sub_goal"].queryset = sub_goals
        self.fields["focus_areas"].queryset = focus_areas
        self.fields["target_groups"].queryset = target_groups

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["focus_areas"] = list(data["focus_areas"])
        data["target_groups"] = list(data.get("target_groups") or [])
        return data


class StatusReportForm(DesignsystemetMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices, widget=forms.RadioSelect)
    period_from = forms.DateField(label=_("Period from"), widget=DateInput)
    period_to = forms.DateField(label=_("Period to"), widget=DateInput)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, activities: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activities = activities
        for activity in activities:
            self.fields[f"status_{activity.pk}"] = forms.ChoiceField(
                label=_("Status of “%(name)s”") % {"name": activity.name},
                choices=ProgressStatus.choices,
                initial=ProgressStatus.NOT_STARTED,
            )
            self.fields[f"note_{activity.pk}"] = forms.CharField(
                label=_("Note on “%(name)s”") % {"name": activity.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def activity_fields(self) -> list[tuple[Any, Any, Any]]:
        return [
            (activity, self[f"status_{activity.pk}"], self[f"note_{activity.pk}"])
            for activity in self.activities
        ]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "period_from": data["period_from"],
            "period_to": data["period_to"],
            "summary": data.get("summary", ""),
            "progress": {
                a.pk: (data[f"status_{a.pk}"], data.get(f"note_{a.pk}", ""))
                for a in self.activities
            },
        }
