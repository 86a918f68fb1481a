"""Forms of shared-house life. They check the shape of the input; the rules (who
lives in the house on the day, periods after one another) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin, UserChoiceField, UserMultipleChoiceField
from boligtorg.domain import resident_meetings as cadence

from .models import HouseRuleSource, RepresentativeBasis


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name}"


# Staff pickers show name, username and (where prefetched) roles.
StaffChoiceField = UserChoiceField
StaffMultipleChoiceField = UserMultipleChoiceField


class ContactForm(DesignsystemetMixin, forms.Form):
    user = StaffChoiceField(
        label=_("Contact person"),
        queryset=None,
        empty_label=_("Choose a staff member"),
        help_text=_(
            "The one person in the municipality with responsibility for the house: the link "
            "between the residents and the municipality."
        ),
        error_messages={"required": _("Choose the contact person.")},
    )
    from_date = forms.DateField(
        label=_("From"),
        widget=DateInput,
        error_messages={"required": _("Give the first day."), "invalid": _("Give a valid date.")},
    )

    def __init__(self, *args: Any, staff: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff


class RepresentativeForm(DesignsystemetMixin, forms.Form):
    person = PersonChoiceField(
        label=_("Resident representative"),
        queryset=None,
        empty_label=_("Choose a resident"),
        error_messages={"required": _("Choose the resident.")},
    )
    basis = forms.ChoiceField(
        label=_("Appointed or elected"),
        choices=RepresentativeBasis.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Trondheim appointed one of the adults from the start, until a democratic election "
            "after moving in."
        ),
        error_messages={"required": _("Choose appointed or elected.")},
    )
    from_date = forms.DateField(
        label=_("From"),
        widget=DateInput,
        error_messages={"required": _("Give the first day."), "invalid": _("Give a valid date.")},
    )

    def __init__(self, *args: Any, residents: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = residents


class PeriodEndForm(DesignsystemetMixin, forms.Form):
    to_date = forms.DateField(
        label=_("Last day"),
        widget=DateInput,
        error_messages={"required": _("Give the last day."), "invalid": _("Give a valid date.")},
    )


class MeetingPlanForm(DesignsystemetMixin, forms.Form):
    later_interval_months = forms.IntegerField(
        label=_("Months between meetings after the first six months"),
        min_value=cadence.MIN_LATER_MONTHS,
        max_value=cadence.MAX_LATER_MONTHS,
        help_text=_("As the house decides; 3 is quarterly."),
        error_messages={
            "required": _("Give the number of months."),
            "invalid": _("Give a whole number of months."),
            "min_value": _("Give a number of months from 1 to 12."),
            "max_value": _("Give a number of months from 1 to 12."),
        },
    )
    decided_on = forms.DateField(
        label=_("Decided at the meeting on"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Give a valid date.")},
    )


class ResidentMeetingForm(DesignsystemetMixin, forms.Form):
    held_on = forms.DateField(
        label=_("Date of the meeting"),
        widget=DateInput,
        error_messages={"required": _("Give the date."), "invalid": _("Give a valid date.")},
    )
    attendees = PeopleChoiceField(
        label=_("Residents present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff_present = StaffMultipleChoiceField(
        label=_("Staff present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.CharField(
        label=_("Topics"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("For example hallway washing, the laundry room, the garden, neighbours."),
        error_messages={"required": _("Write what the meeting talked about.")},
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10000,
    )

    def __init__(
        self, *args: Any, residents: QuerySet[Any], staff: QuerySet[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = residents
        self.fields["staff_present"].queryset = staff


class AgreedActionForm(DesignsystemetMixin, forms.Form):
    text = forms.CharField(
        label=_("What was agreed"),
        max_length=300,
        error_messages={"required": _("Write what was agreed.")},
    )
    responsible = forms.CharField(
        label=_("Responsible"),
        max_length=200,
        help_text=_("A resident, the contact person, or everyone."),
        error_messages={"required": _("Name who is responsible.")},
    )
    due_on = forms.DateField(
        label=_("Due"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Give a valid date.")},
    )


class AgreedActionEditForm(AgreedActionForm):
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty while it is not done."),
        error_messages={"invalid": _("Give a valid date.")},
    )


class HouseRuleForm(DesignsystemetMixin, forms.Form):
    position = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Where the rule stands in the list. Leave empty to put it last."),
        error_messages={
            "invalid": _("Give a whole number."),
            "min_value": _("The number must be from 1 to 999."),
            "max_value": _("The number must be from 1 to 999."),
        },
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=HouseRuleSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the rule comes from.")},
    )
    text = forms.CharField(
        label=_("Rule"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Write the rule.")},
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=DateInput,
        error_messages={"required": _("Give the date."), "invalid": _("Give a valid date.")},
    )


class RuleRetireForm(DesignsystemetMixin, forms.Form):
    retired_on = forms.DateField(
        label=_("Retired from"),
        widget=DateInput,
        error_messages={"required": _("Give the date."), "invalid": _("Give a valid date.")},
    )


class DugnadTaskForm(DesignsystemetMixin, forms.Form):
    task = forms.CharField(
        label=_("Task"),
        max_length=200,
        help_text=_("For example hallway washing, garden work, the yearly container."),
        error_messages={"required": _("Write the task.")},
    )
    day = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        error_messages={"required": _("Give the date."), "invalid": _("Give a valid date.")},
    )
    assigned = PeopleChoiceField(
        label=_("Who"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, residents: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned"].queryset = residents


class DugnadTaskEditForm(DugnadTaskForm):
    done = forms.BooleanField(label=_("Done"), required=False)
