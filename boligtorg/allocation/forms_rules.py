"""Forms of the rule-set pages. They parse types only; the rules and their messages
live in ``services.rules`` and come back to the field they concern."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.forms import DateInput
from boligtorg.cases.models import TargetGroup
from boligtorg.core.forms import DesignsystemetMixin

from .models import RuleSet
from .services.rules import POINT_FIELDS, RULE_SET_FIELDS

AREA_SUGGESTIONS_ID = "area-suggestions"


class RuleSetForm(DesignsystemetMixin, forms.ModelForm):
    """Every field of a rule set, drawn in four groups; ``copy_from`` only when a
    new rule set is created. Labels and help texts come from the model."""

    PERIOD = ("name", "valid_from", "valid_to", "policy")
    WEIGHTS = ("weight_points", "weight_fit")
    OFFERS = ("offer_answer_days", "max_unreasonable_declines")

    class Meta:
        model = RuleSet
        fields = RULE_SET_FIELDS
        widgets = {"valid_from": DateInput, "valid_to": DateInput, "policy": forms.RadioSelect}

    def __init__(
        self, *args: Any, copy_choices: QuerySet[RuleSet] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_to"].help_text = _("Leave empty while the rule set has no end.")
        if copy_choices is not None:
            self.fields["copy_from"] = forms.ModelChoiceField(
                label=_("Copy from"),
                queryset=copy_choices,
                required=False,
                empty_label=_("Start from the default bedroom table"),
                help_text=_(
                    "Copies the bedroom table, the target-group points and the area caps "
                    "of the chosen rule set."
                ),
                widget=forms.Select(attrs={"class": "ds-input"}),
            )

    def _post_clean(self) -> None:
        # The service checks the rules (overlapping periods included) and the
        # constraints; a model validation here would say the same twice.
        pass

    def group(self, names: Iterable[str]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def period_fields(self) -> list[forms.BoundField]:
        return self.group(self.PERIOD)

    def point_fields(self) -> list[forms.BoundField]:
        return self.group(POINT_FIELDS)

    def weight_fields(self) -> list[forms.BoundField]:
        return self.group(self.WEIGHTS)

    def offer_fields(self) -> list[forms.BoundField]:
        return self.group(self.OFFERS)

    def copy_fields(self) -> list[forms.BoundField]:
        return self.group(("copy_from",))

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in RULE_SET_FIELDS}


class BedroomRowForm(DesignsystemetMixin, forms.Form):
    persons = forms.IntegerField(label=_("Persons"), min_value=1, max_value=99)
    min_bedrooms = forms.IntegerField(label=_("Fewest bedrooms"), min_value=0, max_value=99)
    max_bedrooms = forms.IntegerField(label=_("Most bedrooms"), min_value=0, max_value=99)


class BaseBedroomTableFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        # The formset adds DELETE after the mixin styled the form's own fields.
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.setdefault("class", "ds-input")


BedroomTableFormSet = forms.formset_factory(
    BedroomRowForm, formset=BaseBedroomTableFormSet, extra=2, can_delete=True
)


def bedroom_rows(formset: Any) -> list[tuple[int, int, int]]:
    """The rows of a valid formset, leaving out deleted and untouched empty rows."""
    return [
        (
            form.cleaned_data["persons"],
            form.cleaned_data["min_bedrooms"],
            form.cleaned_data["max_bedrooms"],
        )
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class GroupPointsForm(DesignsystemetMixin, forms.Form):
    """One number per target group, named ``group_<id>`` as the service's errors are."""

    def __init__(
        self, *args: Any, groups: Iterable[TargetGroup], points: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        for group in self.groups:
            self.fields[self.field_name(group)] = forms.IntegerField(
                label=group.name,
                required=False,
                initial=points.get(group.pk, 0),
                widget=forms.NumberInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
            )

    @staticmethod
    def field_name(group: TargetGroup) -> str:
        return f"group_{group.pk}"

    def points(self) -> dict[TargetGroup, int]:
        """Empty counts as 0 (no points for the group)."""
        return {group: self.cleaned_data.get(self.field_name(group)) or 0 for group in self.groups}


class AreaCapForm(DesignsystemetMixin, forms.Form):
    area_name = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=100,
        help_text=_("Choose an area of the dwelling register or type a new name."),
        widget=forms.TextInput(attrs={"list": AREA_SUGGESTIONS_ID, "autocomplete": "off"}),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        required=False,
        queryset=TargetGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Placements of households in any of these groups count towards the cap."),
    )
    limit = forms.IntegerField(label=_("Most placements"), min_value=0, max_value=1000)
    period_months = forms.IntegerField(
        label=_("Period (months)"),
        initial=12,
        help_text=_("Placements are counted back this many months from the meeting's date."),
    )

    def __init__(self, *args: Any, target_groups: QuerySet[TargetGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = target_groups


class DeclineReasonForm(DesignsystemetMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=50,
        required=False,
        help_text=_("Short and fixed, for statistics and the API, e.g. “too_far”."),
    )
    label = forms.CharField(label=_("Reason"), max_length=200, required=False)
    unreasonable = forms.BooleanField(
        label=_("Counts as unreasonable"),
        required=False,
        help_text=_("Counts towards the rule set's limit of declines before a case is closed."),
    )
