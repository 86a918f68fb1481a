"""Forms tell the user what they must fill in, in the user's language: required
fields are marked, a select's empty choice is worded, and Django's own validation
messages speak our words."""

import re

import pytest
from django import forms
from django.urls import reverse

from boligtorg.core.factories import member
from boligtorg.core.forms import DesignsystemetMixin, MemberCreateForm
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory

pytestmark = pytest.mark.django_db

DASHES = "---------"


def _field_html(form: forms.Form, name: str) -> str:
    return str(form[name].as_field_group())


def test_a_required_field_is_marked_and_an_optional_one_is_not(english_messages):
    form = MemberCreateForm()
    first_name = _field_html(form, "first_name")
    assert re.search(
        r'<label class="ds-label" for="id_first_name">First name</label> <span[^>]*>Required<',
        first_name,
    )
    assert 'class="ds-tag bt-required"' in first_name
    assert "bt-required" not in _field_html(form, "email")


def test_a_screen_reader_hears_required_once_for_an_input_and_in_a_groups_legend(
    english_messages,
):
    form = MemberCreateForm()
    # The input says it itself (required), so the tag is only seen, outside the label:
    # the field's name stays "First name".
    first_name = _field_html(form, "first_name")
    assert " required" in first_name
    assert 'aria-hidden="true">Required</span>' in first_name
    assert "First name</label>" in first_name
    # A group of checkboxes has no required attribute: its legend says it.
    roles = _field_html(form, "roles")
    assert re.search(r"<legend[^>]*>Roles <span[^>]*>Required</span></legend>", roles)
    assert 'aria-hidden="true">Required' not in roles


class _DwellingTypeForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        from boligtorg.housing.models import Dwelling

        model = Dwelling
        fields = ["dwelling_type", "landlord"]


def test_a_select_offers_choose_instead_of_dashes(english_messages):
    form = _DwellingTypeForm()
    html = str(form["dwelling_type"]) + str(form["landlord"])
    assert DASHES not in html
    assert '<option value="" selected>Choose…</option>' in html


@pytest.fixture
def planner(trondheim):
    return member("pia", trondheim, Role.PLANNER, first_name="Pia")


@pytest.fixture
def allocator(trondheim):
    return member("anders", trondheim, Role.ALLOCATION_MEMBER, Role.CASEWORKER, first_name="Anders")


def test_no_create_form_of_the_main_pages_offers_dashes(
    client, kari, tone, planner, allocator, ole_case, trondheim
):
    dwelling = DwellingFactory(municipality=trondheim)
    pages = {
        kari: [
            reverse("cases:create"),
            reverse("cases:member_add", args=[ole_case.pk]),
            reverse("cases:decision_create", args=[ole_case.pk]),
            reverse("cases:consent_create", args=[ole_case.pk]),
            reverse("housing:dwelling_create"),
            reverse("housing:landlord_create"),
            reverse("housing:lease_create", args=[dwelling.pk]),
            reverse("followup:plan_create", args=[ole_case.pk]),
        ],
        allocator: [reverse("allocation:meeting_create")],
        tone: [reverse("core:member_create"), reverse("allocation:rule_set_create")],
        planner: [
            reverse("planning:area_create"),
            reverse("planning:criterion_set_create"),
            reverse("planning:programme_create"),
            reverse("planning:action_plan_create"),
        ],
    }
    offered = []
    for user, paths in pages.items():
        client.force_login(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            assert "<form" in html, path
            if DASHES in html:
                offered.append(path)
    assert not offered


def test_a_bokmal_page_says_a_missing_field_must_be_filled_in(client, tone):
    client.force_login(tone)
    response = client.post(reverse("core:member_create"), {"username": "ola"})
    html = response.content.decode()
    assert "Dette feltet må fylles ut." in html
    assert "Feltet er påkrevet." not in html
    assert "This field is required." not in html


class _SituationForm(DesignsystemetMixin, forms.Form):
    situation = forms.ChoiceField(
        choices=[("", DASHES), ("none", "Without a dwelling")], widget=forms.RadioSelect
    )
    later = forms.ChoiceField(
        required=False,
        choices=[("", DASHES), ("soon", "Soon")],
        widget=forms.RadioSelect,
    )


def test_a_required_radio_group_has_no_empty_choice_and_an_optional_one_says_choose(
    english_messages,
):
    form = _SituationForm()
    assert list(form.fields["situation"].choices) == [("none", "Without a dwelling")]
    assert [str(label) for _value, label in form.fields["later"].choices] == ["Choose…", "Soon"]
