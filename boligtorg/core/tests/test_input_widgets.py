"""FormRenderer draws Django's <input> widgets in Python to the very HTML Django's
own templates draw."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from boligtorg.core.forms import INPUT_TEMPLATES, FormRenderer

ATTRS = {
    "class": "ds-input",
    "required": True,
    "disabled": False,
    "aria-describedby": "id_f_helptext",
    "placeholder": gettext_lazy("Search"),
    "data-x": 'a"b<c>&',
}
WIDGETS = [
    (forms.TextInput, 'Ole <Hansen> & "co"'),
    (forms.TextInput, ""),
    (forms.TextInput, None),
    (forms.NumberInput, 0),
    (forms.NumberInput, 12.5),
    (forms.EmailInput, "ole@example.invalid"),
    (forms.URLInput, "https://example.invalid/?a=1&b=2"),
    (forms.PasswordInput, "secret"),
    (lambda **kw: forms.PasswordInput(render_value=True, **kw), "secret"),
    (forms.HiddenInput, 42),
    (forms.DateInput, datetime.date(2026, 12, 3)),
    (forms.DateTimeInput, datetime.datetime(2026, 12, 3, 8, 30, tzinfo=datetime.UTC)),
    (forms.TimeInput, datetime.time(8, 30)),
    (forms.CheckboxInput, True),
    (forms.CheckboxInput, False),
    (forms.TextInput, mark_safe("<i>safe</i>")),  # noqa: S308 - the test of safe text
]


@pytest.mark.parametrize(("widget_class", "value"), WIDGETS)
def test_an_input_is_drawn_as_djangos_template_draws_it(widget_class, value) -> None:
    widget = widget_class(attrs=ATTRS)
    django_html = widget.render("f", value, {"id": "id_f"}, renderer=DjangoTemplates())
    ours = widget.render("f", value, {"id": "id_f"}, renderer=FormRenderer())
    assert ours == django_html


def test_every_template_drawn_in_python_is_an_input_of_django() -> None:
    # Each is Django's one-line include of input.html (or input.html itself): a
    # template of another shape must not be drawn as an input.
    renderer = DjangoTemplates()
    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:
        source = renderer.get_template(name).template.source.strip()
        assert source == '{% include "django/forms/widgets/input.html" %}', name
