"""FormRenderer draws each field as Designsystemet's field: label or legend,
description, widget, error, tied together by ids (field_group_html)."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation

from boligtorg.core.forms import DesignsystemetMixin


@pytest.fixture(autouse=True)
def _english():  # noqa: ANN202 - Django's own messages, untranslated
    with translation.override("en"):
        yield


class _Form(DesignsystemetMixin, forms.Form):
    name = forms.CharField(label="Name <full>", help_text="As in the register & passport.")
    pets = forms.BooleanField(label="Pets", required=True)
    situation = forms.ChoiceField(
        label="Situation",
        help_text="Where the household lives now.",
        choices=[("none", "Without a dwelling"), ("risk", "At risk <of losing it>")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note", required=False)

    def clean_name(self) -> str:
        raise forms.ValidationError("Not <a> name.")


# A required field's tag; a widget's own required attribute tells screen readers.
REQUIRED_TAG = (
    '<span class="ds-tag bt-required" data-color="warning" data-size="sm" aria-hidden="true">'
    "Required</span>"
)


def _group(form: forms.Form, name: str) -> object:
    return parse_html(form[name].as_field_group())


def test_a_text_field_has_label_description_and_error_tied_by_ids() -> None:
    form = _Form({"name": "Ole", "situation": "risk"})
    assert _group(form, "name") == parse_html(
        '<div class="ds-field bt-field">'
        f'<div class="bt-label-row"><label class="ds-label" for="id_name">Name &lt;full&gt;'
        f"</label> {REQUIRED_TAG}</div>"
        '<div data-field="description" id="id_name_helptext">'
        "As in the register &amp; passport.</div>"
        '<input type="text" name="name" value="Ole" class="ds-input" required aria-invalid="true"'
        ' aria-describedby="id_name_helptext id_name_error" id="id_name">'
        '<p class="ds-validation-message" data-field="validation" id="id_name_error">'
        "Not &lt;a&gt; name.</p></div>"
    )


def test_a_field_without_help_or_error_is_label_and_input() -> None:
    form = _Form()
    assert _group(form, "note") == parse_html(
        '<div class="ds-field bt-field"><label class="ds-label" for="id_note">Note</label>'
        '<input type="text" name="note" class="ds-input" id="id_note"></div>'
    )


def test_a_checkbox_comes_before_its_label() -> None:
    form = _Form({"situation": "risk"})
    assert _group(form, "pets") == parse_html(
        '<div class="ds-field bt-field">'
        '<input type="checkbox" name="pets" class="ds-input" required aria-invalid="true"'
        ' aria-describedby="id_pets_error" id="id_pets">'
        '<div class="bt-label-row">'
        f'<label class="ds-label" data-weight="regular" for="id_pets">Pets</label> {REQUIRED_TAG}'
        "</div>"
        '<p class="ds-validation-message" data-field="validation" id="id_pets_error">'
        "This field is required.</p></div>"
    )


def test_radio_choices_are_a_fieldset_with_the_chosen_one_checked() -> None:
    form = _Form({"situation": "risk"})
    assert _group(form, "situation") == parse_html(
        '<fieldset class="ds-fieldset bt-field"><legend class="ds-label">Situation '
        '<span class="ds-tag bt-required" data-color="warning" data-size="sm">Required</span>'
        "</legend>"
        '<p data-field="description">Where the household lives now.</p>'
        '<div class="ds-field"><input type="radio" class="ds-input" name="situation"'
        ' value="none" id="id_situation_0">'
        '<label class="ds-label" data-weight="regular" for="id_situation_0">Without a dwelling'
        "</label></div>"
        '<div class="ds-field"><input type="radio" class="ds-input" name="situation"'
        ' value="risk" id="id_situation_1" checked>'
        '<label class="ds-label" data-weight="regular" for="id_situation_1">'
        "At risk &lt;of losing it&gt;</label></div></fieldset>"
    )


def test_radio_choices_with_an_error_mark_every_choice_invalid() -> None:
    form = _Form({"name": "Ole"})
    group = form["situation"].as_field_group()
    assert 'aria-describedby="id_situation_error"' in group.split(">", 1)[0]
    assert group.count('aria-invalid="true"') == 2
    assert 'id="id_situation_error">This field is required.</p>' in group
