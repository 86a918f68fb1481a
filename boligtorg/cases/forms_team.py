"""Forms of the mapping interview, the case team and consent. They parse input; the
rules (dates, scores, urgency, who may write which special category) are the
services' (``services/team.py``), whose messages land at the same fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DesignsystemetMixin, UserChoiceField
from boligtorg.core.models import User

from .access import SPECIAL_CATEGORIES
from .forms import DateInput
from .models import MappingInterview, Score
from .services import team as team_services

SERVICE_SUGGESTIONS = (
    _("Housing office"),
    _("NAV"),
    _("Health and care"),
    _("Mental health and substance use"),
    _("Child welfare"),
    _("Refugee service"),
    _("Follow-up service"),
)


def _score_field(label: str | Promise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": team_services.ERROR_SCORE,
            "invalid_choice": team_services.ERROR_SCORE,
        },
    )


def _text_field(label: str | Promise, help_text: str | Promise = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InterviewForm(DesignsystemetMixin, forms.Form):
    """The structured mapping interview. The special-category fields exist only for
    the categories in ``visible``; the others are not in the form at all, so a save
    can never blank them."""

    held_on = forms.DateField(
        label=_("Date of the interview"),
        widget=DateInput(),
        error_messages={"required": team_services.ERROR_HELD_ON_REQUIRED},
    )
    situation_notes = _text_field(
        _("Current situation"), _("Where the household lives now and what is about to change.")
    )
    economy_score = _score_field(_("Economy and rent"))
    economy_notes = _text_field(_("Economy and rent, notes"))
    neighbours_score = _score_field(_("Neighbours"))
    cleaning_score = _score_field(_("Cleaning and upkeep"))
    daily_activity_score = _score_field(_("Daily activity"))
    network_score = _score_field(_("Network"))
    capacity_notes = _text_field(_("Tenancy capacity, notes"))
    service_needs = _text_field(
        _("Needs for services"), _("For example home follow-up, debt advice, activity.")
    )
    urgent = forms.BooleanField(label=_("Medical or social urgency"), required=False)
    in_work_or_education = forms.BooleanField(label=_("In work or education"), required=False)
    interest_in_young_people = forms.BooleanField(
        label=_("Wants to be a role model for young people"),
        help_text=_("Asked when a shared house with young residents is an option."),
        required=False,
    )
    # The interview's version when the form was opened (0: there was none).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    urgency_reason = _text_field(_("Reason for urgency"), _("Required when the case is urgent."))
    wishes = _text_field(
        _("Wishes"), _("Area, type of dwelling, near family, school or work; what to avoid.")
    )
    health = _text_field(_("Health"))
    substance_use = _text_field(_("Substance use"))
    criminal_record = _text_field(_("Criminal record"))

    FIELDSETS = (
        ("situation", _("Situation"), ("held_on", "situation_notes")),
        (
            "capacity",
            _("Tenancy capacity"),
            (
                "economy_score",
                "economy_notes",
                "neighbours_score",
                "cleaning_score",
                "daily_activity_score",
                "in_work_or_education",
                "network_score",
                "capacity_notes",
            ),
        ),
        ("services", _("Needs for services"), ("service_needs", "urgent", "urgency_reason")),
        ("wishes", _("Wishes"), ("wishes", "interest_in_young_people")),
        ("sensitive", _("Sensitive information"), SPECIAL_CATEGORIES),
    )

    def __init__(self, *args: Any, visible: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shown = set(visible)
        for name in SPECIAL_CATEGORIES:
            if name not in shown:
                del self.fields[name]

    @classmethod
    def initial_from(cls, interview: MappingInterview | None, visible: Iterable[str]) -> dict:
        """The stored answers as the form's initial data; today's date for a new one."""
        if interview is None:
            return {"held_on": timezone.localdate(), "version": 0}
        names = [
            name
            for _key, _legend, names in cls.FIELDSETS
            for name in names
            if name not in SPECIAL_CATEGORIES
        ]
        initial = {name: getattr(interview, name) for name in names}
        initial.update({name: getattr(interview, name) for name in visible})
        initial["version"] = interview.version
        return initial

    def fieldsets(self) -> list[tuple[str, str | Promise, list[forms.BoundField]]]:
        """(key, legend, bound fields) per fieldset, leaving out fields not in the form."""
        return [
            (key, legend, [self[name] for name in names if name in self.fields])
            for key, legend, names in self.FIELDSETS
        ]


# Every user picker shows name, username and the roles held in the municipality.
ColleagueChoiceField = UserChoiceField


class CoordinatorForm(DesignsystemetMixin, forms.Form):
    coordinator = ColleagueChoiceField(
        label=_("Coordinator"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No coordinator"),
        help_text=_("One named person who owns the case across services."),
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = colleagues


class TeamMemberForm(DesignsystemetMixin, forms.Form):
    user = ColleagueChoiceField(
        label=_("User"),
        queryset=User.objects.none(),
        error_messages={"required": team_services.ERROR_NOT_A_COLLEAGUE},
    )
    service = forms.CharField(
        label=_("Service"),
        max_length=100,
        help_text=_("The service the team member comes from, for example NAV or child welfare."),
        widget=forms.TextInput(attrs={"list": "service-suggestions", "autocomplete": "off"}),
        error_messages={"required": team_services.ERROR_SERVICE_REQUIRED},
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = colleagues


class FollowupWorkerForm(DesignsystemetMixin, forms.Form):
    worker = UserChoiceField(
        label=_("Follow-up worker"),
        queryset=User.objects.none(),
        empty_label=_("Choose a follow-up worker"),
        help_text=_("Only follow-up workers of the municipality are listed."),
        error_messages={"required": team_services.ERROR_NOT_A_FOLLOWUP_WORKER},
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class AccessRequestForm(DesignsystemetMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you need access?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the household has been referred to the follow-up service."),
        error_messages={"required": team_services.ERROR_REQUEST_REASON_REQUIRED},
    )


class AccessRefuseForm(DesignsystemetMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The worker is told this reason."),
        error_messages={"required": team_services.ERROR_REFUSAL_REASON_REQUIRED},
    )


class ConsentForm(DesignsystemetMixin, forms.Form):
    services = forms.CharField(
        label=_("Services"),
        max_length=300,
        help_text=_("The services that may receive the information, for example NAV, health."),
        error_messages={"required": team_services.ERROR_CONSENT_SERVICES_REQUIRED},
    )
    categories = forms.MultipleChoiceField(
        label=_("Sensitive information the consent covers"),
        required=False,
        choices=[
            ("health", _("Health")),
            ("substance_use", _("Substance use")),
            ("criminal_record", _("Criminal record")),
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the case team sees these, and only while the consent is valid."),
    )
    given_on = forms.DateField(
        label=_("Given on"),
        widget=DateInput(),
        error_messages={"required": team_services.ERROR_GIVEN_ON_REQUIRED},
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        help_text=_("The last day the consent is valid."),
        error_messages={"required": team_services.ERROR_VALID_UNTIL_REQUIRED},
    )

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as ``consent_record`` takes it."""
        data = dict(self.cleaned_data)
        categories = set(data.pop("categories", []))
        data.update({f"covers_{name}": name in categories for name in SPECIAL_CATEGORIES})
        return data


class ConsentRevokeForm(DesignsystemetMixin, forms.Form):
    revoked_on = forms.DateField(label=_("Revoked on"), widget=DateInput())
