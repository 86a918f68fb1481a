"""Forms of the shared-house composition pages. They parse types only; the rules
and their messages live in ``services.composition``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import TargetGroup
from boligtorg.core.forms import DesignsystemetMixin


class HouseCapsForm(DesignsystemetMixin, forms.Form):
    max_same_gender = forms.IntegerField(
        label=_("Most residents of one gender"),
        required=False,
        help_text=_("Seed 000: different genders in the house. Leave empty for no cap."),
    )
    max_same_country = forms.IntegerField(
        label=_("Most residents of one country background"),
        required=False,
        help_text=_("Seed 000: different country backgrounds. Leave empty for no cap."),
    )


class HouseSlotForm(DesignsystemetMixin, forms.Form):
    label = forms.CharField(label=_("Role"), max_length=100, required=False)
    count = forms.IntegerField(label=_("Units"), initial=1)
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Required target groups"),
        required=False,
        queryset=TargetGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A person in this role belongs to every group ticked."),
    )
    needs_work_or_education = forms.BooleanField(
        label=_("Must be in work or education"), required=False
    )
    needs_interest_in_young_people = forms.BooleanField(
        label=_("Must want to be a role model for young people"), required=False
    )
    min_age = forms.IntegerField(label=_("Youngest age"), required=False)
    max_age = forms.IntegerField(label=_("Oldest age"), required=False)

    def __init__(self, *args: Any, target_groups: QuerySet[TargetGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = target_groups
