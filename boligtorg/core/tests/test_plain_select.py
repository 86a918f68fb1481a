"""PlainSelect draws in Python what Django's Select draws with its templates."""

import pytest
from django import forms
from django.test.html import parse_html

from boligtorg.core.forms import PlainSelect

CHOICES = [("", "All"), ("a&b", "Å <b>"), (3, "three")]


@pytest.mark.parametrize("value", ["", "a&b", 3, "3", None, "not a choice"])
def test_plain_select_draws_the_same_select_as_django(value: object) -> None:
    attrs = {"class": "ds-input", "required": True, "aria-describedby": "id_st_helptext"}
    django_select = forms.Select(choices=CHOICES, attrs=attrs).render("st", value, {"id": "id_st"})
    plain = PlainSelect(choices=CHOICES, attrs=attrs).render("st", value, {"id": "id_st"})
    # parse_html compares elements, attributes in any order, text unescaped.
    assert parse_html(plain) == parse_html(django_select)


def test_plain_select_escapes_labels_and_values() -> None:
    html = PlainSelect(choices=CHOICES).render("st", "a&b")
    assert '<option value="a&amp;b" selected>Å &lt;b&gt;</option>' in html
    assert "<b>" not in html
